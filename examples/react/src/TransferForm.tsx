import type { Call, CallSnapshot } from '@teams-endpoint/core';
import { type FormEvent, useId, useRef, useState } from 'react';
import {
  showsTransferForm,
  TRANSFER_HINT,
  transferRequestFrom,
  transferStatusLabel,
} from '../../vanilla/src/ui/featureWords';
import { CapabilityButton } from './CapabilityButton';

/**
 * Transfers a 1:1 call (PSTN or Teams) to a phone number or a Teams user: a form while the call is connected
 * or on hold, with bad input explained next to the field, and the transfer's progress. Once a transfer was
 * asked, both stay after the call has ended, to show how it went.
 */
export function TransferForm({ call, snapshot }: { call: Call; snapshot: CallSnapshot }) {
  const [target, setTarget] = useState('');
  const [error, setError] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      // The core validates the number or the id, and throws a typed error in words for bad input.
      call.transfer(transferRequestFrom(target));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
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
      </form>
      <p className="transfer-status" role="status" data-testid="transfer-status">
        {transferStatusLabel(snapshot.transfer)}
      </p>
    </div>
  );
}
