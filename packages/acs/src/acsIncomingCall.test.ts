import type { CallerInfo } from '@azure/communication-calling';
import { getIdentifierRawId } from '@azure/communication-common';
import type { CallEndReasonCode, CallHandle } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { createAcsCallHandle } from './acsCallHandle';
import { createAcsIncomingCall } from './acsIncomingCall';
import {
  StubRegistry,
  StubTeamsIncomingCall,
  sdkError,
  stubCallHandleContext,
  teamsUser,
} from './stubSdk.test-support';

const OID = 'e8b753b5-4117-464e-9a08-713e1ff266b3';

function setUp(callerInfo: CallerInfo = teamsUser(OID, 'Megan Bowen')) {
  const registry = new StubRegistry();
  const stub = new StubTeamsIncomingCall(registry, callerInfo);
  const onSettled = vi.fn();
  const wrapCall = vi.fn(
    (call: Parameters<typeof createAcsCallHandle>[0]): CallHandle =>
      createAcsCallHandle(call, stubCallHandleContext(registry)),
  );
  const incoming = createAcsIncomingCall(stub, { rawIdOf: getIdentifierRawId, wrapCall, onSettled });
  return { registry, stub, incoming, onSettled, wrapCall };
}

describe('caller', () => {
  it('maps a PSTN caller', () => {
    const { incoming } = setUp({
      identifier: { kind: 'phoneNumber', phoneNumber: '+14255550199', rawId: '4:+14255550199' },
      displayName: '+1 425 555 0199',
    });
    expect(incoming.caller).toEqual({
      kind: 'phoneNumber',
      phoneNumber: '+14255550199',
      displayName: '+1 425 555 0199',
    });
  });

  it('maps a Teams caller by Entra object id', () => {
    expect(setUp().incoming.caller).toEqual({ kind: 'teamsUser', userId: OID, displayName: 'Megan Bowen' });
  });

  it('maps anonymous, unknown and missing callers to unknown, with the raw id when there is one', () => {
    expect(
      setUp({ identifier: { kind: 'phoneNumber', phoneNumber: 'anonymous', isAnonymous: true } }).incoming
        .caller,
    ).toEqual({ kind: 'unknown', rawId: '4:anonymous' });
    expect(
      setUp({ identifier: { kind: 'microsoftTeamsApp', teamsAppId: 'app-1' }, displayName: 'Bot' }).incoming
        .caller,
    ).toEqual({ kind: 'unknown', rawId: '28:orgid:app-1', displayName: 'Bot' });
    expect(setUp({ identifier: undefined }).incoming.caller).toEqual({ kind: 'unknown' });
  });

  it('keeps a display name as it is: data, not markup', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(setUp(teamsUser(OID, name)).incoming.caller.displayName).toBe(name);
  });
});

describe('answering', () => {
  it('accepts into a call handle and lets go of the SDK listener', async () => {
    const { stub, incoming, registry, onSettled } = setUp();
    expect(registry.listenerCount()).toBe(1);
    const call = await incoming.accept();
    expect(call.id).toBe(stub.accepted?.id);
    expect(call.getState().status).toBe('connecting');
    expect(registry.listenerCount()).toBe(0);
    expect(onSettled).toHaveBeenCalledTimes(1);
    expect((await typedRejection(incoming.accept())).code).toBe('invalid_call_state');
  });

  it('rejects and lets go of the SDK listener; rejecting twice does nothing more', async () => {
    const { stub, incoming, registry, onSettled } = setUp();
    const reject = vi.spyOn(stub, 'reject');
    await incoming.reject();
    await incoming.reject();
    expect(reject).toHaveBeenCalledTimes(1);
    expect(registry.listenerCount()).toBe(0);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it('caller hangs up first: onEnded fires and accept rejects with call_failed / caller_hung_up', async () => {
    const { stub, incoming, registry } = setUp();
    const ended: CallEndReasonCode[] = [];
    incoming.onEnded((reason) => ended.push(reason));
    stub.callerHangsUp({ code: 487, subCode: 10004 });
    expect(ended).toEqual([{ code: 487, subCode: 10004 }]);
    expect(registry.listenerCount()).toBe(0);
    const accept = vi.spyOn(stub, 'accept');
    const error = await typedRejection(incoming.accept());
    expect(error).toMatchObject({ code: 'call_failed', details: { reason: 'caller_hung_up' } });
    expect(accept).not.toHaveBeenCalled();
    await incoming.reject();
  });

  it('removes an onEnded listener with the function it returned', () => {
    const { stub, incoming } = setUp();
    const listener = vi.fn();
    const stop = incoming.onEnded(listener);
    stop();
    stub.callerHangsUp();
    expect(listener).not.toHaveBeenCalled();
  });

  it('caller hangs up while the answer is in flight and the SDK refuses it: caller_hung_up', async () => {
    const { stub, incoming, registry } = setUp();
    let letAnswer!: () => void;
    stub.answerGate = new Promise((resolve) => {
      letAnswer = resolve;
    });
    const cause = sdkError(400, 5000);
    stub.faults.failNext('accept', cause);
    const outcome = typedRejection(incoming.accept());
    const ended = vi.fn();
    incoming.onEnded(ended);
    stub.callerHangsUp();
    letAnswer();
    const error = await outcome;
    expect(error).toMatchObject({ code: 'call_failed', details: { reason: 'caller_hung_up' }, cause });
    expect(ended).toHaveBeenCalledTimes(1);
    expect(registry.listenerCount()).toBe(0);
  });

  it('a failed answer while the caller still waits is call_failed, and can be tried again', async () => {
    const { stub, incoming, registry } = setUp();
    stub.faults.failNext('accept', sdkError(500, 1));
    const error = await typedRejection(incoming.accept());
    expect(error.code).toBe('call_failed');
    expect(error.details).not.toHaveProperty('reason');
    expect(registry.listenerCount()).toBe(1);
    await incoming.accept();
    expect(registry.listenerCount()).toBe(0);
  });

  it('types a failed reject', async () => {
    const { stub, incoming } = setUp();
    stub.faults.failNext('reject', sdkError(500, 1));
    expect((await typedRejection(incoming.reject())).code).toBe('call_failed');
  });

  it('honours the signal: an aborted accept does not answer; one aborted in flight hangs the call up', async () => {
    const first = setUp();
    const accept = vi.spyOn(first.stub, 'accept');
    expect((await typedRejection(first.incoming.accept({ signal: AbortSignal.abort() }))).code).toBe(
      'aborted',
    );
    expect(accept).not.toHaveBeenCalled();

    const second = setUp();
    const controller = new AbortController();
    const outcome = typedRejection(second.incoming.accept({ signal: controller.signal }));
    controller.abort();
    expect((await outcome).code).toBe('aborted');
    expect(second.stub.accepted?.hangUps).toEqual([{ forEveryone: false }]);
  });

  it('settles at once an incoming call the SDK hands over already ended', async () => {
    const registry = new StubRegistry();
    const stub = new StubTeamsIncomingCall(registry, teamsUser(OID));
    stub.callEndReason = { code: 487 };
    const incoming = createAcsIncomingCall(stub, {
      rawIdOf: getIdentifierRawId,
      wrapCall: vi.fn(),
      onSettled: vi.fn(),
    });
    expect(registry.listenerCount()).toBe(0);
    expect((await typedRejection(incoming.accept())).details).toEqual({ reason: 'caller_hung_up' });
  });

  it('hangs up and disposes an answer that lands after the port let go, rejecting with not_connected', async () => {
    const { stub, incoming, wrapCall, registry } = setUp();
    let open!: () => void;
    stub.answerGate = new Promise((resolve) => {
      open = resolve;
    });
    const accepting = typedRejection(incoming.accept());
    incoming.release();
    open();
    expect((await accepting).code).toBe('not_connected');
    expect(stub.accepted?.hangUps).toEqual([{ forEveryone: false }]);
    expect(stub.accepted?.disposed).toBe(true);
    expect(wrapCall).not.toHaveBeenCalled();
    expect(registry.listenerCount()).toBe(0);
  });
});
