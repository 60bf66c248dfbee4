import { uniqueId } from './capabilityHint';
import { el } from './dom';

/** An error that belongs to one form field, shown right under it. */
export interface FieldError {
  /** The `p.field-error` to place under the field. */
  readonly node: HTMLParagraphElement;
  /** Shows `message` as the field's error: `aria-invalid`, and the error first in its description. */
  readonly show: (message: string) => void;
  readonly clear: () => void;
  /** Removes the listener that clears the error when the user edits the field. */
  readonly stop: () => void;
}

/**
 * The error of `field`, which clears as soon as the user edits the field. `hintId` is the field's own hint,
 * kept in its description.
 */
export function fieldError(field: HTMLInputElement | HTMLSelectElement, hintId?: string): FieldError {
  const node = el('p', { id: uniqueId(`${field.id}-error`), class: 'error field-error' });
  const describe = (ids: readonly (string | undefined)[]) => {
    const value = ids.filter(Boolean).join(' ');
    if (value) field.setAttribute('aria-describedby', value);
    else field.removeAttribute('aria-describedby');
  };
  const clear = () => {
    if (!field.hasAttribute('aria-invalid')) return;
    node.textContent = '';
    field.removeAttribute('aria-invalid');
    describe([hintId]);
  };
  const show = (message: string) => {
    node.textContent = message;
    field.setAttribute('aria-invalid', 'true');
    describe([node.id, hintId]);
  };
  const edited = field instanceof HTMLSelectElement ? 'change' : 'input';
  field.addEventListener(edited, clear);
  describe([hintId]);
  return { node, show, clear, stop: () => field.removeEventListener(edited, clear) };
}

/** The message of whatever an action threw. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
