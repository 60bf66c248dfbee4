import type { ListSnapshot, ListUnit } from '@teams-endpoint/core';
import { useEffect, useMemo } from 'react';
import { useUnitSelector } from './useUnitSelector';

/** What the list hooks return: the list's snapshot, and the list itself for `loadMore` and `retry`. */
export interface ListState<TItem, TQuery> {
  readonly snapshot: ListSnapshot<TItem, TQuery>;
  readonly list: ListUnit<TItem, TQuery>;
}

const whole = <T>(snapshot: T) => snapshot;

/** The list hooks' shared body: subscribe to the list and keep it loaded for `query`. */
export function useList<TItem, TQuery>(
  list: ListUnit<TItem, TQuery>,
  query?: TQuery,
): ListState<TItem, TQuery> {
  // ensureLoaded never restarts a request for an equal query: re-renders and StrictMode's repeated effects are free.
  useEffect(() => list.ensureLoaded(query), [list, query]);
  const snapshot = useUnitSelector(list, whole);
  return useMemo(() => ({ snapshot, list }), [snapshot, list]);
}
