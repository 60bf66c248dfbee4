import {
  type CallEndReasonCode,
  type CallingPort,
  type CallParty,
  type CallPortEvent,
  type IncomingCallHandle,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { createFakeCalling } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { createAcsCalling } from './createAcsCalling';
import { createStubSdkWorld, teamsUser } from './stubSdk.test-support';

// One contract for the calling port, run against the fake port the core is tested with and against the ACS
// port over a stub of the SDK: seen from the core, both must behave the same way.

/** What the remote side of a call does. */
interface RemoteSide {
  ring(): void;
  answer(): void;
  hangUp(): void;
  addParticipants(count: number): void;
}

type Caller = Extract<CallParty, { kind: 'phoneNumber' | 'teamsUser' }>;

interface PortWorld {
  readonly port: CallingPort;
  /** The remote side of the latest call placed or answered. */
  lastCall(): RemoteSide;
  /** Rings the endpoint; returns what the caller can do next. */
  ringFrom(caller: Caller): { callerHangsUp(): void };
  /** Listeners the port holds on whatever sits behind it (the fake's own, or the SDK stub's). */
  listenerCount(): number;
}

function fakeWorld(): PortWorld {
  const fake = createFakeCalling({ connectAcceptedCalls: false });
  return {
    port: fake,
    lastCall() {
      const call = fake.lastCall();
      return {
        ring: () => call.ring(),
        answer: () => call.answer(),
        hangUp: () => call.remoteHangUp(),
        addParticipants: (count) => call.addParticipants(count),
      };
    },
    ringFrom(caller) {
      const incoming = fake.simulateIncomingCall(caller);
      return { callerHangsUp: () => incoming.callerHangsUp() };
    },
    listenerCount: () => fake.listenerCount(),
  };
}

function acsWorld(): PortWorld {
  const world = createStubSdkWorld();
  return {
    port: createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon }),
    lastCall() {
      const call = world.registry.calls.at(-1);
      if (!call) throw new Error('No call.');
      return {
        ring: () => call.setState('Ringing'),
        answer: () => call.setState('Connected'),
        hangUp: () => call.end({ code: 0, subCode: 0 }),
        addParticipants: (count) => call.addParticipants(count),
      };
    },
    ringFrom(caller) {
      const incoming = world
        .agent()
        .ring(
          caller.kind === 'phoneNumber'
            ? { identifier: { kind: 'phoneNumber', phoneNumber: caller.phoneNumber } }
            : teamsUser(caller.userId),
        );
      return { callerHangsUp: () => incoming.callerHangsUp({ code: 487, subCode: 0 }) };
    },
    listenerCount: () => world.registry.listenerCount(),
  };
}

const getToken = async () => ({ token: 'teams-token', expiresOn: new Date(Date.now() + 3_600_000) });
const PSTN: Caller = { kind: 'phoneNumber', phoneNumber: '+14255550199' };
const TEAMS: Caller = { kind: 'teamsUser', userId: 'e8b753b5-4117-464e-9a08-713e1ff266b3' };

async function connected(makeWorld: () => PortWorld) {
  const world = makeWorld();
  await world.port.connect({ getToken });
  return world;
}

const statuses = (events: readonly CallPortEvent[]) =>
  events.flatMap((event) => (event.type === 'status' ? [event.status] : []));

describe.each([
  ['fake calling port', fakeWorld],
  ['ACS calling port over the SDK stub', acsWorld],
])('calling port contract: %s', (_name, makeWorld) => {
  it('refuses to place a call before connect with not_connected', async () => {
    const world = makeWorld();
    await expect(world.port.startCall(PSTN)).rejects.toMatchObject({ code: 'not_connected' });
  });

  it('places a call that rings, connects and ends when the other side hangs up', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.startCall(PSTN);
    expect(call.getState()).toMatchObject({ status: 'connecting', isMuted: false, isVideoOn: false });
    const events: CallPortEvent[] = [];
    call.subscribe((event) => events.push(event));
    world.lastCall().ring();
    expect(call.getState().status).toBe('ringing');
    world.lastCall().answer();
    expect(call.getState().status).toBe('connected');
    world.lastCall().hangUp();
    expect(statuses(events)).toEqual(['ringing', 'connected', 'disconnected']);
    expect(events.at(-1)).toMatchObject({ type: 'status', endReason: { code: 0 } });
    expect(call.getState()).toMatchObject({ status: 'disconnected', endReason: { code: 0 } });
  });

  it('calls a Teams user and joins meetings by link and by id', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.startCall({ ...TEAMS, threadId: '19:abc@unq.gbl.spaces' });
    const byLink = await world.port.joinMeeting({
      kind: 'link',
      meetingLink: 'https://teams.microsoft.com/meet/123?p=abc',
    });
    const byId = await world.port.joinMeeting({ kind: 'id', meetingId: '123', passcode: 'abc' });
    expect([call, byLink, byId].map((handle) => handle.getState().status)).toEqual([
      'connecting',
      'connecting',
      'connecting',
    ]);
  });

  it('mutes and unmutes, reporting each change', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.startCall(PSTN);
    world.lastCall().answer();
    const events: CallPortEvent[] = [];
    call.subscribe((event) => events.push(event));
    await call.mute();
    expect(call.getState().isMuted).toBe(true);
    await call.unmute();
    expect(events.filter((event) => event.type === 'muted')).toEqual([
      { type: 'muted', isMuted: true },
      { type: 'muted', isMuted: false },
    ]);
  });

  it('hangs up; hanging up an ended call does nothing', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.startCall(PSTN);
    world.lastCall().answer();
    await call.hangUp();
    await vi.waitFor(() => expect(call.getState().status).toBe('disconnected'));
    await expect(call.hangUp()).resolves.toBeUndefined();
  });

  it('refuses controls on an ended call with invalid_call_state', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.startCall(PSTN);
    world.lastCall().answer();
    world.lastCall().hangUp();
    await expect(call.sendDtmf('5')).rejects.toMatchObject({ code: 'invalid_call_state' });
    await expect(call.mute()).rejects.toMatchObject({ code: 'invalid_call_state' });
  });

  it('reports a burst of 1,000 participants as one event', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.joinMeeting({ kind: 'id', meetingId: '123', passcode: 'abc' });
    world.lastCall().answer();
    const events: CallPortEvent[] = [];
    call.subscribe((event) => events.push(event));
    world.lastCall().addParticipants(1000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'participantsAdded' });
    expect(call.getState().participants).toHaveLength(1000);
  });

  it.each([
    ['PSTN', PSTN],
    ['Teams', TEAMS],
  ])('offers an incoming %s call with its caller and answers it', async (_kind, caller) => {
    const world = await connected(makeWorld);
    const offered: IncomingCallHandle[] = [];
    world.port.onIncomingCall((incoming) => offered.push(incoming));
    world.ringFrom(caller);
    expect(offered).toHaveLength(1);
    expect(offered[0]?.caller).toMatchObject(caller);
    const call = await offered[0]!.accept();
    world.lastCall().answer();
    expect(call.getState().status).toBe('connected');
  });

  it('caller hangs up before the answer: onEnded fires, then accept rejects with caller_hung_up', async () => {
    const world = await connected(makeWorld);
    const offered: IncomingCallHandle[] = [];
    world.port.onIncomingCall((incoming) => offered.push(incoming));
    const caller = world.ringFrom(PSTN);
    const ended: CallEndReasonCode[] = [];
    offered[0]?.onEnded((reason) => ended.push(reason));
    caller.callerHangsUp();
    expect(ended).toEqual([expect.objectContaining({ code: 487 })]);
    const error = await offered[0]!.accept().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsEndpointError);
    expect(error).toMatchObject({ code: 'call_failed', details: { reason: 'caller_hung_up' } });
  });

  it('disconnect ends a subscribed live call', async () => {
    const world = await connected(makeWorld);
    const call = await world.port.startCall(PSTN);
    world.lastCall().answer();
    const events: CallPortEvent[] = [];
    call.subscribe((event) => events.push(event));
    await world.port.disconnect();
    expect(statuses(events)).toEqual(['disconnected']);
    expect(events.at(-1)).toMatchObject({ type: 'status', endReason: { code: 0 } });
  });

  it('holds no listener after a full lifecycle, unsubscribing and disconnecting', async () => {
    const world = makeWorld();
    const stopIncoming = world.port.onIncomingCall(() => undefined);
    const stopConnection = world.port.onConnectionStateChanged(() => undefined);
    await world.port.connect({ getToken });
    const outgoing = await world.port.startCall(PSTN);
    const stopOutgoing = outgoing.subscribe(() => undefined);
    world.lastCall().answer();
    world.lastCall().addParticipants(25);
    world.lastCall().hangUp();
    const offered: IncomingCallHandle[] = [];
    const stopOffered = world.port.onIncomingCall((incoming) => offered.push(incoming));
    world.ringFrom(TEAMS);
    const stopEnded = offered[0]!.onEnded(() => undefined);
    const answered = await offered[0]!.accept();
    const stopAnswered = answered.subscribe(() => undefined);
    world.lastCall().answer();
    await answered.hangUp();
    await vi.waitFor(() => expect(answered.getState().status).toBe('disconnected'));
    for (const stop of [stopOutgoing, stopAnswered, stopEnded, stopOffered, stopIncoming, stopConnection])
      stop();
    await world.port.disconnect();
    expect(world.listenerCount()).toBe(0);
  });
});
