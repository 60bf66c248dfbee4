import type { RecordingHandle, RecordingPortState, RecordingState } from '@teams-endpoint/core';
import { type FeatureHost, FeatureState, stateHandle } from './fakeFeatureHost';

const RECORDING_STATES: readonly RecordingState[] = ['off', 'on', 'paused'];

/** The remote controls of a call's recording and transcription indicators. */
export interface FakeRecordingControls {
  /** Someone (the organizer, a policy) starts, pauses or stops recording. */
  setRecording(recording: RecordingState): void;
  setTranscription(transcription: 'off' | 'on'): void;
}

export interface FakeRecording extends FakeRecordingControls {
  readonly handle: RecordingHandle;
  readonly listenerCount: number;
}

/** Recording and transcription indicators: Teams users only see them, so the handle has no commands. */
export function createFakeRecording(host: FeatureHost): FakeRecording {
  const state = new FeatureState<RecordingPortState>(
    { recording: 'off', transcription: 'off' },
    () => host.status() !== 'disconnected',
  );
  return {
    handle: stateHandle(state),
    get listenerCount() {
      return state.listenerCount;
    },
    setRecording(recording) {
      if (!RECORDING_STATES.includes(recording)) throw new Error(`Not a recording state: ${recording}.`);
      if (state.getState().recording !== recording) state.set({ ...state.getState(), recording });
    },
    setTranscription(transcription) {
      if (transcription !== 'off' && transcription !== 'on')
        throw new Error(`Not a transcription state: ${transcription}.`);
      if (state.getState().transcription !== transcription) state.set({ ...state.getState(), transcription });
    },
  };
}
