import type { Call } from '@teams-endpoint/core';
import { bindAttribute, bindDisabled, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import { uniqueId, withCapabilityHint } from './capabilityHint';
import { el } from './dom';
import { showsTransferForm, TRANSFER_HINT, transferRequestFrom, transferStatusLabel } from './featureWords';
import type { Mounted } from './mountKeyed';

/**
 * Transfers a 1:1 call (PSTN or Teams) to a phone number or a Teams user: a form while the call is connected
 * or on hold, with bad input explained next to the field, and the transfer's progress.
 */
export function transferForm(call: Call): Mounted {
  const inputId = uniqueId('transfer-to');
  const hintId = uniqueId('transfer-hint');
  const errorId = uniqueId('transfer-error');
  const target = el('input', {
    id: inputId,
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': hintId,
  });
  const error = el('p', { id: errorId, class: 'error field-error' });
  const submit = el('button', { type: 'submit' }, 'Transfer');
  const submitWithHint = withCapabilityHint(submit, call, (s) => s.canReasons.transfer);
  const form = el(
    'form',
    { class: 'transfer-form', 'aria-label': 'Transfer', novalidate: true },
    el(
      'div',
      { class: 'inline-form' },
      el('label', { for: inputId }, 'Transfer to'),
      target,
      submitWithHint.node,
    ),
    el('p', { id: hintId, class: 'hint' }, TRANSFER_HINT),
    error,
  );
  const status = el('p', { class: 'transfer-status', role: 'status', 'data-testid': 'transfer-status' });

  const showError = (message: string) => {
    error.textContent = message;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', `${errorId} ${hintId}`);
  };
  const clearError = () => {
    error.textContent = '';
    target.removeAttribute('aria-invalid');
    target.setAttribute('aria-describedby', hintId);
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    clearError();
    try {
      // The core validates the number or the id, and throws a typed error in words for bad input.
      call.transfer(transferRequestFrom(target.value));
    } catch (failure) {
      showError(failure instanceof Error ? failure.message : String(failure));
      target.focus();
    }
  };
  form.addEventListener('submit', onSubmit);
  target.addEventListener('input', clearError);

  const node = el('div', { class: 'transfer' }, form, status);
  const stop = subscribeMany(
    bindAttribute(form, 'hidden', call, (s) => !showsTransferForm(s)),
    bindDisabled(submit, call, (s) => !s.can.transfer),
    submitWithHint.stop,
    bindText(status, call, (s) => transferStatusLabel(s.transfer)),
    () => {
      form.removeEventListener('submit', onSubmit);
      target.removeEventListener('input', clearError);
    },
  );
  return { node, stop };
}
