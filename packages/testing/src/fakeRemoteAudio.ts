/** The remote side of a call made audible: a quiet tone while someone speaks. */
export interface FakeRemoteAudio {
  /** Sounds the tone, or fades it out. */
  setAudible(audible: boolean): void;
  /** Stops the tone and closes the audio context (the call ended). Idempotent. */
  close(): void;
}

/** Loud enough to hear that someone speaks, quiet enough not to startle. */
const TONE_GAIN = 0.03;
const TONE_HZ = 330;
/** Seconds of the fade in and out, so the tone does not click. */
const FADE_SECONDS = 0.05;

/**
 * Creates the tone of one call, or `undefined` where there is no Web Audio (Node, jsdom). The audio context
 * starts on the first sound, not before: a browser lets a page start audio only after a user gesture, which
 * placing or answering the call was.
 */
export function createRemoteAudio(): FakeRemoteAudio | undefined {
  if (typeof AudioContext !== 'function') return undefined;
  let graph: { context: AudioContext; oscillator: OscillatorNode; gain: GainNode } | undefined;
  let closed = false;
  let audible = false;

  const start = () => {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = TONE_HZ;
    gain.gain.value = 0;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    context.resume().catch(() => undefined);
    return { context, oscillator, gain };
  };

  return {
    setAudible(next) {
      if (closed || next === audible) return;
      audible = next;
      if (!graph && !next) return;
      graph ??= start();
      graph.gain.gain.setTargetAtTime(next ? TONE_GAIN : 0, graph.context.currentTime, FADE_SECONDS);
    },
    close() {
      if (closed) return;
      closed = true;
      if (!graph) return;
      graph.oscillator.stop();
      graph.oscillator.disconnect();
      graph.context.close().catch(() => undefined);
      graph = undefined;
    },
  };
}
