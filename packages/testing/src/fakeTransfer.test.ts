import type {
  CallHandle,
  CallParty,
  CallPortStatus,
  TransferredCall,
  TransferTarget,
} from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import {
  connectedCalling,
  featuresOf,
  liveCall,
  liveMeeting,
  liveTeamsCall,
  timersRun,
} from './fakeCalling.test-support';
import { typedRejection } from './typedRejection';

const toNumber: TransferTarget = { kind: 'phoneNumber', phoneNumber: '+14255550199' };
const toColleague: TransferTarget = { kind: 'teamsUser', userId: '6e0f8a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' };
const megan: CallParty = { kind: 'teamsUser', userId: '3f1c2b8e-5a4d-4c6e-9b7a-1d2e3f4a5b6c' };

/** Records, in order, the transfer settling and the call's status changes. */
const timeline = (call: CallHandle) => {
  const seen: string[] = [];
  call.subscribe((event) => {
    if (event.type === 'status') seen.push(`status:${event.status}`);
  });
  return seen;
};

describe('fake transfer: transferring a call', () => {
  it.each([toNumber, toColleague])('resolves first, then the call ends with code 0 (%o)', async (target) => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    const seen = timeline(handle);
    await featuresOf(handle)
      .transfer.transfer(target)
      .then(() => seen.push('resolved'));
    // Held first, as the SDK needs (the ACS port holds a connected call before it transfers it).
    expect(handle.getState().status).toBe('local_hold');
    await timersRun();
    expect(seen).toEqual(['status:local_hold', 'resolved', 'status:disconnected']);
    expect(handle.getState().endReason).toEqual({ code: 0 });
    expect(calling.methodCalls.transfer).toBe(1);
  });

  it('a consultative transfer ends both calls once it resolved', async () => {
    const calling = await connectedCalling();
    const first = await liveTeamsCall(calling);
    await first.handle.hold();
    const second = await liveCall(calling);
    await featuresOf(second.handle).transfer.transfer({ kind: 'call', callId: first.handle.id });
    expect(first.handle.getState().status).toBe('local_hold');
    await timersRun();
    expect(second.handle.getState()).toMatchObject({ status: 'disconnected', endReason: { code: 0 } });
    expect(first.handle.getState()).toMatchObject({ status: 'disconnected', endReason: { code: 0 } });
  });

  it('a held call can be transferred', async () => {
    const { handle } = await liveCall(await connectedCalling());
    await handle.hold();
    await featuresOf(handle).transfer.transfer(toNumber);
  });

  it.each<CallPortStatus>(['connecting', 'ringing', 'early_media', 'remote_hold', 'disconnecting'])(
    'refuses to transfer a call that is %s (invalid_call_state)',
    async (status) => {
      const { handle, remote } = await liveCall(await connectedCalling());
      remote.reportStatus(status);
      expect(await typedRejection(featuresOf(handle).transfer.transfer(toNumber))).toMatchObject({
        code: 'invalid_call_state',
        details: { reason: 'not_connected', status },
      });
      expect(remote.transferPending).toBe(false);
    },
  );

  it('refuses while Teams denies the transfer (forbidden)', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    remote.setCapabilities({ transfer: { allowed: false, reason: 'policy' } });
    expect(await typedRejection(featuresOf(handle).transfer.transfer(toNumber))).toMatchObject({
      code: 'forbidden',
      details: { capability: 'transfer', reason: 'policy' },
    });
  });

  it.each<[string, TransferTarget, string]>([
    ['a malformed number', { kind: 'phoneNumber', phoneNumber: '4255550199' }, 'invalid_target'],
    ['a number with text', { kind: 'phoneNumber', phoneNumber: '+1425555019;9' }, 'invalid_target'],
    ['a Teams user that is no GUID', { kind: 'teamsUser', userId: 'megan@fabrikam.com' }, 'invalid_target'],
    ['an unknown kind', { kind: 'voicemail' } as unknown as TransferTarget, 'invalid_target'],
    ['an unknown call', { kind: 'call', callId: 'fake-call-999' }, 'unknown_call'],
  ])('refuses %s (invalid_argument)', async (_, target, reason) => {
    const { handle, remote } = await liveCall(await connectedCalling());
    expect(await typedRejection(featuresOf(handle).transfer.transfer(target))).toMatchObject({
      code: 'invalid_argument',
      details: { reason },
    });
    expect(remote.state.status).toBe('connected');
  });

  it('refuses a consultative transfer to the same call, an ended call, or one not connected', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    const transfer = featuresOf(handle).transfer;
    const ended = await liveCall(calling);
    ended.remote.remoteHangUp();
    const ringing = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550188' });
    calling.lastCall().ring();
    const reasons = [];
    for (const callId of [handle.id, ended.handle.id, ringing.id]) {
      reasons.push((await typedRejection(transfer.transfer({ kind: 'call', callId }))).details.reason);
    }
    expect(reasons).toEqual(['same_call', 'unknown_call', 'target_call_not_connected']);
  });

  it('a failed transfer rejects with call_failed and the platform’s codes; the call stays as it was', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    remote.scriptNextTransfer('fail');
    const error = await typedRejection(featuresOf(handle).transfer.transfer(toNumber));
    expect(error).toMatchObject({
      code: 'call_failed',
      details: { reason: 'transfer_failed', code: 500, subCode: 46050 },
    });
    await timersRun();
    expect(handle.getState().status).toBe('connected');
    await featuresOf(handle).transfer.transfer(toNumber);
  });

  it('a manual transfer waits for completeTransfer or failTransfer', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    remote.scriptNextTransfer('manual');
    remote.scriptNextTransfer('manual');
    const failing = featuresOf(handle).transfer.transfer(toNumber);
    await timersRun();
    expect(remote.transferPending).toBe(true);
    remote.failTransfer({ code: 486, subCode: 560486 });
    expect(await typedRejection(failing)).toMatchObject({
      details: { reason: 'transfer_failed', code: 486, subCode: 560486 },
    });
    const completing = featuresOf(handle).transfer.transfer(toColleague);
    await timersRun();
    remote.completeTransfer();
    await completing;
    expect(remote.transferPending).toBe(false);
    await timersRun();
    expect(handle.getState().status).toBe('disconnected');
  });

  it('completeTransfer or failTransfer with no transfer under way throws', async () => {
    const { remote } = await liveCall(await connectedCalling());
    expect(() => remote.completeTransfer()).toThrow(/No transfer/);
    expect(() => remote.failTransfer()).toThrow(/No transfer/);
  });

  it('one transfer at a time: another while one is under way rejects with invalid_call_state', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    remote.scriptNextTransfer('manual');
    const first = featuresOf(handle).transfer.transfer(toNumber);
    await timersRun();
    expect(await typedRejection(featuresOf(handle).transfer.transfer(toColleague))).toMatchObject({
      code: 'invalid_call_state',
      details: { reason: 'transfer_in_progress' },
    });
    remote.completeTransfer();
    await first;
  });

  it('aborting stops waiting with the aborted error; the transfer goes on', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    remote.scriptNextTransfer('manual');
    const controller = new AbortController();
    const waiting = featuresOf(handle).transfer.transfer(toNumber, { signal: controller.signal });
    await timersRun();
    expect(remote.transferPending).toBe(true);
    controller.abort();
    expect(await typedRejection(waiting)).toMatchObject({ code: 'aborted' });
    expect(remote.transferPending).toBe(true);
    remote.completeTransfer();
    await timersRun();
    expect(handle.getState().status).toBe('disconnected');
  });

  it('a signal aborted before the transfer rejects at once, and nothing is transferred', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    const error = await typedRejection(
      featuresOf(handle).transfer.transfer(toNumber, { signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('aborted');
    expect(remote.transferPending).toBe(false);
    expect(calling.methodCalls.transfer).toBe(1);
  });

  it('a transfer held by deferNext can be aborted while held', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    calling.deferNext('transfer');
    const controller = new AbortController();
    const waiting = featuresOf(handle).transfer.transfer(toNumber, { signal: controller.signal });
    controller.abort();
    expect((await typedRejection(waiting)).code).toBe('aborted');
  });

  it('the call ending under a transfer fails it', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    remote.scriptNextTransfer('manual');
    const waiting = featuresOf(handle).transfer.transfer(toNumber);
    await timersRun();
    remote.remoteHangUp();
    expect(await typedRejection(waiting)).toMatchObject({
      code: 'call_failed',
      details: { reason: 'transfer_failed' },
    });
    expect(remote.transferPending).toBe(false);
  });

  it('transferDelayMs delays a scripted outcome', async () => {
    const { handle, remote } = await liveCall(await connectedCalling({ transferDelayMs: 30 }));
    featuresOf(handle).transfer.transfer(toNumber);
    await timersRun();
    expect(remote.transferPending).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(remote.transferPending).toBe(false);
  });

  it('a meeting offers no transfer, and says so in its capabilities', async () => {
    const { handle } = await liveMeeting(await connectedCalling());
    expect(handle.features.transfer).toBeUndefined();
    expect(handle.getState().capabilities.transfer).toEqual({ allowed: false, reason: 'call_type' });
  });
});

describe('fake transfer: being transferred', () => {
  it('hands the new connected call to the listener, then ends the old call with code 0', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    const delivered: TransferredCall[] = [];
    let oldStatusWhenDelivered: CallPortStatus | undefined;
    featuresOf(handle).transfer.onTransferred((transferred) => {
      oldStatusWhenDelivered = handle.getState().status;
      delivered.push(transferred);
    });
    const next = remote.transferUs(megan);
    expect(delivered).toEqual([{ handle: next, remote: megan }]);
    expect(oldStatusWhenDelivered).toBe('connected');
    expect(next.state.status).toBe('connected');
    expect(next).toMatchObject({ direction: 'incoming', target: megan, kind: 'teams' });
    expect(calling.remoteCalls).toContain(next);
    expect(handle.getState()).toMatchObject({ status: 'disconnected', endReason: { code: 0 } });
  });

  it('with no listener, the new call is ended at once: no ghost call stays up', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    const next = remote.transferUs(megan);
    expect(next.state).toMatchObject({ status: 'disconnected', endReason: { code: 0 } });
    expect(handle.getState().status).toBe('disconnected');
    expect(calling.remoteCalls.filter((call) => call.state.status !== 'disconnected')).toEqual([]);
  });

  it('only a connected call is transferred by its remote party', async () => {
    const { remote } = await liveCall(await connectedCalling());
    remote.remoteHold();
    expect(() => remote.transferUs(megan)).toThrow(/connected/);
  });

  it('a removed listener hears of no transfer', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    const heard: TransferredCall[] = [];
    const stop = featuresOf(handle).transfer.onTransferred((call) => heard.push(call));
    stop();
    const next = remote.transferUs(megan);
    expect(heard).toEqual([]);
    expect(next.state.status).toBe('disconnected');
  });
});
