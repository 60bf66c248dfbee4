import { type Call, type CallRecordingSnapshot, callRecording } from '@teams-endpoint/core';
import { useCallFeature } from '@teams-endpoint/react';

const selectBanner = (snapshot: CallRecordingSnapshot) => snapshot.banner;

/**
 * Tells everyone in the call that it is recorded or transcribed, in the core's words, and that it stopped
 * (until dismissed). The status element stays in the page, empty, so that a screen reader hears it change.
 */
export function RecordingBanner({ call }: { call: Call }) {
  const banner = useCallFeature(call, callRecording, selectBanner);
  return (
    <div className="recording-banner" data-kind={banner?.kind}>
      <p className="recording-message" role="status" data-testid="recording-banner">
        {banner?.message}
      </p>
      {banner?.kind === 'stopped' && (
        <button type="button" onClick={() => callRecording(call).dismiss()}>
          Dismiss
        </button>
      )}
    </div>
  );
}
