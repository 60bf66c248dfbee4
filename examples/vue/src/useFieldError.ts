import { isTeamsEndpointError, type TeamsEndpointErrorCode } from '@teams-endpoint/core';
import { computed, nextTick, type Ref, ref } from 'vue';
import { elementId } from './elementId';

export interface FieldError {
  /** The id of the `<p class="field-error">` under the field. */
  readonly id: string;
  /** The error in words; `''` when there is none. */
  readonly message: Ref<string>;
  /** For the field: `aria-invalid` while there is an error, and `aria-describedby` (the error, then the hint). */
  readonly attributes: Readonly<Ref<{ 'aria-invalid'?: true; 'aria-describedby'?: string }>>;
  /** The field itself (a function ref: `:ref="error.bind"`), so that a refused submit can focus it. */
  readonly bind: (element: unknown) => void;
  /** Shows `message` under the field and puts the focus on it, to be corrected. */
  fail(message: string): void;
}

/** An error shown right under its field, tied to it; clear `message` as soon as the user edits the field. */
export function useFieldError(hintId?: string): FieldError {
  const id = elementId('field-error');
  const message = ref('');
  let field: HTMLElement | null = null;
  const attributes = computed(() => {
    const describedBy = [message.value ? id : '', hintId ?? ''].filter(Boolean).join(' ');
    return {
      ...(message.value ? { 'aria-invalid': true as const } : {}),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    };
  });
  return {
    id,
    message,
    attributes,
    bind: (element) => {
      field = element instanceof HTMLElement ? element : null;
    },
    fail: (text) => {
      message.value = text;
      void nextTick(() => field?.focus());
    },
  };
}

/**
 * Runs `action`. A typed error with one of `codes` (bad input) goes under the field, which takes the focus;
 * any other error is thrown on, for the page's alert (`injectTryAction`).
 */
export function reportingTo(field: FieldError, codes: readonly TeamsEndpointErrorCode[], action: () => void) {
  field.message.value = '';
  try {
    action();
  } catch (error) {
    if (!isTeamsEndpointError(error) || !codes.includes(error.code)) throw error;
    field.fail(error.message);
  }
}
