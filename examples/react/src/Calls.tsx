import { sameItems } from '@teams-endpoint/core';
import { useCall, useEndpointSelector } from '@teams-endpoint/react';
import { callStatusLabel, endedLabel, remoteLabel } from '../../vanilla/src/ui/callPanel';
import { isOneToOneCall } from '../../vanilla/src/ui/featureWords';
import { controlGuidance } from '../../vanilla/src/ui/mediaWords';
import { CallControls } from './CallControls';
import { CallNotices } from './CallNotices';
import { CallTimer } from './CallTimer';
import { CaptionsPanel } from './CaptionsPanel';
import { LobbyPanel } from './LobbyPanel';
import { RecordingBanner } from './RecordingBanner';
import { Roster } from './Roster';
import { KEYPAD_KEYS, selectPanelCallIds, showsKeypad } from './shared/callView';
import { TransferForm } from './TransferForm';
import { VideoStage } from './VideoStage';

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

/**
 * One call: who, status, duration, recording and notices, controls, keypad, transfer, captions, a meeting's
 * lobby, its video, a meeting's roster, and how it ended.
 */
function CallPanel({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  if (!snapshot || !call) return null;
  const { status, controlError } = snapshot;
  const isMeeting = !isOneToOneCall(snapshot);
  return (
    <section className="call" aria-label="Call" data-status={status}>
      <h3 className="call-title">{remoteLabel(snapshot)}</h3>
      <p className="call-status" aria-live="polite" data-testid="call-status">
        {callStatusLabel(snapshot)}
      </p>
      <CallTimer snapshot={snapshot} />
      <RecordingBanner call={call} />
      <CallNotices call={call} />
      <CallControls call={call} snapshot={snapshot} />
      <p className="error" role="alert">
        {controlGuidance(controlError?.code) ?? controlError?.message}
      </p>
      {showsKeypad(snapshot) && (
        <fieldset className="keypad" aria-label="Keypad">
          {KEYPAD_KEYS.map((key) => (
            <button key={key} type="button" aria-label={`Key ${key}`} onClick={() => call.sendDtmf(key)}>
              {key}
            </button>
          ))}
        </fieldset>
      )}
      {!isMeeting && <TransferForm call={call} snapshot={snapshot} />}
      <CaptionsPanel call={call} />
      {isMeeting && <LobbyPanel call={call} />}
      <VideoStage call={call} />
      {isMeeting && <Roster call={call} />}
      <p className="call-ended" role="status" data-testid="call-ended">
        {endedLabel(snapshot)}
      </p>
    </section>
  );
}
