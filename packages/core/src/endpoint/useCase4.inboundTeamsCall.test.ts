// Use case 4 (USE-CASES.md): Megan calls Alice from Teams; the caller's name comes from Graph.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import type { TeamsEndpoint } from './createTeamsEndpoint';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const untilResolved = (endpoint: TeamsEndpoint) =>
  waitForSnapshot(
    endpoint,
    (s) => s.calls.length > 0 && s.calls.every((call) => call.callerResolution !== 'pending'),
  );

describe('use case 4: inbound Teams VoIP call', () => {
  it("shows the caller's Graph display name before accept, then connects", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    // Step 3: Megan calls; only her Teams user id arrives.
    const incoming = world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await untilResolved(endpoint);

    // Step 4: GET /users/{id} turns the id into "Megan Bowen" while it rings.
    const offered = endpoint.getSnapshot().calls[0]!;
    expect(offered).toMatchObject({
      status: 'incoming',
      callerResolution: 'resolved',
      remote: { kind: 'teamsUser', userId: fabrikam.meganId, displayName: 'Megan Bowen' },
    });
    expect(
      world.graph.requests.filter((request) => request.path === `/users/${fabrikam.meganId}`),
    ).toHaveLength(1);

    // Step 5: Alice accepts.
    const call = endpoint.getCall(offered.id)!;
    call.accept();
    await settle();
    expect(call.getSnapshot().status).toBe('connected');
    incoming.call!.remoteHangUp();
    expect(await call.whenEnded()).toMatchObject({ outcome: 'completed' });
  });

  it('keeps a hostile display name as plain data, exactly as Graph sent it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.hostilePersonId });
    await untilResolved(endpoint);
    expect(endpoint.getSnapshot().calls[0]!.remote).toMatchObject({
      displayName: fabrikam.hostileDisplayName,
    });
  });

  it('looks each caller up once, even for concurrent and repeated calls', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    for (let i = 0; i < 3; i++)
      world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await untilResolved(endpoint);
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await untilResolved(endpoint);
    expect(
      endpoint
        .getSnapshot()
        .calls.every((call) => call.remote.kind === 'teamsUser' && call.remote.displayName === 'Megan Bowen'),
    ).toBe(true);
    expect(world.graph.requests.filter((request) => request.path.startsWith('/users/'))).toHaveLength(1);
  });

  it('ten colleagues ringing at the same moment are resolved with one $batch request', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const callers = fabrikam.people.slice(2, 12);
    for (const person of callers)
      world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: person.id });
    await untilResolved(endpoint);
    expect(
      endpoint.getSnapshot().calls.map((call) => call.remote.kind === 'teamsUser' && call.remote.displayName),
    ).toEqual(callers.map((person) => person.displayName));
    expect(world.graph.requests.filter((request) => request.path === '/$batch')).toHaveLength(1);
    expect(world.graph.requests.filter((request) => request.path.startsWith('/users/'))).toHaveLength(0);
  });

  it('keeps ringing, with the SDK-supplied name, when Graph fails', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.graph.faults.failNext({ status: 500, pathIncludes: '/users/', times: 10 });
    world.calling.simulateIncomingCall({
      kind: 'teamsUser',
      userId: fabrikam.meganId,
      displayName: 'M. Bowen',
    });
    await untilResolved(endpoint);
    expect(endpoint.getSnapshot().calls[0]).toMatchObject({
      status: 'incoming',
      callerResolution: 'failed',
      remote: { displayName: 'M. Bowen' },
    });
  });

  it('call waiting: a second call rings during a call, and accepting it holds the first', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const first = endpoint.callPhoneNumber(fabrikam.customers[1]!.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    await settle();
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await untilResolved(endpoint);
    const second = endpoint.getCall(endpoint.getSnapshot().calls[1]!.id)!;
    expect(second.getSnapshot().status).toBe('incoming');
    expect(first.getSnapshot().status).toBe('connected');
    second.accept();
    await settle();
    expect(first.getSnapshot().status).toBe('on_hold');
    expect(second.getSnapshot().status).toBe('connected');
  });
});
