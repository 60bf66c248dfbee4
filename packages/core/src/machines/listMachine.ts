import { assign, fromPromise, setup } from 'xstate';
import type { Page } from '../domain/people';
import { TeamsEndpointError, toTeamsEndpointError } from '../errors';

/** Loads one page of a list for a query. */
export type PageLoader<TItem, TQuery> = (
  query: TQuery,
  pageToken: string | undefined,
  signal: AbortSignal,
) => Promise<Page<TItem>>;

/** What every list item has: the id that keeps it from being listed twice. */
export interface ListItem {
  readonly id: string;
}

export interface ListInput {
  readonly load: PageLoader<ListItem, unknown>;
  readonly query: unknown;
}

export interface ListContext extends ListInput {
  /** No two share an `id`. */
  readonly items: readonly ListItem[];
  readonly nextPageToken: string | undefined;
  /** Every `nextPageToken` the pages of this query gave so far. */
  readonly seenPageTokens: readonly string[];
  readonly error: TeamsEndpointError | null;
}

export type ListEvent =
  | { type: 'LOAD'; query?: unknown }
  | { type: 'LOAD_MORE' }
  | { type: 'RETRY' }
  | { type: 'RESET' };

const loadPage = fromPromise<Page<ListItem>, { context: ListContext; pageToken: string | undefined }>(
  ({ input, signal }) => input.context.load(input.context.query, input.pageToken, signal),
);

/** `items` followed by those of `added` whose id is new (the first occurrence wins); `items` itself if none is. */
function appendNew(items: readonly ListItem[], added: readonly ListItem[]): readonly ListItem[] {
  const ids = new Set(items.map((item) => item.id));
  const fresh: ListItem[] = [];
  for (const item of added) {
    if (ids.has(item.id)) continue;
    ids.add(item.id);
    fresh.push(item);
  }
  return fresh.length === 0 ? items : [...items, ...fresh];
}

const EMPTY = { items: [], nextPageToken: undefined, seenPageTokens: [], error: null } as const;

/**
 * Loads a list (customers, people, meetings) page by page. A new query supersedes the one in flight: its
 * request is aborted and its late answer ignored.
 *
 * No id is listed twice: a page's items whose id is already listed (or repeats within the page) are left out.
 * A page whose `nextPageToken` repeats one this query's pages already gave (a page pointing to itself, or a
 * cycle A → B → A) stops paging in `loadMoreFailed` with `malformed_response`: its new items are kept, there
 * is no next page, and RETRY and LOAD_MORE do nothing until the next LOAD. The Graph port can refuse a
 * foreign `nextLink`, but only the machine sees every page of a query, so only it can see a cycle.
 */
export const listMachine = setup({
  types: { context: {} as ListContext, events: {} as ListEvent, input: {} as ListInput },
  actors: { loadPage },
  guards: {
    hasMore: ({ context }) => context.nextPageToken !== undefined,
    repeatsPageToken: ({ context }, params: { page: Page<ListItem> }) =>
      params.page.nextPageToken !== undefined && context.seenPageTokens.includes(params.page.nextPageToken),
  },
  actions: {
    showFirstPage: assign((_, params: { page: Page<ListItem> }) => {
      const { nextPageToken } = params.page;
      return {
        items: appendNew([], params.page.items),
        nextPageToken,
        seenPageTokens: nextPageToken === undefined ? [] : [nextPageToken],
      };
    }),
    appendPage: assign(({ context }, params: { page: Page<ListItem> }) => {
      const { nextPageToken } = params.page;
      return {
        items: appendNew(context.items, params.page.items),
        nextPageToken,
        seenPageTokens:
          nextPageToken === undefined ? context.seenPageTokens : [...context.seenPageTokens, nextPageToken],
      };
    }),
    stopAtRepeatedPageToken: assign({
      nextPageToken: undefined,
      error: () =>
        new TeamsEndpointError(
          'malformed_response',
          'The list stopped loading: a page pointed back to a page it had already loaded.',
          { details: { reason: 'repeated_page_token' } },
        ),
    }),
  },
}).createMachine({
  id: 'list',
  context: ({ input }) => ({ ...input, ...EMPTY }),
  initial: 'idle',
  on: {
    // Sign-out: the next user must not see this user's people or calendar.
    RESET: { target: '.idle', actions: assign(EMPTY) },
    LOAD: {
      target: '.loading',
      reenter: true,
      actions: assign({ query: ({ context, event }) => ('query' in event ? event.query : context.query) }),
    },
  },
  states: {
    idle: {},
    loading: {
      entry: assign({ error: null }),
      invoke: {
        id: 'loadFirstPage',
        src: 'loadPage',
        input: ({ context }) => ({ context, pageToken: undefined }),
        onDone: {
          target: 'loaded',
          actions: { type: 'showFirstPage', params: ({ event }) => ({ page: event.output }) },
        },
        onError: {
          target: 'failed',
          actions: assign({
            error: ({ event }) =>
              toTeamsEndpointError(event.error, 'unknown', 'The list could not be loaded.'),
          }),
        },
      },
    },
    loaded: { on: { LOAD_MORE: { guard: 'hasMore', target: 'loadingMore' } } },
    loadingMore: {
      entry: assign({ error: null }),
      invoke: {
        id: 'loadNextPage',
        src: 'loadPage',
        input: ({ context }) => ({ context, pageToken: context.nextPageToken }),
        onDone: [
          {
            guard: { type: 'repeatsPageToken', params: ({ event }) => ({ page: event.output }) },
            target: 'loadMoreFailed',
            actions: [
              { type: 'appendPage', params: ({ event }) => ({ page: event.output }) },
              'stopAtRepeatedPageToken',
            ],
          },
          {
            target: 'loaded',
            actions: { type: 'appendPage', params: ({ event }) => ({ page: event.output }) },
          },
        ],
        onError: {
          target: 'loadMoreFailed',
          actions: assign({
            error: ({ event }) =>
              toTeamsEndpointError(event.error, 'unknown', 'The next page could not be loaded.'),
          }),
        },
      },
    },
    /** The items loaded so far stay; RETRY asks for the same page again, if paging has not stopped. */
    loadMoreFailed: {
      on: {
        RETRY: { guard: 'hasMore', target: 'loadingMore' },
        LOAD_MORE: { guard: 'hasMore', target: 'loadingMore' },
      },
    },
    failed: { on: { RETRY: 'loading' } },
  },
});
