import { placeChildren } from './placeChildren';
import { type SubscribableUnit, subscribeToUnit } from './subscribeToUnit';

/**
 * Renders the selected items as the children of `container`, one node per item from `renderItem`.
 * Keyed: an item whose key and object are unchanged keeps its node; only new or changed items are rendered.
 * Build nodes with `document.createElement` and `textContent`, never with HTML strings.
 *
 * @example
 * const stop = bindList(peopleList, endpoint.people, (s) => s.items, (person) => {
 *   const item = document.createElement('li');
 *   item.textContent = person.displayName;
 *   return item;
 * }, (person) => person.id);
 */
export function bindList<TSnapshot, TItem>(
  container: ParentNode & Node,
  unit: SubscribableUnit<TSnapshot>,
  selectItems: (snapshot: TSnapshot) => readonly TItem[],
  renderItem: (item: TItem) => Node,
  key: (item: TItem) => string,
): () => void {
  let rendered = new Map<string, { item: TItem; node: Node }>();
  return subscribeToUnit(unit, selectItems, (items) => {
    const next = new Map<string, { item: TItem; node: Node }>();
    const nodes = items.map((item) => {
      const id = key(item);
      const previous = rendered.get(id);
      const node =
        previous && Object.is(previous.item, item) && !next.has(id) ? previous.node : renderItem(item);
      next.set(id, { item, node });
      return node;
    });
    rendered = next;
    placeChildren(container, nodes);
  });
}
