import { type Call, callRecording } from '@teams-endpoint/core';
import { bindAttribute, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/**
 * The recording and transcription banner, in the core's words: while either is on, and once they stopped
 * until dismissed. The status element stays in the page, empty, so that a screen reader hears it change.
 */
export function recordingBanner(call: Call): Mounted {
  const recording = callRecording(call);
  const message = el('p', { class: 'recording-message', role: 'status', 'data-testid': 'recording-banner' });
  const dismiss = button('Dismiss', () => recording.dismiss());
  const node = el('div', { class: 'recording-banner' }, message, dismiss);
  const stop = subscribeMany(
    bindText(message, recording, (s) => s.banner?.message),
    bindAttribute(node, 'data-kind', recording, (s) => s.banner?.kind),
    bindAttribute(dismiss, 'hidden', recording, (s) => s.banner?.kind !== 'stopped'),
  );
  return { node, stop };
}
