import {
  type CallPortEvent,
  TeamsEndpointError,
  type TransferredCall,
  withTimeout,
} from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { ADELE, callFeatureWorld, MEGAN, nextTask, PHONE } from './callFeatureWorld.test-support';
import { teamsUser } from './stubSdk.test-support';

async function oneToOne(kind: 'teams' | 'pstn' = 'teams') {
  const setup = await callFeatureWorld(kind);
  const transfer = setup.handle.features.transfer;
  if (!transfer) throw new Error('The call cannot be transferred.');
  return { ...setup, transfer, sdkTransfer: setup.stub.transferFeature };
}

/** Lets the port hold the call and start the transfer (its awaits), then returns the SDK's transfer. */
async function started(setup: Awaited<ReturnType<typeof oneToOne>>) {
  await nextTask();
  return setup.sdkTransfer.lastTransfer();
}

describe('blind transfer', () => {
  it.each([
    [
      'a phone number',
      { kind: 'phoneNumber', phoneNumber: PHONE } as const,
      { phoneNumber: PHONE },
      `4:${PHONE}`,
    ],
    [
      'a Teams user',
      { kind: 'teamsUser', userId: ADELE } as const,
      { microsoftTeamsUserId: ADELE },
      `8:orgid:${ADELE}`,
    ],
  ])(
    'to %s: holds the call, transfers { targetParticipant }, resolves when Teams says Transferred',
    async (_name, target, identifier, mri) => {
      const setup = await oneToOne();
      const { transfer, sdkTransfer, stub } = setup;
      const done = transfer.transfer(target);
      const sdk = await started(setup);
      expect(stub.state).toBe('LocalHold');
      expect(sdkTransfer.transferArgs).toEqual([{ targetParticipant: identifier }]);
      expect(sdkTransfer.signalled).toEqual([{ mri }]);
      expect(sdk.state).toBe('Transferring');
      sdk.complete();
      await expect(done).resolves.toBeUndefined();
      expect(sdk.listenerCount()).toBe(0);
    },
  );

  it('transfers a call already on hold without holding it again', async () => {
    const setup = await oneToOne('pstn');
    setup.stub.setState('LocalHold');
    const done = setup.transfer.transfer({ kind: 'teamsUser', userId: ADELE });
    const sdk = await started(setup);
    sdk.complete();
    await done;
    expect(setup.stub.state).toBe('LocalHold');
  });

  it('a failure rejects with call_failed / transfer_failed and Teams’ codes, and resumes the call it held', async () => {
    const setup = await oneToOne();
    const done = setup.transfer.transfer({ kind: 'phoneNumber', phoneNumber: PHONE });
    const sdk = await started(setup);
    sdk.fail(480, 10037);
    const error = await typedRejection(done);
    expect(error).toBeInstanceOf(TeamsEndpointError);
    expect(error).toMatchObject({
      code: 'call_failed',
      details: { reason: 'transfer_failed', code: 480, subCode: 10037 },
    });
    expect(setup.stub.state).toBe('Connected');
    expect(sdk.listenerCount()).toBe(0);
  });

  it('a transfer the SDK failed at once (the call was not on local hold) rejects with its codes', async () => {
    const setup = await oneToOne();
    setup.stub.setState('RemoteHold');
    const error = await typedRejection(setup.transfer.transfer({ kind: 'phoneNumber', phoneNumber: PHONE }));
    expect(error).toMatchObject({
      code: 'call_failed',
      details: { reason: 'transfer_failed', code: 0, subCode: 0 },
    });
  });

  it('aborting stops waiting, with aborted, and removes the handler; the call stays held', async () => {
    const setup = await oneToOne();
    const controller = new AbortController();
    const done = setup.transfer.transfer(
      { kind: 'phoneNumber', phoneNumber: PHONE },
      { signal: controller.signal },
    );
    const sdk = await started(setup);
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'aborted' });
    expect(sdk.listenerCount()).toBe(0);
    expect(setup.stub.state).toBe('LocalHold');
  });

  it('refuses a second transfer while one is under way, and any once the call ended', async () => {
    const setup = await oneToOne();
    const first = setup.transfer.transfer({ kind: 'phoneNumber', phoneNumber: PHONE });
    await started(setup);
    await expect(setup.transfer.transfer({ kind: 'teamsUser', userId: ADELE })).rejects.toMatchObject({
      code: 'invalid_call_state',
    });
    setup.sdkTransfer.lastTransfer().fail(500);
    await first.catch(() => undefined);
    setup.stub.end({ code: 0, subCode: 0 });
    await nextTask();
    await expect(setup.transfer.transfer({ kind: 'teamsUser', userId: ADELE })).rejects.toMatchObject({
      code: 'invalid_call_state',
    });
  });

  it('the port disconnecting while a transfer is under way rejects it', async () => {
    const setup = await oneToOne();
    const done = setup.transfer.transfer({ kind: 'phoneNumber', phoneNumber: PHONE });
    await started(setup);
    await setup.calling.disconnect();
    await expect(done).rejects.toMatchObject({ code: 'invalid_call_state' });
  });

  it('meetings offer no transfer (the SDK refuses it, 400/46051)', async () => {
    expect((await callFeatureWorld('meeting')).handle.features.transfer).toBeUndefined();
  });
});

describe('consultative transfer', () => {
  it('transfers to another live call of the port by that SDK call’s id', async () => {
    const setup = await oneToOne();
    const other = await setup.calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550100' });
    const otherStub = setup.world.agent().lastCall();
    const done = setup.transfer.transfer({ kind: 'call', callId: other.id });
    const sdk = await started(setup);
    expect(setup.sdkTransfer.transferArgs).toEqual([{ targetCallId: otherStub.id }]);
    sdk.complete();
    await done;
  });

  it('refuses a call that is not the port’s (call_not_found) and the call itself (invalid_argument)', async () => {
    const setup = await oneToOne();
    await expect(setup.transfer.transfer({ kind: 'call', callId: 'nope' })).rejects.toMatchObject({
      code: 'call_not_found',
    });
    await expect(setup.transfer.transfer({ kind: 'call', callId: setup.handle.id })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(setup.sdkTransfer.transferArgs).toEqual([]);
    expect(setup.stub.state).toBe('Connected');
  });
});

describe('the transfer settles before the call is reported disconnected', () => {
  /** What a core-like consumer sees: the transfer's outcome through `withTimeout`, and the call's end. */
  function consumer(setup: Awaited<ReturnType<typeof oneToOne>>) {
    const order: string[] = [];
    setup.handle.subscribe((event: CallPortEvent) => {
      if (event.type === 'status' && event.status === 'disconnected') order.push('disconnected');
    });
    const done = withTimeout(
      (signal) => setup.transfer.transfer({ kind: 'phoneNumber', phoneNumber: PHONE }, { signal }),
      {
        timeoutMs: 60_000,
        timeoutError: () => new TeamsEndpointError('timeout', 'The transfer took too long.'),
      },
    ).then(
      () => order.push('transferred'),
      (error: TeamsEndpointError) => order.push(`failed:${error.details?.reason ?? error.code}`),
    );
    return { order, done };
  }

  it('Transferred, then Disconnected at once', async () => {
    const setup = await oneToOne();
    const { order, done } = consumer(setup);
    const sdk = await started(setup);
    sdk.complete();
    setup.stub.end({ code: 0, subCode: 0 });
    await done;
    await nextTask();
    expect(order).toEqual(['transferred', 'disconnected']);
  });

  it('Disconnected while still Transferring (code 0): resolved, then the end', async () => {
    const setup = await oneToOne();
    const { order, done } = consumer(setup);
    await started(setup);
    setup.stub.end({ code: 0, subCode: 0 });
    expect(order).toEqual([]);
    await done;
    await nextTask();
    expect(order).toEqual(['transferred', 'disconnected']);
    expect(setup.handle.getState().status).toBe('disconnected');
  });

  it('Disconnected with an error while Transferring: rejected with the end’s codes, then the end', async () => {
    const setup = await oneToOne();
    const { order, done } = consumer(setup);
    await started(setup);
    setup.stub.end({ code: 410, subCode: 3112 });
    await done;
    await nextTask();
    expect(order).toEqual(['failed:transfer_failed', 'disconnected']);
  });

  it('a call without a transfer reports its end at once', async () => {
    const setup = await oneToOne();
    const events: CallPortEvent[] = [];
    setup.handle.subscribe((event) => events.push(event));
    setup.stub.end({ code: 0, subCode: 0 });
    expect(events.at(-1)).toEqual({
      type: 'status',
      status: 'disconnected',
      endReason: { code: 0, subCode: 0 },
    });
  });
});

describe('being transferred (transferAccepted)', () => {
  it('hands the new call, a full call handle of the port, and who is on it, to the listener', async () => {
    const setup = await oneToOne();
    const received: TransferredCall[] = [];
    setup.transfer.onTransferred((call) => received.push(call));
    const target = setup.world.agent().transferredCall(teamsUser(MEGAN, 'Megan Bowen'));
    setup.sdkTransfer.accept(target);
    expect(received).toHaveLength(1);
    const [{ handle, remote }] = received as [TransferredCall];
    expect(remote).toEqual({ kind: 'teamsUser', userId: MEGAN, displayName: 'Megan Bowen' });
    expect(handle.id).toBe(target.id);
    expect(handle.getState().status).toBe('connecting');
    const events: CallPortEvent[] = [];
    handle.subscribe((event) => events.push(event));
    target.setState('Connected');
    expect(events).toEqual([{ type: 'status', status: 'connected' }]);
    // It is the port's: disconnecting ends it too.
    await setup.calling.disconnect();
    expect(target.disposed).toBe(true);
  });

  it('the remote party is the new call’s participant when it has one; a PSTN one makes a PSTN call', async () => {
    const setup = await oneToOne();
    const received: TransferredCall[] = [];
    setup.transfer.onTransferred((call) => received.push(call));
    const target = setup.world.agent().transferredCall({ identifier: undefined });
    target.remoteParticipants = [];
    const [participant] = target.addParticipants([ADELE]);
    participant!.identifier;
    setup.sdkTransfer.accept(target);
    expect(received[0]?.remote).toMatchObject({ kind: 'teamsUser', userId: ADELE });
    const pstn = setup.world
      .agent()
      .transferredCall({ identifier: { kind: 'phoneNumber', phoneNumber: PHONE } });
    setup.sdkTransfer.accept(pstn);
    expect(received[1]?.remote).toEqual({ kind: 'phoneNumber', phoneNumber: PHONE });
    expect(received[1]?.handle.features.captions).toBeUndefined();
    expect(received[1]?.handle.features.transfer).toBeDefined();
  });

  it('with no listener, the new call is hung up: no call runs unseen', async () => {
    const setup = await oneToOne();
    const stop = setup.transfer.onTransferred(() => undefined);
    stop();
    const target = setup.world.agent().transferredCall(teamsUser(MEGAN));
    target.setState('Connected');
    setup.sdkTransfer.accept(target);
    await nextTask();
    expect(target.hangUps).toEqual([{ forEveryone: false }]);
  });

  it('never calls off on the transfer feature, whose off adds the listener again (SDK 2.0.0)', async () => {
    const setup = await oneToOne();
    const stop = setup.transfer.onTransferred(() => undefined);
    stop();
    expect(setup.sdkTransfer.listenerCount('transferAccepted')).toBe(1);
    setup.stub.end();
    expect(setup.sdkTransfer.listenerCount('transferAccepted')).toBe(0);
    expect(setup.sdkTransfer.droppedCount('transferAccepted')).toBe(1);
  });
});
