import type { ListSnapshot, ListUnit } from '@teams-endpoint/core';
import { useEffect, useMemo } from 'react';
import { useUnitSelector } from './useUnitSelector';

/** What the list hooks return: the list's snapshot, and the list itself for `loadMore` and `retry`. */
export interface ListState<TItem, TQuery> {
  readonly snapshot: ListSnapshot<TItem, TQuery>;
  readonly list: ListUnit<TItem, TQuery>;
}

const whole = <T>(snapshot: T) => snapshot;

/**
 * Loads `list` for `query` (`undefined`: its current query) unless it is already loading or loaded for an
 * equal one, so re-renders, remounts and StrictMode's repeated effects do not restart the request.
 */
function loadUnlessCurrent<TQuery>(
  list: ListUnit<unknown, TQuery>,
  query: TQuery | undefined,
  sameQuery: (current: TQuery, next: TQuery) => boolean,
): void {
  const current = list.getSnapshot();
  if (query === undefined) {
    if (current.status === 'idle') list.load();
  } else if (current.status === 'idle' || !sameQuery(current.query, query)) {
    list.load(query);
  }
}

/** The list hooks' shared body: subscribe to the list and keep it loaded for `query`. */
export function useList<TItem, TQuery>(
  list: ListUnit<TItem, TQuery>,
  query?: TQuery,
  sameQuery: (current: TQuery, next: TQuery) => boolean = Object.is,
): ListState<TItem, TQuery> {
  useEffect(() => loadUnlessCurrent(list, query, sameQuery), [list, query, sameQuery]);
  const snapshot = useUnitSelector(list, whole);
  return useMemo(() => ({ snapshot, list }), [snapshot, list]);
}
