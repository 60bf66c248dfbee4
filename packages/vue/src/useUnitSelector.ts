import type { ObservableUnit } from '@teams-endpoint/core';
import { computed, customRef, getCurrentScope, onScopeDispose, type Ref } from 'vue';
import { warnOutsideScope } from './startOnClient';

/**
 * Subscribes to a unit (the endpoint, a call, a list) and returns the selected slice of its snapshot as a
 * readonly, shallow ref. Dependents update only when the selection changes by `isEqual` (default
 * `Object.is`); an equal selection keeps its previous identity. The selector may also read other refs.
 * Unsubscribes when the current effect scope (the component) is disposed.
 *
 * @example
 * const status = useUnitSelector(call, (s) => s.status); // no update when participants change
 */
export function useUnitSelector<TSnapshot, TSelected>(
  unit: Pick<ObservableUnit<TSnapshot>, 'getSnapshot' | 'subscribe'>,
  selector: (snapshot: TSnapshot) => TSelected,
  isEqual: (previous: TSelected, next: TSelected) => boolean = Object.is,
): Readonly<Ref<TSelected>> {
  let unsubscribe: () => void = () => {};
  // Holds no copy of the state: every read is the unit's own cached snapshot.
  const snapshot = customRef<TSnapshot>((track, trigger) => {
    unsubscribe = unit.subscribe(trigger);
    return {
      get: () => {
        track();
        return unit.getSnapshot();
      },
      set: () => {},
    };
  });
  if (getCurrentScope()) onScopeDispose(unsubscribe);
  else warnOutsideScope();
  let hasValue = false;
  return computed<TSelected>((previous) => {
    const next = selector(snapshot.value);
    if (hasValue && isEqual(previous as TSelected, next)) return previous as TSelected;
    hasValue = true;
    return next;
  });
}
