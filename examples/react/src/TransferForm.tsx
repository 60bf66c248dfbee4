import type { Call, CallSnapshot } from '@teams-endpoint/core';
import {
  sameTransferCandidates,
  showsTransferForm,
  submitsTransferToCall,
  TRANSFER_HINT,
  TRANSFER_TO_CALL_BUTTON,
  TRANSFER_TO_CALL_LABEL,
  TRANSFER_TO_CALL_SUBMIT_VALUE,
  transferCandidates,
  transferRequestFrom,
  transferStatusLabel,
  transferToCallRequest,
} from '@teams-endpoint/demo-kit';
import { useEndpointSelector, useTeamsEndpoint } from '@teams-endpoint/react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { CapabilityButton } from './CapabilityButton';

const errorMessage = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * Transfers a 1:1 call (PSTN or Teams) to a phone number or a Teams user: a form while the call is connected
 * or on hold, with bad input explained next to the field, and the transfer's progress. While another live 1:1
 * call exists, the form also offers a consultative transfer to it. Once a transfer was asked, both stay after
 * the call has ended, to show how it went.
 */
export function TransferForm({ call, snapshot }: { call: Call; snapshot: CallSnapshot }) {
  const endpoint = useTeamsEndpoint();
  const candidates = useEndpointSelector((s) => transferCandidates(s.calls, call.id), sameTransferCandidates);
  const [target, setTarget] = useState('');
  const [error, setError] = useState('');
  const [chosenCallId, setChosenCallId] = useState('');
  const [callError, setCallError] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const callField = useRef<HTMLSelectElement>(null);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const callFieldId = useId();
  const callErrorId = useId();
  // The choice stays while its call does; else the first other call.
  const otherCallId = candidates.some((candidate) => candidate.id === chosenCallId)
    ? chosenCallId
    : (candidates[0]?.id ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setCallError('');
    if (submitsTransferToCall(event.nativeEvent)) {
      try {
        call.transfer(transferToCallRequest(endpoint, otherCallId));
      } catch (failure) {
        setCallError(errorMessage(failure));
        callField.current?.focus();
      }
      return;
    }
    try {
      // The core validates the number or the id, and throws a typed error in words for bad input.
      call.transfer(transferRequestFrom(target));
    } catch (failure) {
      setError(errorMessage(failure));
      field.current?.focus();
    }
  };
  return (
    <div className="transfer">
      <form
        className="transfer-form"
        aria-label="Transfer"
        noValidate
        // Once a transfer was asked, the form stays with what was asked, beside how it went.
        hidden={!showsTransferForm(snapshot) && snapshot.transfer === null}
        onSubmit={submit}
      >
        <div className="inline-form">
          <label htmlFor={fieldId}>Transfer to</label>
          <input
            ref={field}
            id={fieldId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={target}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${errorId} ${hintId}` : hintId}
            onChange={(event) => {
              setTarget(event.target.value);
              setError('');
            }}
          />
          <CapabilityButton
            type="submit"
            allowed={snapshot.can.transfer}
            reason={snapshot.canReasons.transfer}
          >
            Transfer
          </CapabilityButton>
        </div>
        <p id={hintId} className="hint">
          {TRANSFER_HINT}
        </p>
        <p id={errorId} className="error field-error">
          {error}
        </p>
        {candidates.length > 0 && (
          <div className="transfer-to-call">
            <div className="inline-form">
              <label htmlFor={callFieldId}>{TRANSFER_TO_CALL_LABEL}</label>
              <select
                ref={callField}
                id={callFieldId}
                value={otherCallId}
                aria-invalid={callError ? true : undefined}
                aria-describedby={callError ? callErrorId : undefined}
                onChange={(event) => {
                  setChosenCallId(event.target.value);
                  setCallError('');
                }}
              >
                {candidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.label}
                  </option>
                ))}
              </select>
              <CapabilityButton
                type="submit"
                value={TRANSFER_TO_CALL_SUBMIT_VALUE}
                allowed={snapshot.can.transfer}
                reason={snapshot.canReasons.transfer}
              >
                {TRANSFER_TO_CALL_BUTTON}
              </CapabilityButton>
            </div>
            <p id={callErrorId} className="error field-error">
              {callError}
            </p>
          </div>
        )}
      </form>
      <p className="transfer-status" role="status" data-testid="transfer-status">
        {transferStatusLabel(snapshot.transfer)}
      </p>
    </div>
  );
}
