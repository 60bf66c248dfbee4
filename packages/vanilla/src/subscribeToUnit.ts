import type { ObservableUnit } from '@teams-endpoint/core';

/** Anything with the core's `getSnapshot`/`subscribe` contract: the endpoint, a call, a list. */
export type SubscribableUnit<TSnapshot> = Pick<ObservableUnit<TSnapshot>, 'getSnapshot' | 'subscribe'>;

/**
 * Calls `listener` with the selected slice of a unit now, then every time the selection changes
 * (by `isEqual`, default `Object.is`). Returns the unit's own unsubscribe.
 *
 * @example
 * const stop = subscribeToUnit(call, (s) => s.status, (status) => console.log(status));
 */
export function subscribeToUnit<TSnapshot, TSelected>(
  unit: SubscribableUnit<TSnapshot>,
  selector: (snapshot: TSnapshot) => TSelected,
  listener: (selected: TSelected) => void,
  isEqual: (previous: TSelected, next: TSelected) => boolean = Object.is,
): () => void {
  let selected = selector(unit.getSnapshot());
  listener(selected);
  return unit.subscribe(() => {
    const next = selector(unit.getSnapshot());
    if (isEqual(selected, next)) return;
    selected = next;
    listener(next);
  });
}
