import type { ObservableUnit } from '@teams-endpoint/core';
import { placeChildren, subscribeToUnit } from '@teams-endpoint/vanilla';

export interface Mounted {
  readonly node: Node;
  readonly stop: () => void;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Keeps one mounted component per id in `container`: new ids are mounted, gone ids are stopped and removed,
 * and kept ids keep their node (so focus stays on a button while its call changes).
 */
export function mountKeyed<T>(
  container: ParentNode & Node,
  unit: Pick<ObservableUnit<T>, 'getSnapshot' | 'subscribe'>,
  selectIds: (snapshot: T) => readonly string[],
  mount: (id: string) => Mounted,
): () => void {
  let mounted = new Map<string, Mounted>();
  const stop = subscribeToUnit(
    unit,
    selectIds,
    (ids) => {
      const next = new Map<string, Mounted>();
      for (const id of ids) next.set(id, mounted.get(id) ?? mount(id));
      for (const [id, component] of mounted) if (!next.has(id)) component.stop();
      mounted = next;
      placeChildren(
        container,
        [...next.values()].map((component) => component.node),
      );
    },
    sameIds,
  );
  return () => {
    stop();
    for (const component of mounted.values()) component.stop();
    mounted.clear();
  };
}
