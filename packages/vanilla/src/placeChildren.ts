/**
 * Makes `nodes` the children of `container`, in order, moving only what is out of place. Nodes that stay where
 * they are stay attached, so the focused button of a list item keeps focus while the list changes around it
 * (`replaceChildren` would detach and blur it).
 *
 * @example
 * placeChildren(list, items.map(renderItem));
 */
export function placeChildren(container: ParentNode & Node, nodes: readonly Node[]): void {
  // Remove what goes first, so that what stays does not have to move.
  const keep = new Set(nodes);
  for (const child of Array.from(container.childNodes)) if (!keep.has(child)) child.remove();
  nodes.forEach((node, index) => {
    const current = container.childNodes[index] ?? null;
    if (current !== node) container.insertBefore(node, current);
  });
}
