import { type SubscribableUnit, subscribeToUnit } from './subscribeToUnit';

/**
 * Keeps an attribute in step with the selected value: a string sets it, `true` sets it empty, and
 * `false`/`null`/`undefined` removes it. Event-handler attributes (`on…`) are refused, because their value
 * would run as script.
 *
 * @example
 * const stop = bindAttribute(row, 'data-status', call, (s) => s.status);
 */
export function bindAttribute<TSnapshot>(
  element: Element,
  name: string,
  unit: SubscribableUnit<TSnapshot>,
  selector: (snapshot: TSnapshot) => string | boolean | null | undefined,
): () => void {
  if (/^on/i.test(name)) throw new TypeError(`bindAttribute refuses the event-handler attribute "${name}".`);
  return subscribeToUnit(unit, selector, (value) => {
    if (value === false || value == null) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : value);
  });
}

/**
 * Disables a button (or any form control) while `selector` returns true.
 *
 * @example
 * const stop = bindDisabled(acceptButton, call, (s) => !s.can.accept);
 */
export function bindDisabled<TSnapshot>(
  element: Element,
  unit: SubscribableUnit<TSnapshot>,
  selector: (snapshot: TSnapshot) => boolean,
): () => void {
  return bindAttribute(element, 'disabled', unit, selector);
}
