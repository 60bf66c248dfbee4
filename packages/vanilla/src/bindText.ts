import { type SubscribableUnit, subscribeToUnit } from './subscribeToUnit';

/**
 * Keeps `node.textContent` equal to the selected value. Remote text (display names, subjects) stays text:
 * it is never parsed as markup.
 *
 * @example
 * const stop = bindText(callerNode, call, (s) => s.remote.displayName ?? 'Unknown caller');
 */
export function bindText<TSnapshot>(
  node: Node,
  unit: SubscribableUnit<TSnapshot>,
  selector: (snapshot: TSnapshot) => string | number | null | undefined,
): () => void {
  return subscribeToUnit(unit, selector, (value) => {
    node.textContent = value == null ? '' : String(value);
  });
}
