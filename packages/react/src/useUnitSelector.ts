import type { ObservableUnit } from '@teams-endpoint/core';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';

/**
 * Subscribes to a unit (the endpoint, a call, a list) and returns the selected slice of its snapshot.
 * The component re-renders only when the selection changes by `isEqual` (default `Object.is`); an equal
 * selection keeps its previous identity. Works with server rendering (the unit's current snapshot).
 *
 * @example
 * const status = useUnitSelector(call, (s) => s.status); // no re-render when participants change
 */
export function useUnitSelector<TSnapshot, TSelected>(
  unit: Pick<ObservableUnit<TSnapshot>, 'getSnapshot' | 'subscribe'>,
  selector: (snapshot: TSnapshot) => TSelected,
  isEqual: (previous: TSelected, next: TSelected) => boolean = Object.is,
): TSelected {
  const committed = useRef<{ value: TSelected } | null>(null);
  const subscribe = useCallback((onChange: () => void) => unit.subscribe(onChange), [unit]);
  // The selection is memoized on the snapshot, so React reads the same value until the unit changes.
  const getSelection = useMemo(() => {
    let memo: { snapshot: TSnapshot; value: TSelected } | null = null;
    return () => {
      const snapshot = unit.getSnapshot();
      if (memo && Object.is(memo.snapshot, snapshot)) return memo.value;
      const next = selector(snapshot);
      const previous = memo ?? committed.current;
      memo = { snapshot, value: previous && isEqual(previous.value, next) ? previous.value : next };
      return memo.value;
    };
  }, [unit, selector, isEqual]);
  const selected = useSyncExternalStore(subscribe, getSelection, getSelection);
  useEffect(() => {
    committed.current = { value: selected };
  }, [selected]);
  return selected;
}
