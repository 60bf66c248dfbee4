import type { RecordingState } from '../../ports/callFeatures';
import { type ObservableUnit, shareShallow } from '../../store/observableUnit';
import type { Call } from '../callUnit';
import { cachedPerCall, createFeatureUnit, observablePart } from './featureUnit';

/** What the banner says, in one word. */
export type RecordingBannerKind =
  | 'recording_and_transcription'
  | 'recording'
  | 'recording_paused'
  | 'transcription'
  | 'stopped';

/** The banner to show, with its wording. */
export interface RecordingBanner {
  readonly kind: RecordingBannerKind;
  readonly message: string;
}

export interface CallRecordingSnapshot {
  /** Whether the call reports recording and transcription at all. */
  readonly available: boolean;
  readonly recording: RecordingState;
  readonly transcription: 'off' | 'on';
  /** While recording or transcription is on, and after it stopped until dismissed; `null` otherwise. */
  readonly banner: RecordingBanner | null;
}

/** Recording and transcription indicators of one call. Teams users do not manage recording through the SDK. */
export interface CallRecording extends ObservableUnit<CallRecordingSnapshot> {
  /** Hides the "stopped" banner; a banner for recording in progress stays. */
  dismiss(): void;
}

export const RECORDING_MESSAGES: Readonly<Record<RecordingBannerKind, string>> = {
  recording_and_transcription:
    'This call is being recorded and transcribed. By staying, you agree to be recorded and transcribed.',
  recording: 'This call is being recorded. By staying, you agree to be recorded.',
  recording_paused: 'Recording is paused.',
  transcription: 'This call is being transcribed. By staying, you agree to be transcribed.',
  stopped: 'Recording and transcription have stopped.',
};

function bannerKind(recording: RecordingState, transcription: 'off' | 'on'): RecordingBannerKind | null {
  if (recording === 'on') return transcription === 'on' ? 'recording_and_transcription' : 'recording';
  if (recording === 'paused') return 'recording_paused';
  return transcription === 'on' ? 'transcription' : null;
}

/**
 * The recording and transcription indicators of a call (one unit per call), with a banner's wording.
 *
 * @example
 * const recording = callRecording(call);
 * recording.subscribe(() => showBanner(recording.getSnapshot().banner?.message));
 */
export const callRecording = /* @__PURE__ */ cachedPerCall((call: Call): CallRecording => {
  let dismissed = false;
  let everOn = false;
  const unit = createFeatureUnit(call, {
    feature: 'recording',
    compute: ({ port }, previous): CallRecordingSnapshot => {
      const state = port?.getState();
      const recording = state?.recording ?? previous?.recording ?? 'off';
      const transcription = state?.transcription ?? previous?.transcription ?? 'off';
      const active = bannerKind(recording, transcription);
      if (active) {
        everOn = true;
        dismissed = false;
      }
      const kind = active ?? (everOn && !dismissed ? 'stopped' : null);
      return shareShallow(previous, {
        available: port !== null,
        recording,
        transcription,
        banner: kind
          ? shareShallow(previous?.banner ?? undefined, { kind, message: RECORDING_MESSAGES[kind] })
          : null,
      });
    },
  });
  return {
    ...observablePart(unit),
    dismiss: () => {
      if (unit.getSnapshot().banner?.kind !== 'stopped') return;
      dismissed = true;
      everOn = false;
      // Nothing else changes: recompute now so that subscribers hear it.
      unit.refresh();
    },
  };
});
