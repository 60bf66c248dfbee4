import { describe, expect, it } from 'vitest';
import {
  createFabrikamEndpoint,
  settle,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { subscribeMany } from './subscribeMany';
import { subscribeToUnit } from './subscribeToUnit';

useGraphServer();

async function connectedMeeting() {
  const { world, endpoint } = await createFabrikamEndpoint();
  const call = endpoint.joinMeetingById('123 456 789 012', 'Ab3dE');
  await settle();
  world.calling.lastCall().admit();
  await settle();
  return { world, endpoint, call };
}

describe('subscribeToUnit', () => {
  it('calls the listener now, then only when the selection changes', async () => {
    const { world, call } = await connectedMeeting();
    const statuses: string[] = [];
    const counts: number[] = [];
    const stopStatus = subscribeToUnit(
      call,
      (s) => s.status,
      (status) => statuses.push(status),
    );
    const stopCount = subscribeToUnit(
      call,
      (s) => s.participants.length,
      (count) => counts.push(count),
    );

    world.calling.lastCall().addParticipants(1000);
    await settle();
    expect(statuses).toEqual(['connected']);
    expect(counts).toEqual([0, 1000]);

    call.hold();
    await settle();
    expect(statuses).toEqual(['connected', 'holding', 'on_hold']);
    expect(counts).toEqual([0, 1000]);
    stopStatus();
    stopCount();
  });

  it('uses the equality function to decide what counts as a change', async () => {
    const { world, call } = await connectedMeeting();
    const seen: boolean[] = [];
    const stop = subscribeToUnit(
      call,
      (s) => s.participants.map((participant) => participant.isMuted),
      (mutes) => seen.push(mutes.every(Boolean)),
      (a, b) => a.length === b.length,
    );
    const [first] = world.calling.lastCall().addParticipants(3);
    await settle();
    world.calling.lastCall().updateParticipant(first!.id, { isMuted: !first!.isMuted });
    await settle();
    expect(seen).toHaveLength(2);
    stop();
  });

  it('unsubscribing removes the listener: the subscriber count is back and nothing fires', async () => {
    const { world, endpoint, call } = await connectedMeeting();
    const baseline = endpoint.getSubscriberCount();
    let calls = 0;
    const stop = subscribeMany(
      subscribeToUnit(
        endpoint,
        (s) => s.calls.length,
        () => calls++,
      ),
      subscribeToUnit(
        call,
        (s) => s.participants.length,
        () => calls++,
      ),
      subscribeToUnit(
        endpoint.people,
        (s) => s.status,
        () => calls++,
      ),
    );
    expect(endpoint.getSubscriberCount()).toBe(baseline + 3);
    stop();
    stop();
    expect(endpoint.getSubscriberCount()).toBe(baseline);

    world.calling.lastCall().addParticipants(5);
    endpoint.people.load();
    await settle();
    expect(calls).toBe(3);
  });
});
