// Test support shared by the adapters' media tests (React and Vue import it too): a connected meeting with
// participants over the fake calling port, and a count of the per-participant subscriptions on a call.
import type { Call } from '@teams-endpoint/core';
import { vi } from 'vitest';
import { createFabrikamEndpoint, settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';

/** A meeting, admitted, with `count` remote participants; `ids` in roster order. */
export async function meetingWithParticipants(count: number) {
  const { world, endpoint } = await createFabrikamEndpoint();
  const call = endpoint.joinMeetingById('123 456 789 012', 'Ab3dE');
  await settle();
  const remote = world.calling.lastCall();
  remote.admit();
  const ids = remote.addParticipants(count).map((participant) => participant.id);
  await settle();
  return { world, endpoint, call, remote, ids };
}

/** The id of a participant's camera stream (available or not). */
export function cameraOf(call: Call, participantId: string): string {
  const stream = call
    .getParticipant(participantId)
    ?.videoStreams.find((candidate) => candidate.kind === 'video');
  if (!stream) throw new Error(`${participantId} has no camera stream.`);
  return stream.id;
}

/**
 * Counts the per-participant subscriptions open on `call` now, through its public `subscribeParticipant`
 * (one call's own count; the endpoint's `getSubscriberCount()` counts them among all). Spy first, then mount.
 */
export function countParticipantSubscriptions(call: Call): () => number {
  const subscribe = call.subscribeParticipant;
  let open = 0;
  vi.spyOn(call, 'subscribeParticipant').mockImplementation((participantId, listener) => {
    const unsubscribe = subscribe(participantId, listener);
    open += 1;
    let closed = false;
    return () => {
      if (!closed) open -= 1;
      closed = true;
      unsubscribe();
    };
  });
  return () => open;
}
