import type { Call, CallParticipant } from '@teams-endpoint/core';
import { subscribeToUnit } from './subscribeToUnit';

/**
 * Calls `render` with one participant's roster entry now (`undefined` while they are not in the call), then
 * on each change of that participant only, once per burst: a thousand others speaking do not call it.
 * Returns the function that stops it. Display names are untrusted: render them as text (`bindText`,
 * `textContent`).
 *
 * @example
 * const stop = bindParticipant(call, participantId, (participant) => {
 *   nameNode.textContent = participant?.displayName ?? '';
 *   tile.classList.toggle('speaking', participant?.isSpeaking === true);
 * });
 */
export function bindParticipant(
  call: Call,
  participantId: string,
  render: (participant: CallParticipant | undefined) => void,
): () => void {
  return subscribeToUnit(
    {
      getSnapshot: () => call.getParticipant(participantId),
      subscribe: (listener) => call.subscribeParticipant(participantId, listener),
    },
    (participant) => participant,
    render,
  );
}
