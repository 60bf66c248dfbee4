import type { PropertyChangedEvent, RecordingState as SdkRecordingState } from '@azure/communication-calling';
import type { RecordingHandle, RecordingPortState, RecordingState } from '@teams-endpoint/core';
import { createFeatureState, type FeatureState, tryRead } from './featureState';
import type { SdkRecordingFeature, SdkTranscriptionFeature } from './sdkTypes';

/**
 * `RecordingState.Paused` of the SDK's enum. The enum is a value of the lazily loaded SDK, so it is spelled
 * here; the annotation fails the type check if the SDK's `Paused` is not 2.
 */
const RECORDING_PAUSED: SdkRecordingState.Paused = 2;

const NOTHING_RECORDED: RecordingPortState = { recording: 'off', transcription: 'off' };

function recordingOf(feature: SdkRecordingFeature | null): RecordingState {
  if (!feature) return 'off';
  if (feature.isRecordingActive) return 'on';
  // A paused recording is one whose bot says `Inactive` (`RecordingInfoImpl.getRecordingState`).
  return feature.recordings.at(-1)?.state === RECORDING_PAUSED ? 'paused' : 'off';
}

/**
 * Recording and transcription indicators over `Features.Recording` and `Features.Transcription`; either may be
 * absent (then `off`). A pause turns `isRecordingActive` false (`_isRecordingEnabled` counts `Active` bots only)
 * and a resume true again, so `isRecordingActiveChanged` and `recordingsUpdated` are all there is to follow.
 */
export function createRecordingHandle(
  recording: SdkRecordingFeature | null,
  transcription: SdkTranscriptionFeature | null,
): RecordingHandle & Pick<FeatureState<RecordingPortState>, 'release'> {
  return createFeatureState<RecordingPortState>(
    {
      read: () => ({
        recording: recordingOf(recording),
        transcription: tryRead(() => transcription?.isTranscriptionActive) ? 'on' : 'off',
      }),
      follow(changed: PropertyChangedEvent) {
        recording?.on('isRecordingActiveChanged', changed);
        recording?.on('recordingsUpdated', changed);
        transcription?.on('isTranscriptionActiveChanged', changed);
        return () => {
          recording?.off('isRecordingActiveChanged', changed);
          recording?.off('recordingsUpdated', changed);
          transcription?.off('isTranscriptionActiveChanged', changed);
        };
      },
    },
    NOTHING_RECORDED,
  );
}
