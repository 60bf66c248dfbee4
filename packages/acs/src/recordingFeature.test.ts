import { describe, expect, it, vi } from 'vitest';
import { callFeatureWorld } from './callFeatureWorld.test-support';

async function recordedCall() {
  const setup = await callFeatureWorld('meeting');
  const recording = setup.handle.features.recording;
  if (!recording) throw new Error('The call has no recording indicators.');
  return { ...setup, recording, sdkRecording: setup.stub.recordingFeature };
}

describe('recording and transcription', () => {
  it('off, on, paused (the latest recording Paused), on again, off', async () => {
    const { recording, sdkRecording } = await recordedCall();
    const seen: string[] = [];
    recording.subscribe(() => seen.push(recording.getState().recording));
    expect(recording.getState()).toEqual({ recording: 'off', transcription: 'off' });
    sdkRecording.start();
    sdkRecording.pause();
    sdkRecording.resume();
    sdkRecording.end();
    expect(seen).toEqual(['on', 'paused', 'on', 'off']);
  });

  it('reports transcription beside recording', async () => {
    const { recording, stub } = await recordedCall();
    const listener = vi.fn();
    recording.subscribe(listener);
    stub.transcriptionFeature.setActive(true);
    expect(recording.getState()).toEqual({ recording: 'off', transcription: 'on' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('follows the three events while subscribed, and removes the same handlers', async () => {
    const { recording, sdkRecording, stub, registry } = await recordedCall();
    const stop = recording.subscribe(() => undefined);
    expect(sdkRecording.listenerCount() + stub.transcriptionFeature.listenerCount()).toBe(3);
    stop();
    expect(sdkRecording.listenerCount() + stub.transcriptionFeature.listenerCount()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('is offered on 1:1 and PSTN calls too', async () => {
    expect((await callFeatureWorld('pstn')).handle.features.recording?.getState()).toEqual({
      recording: 'off',
      transcription: 'off',
    });
  });
});
