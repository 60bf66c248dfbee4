import { sameItems } from '@teams-endpoint/core';
import { useCall, useEndpointSelector } from '@teams-endpoint/react';
import { endedLabel, remoteLabel } from '../../vanilla/src/ui/callPanel';
import { CallTimer } from './CallTimer';
import {
  CALL_STATUS_WORDS,
  KEYPAD_KEYS,
  participantsLabel,
  selectPanelCallIds,
  showsKeypad,
} from './shared/callView';

/** A panel per call, live or recently ended. Re-renders when calls come and go, not when one changes. */
export function Calls() {
  const ids = useEndpointSelector(selectPanelCallIds, sameItems);
  return (
    <div className="calls">
      {ids.map((id) => (
        <CallPanel key={id} callId={id} />
      ))}
    </div>
  );
}

/** One call: who, status, duration, controls (mute, hold, keypad, hang up) and how it ended. */
function CallPanel({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  if (!snapshot || !call) return null;
  const { can, status } = snapshot;
  const participants = participantsLabel(snapshot);
  return (
    <section className="call" aria-label="Call" data-status={status}>
      <h3 className="call-title">{remoteLabel(snapshot)}</h3>
      <p className="call-status" aria-live="polite" data-testid="call-status">
        {CALL_STATUS_WORDS[status]}
      </p>
      <CallTimer snapshot={snapshot} />
      {participants && <p className="call-participants">{participants}</p>}
      <div className="controls">
        <button
          type="button"
          aria-pressed={snapshot.isMuted}
          disabled={!(can.mute || can.unmute)}
          onClick={() => call.toggleMute()}
        >
          {snapshot.isMuted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          disabled={!(can.hold || can.resume)}
          onClick={() => (can.resume ? call.resume() : call.hold())}
        >
          {can.resume ? 'Resume' : 'Hold'}
        </button>
        <button type="button" className="danger" disabled={!can.hangUp} onClick={() => call.hangUp()}>
          Hang up
        </button>
      </div>
      {showsKeypad(snapshot) && (
        <fieldset className="keypad" aria-label="Keypad">
          {KEYPAD_KEYS.map((key) => (
            <button key={key} type="button" aria-label={`Key ${key}`} onClick={() => call.sendDtmf(key)}>
              {key}
            </button>
          ))}
        </fieldset>
      )}
      <p className="call-ended" role="status" data-testid="call-ended">
        {endedLabel(snapshot)}
      </p>
      <p className="error" role="alert">
        {snapshot.controlError?.message}
      </p>
    </section>
  );
}
