import type { ListSnapshot, ListUnit } from '@teams-endpoint/core';
import { type MaybeRefOrGetter, type Ref, toValue, watch } from 'vue';
import { startOnClient } from './startOnClient';
import { useUnitSelector } from './useUnitSelector';

/** What the list composables return: the list's snapshot, and the list itself for `loadMore` and `retry`. */
export interface ListState<TItem, TQuery> {
  readonly snapshot: Readonly<Ref<ListSnapshot<TItem, TQuery>>>;
  readonly list: ListUnit<TItem, TQuery>;
}

const whole = <T>(snapshot: T) => snapshot;

/**
 * The list composables' shared body: subscribe to the list and keep it loaded for `query`. Loading starts
 * once mounted, as the subscription does: a server render shows the list as it is and requests nothing.
 */
export function useList<TItem, TQuery>(
  list: ListUnit<TItem, TQuery>,
  query?: MaybeRefOrGetter<TQuery | undefined>,
): ListState<TItem, TQuery> {
  // ensureLoaded never restarts a request for an equal query: several components may show the same list.
  startOnClient(() => {
    watch(
      () => toValue(query),
      (next) => list.ensureLoaded(next),
      { immediate: true },
    );
  });
  return { snapshot: useUnitSelector(list, whole), list };
}
