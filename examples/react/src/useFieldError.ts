import { useId, useState } from 'react';

/**
 * What ties a form field to its error, shown right under it: `inputProps` mark the field invalid and point
 * its description at the error (and at `hintId`, when the field has a hint); `errorProps` go on the error's
 * `<p>`, which stays in the page, empty, so that it is announced when it fills.
 */
export function useFieldErrorProps(error: string, hintId?: string) {
  const errorId = useId();
  const describedBy = [error ? errorId : '', hintId ?? ''].filter(Boolean).join(' ');
  return {
    inputProps: {
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': describedBy || undefined,
    },
    errorProps: { id: errorId, className: 'field-error', role: 'alert' },
  };
}

/** A field's error as state: set it when an action refuses the input, clear it as soon as the user edits. */
export function useFieldError(hintId?: string) {
  const [error, setError] = useState('');
  return { error, setError, ...useFieldErrorProps(error, hintId) };
}
