import type { SharedAudio } from '@teams-endpoint/demo-kit';
import { type InjectionKey, inject } from 'vue';

/** The app's one audio context (the keypad's tones), provided by main.ts. */
export const sharedAudioKey: InjectionKey<SharedAudio> = Symbol('shared audio');

export function injectSharedAudio(): SharedAudio {
  const audio = inject(sharedAudioKey);
  if (!audio) throw new Error('The app was mounted without its shared audio.');
  return audio;
}
