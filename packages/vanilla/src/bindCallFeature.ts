import type { Call, ObservableUnit } from '@teams-endpoint/core';
import { subscribeToUnit } from './subscribeToUnit';

/**
 * Calls `render` with the snapshot of one Teams feature of a call (`callCaptions`, `callRaisedHands`,
 * `callRecording`, `callSpotlight`, `callLobby`, `callDiagnostics` from the core) now, then once per burst of
 * changes. The feature listens to the call only while bound. Returns the function that unbinds it; calling
 * it again does nothing. Names and captions are untrusted: render them as text (`textContent`).
 *
 * @example
 * const stop = bindCallFeature(call, callRaisedHands, (hands) => {
 *   raiseHandButton.hidden = !hands.available;
 *   raiseHandButton.setAttribute('aria-pressed', String(hands.isHandRaised));
 * });
 * raiseHandButton.onclick = () => callRaisedHands(call).toggle();
 *
 * @example
 * const stop = bindCallFeature(call, callCaptions, (captions) => {
 *   const items = captions.entries.map((entry) => {
 *     const item = document.createElement('li');
 *     item.textContent = `${entry.speakerName ?? ''}: ${entry.text}`;
 *     return item;
 *   });
 *   list.replaceChildren(...items);
 * });
 */
export function bindCallFeature<TSnapshot>(
  call: Call,
  feature: (call: Call) => ObservableUnit<TSnapshot>,
  render: (snapshot: TSnapshot) => void,
): () => void {
  return subscribeToUnit(feature(call), (snapshot) => snapshot, render);
}
