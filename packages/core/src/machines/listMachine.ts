import { assign, fromPromise, setup } from 'xstate';
import type { Page } from '../domain/people';
import { type TeamsEndpointError, toTeamsEndpointError } from '../errors';

/** Loads one page of a list for a query. */
export type PageLoader<TItem, TQuery> = (
  query: TQuery,
  pageToken: string | undefined,
  signal: AbortSignal,
) => Promise<Page<TItem>>;

export interface ListInput {
  readonly load: PageLoader<unknown, unknown>;
  readonly query: unknown;
}

export interface ListContext extends ListInput {
  readonly items: readonly unknown[];
  readonly nextPageToken: string | undefined;
  readonly error: TeamsEndpointError | null;
}

export type ListEvent =
  | { type: 'LOAD'; query?: unknown }
  | { type: 'LOAD_MORE' }
  | { type: 'RETRY' }
  | { type: 'RESET' };

const loadPage = fromPromise<Page<unknown>, { context: ListContext; pageToken: string | undefined }>(
  ({ input, signal }) => input.context.load(input.context.query, input.pageToken, signal),
);

/**
 * Loads a list (customers, people, meetings) page by page. A new query supersedes the one in flight: its
 * request is aborted and its late answer ignored.
 */
export const listMachine = setup({
  types: { context: {} as ListContext, events: {} as ListEvent, input: {} as ListInput },
  actors: { loadPage },
  guards: { hasMore: ({ context }) => context.nextPageToken !== undefined },
}).createMachine({
  id: 'list',
  context: ({ input }) => ({ ...input, items: [], nextPageToken: undefined, error: null }),
  initial: 'idle',
  on: {
    // Sign-out: the next user must not see this user's people or calendar.
    RESET: { target: '.idle', actions: assign({ items: [], nextPageToken: undefined, error: null }) },
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
          actions: assign({
            items: ({ event }) => event.output.items,
            nextPageToken: ({ event }) => event.output.nextPageToken,
          }),
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
        onDone: {
          target: 'loaded',
          actions: assign({
            items: ({ context, event }) => [...context.items, ...event.output.items],
            nextPageToken: ({ event }) => event.output.nextPageToken,
          }),
        },
        onError: {
          target: 'loadMoreFailed',
          actions: assign({
            error: ({ event }) =>
              toTeamsEndpointError(event.error, 'unknown', 'The next page could not be loaded.'),
          }),
        },
      },
    },
    /** The items loaded so far stay; RETRY asks for the same page again. */
    loadMoreFailed: { on: { RETRY: 'loadingMore', LOAD_MORE: 'loadingMore' } },
    failed: { on: { RETRY: 'loading' } },
  },
});
