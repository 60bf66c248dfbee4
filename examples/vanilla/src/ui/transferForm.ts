import type { Call, TeamsEndpoint } from '@teams-endpoint/core';
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
} from '@teams-endpoint/demo-kit';
import {
  bindAttribute,
  bindDisabled,
  bindText,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { uniqueId, withCapabilityHint } from './capabilityHint';
import { el } from './dom';
import { errorMessage, fieldError } from './fieldError';
import type { Mounted } from './mountKeyed';

/**
 * Transfers a 1:1 call (PSTN or Teams) to a phone number or a Teams user: a form while the call is connected
 * or on hold, with bad input explained next to the field, and the transfer's progress. While another live 1:1
 * call exists, the form also offers a consultative transfer to it.
 */
export function transferForm(call: Call, endpoint: TeamsEndpoint): Mounted {
  const inputId = uniqueId('transfer-to');
  const hintId = uniqueId('transfer-hint');
  const target = el('input', { id: inputId, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const error = fieldError(target, hintId);
  const submit = el('button', { type: 'submit' }, 'Transfer');
  const submitWithHint = withCapabilityHint(submit, call, (s) => s.canReasons.transfer);
  const otherCallId = uniqueId('transfer-call');
  const otherCall = el('select', { id: otherCallId });
  const otherCallError = fieldError(otherCall);
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
    otherCallError.node,
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
    error.node,
    el('p', { id: hintId, class: 'hint' }, TRANSFER_HINT),
  );
  const status = el('p', { class: 'transfer-status', role: 'status', 'data-testid': 'transfer-status' });

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    error.clear();
    otherCallError.clear();
    if (submitsTransferToCall(event)) {
      try {
        call.transfer(transferToCallRequest(endpoint, otherCall.value));
      } catch (failure) {
        otherCallError.show(errorMessage(failure));
        otherCall.focus();
      }
      return;
    }
    try {
      // The core validates the number or the id, and throws a typed error in words for bad input.
      call.transfer(transferRequestFrom(target.value));
    } catch (failure) {
      error.show(errorMessage(failure));
      target.focus();
    }
  };
  form.addEventListener('submit', onSubmit);
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
      otherCallError.clear();
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
    error.stop,
    otherCallError.stop,
    () => form.removeEventListener('submit', onSubmit),
  );
  return { node, stop };
}
