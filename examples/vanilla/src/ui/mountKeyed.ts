import type { ObservableUnit } from '@teams-endpoint/core';
import { placeChildren, subscribeToUnit } from '@teams-endpoint/vanilla';

export interface Mounted {
  readonly node: Node;
  readonly stop: () => void;
}

export interface KeyedMounts<TItem> {
  /** Makes `items` the mounted children, in order. */
  readonly update: (items: readonly TItem[]) => void;
  /** Stops every mounted component. */
  readonly stop: () => void;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Keeps one mounted component per key in `container`: new keys are mounted, gone keys are stopped and
 * removed, and kept keys keep their node (so focus stays on a button, and a video keeps playing, while the
 * list changes around it).
 */
export function keyedMounts<TItem>(
  container: ParentNode & Node,
  keyOf: (item: TItem) => string,
  mount: (item: TItem) => Mounted,
): KeyedMounts<TItem> {
  let mounted = new Map<string, Mounted>();
  return {
    update(items) {
      const next = new Map<string, Mounted>();
      for (const item of items) {
        const key = keyOf(item);
        next.set(key, mounted.get(key) ?? mount(item));
      }
      for (const [key, component] of mounted) if (!next.has(key)) component.stop();
      mounted = next;
      placeChildren(
        container,
        [...next.values()].map((component) => component.node),
      );
    },
    stop() {
      for (const component of mounted.values()) component.stop();
      mounted.clear();
    },
  };
}

/** {@link keyedMounts} driven by a unit: one component per selected id. */
export function mountKeyed<T>(
  container: ParentNode & Node,
  unit: Pick<ObservableUnit<T>, 'getSnapshot' | 'subscribe'>,
  selectIds: (snapshot: T) => readonly string[],
  mount: (id: string) => Mounted,
): () => void {
  const children = keyedMounts(container, (id: string) => id, mount);
  const stop = subscribeToUnit(unit, selectIds, children.update, sameIds);
  return () => {
    stop();
    children.stop();
  };
}
