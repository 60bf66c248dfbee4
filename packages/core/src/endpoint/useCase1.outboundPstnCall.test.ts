// Use case 1 (USE-CASES.md): Alice places a Teams PSTN call to the customer Megan.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const megan = fabrikam.customers[0]!;

describe('use case 1: outbound Teams PSTN call', () => {
  it('authenticates, loads customers, calls Megan, connects and hangs up', async () => {
    // Step 1: authenticate Alice; the call agent connects with the exchanged ACS token.
    const { world, endpoint } = await createFabrikamEndpoint();
    expect(endpoint.getSnapshot().session).toMatchObject({ status: 'ready', user: { id: fabrikam.me.id } });
    expect(world.calling.isConnected).toBe(true);
    expect(world.identity.calls.getAcsToken).toBeGreaterThan(0);

    // Step 2: load customers and their numbers (the vendor's contacts port).
    endpoint.customers.load();
    await settle();
    expect(endpoint.customers.getSnapshot()).toMatchObject({ status: 'loaded', items: fabrikam.customers });

    // Step 3: call Megan; a formatted number is normalized to E.164 before the port sees it.
    const call = endpoint.callPhoneNumber('+1 (425) 555-0101', { displayName: megan.name });
    await settle();
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'phoneNumber', phoneNumber: megan.phoneNumber });
    expect(call.getSnapshot()).toMatchObject({
      kind: 'outbound_pstn',
      status: 'connecting',
      remote: { displayName: megan.name },
    });

    // Step 4: the PSTN network rings Megan's phone.
    remote.ring();
    await settle();
    expect(call.getSnapshot().status).toBe('ringing');

    // Step 5: Megan answers.
    remote.answer();
    await settle();
    expect(call.getSnapshot()).toMatchObject({ status: 'connected', can: { hold: true, sendDtmf: true } });
    expect(call.getSnapshot().connectedAt).not.toBeNull();

    // In-call controls.
    call.mute();
    call.sendDtmf('5');
    call.sendDtmf('#');
    await settle();
    expect(call.getSnapshot().isMuted).toBe(true);
    expect(remote.dtmfSent).toEqual(['5', '#']);
    call.hold();
    await settle();
    expect(call.getSnapshot().status).toBe('on_hold');
    call.resume();
    await settle();
    expect(call.getSnapshot().status).toBe('connected');

    call.hangUp();
    const ended = await call.whenEnded();
    expect(ended).toMatchObject({
      status: 'ended',
      outcome: 'completed',
      endReason: { category: 'hung_up' },
    });
    expect(remote.listenerCount).toBe(0);
  });

  it.each([
    ['busy', 'busy', 'unanswered'],
    ['noAnswer', 'no_answer', 'unanswered'],
    ['decline', 'declined', 'unanswered'],
    ['notFound', 'not_found', 'unanswered'],
  ] as const)('ends with the reason in words when the callee is %s', async (action, category, outcome) => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(megan.phoneNumber);
    await settle();
    world.calling.lastCall().ring();
    world.calling.lastCall()[action]();
    const ended = await call.whenEnded();
    expect(ended).toMatchObject({ status: 'ended', outcome, endReason: { category } });
    expect(ended.endReason?.message).toMatch(/\w/);
    expect(ended.connectedAt).toBeNull();
  });

  it('runs a scripted outcome end to end without manual steps', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.scriptNextOutbound('busy');
    const ended = await endpoint.callPhoneNumber(megan.phoneNumber).whenEnded();
    expect(ended.endReason?.category).toBe('busy');
  });

  it('ends as completed when Megan hangs up, and as dropped when the network drops', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const first = endpoint.callPhoneNumber(megan.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    world.calling.lastCall().remoteHangUp();
    expect(await first.whenEnded()).toMatchObject({
      outcome: 'completed',
      endReason: { category: 'hung_up' },
    });

    const second = endpoint.callPhoneNumber(megan.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    world.calling.lastCall().dropNetwork();
    expect(await second.whenEnded()).toMatchObject({
      outcome: 'dropped',
      endReason: { category: 'network_or_media' },
    });
  });

  it('fails with the typed error when the port refuses the call, and keeps the session', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { TeamsEndpointError } = await import('../errors');
    world.calling.failNext(
      'startCall',
      new TeamsEndpointError('forbidden', 'No PSTN licence for this user.'),
    );
    const ended = await endpoint.callPhoneNumber(megan.phoneNumber).whenEnded();
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'forbidden' } });
    expect(endpoint.getSnapshot().session.status).toBe('ready');
  });
});
