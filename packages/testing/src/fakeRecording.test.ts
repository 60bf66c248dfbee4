import type { RecordingState } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import {
  connectedCalling,
  featuresOf,
  liveCall,
  liveMeeting,
  notifications,
} from './fakeCalling.test-support';

describe('fake recording and transcription indicators', () => {
  it('start off, and follow the remote controls, notifying on a change only', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    const { recording } = featuresOf(handle);
    expect(recording.getState()).toEqual({ recording: 'off', transcription: 'off' });
    const seen = notifications(recording);
    remote.setRecording('on');
    remote.setRecording('on');
    remote.setRecording('paused');
    remote.setTranscription('on');
    remote.setTranscription('on');
    expect(recording.getState()).toEqual({ recording: 'paused', transcription: 'on' });
    expect(seen.count).toBe(3);
  });

  it('a state read earlier does not change', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    const before = featuresOf(handle).recording.getState();
    remote.setRecording('on');
    expect(before.recording).toBe('off');
  });

  it('has no commands: Teams users do not manage recording', async () => {
    const { handle } = await liveMeeting(await connectedCalling());
    expect(Object.keys(featuresOf(handle).recording).sort()).toEqual(['getState', 'subscribe']);
  });

  it('refuses a state that does not exist', async () => {
    const { remote } = await liveMeeting(await connectedCalling());
    expect(() => remote.setRecording('recording' as RecordingState)).toThrow();
    expect(() => remote.setTranscription('paused' as 'on')).toThrow();
  });
});
