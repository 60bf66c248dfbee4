import type { ListSnapshot, ListUnit } from '@teams-endpoint/core';
import { type MaybeRefOrGetter, type Ref, toValue, watch } from 'vue';
import { useUnitSelector } from './useUnitSelector';

/** What the list composables return: the list's snapshot, and the list itself for `loadMore` and `retry`. */
export interface ListState<TItem, TQuery> {
  readonly snapshot: Readonly<Ref<ListSnapshot<TItem, TQuery>>>;
  readonly list: ListUnit<TItem, TQuery>;
}

const whole = <T>(snapshot: T) => snapshot;

/**
 * Loads `list` for `query` (`undefined`: its current query) unless it is already loading or loaded for an
 * equal one, so several components showing the same list do not restart its request.
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

/** The list composables' shared body: subscribe to the list and keep it loaded for `query`. */
export function useList<TItem, TQuery>(
  list: ListUnit<TItem, TQuery>,
  query?: MaybeRefOrGetter<TQuery | undefined>,
  sameQuery: (current: TQuery, next: TQuery) => boolean = Object.is,
): ListState<TItem, TQuery> {
  watch(
    () => toValue(query),
    (next) => loadUnlessCurrent(list, next, sameQuery),
    { immediate: true },
  );
  return { snapshot: useUnitSelector(list, whole), list };
}
