// Concurrency rules of DESIGN.md: races resolve deterministically and no call is ever lost.
import { createGraphPort } from '@teams-endpoint/graph';
import { createFabrikamWorld, fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import type { CallTarget } from '../ports/callingPort';
import { createTeamsEndpoint } from './createTeamsEndpoint';
import { createFabrikamEndpoint, server, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const number = fabrikam.customers[2]!.phoneNumber;

describe('races', () => {
  it('a double click on "call" starts one call, whatever the formatting', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const first = endpoint.callPhoneNumber(number);
    const second = endpoint.callPhoneNumber('+1 425-555-0103');
    expect(second).toBe(first);
    await settle();
    expect(world.calling.methodCalls.startCall).toBe(1);
    expect(endpoint.getSnapshot().calls).toHaveLength(1);
  });

  it('a double click on a colleague creates one chat and one call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const first = endpoint.callTeamsUser(fabrikam.meganId);
    expect(endpoint.callTeamsUser(fabrikam.meganId.toUpperCase())).toBe(first);
    await waitForSnapshot(first, (snapshot) => snapshot.status === 'connecting');
    expect(world.calling.methodCalls.startCall).toBe(1);
    expect(world.graph.requests.filter((r) => r.path === '/chats')).toHaveLength(1);
  });

  it('calling the same number again after the first call ended starts a new call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const first = endpoint.callPhoneNumber(number);
    first.hangUp();
    await first.whenEnded();
    const second = endpoint.callPhoneNumber(number);
    expect(second).not.toBe(first);
    await settle();
    expect(world.calling.methodCalls.startCall).toBe(2);
  });

  it('hang-up while the port is still placing the call aborts the start through its signal', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(number);
    call.hangUp(); // the port has not handed back the call yet
    const ended = await call.whenEnded();
    expect(ended).toMatchObject({ status: 'ended', outcome: 'cancelled', endReason: { code: 487 } });
    await settle();
    expect(world.calling.methodCalls.startCall).toBe(1);
    expect(world.calling.remoteCalls).toHaveLength(0); // the fake honoured the abort: no call was created
  });

  it('hang-up while the port never answers its start ends the call at once; a redial starts a new call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.deferNext('startCall'); // never settled: the port hangs
    const stuck = endpoint.callPhoneNumber(number);
    await settle();
    expect(stuck.getSnapshot().status).toBe('connecting');
    stuck.hangUp();
    expect(stuck.getSnapshot()).toMatchObject({ status: 'ended', outcome: 'cancelled' });
    const redial = endpoint.callPhoneNumber(number);
    expect(redial).not.toBe(stuck);
    await settle();
    expect(world.calling.methodCalls.startCall).toBe(2);
    expect(world.calling.remoteCalls).toHaveLength(1);
  });

  it('a call the port hands back after the hang-up, ignoring the abort, is hung up: no call is lost', async () => {
    const world = createFabrikamWorld();
    server.use(...world.graph.handlers);
    // A port that does not pass the signal on: its start completes whatever happens.
    const calling = new Proxy(world.calling, {
      get: (target, key) =>
        key === 'startCall'
          ? (callTarget: CallTarget) => target.startCall(callTarget)
          : Reflect.get(target, key, target),
    });
    const endpoint = createTeamsEndpoint({
      identity: world.identity,
      calling,
      contacts: world.contacts,
      graph: createGraphPort({ identity: world.identity }),
    });
    await endpoint.signIn();
    const held = world.calling.deferNext('startCall');
    const call = endpoint.callPhoneNumber(number);
    await settle();
    call.hangUp();
    expect(call.getSnapshot()).toMatchObject({ status: 'ended', outcome: 'cancelled' });
    held.resolve();
    for (let i = 0; i < 5; i++) await settle();
    const remote = world.calling.lastCall();
    expect(remote.hangUpCount).toBe(1);
    expect(remote.state.status).toBe('disconnected');
    expect(remote.listenerCount).toBe(0);
    await endpoint.dispose();
  });

  it('hang-up while ringing cancels the call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(number);
    await settle();
    world.calling.lastCall().ring();
    await settle();
    call.hangUp();
    call.hangUp();
    expect(await call.whenEnded()).toMatchObject({ outcome: 'cancelled' });
    expect(world.calling.lastCall().hangUpCount).toBe(1);
  });

  it('accept after the caller cancelled ends as missed, without an exception', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const incoming = world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: number });
    await settle();
    const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    incoming.callerHangsUp();
    expect(() => call.accept()).not.toThrow();
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'missed' });
    expect(world.calling.methodCalls.accept).toBe(0);
  });

  it('the caller cancels while the accept is in flight: missed, and nothing stays connected', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const incoming = world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await settle();
    const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    call.accept();
    incoming.callerHangsUp(); // before the port's accept settles
    const ended = await call.whenEnded();
    expect(ended).toMatchObject({ status: 'ended', outcome: 'missed', error: null });
    expect(world.calling.methodCalls.accept).toBe(1);
    expect(world.calling.remoteCalls.filter((remote) => remote.state.status !== 'disconnected')).toHaveLength(
      0,
    );
  });

  it('several calls coexist: an outbound call, and two incoming ones ringing during it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const outbound = endpoint.callPhoneNumber(number);
    await settle();
    world.calling.lastCall().answer();
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[0]!.phoneNumber,
    });
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await settle();
    expect(endpoint.getSnapshot().calls.map((call) => call.status)).toEqual([
      'connected',
      'incoming',
      'incoming',
    ]);
    const [, second, third] = endpoint.getSnapshot().calls;
    endpoint.getCall(third!.id)!.reject();
    endpoint.getCall(second!.id)!.accept();
    await settle();
    expect(outbound.getSnapshot().status).toBe('on_hold');
    expect(endpoint.getSnapshot().calls.map((call) => call.status)).toEqual([
      'on_hold',
      'connected',
      'ended',
    ]);
  });

  it('signing out hangs up every live call first', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(number);
    await settle();
    world.calling.lastCall().answer();
    await endpoint.signOut();
    expect(call.getSnapshot().status).toBe('ended');
    expect(world.calling.isConnected).toBe(false);
    expect(endpoint.getSnapshot().session).toMatchObject({ status: 'signed_out', user: null });
  });

  it('a hang-up the port refuses leaves the call live, says so, and can be tried again', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { TeamsEndpointError } = await import('../errors');
    const call = endpoint.callPhoneNumber(number);
    await settle();
    world.calling.lastCall().answer();
    await settle();
    world.calling.failNext(
      'hangUp',
      new TeamsEndpointError('network', 'The network is down.', { retryable: true }),
    );
    call.hangUp();
    await waitForSnapshot(call, (s) => s.controlError !== null);
    expect(call.getSnapshot()).toMatchObject({
      status: 'connected',
      can: { hangUp: true },
      controlError: { code: 'network' },
    });
    call.hangUp();
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'completed' });
  });

  it('hanging up while the answer is on its way hangs the call up the moment it exists', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await settle();
    const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    call.accept();
    call.hangUp(); // the port's accept has not settled yet
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'rejected' });
    expect(world.calling.remoteCalls.every((remote) => remote.state.status === 'disconnected')).toBe(true);
  });

  it('a remote answer that arrives while hanging up does not revive the call', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(number);
    await settle();
    world.calling.lastCall().ring();
    await settle();
    const hangingUp = world.calling.deferNext('hangUp'); // the hang-up is still on its way
    call.hangUp();
    world.calling.lastCall().answer();
    await settle();
    expect(call.getSnapshot()).toMatchObject({
      status: 'disconnecting',
      connectedAt: null,
      can: { hold: false },
    });
    hangingUp.resolve();
    expect(await call.whenEnded()).toMatchObject({ outcome: 'cancelled' });
  });
});
