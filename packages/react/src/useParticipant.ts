import type { Call, CallParticipant } from '@teams-endpoint/core';
import { useCallback, useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * One participant of a call: their roster entry (name, mute, speaking, camera, share, streams), or
 * `undefined` while they are not in the call, or without a call. The component re-renders only when that
 * participant changes, once per burst: a thousand others speaking do not touch it. Works with server
 * rendering (the entry as it is now, without subscribing).
 *
 * @example
 * function Tile({ call, participantId }: { call: Call; participantId: string }) {
 *   const participant = useParticipant(call, participantId);
 *   return <figure data-speaking={participant?.isSpeaking}>{participant?.displayName}</figure>;
 * }
 */
export function useParticipant(
  call: Call | null | undefined,
  participantId: string | null | undefined,
): CallParticipant | undefined {
  const subscribe = useCallback(
    (onChange: () => void) =>
      call && participantId ? call.subscribeParticipant(participantId, onChange) : noSubscription(),
    [call, participantId],
  );
  // The core keeps an unchanged participant's object, so this read is stable between changes.
  const read = () => (call && participantId ? call.getParticipant(participantId) : undefined);
  return useSyncExternalStore(subscribe, read, read);
}
