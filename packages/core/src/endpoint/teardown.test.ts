// Disposing the endpoint hangs up, stops every machine and removes every listener it added to the port.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

describe('teardown', () => {
  it('dispose leaves no port listeners, no live call and no subscriptions of its own', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const baseline = endpoint.getSubscriberCount();

    const connected = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    const meeting = endpoint.joinMeetingById('123456789012', 'pass1');
    await settle();
    world.calling.lastCall().admit();
    world.calling.lastCall().addParticipants(50);
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    endpoint.people.load();
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');

    const stops = [
      endpoint.subscribe(() => {}),
      connected.subscribe(() => {}),
      endpoint.people.subscribe(() => {}),
    ];
    expect(endpoint.getSubscriberCount()).toBe(baseline + 3);
    for (const stop of stops) stop();
    expect(endpoint.getSubscriberCount()).toBe(baseline);

    expect(world.calling.listenerCount()).toBeGreaterThan(0);
    await endpoint.dispose();

    expect(world.calling.listenerCount()).toBe(0);
    expect(world.calling.remoteCalls.every((remote) => remote.state.status === 'disconnected')).toBe(true);
    expect(world.calling.incomingCalls.every((incoming) => incoming.listenerCount === 0)).toBe(true);
    expect(world.calling.isConnected).toBe(false);
    expect(connected.getSnapshot().status).toBe('ended');
    expect(meeting.getSnapshot().status).toBe('ended');
    expect(endpoint.getSnapshot().disposed).toBe(true);
    expect(() => endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber)).toThrowError(
      expect.objectContaining({ code: 'disposed' }),
    );
    await expect(endpoint.signIn()).rejects.toMatchObject({ code: 'disposed' });
  });

  it('an ended call removes its listeners from the port at once', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const agentListeners = world.calling.listenerCount();
    const call = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    await settle();
    // The call's events, and its transfer feature (being transferred must never lose the new call).
    expect(world.calling.listenerCount()).toBe(agentListeners + 2);
    world.calling.lastCall().busy();
    await call.whenEnded();
    expect(world.calling.listenerCount()).toBe(agentListeners);
  });

  it('keeps only the most recent ended calls', async () => {
    const { endpoint } = await createFabrikamEndpoint({ endpoint: { maxEndedCalls: 2 } });
    for (const customer of fabrikam.customers.slice(0, 4)) {
      const call = endpoint.callPhoneNumber(customer.phoneNumber);
      call.hangUp();
      await call.whenEnded();
    }
    expect(endpoint.getSnapshot().calls.map((call) => call.remote)).toEqual([
      { kind: 'phoneNumber', phoneNumber: fabrikam.customers[2]!.phoneNumber },
      { kind: 'phoneNumber', phoneNumber: fabrikam.customers[3]!.phoneNumber },
    ]);
  });

  it('the connection watcher is removed when the session leaves ready', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    await endpoint.signOut();
    // Only the endpoint's incoming-call listener stays until dispose.
    expect(world.calling.listenerCount()).toBe(1);
    await endpoint.dispose();
    expect(world.calling.listenerCount()).toBe(0);
  });

  it('dispose settles whenEnded() and leaves no subscriber even when a hang-up never completes', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    await settle();
    world.calling.deferNext('hangUp'); // the port never finishes hanging up
    const ended = call.whenEnded();
    await endpoint.dispose();
    await expect(ended).resolves.toMatchObject({ id: call.id });
    expect(endpoint.getSubscriberCount()).toBe(0);
  });
});

describe('sign-out is bounded', () => {
  it('resolves when the calling port never finishes disconnecting, and still signs the identity out', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ endpoint: { connectTimeoutMs: 50 } });
    world.calling.deferNext('disconnect'); // never settled
    await endpoint.signOut();
    expect(endpoint.getSnapshot().session.status).toBe('signed_out');
    expect(world.identity.getCurrentUser()).toBeNull();
    await endpoint.dispose();
  });
});
