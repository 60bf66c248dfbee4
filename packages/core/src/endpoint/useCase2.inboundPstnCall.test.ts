// Use case 2 (USE-CASES.md): the customer Megan calls Alice's Teams phone number.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const megan = fabrikam.customers[0]!;

describe('use case 2: inbound Teams PSTN call', () => {
  it('subscribes, shows the customer name while ringing, accepts and connects', async () => {
    // Steps 1–2: authenticate and subscribe to incoming calls.
    const { world, endpoint } = await createFabrikamEndpoint();

    // Step 3: Megan dials Alice's number.
    const incoming = world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: megan.phoneNumber,
    });
    await settle();

    // Step 4: the notice shows Megan's name, resolved from the number through the contacts port.
    const [offered] = endpoint.getSnapshot().calls;
    expect(offered).toMatchObject({
      kind: 'inbound',
      direction: 'incoming',
      status: 'incoming',
      callerResolution: 'resolved',
      remote: {
        kind: 'phoneNumber',
        phoneNumber: megan.phoneNumber,
        displayName: megan.name,
        customer: { id: megan.id },
      },
      can: { accept: true, reject: true },
    });
    expect(world.contacts.calls.findCustomerByPhoneNumber).toBe(1);

    // Step 5: Alice accepts.
    const call = endpoint.getCall(offered!.id)!;
    call.accept();
    await settle();
    expect(incoming.status).toBe('accepted');
    expect(call.getSnapshot()).toMatchObject({ status: 'connected', callerResolution: 'resolved' });

    incoming.call!.remoteHangUp();
    expect(await call.whenEnded()).toMatchObject({ outcome: 'completed' });
  });

  it('shows the raw number when the caller is not a customer', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+12065550199' });
    await settle();
    expect(endpoint.getSnapshot().calls[0]).toMatchObject({
      callerResolution: 'unknown',
      remote: { phoneNumber: '+12065550199' },
    });
    expect(endpoint.getSnapshot().calls[0]!.remote).not.toHaveProperty('displayName');
  });

  it('declines: the call ends as rejected', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const incoming = world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: megan.phoneNumber,
    });
    await settle();
    const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    call.reject();
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'rejected' });
    expect(incoming.status).toBe('rejected');
    expect(world.calling.methodCalls.accept).toBe(0);
  });

  it('the caller hangs up before Alice answers: missed', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const incoming = world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: megan.phoneNumber,
    });
    await settle();
    const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    incoming.callerHangsUp();
    expect(await call.whenEnded()).toMatchObject({
      status: 'ended',
      outcome: 'missed',
      endReason: { category: 'cancelled' },
    });
    expect(incoming.listenerCount).toBe(0);
  });

  it('keeps ringing with the number when the contacts lookup fails', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { TeamsEndpointError } = await import('../errors');
    world.contacts.findCustomerByPhoneNumber = async () => {
      throw new TeamsEndpointError('service_error', 'CRM is down.', { retryable: true });
    };
    world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: megan.phoneNumber });
    await settle();
    expect(endpoint.getSnapshot().calls[0]).toMatchObject({ status: 'incoming', callerResolution: 'failed' });
  });
});
