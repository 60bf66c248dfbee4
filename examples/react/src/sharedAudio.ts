import { createSharedAudio } from '@teams-endpoint/demo-kit';

/** The app's one audio context, for the keypad's tones (made on the first key press). */
export const sharedAudio = createSharedAudio();
