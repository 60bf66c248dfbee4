import { sameItems } from '@teams-endpoint/core';
import { useCall, useEndpointSelector } from '@teams-endpoint/react';
import { endedLabel, remoteLabel } from '../../vanilla/src/ui/callPanel';
import { controlGuidance } from '../../vanilla/src/ui/mediaWords';
import { CallTimer } from './CallTimer';
import { Roster } from './Roster';
import { CALL_STATUS_WORDS, KEYPAD_KEYS, selectPanelCallIds, showsKeypad } from './shared/callView';
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
 * One call: who, status, duration, controls (mute, hold, video, screen sharing, keypad, hang up), its video,
 * a meeting's roster, and how it ended.
 */
function CallPanel({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  if (!snapshot || !call) return null;
  const { can, status, controlError } = snapshot;
  return (
    <section className="call" aria-label="Call" data-status={status}>
      <h3 className="call-title">{remoteLabel(snapshot)}</h3>
      <p className="call-status" aria-live="polite" data-testid="call-status">
        {CALL_STATUS_WORDS[status]}
      </p>
      <CallTimer snapshot={snapshot} />
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
        <button
          type="button"
          aria-pressed={can.stopVideo}
          disabled={!(can.startVideo || can.stopVideo)}
          onClick={() => (can.stopVideo ? call.stopVideo() : call.startVideo())}
        >
          {can.stopVideo ? 'Stop video' : 'Start video'}
        </button>
        <button
          type="button"
          aria-pressed={can.stopScreenSharing}
          disabled={!(can.startScreenSharing || can.stopScreenSharing)}
          onClick={() => (can.stopScreenSharing ? call.stopScreenSharing() : call.startScreenSharing())}
        >
          {can.stopScreenSharing ? 'Stop sharing' : 'Share screen'}
        </button>
        <button type="button" className="danger" disabled={!can.hangUp} onClick={() => call.hangUp()}>
          Hang up
        </button>
      </div>
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
      <VideoStage call={call} />
      {snapshot.kind === 'meeting' && <Roster call={call} />}
      <p className="call-ended" role="status" data-testid="call-ended">
        {endedLabel(snapshot)}
      </p>
    </section>
  );
}
