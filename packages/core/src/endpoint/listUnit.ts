import { createActor } from 'xstate';
import type { TeamsEndpointErrorInfo } from '../errors';
import { type ListItem, listMachine, type PageLoader } from '../machines/listMachine';
import { createUnitStore, type ObservableUnit, shareShallow } from '../store/observableUnit';

export type ListStatus = 'idle' | 'loading' | 'loaded' | 'loading_more' | 'failed';

/**
 * A list's state. `items` keeps its identity until the list changes, and never lists the same `id` twice.
 * `status` is `failed` with `error.code === 'malformed_response'` when the service's pages point back to a
 * page already loaded; `hasMore` is then false.
 */
export interface ListSnapshot<TItem, TQuery> {
  readonly status: ListStatus;
  readonly items: readonly TItem[];
  readonly query: TQuery;
  readonly hasMore: boolean;
  readonly error: TeamsEndpointErrorInfo | null;
}

/**
 * An observable list (customers, people, meetings).
 *
 * @example
 * endpoint.people.load('meg'); // search; supersedes any search in flight
 * endpoint.people.subscribe(() => render(endpoint.people.getSnapshot().items));
 */
export interface ListUnit<TItem, TQuery> extends ObservableUnit<ListSnapshot<TItem, TQuery>> {
  /** Loads the first page, for `query` if given, else for the current query. */
  load(query?: TQuery): void;
  /**
   * Loads unless the list is already loading or loaded for an equal query (or, without `query`, unless it has
   * loaded at all); a list that failed is tried again. It never restarts a request in flight.
   */
  ensureLoaded(query?: TQuery): void;
  /** Appends the next page, if there is one. */
  loadMore(): void;
  /** Retries after a failure. */
  retry(): void;
}

const STATUS: Record<string, ListStatus> = {
  idle: 'idle',
  loading: 'loading',
  loaded: 'loaded',
  loadingMore: 'loading_more',
  loadMoreFailed: 'failed',
  failed: 'failed',
};

export interface ListUnitInternals<TItem, TQuery> {
  readonly list: ListUnit<TItem, TQuery>;
  /** Back to idle with no items (sign-out). */
  readonly reset: () => void;
  readonly subscriberCount: () => number;
  readonly stop: () => void;
}

export interface ListQueryRules<TQuery> {
  /** Validates and normalizes a query (throws a typed error for a bad one). */
  readonly normalize?: (query: TQuery) => TQuery;
  /** Whether two normalized queries ask for the same list. Default `Object.is`. */
  readonly same?: (a: TQuery, b: TQuery) => boolean;
}

/**
 * Creates an observable list over a page loader. Items are told apart by `id`: the first occurrence wins.
 *
 * @example
 * const people = createListUnit<Person, string>(
 *   (search, pageToken, signal) => graph.listPeople({ search, ...(pageToken ? { pageToken } : {}), signal }),
 *   '',
 *   { normalize: (query) => query.trim() },
 * );
 */
export function createListUnit<TItem extends ListItem, TQuery>(
  load: PageLoader<TItem, TQuery>,
  initialQuery: TQuery,
  rules: ListQueryRules<TQuery> = {},
): ListUnitInternals<TItem, TQuery> {
  const normalize = rules.normalize ?? ((query: TQuery) => query);
  const same = rules.same ?? Object.is;
  const actor = createActor(listMachine, {
    input: { load: load as PageLoader<ListItem, unknown>, query: initialQuery },
  });
  const store = createUnitStore<ListSnapshot<TItem, TQuery>>((previous) => {
    const snapshot = actor.getSnapshot();
    const { context } = snapshot;
    return shareShallow(previous, {
      status: STATUS[snapshot.value as string] ?? 'idle',
      items: context.items as readonly TItem[],
      query: context.query as TQuery,
      hasMore: context.nextPageToken !== undefined,
      error: context.error ? shareShallow(previous?.error ?? undefined, context.error.toJSON()) : null,
    });
  });
  const subscription = actor.subscribe(() => store.invalidate());
  actor.start();

  return {
    list: {
      getSnapshot: store.getSnapshot,
      subscribe: store.subscribe,
      state$: store.state$,
      load: (...args: [TQuery?]) =>
        actor.send(
          args.length > 0 ? { type: 'LOAD', query: normalize(args[0] as TQuery) } : { type: 'LOAD' },
        ),
      ensureLoaded: (query?: TQuery) => {
        const current = actor.getSnapshot();
        if (query === undefined) {
          if (current.value === 'idle' || current.value === 'failed') actor.send({ type: 'LOAD' });
          return;
        }
        const next = normalize(query);
        const settledWithout = current.value === 'idle' || current.value === 'failed';
        if (settledWithout || !same(current.context.query as TQuery, next)) {
          actor.send({ type: 'LOAD', query: next });
        }
      },
      loadMore: () => actor.send({ type: 'LOAD_MORE' }),
      retry: () => actor.send({ type: 'RETRY' }),
    },
    reset: () => actor.send({ type: 'RESET' }),
    subscriberCount: () => store.subscriberCount,
    stop: () => {
      subscription.unsubscribe();
      actor.stop();
      store.close();
    },
  };
}
