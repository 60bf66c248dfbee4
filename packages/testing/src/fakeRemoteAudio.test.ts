// The fake's remote audio over a stub of Web Audio (Node has none): when the tone starts and stops, and that
// it is torn down with the call. A real browser plays it under Playwright.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectedCalling, liveMeeting } from './fakeCalling.test-support';
import { createRemoteAudio } from './fakeRemoteAudio';

/** A stub `AudioContext` that records the contexts made, the gain targets set and what was closed. */
function stubWebAudio() {
  const contexts: { gains: number[]; stopped: boolean; closed: boolean }[] = [];
  class StubAudioContext {
    readonly currentTime = 0;
    readonly destination = {};
    private readonly record = { gains: [] as number[], stopped: false, closed: false };
    constructor() {
      contexts.push(this.record);
    }
    createOscillator() {
      const record = this.record;
      return {
        type: 'sine',
        frequency: { value: 0 },
        connect: (node: unknown) => node,
        disconnect: () => undefined,
        start: () => undefined,
        stop: () => {
          record.stopped = true;
        },
      };
    }
    createGain() {
      const record = this.record;
      return {
        gain: {
          value: 0,
          setTargetAtTime: (value: number) => {
            record.gains.push(value);
          },
        },
        connect: (node: unknown) => node,
      };
    }
    resume() {
      return Promise.resolve();
    }
    close() {
      this.record.closed = true;
      return Promise.resolve();
    }
  }
  vi.stubGlobal('AudioContext', StubAudioContext);
  return contexts;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createRemoteAudio', () => {
  it('is nothing where there is no Web Audio', () => {
    expect(createRemoteAudio()).toBeUndefined();
  });

  it('makes no sound, and no context, until someone speaks; fades in and out; close is idempotent', () => {
    const contexts = stubWebAudio();
    const audio = createRemoteAudio()!;
    audio.setAudible(false);
    expect(contexts).toHaveLength(0);
    audio.setAudible(true);
    audio.setAudible(true);
    audio.setAudible(false);
    expect(contexts).toEqual([{ gains: [0.03, 0], stopped: false, closed: false }]);
    audio.close();
    audio.close();
    audio.setAudible(true);
    expect(contexts).toEqual([{ gains: [0.03, 0], stopped: true, closed: true }]);
  });
});

describe('the fake calling port’s remote audio', () => {
  it('is off by default, so tests and Playwright stay silent', async () => {
    const contexts = stubWebAudio();
    const calling = await connectedCalling();
    const { remote, ids } = await liveMeeting(calling, 1);
    remote.updateParticipant(ids[0]!, { isSpeaking: true });
    expect(contexts).toHaveLength(0);
  });

  it('with remoteAudio, sounds while a participant of the connected call speaks, and ends with the call', async () => {
    const contexts = stubWebAudio();
    const calling = await connectedCalling({ remoteAudio: true });
    const { handle, remote, ids } = await liveMeeting(calling, 2);
    remote.updateParticipant(ids[0]!, { isSpeaking: true });
    remote.updateParticipant(ids[1]!, { isSpeaking: true });
    remote.updateParticipant(ids[0]!, { isSpeaking: false });
    expect(contexts[0]?.gains).toEqual([0.03]);
    // No media flows on hold.
    await handle.hold();
    expect(contexts[0]?.gains).toEqual([0.03, 0]);
    await handle.resume();
    remote.removeParticipants([ids[1]!]);
    expect(contexts[0]?.gains).toEqual([0.03, 0, 0.03, 0]);
    remote.updateParticipant(ids[0]!, { isSpeaking: true });
    remote.remoteHangUp();
    expect(contexts).toEqual([{ gains: [0.03, 0, 0.03, 0, 0.03], stopped: true, closed: true }]);
  });
});
