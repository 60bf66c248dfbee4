// Use case 3 (USE-CASES.md): Alice calls her colleague Megan over Teams VoIP, on their 1:1 chat thread.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

describe('use case 3: outbound Teams VoIP call', () => {
  it('lists people, creates the 1:1 chat, and starts the call on the returned thread', async () => {
    // Step 1: authenticate.
    const { world, endpoint } = await createFabrikamEndpoint();

    // Step 2: load users from Fabrikam's directory through Graph.
    endpoint.people.load();
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
    const people = endpoint.people.getSnapshot();
    expect(people.status).toBe('loaded');
    expect(people.items.length).toBe(fabrikam.people.length);
    const megan = people.items.find((person) => person.displayName === 'Megan Bowen')!;
    expect(megan.id).toBe(fabrikam.meganId);
    const usersRequest = world.graph.requests.find((request) => request.path === '/users')!;
    expect(usersRequest.search.$top).toBe('999');
    expect(usersRequest.search.$select).toContain('displayName');

    // Step 3: create the chat, then start the call on its thread.
    const call = endpoint.callTeamsUser(megan.id, { displayName: megan.displayName });
    expect(call.getSnapshot().status).toBe('preparing');
    await settle();
    await settle();
    const chatRequest = world.graph.requests.find(
      (request) => request.method === 'POST' && request.path === '/chats',
    );
    expect(chatRequest?.body).toMatchObject({
      chatType: 'oneOnOne',
      members: [
        {
          'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${fabrikam.me.id}')`,
          roles: ['owner'],
        },
        { 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${megan.id}')`, roles: ['owner'] },
      ],
    });
    const [chat] = [...world.graph.chats.values()];
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'teamsUser', userId: megan.id, threadId: chat!.id });
    expect(call.getSnapshot()).toMatchObject({
      kind: 'outbound_teams',
      threadId: chat!.id,
      status: 'connecting',
    });

    // Steps 4–5: Megan's Teams rings and she answers.
    remote.ring();
    remote.answer();
    await settle();
    expect(call.getSnapshot().status).toBe('connected');
    call.hangUp();
    expect(await call.whenEnded()).toMatchObject({ outcome: 'completed' });
  });

  it('searches the directory with ConsistencyLevel: eventual', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    endpoint.people.load('meg');
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
    expect(endpoint.people.getSnapshot().items.map((person) => person.displayName)).toContain('Megan Bowen');
    const search = world.graph.requests.find((request) => request.search.$search !== undefined)!;
    expect(search.headers.consistencylevel).toBe('eventual');
  });

  it('calls the same colleague twice on the same thread, creating the chat once', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    for (let i = 0; i < 2; i++) {
      const call = endpoint.callTeamsUser(fabrikam.meganId);
      await settle();
      await settle();
      world.calling.lastCall().answer();
      call.hangUp();
      await call.whenEnded();
    }
    const chatPosts = world.graph.requests.filter(
      (request) => request.method === 'POST' && request.path === '/chats',
    );
    expect(chatPosts).toHaveLength(1);
    const [first, second] = world.calling.remoteCalls;
    expect(first!.target).toEqual(second!.target);
  });

  it('fails with consent_required when Graph refuses Chat.Create, and places no call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.graph.faults.failNext({ status: 403, pathIncludes: '/chats' });
    const ended = await endpoint.callTeamsUser(fabrikam.meganId).whenEnded();
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'consent_required' } });
    expect(world.calling.methodCalls.startCall).toBe(0);
  });

  it('hanging up while the chat is being created places no call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.graph.faults.setLatency(50);
    const call = endpoint.callTeamsUser(fabrikam.meganId);
    call.hangUp();
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(world.calling.methodCalls.startCall).toBe(0);
  });
});
