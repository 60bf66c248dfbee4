import type { Call, CallSnapshot } from '@teams-endpoint/core';
import type { RefObject } from 'react';
import { CapabilityButton } from './CapabilityButton';
import { CaptionsButton } from './CaptionsPanel';
import { RaiseHandControls } from './RaiseHandControls';

/**
 * The call's buttons: mute, hold, video, screen sharing, a meeting's raised hands, captions, hang up. Teams may
 * refuse to turn the microphone, the camera or sharing on (a policy), never to turn them off: the button then
 * says why.
 */
export function CallControls(props: {
  call: Call;
  snapshot: CallSnapshot;
  /** Hang up, for the panel to give it the focus. */
  hangUpRef?: RefObject<HTMLButtonElement | null>;
}) {
  const { call, snapshot, hangUpRef } = props;
  const { can, canReasons } = snapshot;
  return (
    <div className="controls">
      <CapabilityButton
        aria-pressed={snapshot.isMuted}
        allowed={can.mute || can.unmute}
        reason={snapshot.isMuted ? canReasons.unmute : undefined}
        onClick={() => call.toggleMute()}
      >
        {snapshot.isMuted ? 'Unmute' : 'Mute'}
      </CapabilityButton>
      <button
        type="button"
        disabled={!(can.hold || can.resume)}
        onClick={() => (can.resume ? call.resume() : call.hold())}
      >
        {can.resume ? 'Resume' : 'Hold'}
      </button>
      <CapabilityButton
        aria-pressed={can.stopVideo}
        allowed={can.startVideo || can.stopVideo}
        reason={can.stopVideo ? undefined : canReasons.startVideo}
        onClick={() => (can.stopVideo ? call.stopVideo() : call.startVideo())}
      >
        {can.stopVideo ? 'Stop video' : 'Start video'}
      </CapabilityButton>
      <CapabilityButton
        aria-pressed={can.stopScreenSharing}
        allowed={can.startScreenSharing || can.stopScreenSharing}
        reason={can.stopScreenSharing ? undefined : canReasons.startScreenSharing}
        onClick={() => (can.stopScreenSharing ? call.stopScreenSharing() : call.startScreenSharing())}
      >
        {can.stopScreenSharing ? 'Stop sharing' : 'Share screen'}
      </CapabilityButton>
      <RaiseHandControls call={call} />
      <CaptionsButton call={call} />
      <button
        ref={hangUpRef}
        type="button"
        className="danger"
        disabled={!can.hangUp}
        onClick={() => call.hangUp()}
      >
        Hang up
      </button>
    </div>
  );
}
