// Sounds made with Web Audio, so the apps ship no sound file: the ringtone and the keypad's tones.

/** The part of Web Audio the demo's sounds use (a test passes a stand-in). */
export type AudioContextLike = Pick<
  AudioContext,
  'currentTime' | 'destination' | 'state' | 'resume' | 'close' | 'createOscillator' | 'createGain'
>;

export type AudioContextFactory = () => AudioContextLike | null;

/** The browser's AudioContext, or `null` where there is none (the page then stays silent). */
export const browserAudioContext: AudioContextFactory = () =>
  typeof AudioContext === 'undefined' ? null : new AudioContext();

/** One audio context for the page, made on first use (browsers start it once the user has interacted). */
export function createSharedAudio(factory: AudioContextFactory = browserAudioContext) {
  let context: AudioContextLike | null = null;
  return {
    get(): AudioContextLike | null {
      context ??= factory();
      if (context?.state === 'suspended') context.resume().catch(() => undefined);
      return context;
    },
    close(): void {
      context?.close().catch(() => undefined);
      context = null;
    },
  };
}

export type SharedAudio = ReturnType<typeof createSharedAudio>;

/** Plays the frequencies together from `at` for `seconds`, with short ramps so that it does not click. */
function playChord(
  context: AudioContextLike,
  frequencies: readonly number[],
  at: number,
  seconds: number,
  volume: number,
) {
  const gain = context.createGain();
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(volume, at + 0.01);
  gain.gain.setValueAtTime(volume, at + seconds - 0.01);
  gain.gain.linearRampToValueAtTime(0, at + seconds);
  gain.connect(context.destination);
  const oscillators = frequencies.map((frequency) => {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start(at);
    oscillator.stop(at + seconds);
    return oscillator;
  });
  return () => {
    for (const oscillator of oscillators) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped.
      }
    }
    gain.disconnect();
  };
}

/** The keypad's tones (ITU-T Q.23): a row frequency and a column frequency for each key. */
export const DTMF_FREQUENCIES: Readonly<Record<string, readonly [number, number]>> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
};

/** Plays a key's tone here, for the user's own feedback (the tone the call gets is sent by the SDK). */
export function playDtmfTone(audio: SharedAudio, key: string): boolean {
  const frequencies = DTMF_FREQUENCIES[key];
  const context = audio.get();
  if (!frequencies || !context) return false;
  playChord(context, frequencies, context.currentTime, 0.15, 0.15);
  return true;
}

/** How one ring repeats: two short rings, then a pause (the British double ring), in seconds. */
const RING_CYCLE_SECONDS = 3;

/** A ringtone that repeats until stopped. `start` and `stop` may be called any number of times. */
export function createRingtone(
  audio: SharedAudio,
  timers: Pick<Window, 'setInterval' | 'clearInterval'> = window,
) {
  let interval: number | undefined;
  let stops: (() => void)[] = [];
  const ringOnce = () => {
    const context = audio.get();
    if (!context) return;
    const at = context.currentTime;
    stops = [
      playChord(context, [400, 450], at, 0.4, 0.2),
      playChord(context, [400, 450], at + 0.6, 0.4, 0.2),
    ];
  };
  return {
    get ringing(): boolean {
      return interval !== undefined;
    },
    start(): void {
      if (interval !== undefined) return;
      ringOnce();
      interval = timers.setInterval(ringOnce, RING_CYCLE_SECONDS * 1000);
    },
    stop(): void {
      if (interval === undefined) return;
      timers.clearInterval(interval);
      interval = undefined;
      for (const stop of stops) stop();
      stops = [];
    },
  };
}

export type Ringtone = ReturnType<typeof createRingtone>;
