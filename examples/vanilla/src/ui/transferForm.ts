import type { Call, TeamsEndpoint } from '@teams-endpoint/core';
import {
  bindAttribute,
  bindDisabled,
  bindText,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { uniqueId, withCapabilityHint } from './capabilityHint';
import { el } from './dom';
import {
  sameTransferCandidates,
  showsTransferForm,
  submitsTransferToCall,
  TRANSFER_HINT,
  TRANSFER_TO_CALL_BUTTON,
  TRANSFER_TO_CALL_LABEL,
  TRANSFER_TO_CALL_SUBMIT_VALUE,
  type TransferCandidate,
  transferCandidates,
  transferRequestFrom,
  transferStatusLabel,
  transferToCallRequest,
} from './featureWords';
import type { Mounted } from './mountKeyed';

/**
 * Transfers a 1:1 call (PSTN or Teams) to a phone number or a Teams user: a form while the call is connected
 * or on hold, with bad input explained next to the field, and the transfer's progress. While another live 1:1
 * call exists, the form also offers a consultative transfer to it.
 */
export function transferForm(call: Call, endpoint: TeamsEndpoint): Mounted {
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
  const otherCallId = uniqueId('transfer-call');
  const otherCallErrorId = uniqueId('transfer-call-error');
  const otherCall = el('select', { id: otherCallId });
  const otherCallError = el('p', { id: otherCallErrorId, class: 'error field-error' });
  const submitToCall = el(
    'button',
    { type: 'submit', value: TRANSFER_TO_CALL_SUBMIT_VALUE },
    TRANSFER_TO_CALL_BUTTON,
  );
  const submitToCallWithHint = withCapabilityHint(submitToCall, call, (s) => s.canReasons.transfer);
  const toCall = el(
    'div',
    { class: 'transfer-to-call' },
    el(
      'div',
      { class: 'inline-form' },
      el('label', { for: otherCallId }, TRANSFER_TO_CALL_LABEL),
      otherCall,
      submitToCallWithHint.node,
    ),
    otherCallError,
  );
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
  const clearCallError = () => {
    otherCallError.textContent = '';
    otherCall.removeAttribute('aria-invalid');
    otherCall.removeAttribute('aria-describedby');
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    clearError();
    clearCallError();
    if (submitsTransferToCall(event)) {
      try {
        call.transfer(transferToCallRequest(endpoint, otherCall.value));
      } catch (failure) {
        otherCallError.textContent = failure instanceof Error ? failure.message : String(failure);
        otherCall.setAttribute('aria-invalid', 'true');
        otherCall.setAttribute('aria-describedby', otherCallErrorId);
        otherCall.focus();
      }
      return;
    }
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
  otherCall.addEventListener('change', clearCallError);
  // The other calls, by their remote name (as text); the choice stays while its call does.
  const showCandidates = (candidates: readonly TransferCandidate[]) => {
    const chosen = otherCall.value;
    otherCall.replaceChildren(
      ...candidates.map((candidate) => el('option', { value: candidate.id }, candidate.label)),
    );
    if (candidates.some((candidate) => candidate.id === chosen)) otherCall.value = chosen;
    // Only in the form while there is another call: its label must not stand beside "Transfer to" for nothing.
    if (candidates.length === 0) {
      toCall.remove();
      clearCallError();
    } else if (toCall.parentNode !== form) form.append(toCall);
  };

  const node = el('div', { class: 'transfer' }, form, status);
  const stop = subscribeMany(
    bindAttribute(form, 'hidden', call, (s) => !showsTransferForm(s)),
    bindDisabled(submit, call, (s) => !s.can.transfer),
    submitWithHint.stop,
    bindDisabled(submitToCall, call, (s) => !s.can.transfer),
    submitToCallWithHint.stop,
    subscribeToUnit(
      endpoint,
      (s) => transferCandidates(s.calls, call.id),
      showCandidates,
      sameTransferCandidates,
    ),
    bindText(status, call, (s) => transferStatusLabel(s.transfer)),
    () => {
      form.removeEventListener('submit', onSubmit);
      target.removeEventListener('input', clearError);
      otherCall.removeEventListener('change', clearCallError);
    },
  );
  return { node, stop };
}
