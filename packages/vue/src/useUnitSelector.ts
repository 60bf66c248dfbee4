import type { ObservableUnit } from '@teams-endpoint/core';
import { computed, customRef, getCurrentScope, onScopeDispose, type Ref } from 'vue';
import { startOnClient } from './startOnClient';

/**
 * Subscribes to a unit (the endpoint, a call, a list) and returns the selected slice of its snapshot as a
 * readonly, shallow ref. Dependents update only when the selection changes by `isEqual` (default
 * `Object.is`); an equal selection keeps its previous identity. The selector may also read other refs.
 * In a component it subscribes once mounted, so server rendering reads the snapshot as it is and leaves no
 * listener; in a bare effect scope it subscribes at once. It unsubscribes when that scope is disposed.
 *
 * @example
 * const status = useUnitSelector(call, (s) => s.status); // no update when participants change
 */
export function useUnitSelector<TSnapshot, TSelected>(
  unit: Pick<ObservableUnit<TSnapshot>, 'getSnapshot' | 'subscribe'>,
  selector: (snapshot: TSnapshot) => TSelected,
  isEqual: (previous: TSelected, next: TSelected) => boolean = Object.is,
): Readonly<Ref<TSelected>> {
  // Holds no copy of the state: every read is the unit's own cached snapshot.
  const snapshot = customRef<TSnapshot>((track, trigger) => {
    startOnClient(() => {
      const unsubscribe = unit.subscribe(trigger);
      if (getCurrentScope()) onScopeDispose(unsubscribe);
      // Read again: a notification sent between the setup and the mount (an async setup) reached no one.
      trigger();
    });
    return {
      get: () => {
        track();
        return unit.getSnapshot();
      },
      set: () => {},
    };
  });
  let hasValue = false;
  return computed<TSelected>((previous) => {
    const next = selector(snapshot.value);
    if (hasValue && isEqual(previous as TSelected, next)) return previous as TSelected;
    hasValue = true;
    return next;
  });
}
