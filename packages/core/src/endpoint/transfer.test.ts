// Transfer (issue 13): blind transfer of a 1:1 call to a number or a Teams user, consultative transfer to
// another live call, a failed transfer, being transferred by the remote party, and bad targets. A property
// interleaves being transferred with hang-ups, remote hang-ups and dispose: no call is ever lost (every live
// call of the fake port is a live call of the endpoint, and none is left after dispose).
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import type { Call } from './callUnit';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const customer = fabrikam.customers[0]!;
const other = fabrikam.customers[1]!;

async function connectedPstnCall() {
  const fabrikamEndpoint = await createFabrikamEndpoint();
  fabrikamEndpoint.world.calling.scriptNextOutbound('answer');
  const call = fabrikamEndpoint.endpoint.callPhoneNumber(customer.phoneNumber);
  await waitForSnapshot(call, (s) => s.status === 'connected');
  return { ...fabrikamEndpoint, call, remote: fabrikamEndpoint.world.calling.lastCall() };
}

describe('blind transfer', () => {
  it('transfers a PSTN call to a number: transferring, transferred, then the call ends as transferred', async () => {
    const { call, remote } = await connectedPstnCall();
    expect(call.getSnapshot().can.transfer).toBe(true);
    remote.scriptNextTransfer('manual');
    call.transfer({ phoneNumber: '+1 (425) 555-0199' });
    await settle();
    // The platform transfers only a held call: the port holds it first.
    expect(call.getSnapshot()).toMatchObject({
      status: 'on_hold',
      transfer: {
        state: 'transferring',
        target: { kind: 'phoneNumber', phoneNumber: '+14255550199' },
        error: null,
      },
      can: { transfer: false },
    });
    // A second click while transferring sends nothing.
    call.transfer({ phoneNumber: '+14255550199' });
    remote.completeTransfer();
    const ended = await call.whenEnded();
    expect(ended).toMatchObject({
      status: 'ended',
      outcome: 'transferred',
      transfer: { state: 'transferred' },
    });
  });

  it('transfers a Teams call to a Teams user', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.scriptNextOutbound('answer');
    const call = endpoint.callTeamsUser(fabrikam.meganId);
    await waitForSnapshot(call, (s) => s.status === 'connected');
    const colleague = fabrikam.people.find(
      (person) => person.id !== fabrikam.meganId && person.id !== fabrikam.me.id,
    )!;
    call.transfer({ teamsUserId: colleague.id });
    expect(await call.whenEnded()).toMatchObject({
      outcome: 'transferred',
      transfer: { target: { kind: 'teamsUser', userId: colleague.id } },
    });
  });

  it('a failed transfer says why, and the call goes on', async () => {
    const { call, remote, world } = await connectedPstnCall();
    remote.scriptNextTransfer('fail');
    call.transfer({ phoneNumber: other.phoneNumber });
    await waitForSnapshot(call, (s) => s.transfer?.state === 'failed');
    const snapshot = call.getSnapshot();
    expect(snapshot.status).toBe('connected');
    expect(snapshot.transfer!.error).toMatchObject({ code: 'call_failed' });
    expect(snapshot.controlError).toMatchObject({ code: 'call_failed' });
    expect(snapshot.can.transfer).toBe(true);
    expect(world.calling.methodCalls.transfer).toBe(1);
  });

  it('a transfer that never settles fails with timeout after transferTimeoutMs', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ endpoint: { transferTimeoutMs: 30 } });
    world.calling.scriptNextOutbound('answer');
    const call = endpoint.callPhoneNumber(customer.phoneNumber);
    await waitForSnapshot(call, (s) => s.status === 'connected');
    world.calling.lastCall().scriptNextTransfer('manual');
    call.transfer({ phoneNumber: other.phoneNumber });
    await waitForSnapshot(call, (s) => s.transfer?.state === 'failed');
    expect(call.getSnapshot().transfer!.error).toMatchObject({ code: 'timeout' });
    // Still held for the transfer; the user resumes it.
    expect(call.getSnapshot()).toMatchObject({ status: 'on_hold', can: { resume: true, transfer: true } });
  });

  it('a policy that forbids transfer turns can.transfer off with its reason; the command is ignored', async () => {
    const { call, remote, world } = await connectedPstnCall();
    remote.setCapabilities({ transfer: { allowed: false, reason: 'policy' } });
    await settle();
    expect(call.getSnapshot().can.transfer).toBe(false);
    expect(call.getSnapshot().canReasons.transfer).toBe('policy');
    call.transfer({ phoneNumber: other.phoneNumber });
    await settle();
    expect(world.calling.methodCalls.transfer).toBe(0);
  });
});

describe('consultative transfer', () => {
  it('transfers a held call to another live call; the first ends as transferred', async () => {
    const { call, endpoint, world } = await connectedPstnCall();
    world.calling.scriptNextOutbound('answer');
    const consultation = endpoint.callPhoneNumber(other.phoneNumber);
    await waitForSnapshot(consultation, (s) => s.status === 'connected');
    // Call waiting held the first call when the second connected.
    await waitForSnapshot(call, (s) => s.status === 'on_hold');
    call.transfer({ call: consultation });
    expect(await call.whenEnded()).toMatchObject({
      outcome: 'transferred',
      transfer: { target: { kind: 'call', callId: consultation.id } },
    });
  });
});

describe('bad transfer targets: a clear error, and nothing changes', () => {
  const cases: [string, string, (call: Call, ended: Call) => void][] = [
    ['a malformed number', 'invalid_phone_number', (call) => call.transfer({ phoneNumber: '555-CALL-NOW' })],
    [
      'a number with markup',
      'invalid_phone_number',
      (call) => call.transfer({ phoneNumber: '<script>1</script>' }),
    ],
    [
      'a Teams id that is not a GUID',
      'invalid_teams_user_id',
      (call) => call.transfer({ teamsUserId: '../../me' }),
    ],
    [
      'oneself',
      'invalid_teams_user_id',
      (call) => call.transfer({ teamsUserId: fabrikam.me.id.toUpperCase() }),
    ],
    ['the call itself', 'invalid_argument', (call) => call.transfer({ call })],
    ['an ended call', 'invalid_argument', (call, ended) => call.transfer({ call: ended })],
    [
      'an object that is no call',
      'invalid_argument',
      (call) => call.transfer({ call: { id: 'call-1' } as Call }),
    ],
    ['nothing', 'invalid_argument', (call) => call.transfer(null as never)],
    ['an empty object', 'invalid_argument', (call) => call.transfer({} as never)],
  ];
  it.each(cases)('%s: %s', async (_name, code, attempt) => {
    const { call, endpoint, world } = await connectedPstnCall();
    world.calling.scriptNextOutbound('busy');
    const ended = endpoint.callPhoneNumber(other.phoneNumber);
    await ended.whenEnded();
    await settle();
    const before = call.getSnapshot();
    let thrown: unknown;
    try {
      attempt(call, ended);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TeamsEndpointError);
    expect((thrown as TeamsEndpointError).code).toBe(code);
    await settle();
    expect(call.getSnapshot()).toBe(before);
    expect(world.calling.methodCalls.transfer).toBe(0);
  });

  it('a call of another endpoint: invalid_argument, and nothing changes', async () => {
    const { call, world } = await connectedPstnCall();
    const elsewhere = await connectedPstnCall();
    const before = call.getSnapshot();
    expect(() => call.transfer({ call: elsewhere.call })).toThrow(/another call of this endpoint/);
    await settle();
    expect(call.getSnapshot()).toBe(before);
    expect(world.calling.methodCalls.transfer).toBe(0);
  });

  it('a meeting cannot be transferred: can.transfer is false (call_type) and the command is ignored', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.calling.scriptNextMeeting('admit');
    const meeting = endpoint.joinMeeting('https://teams.microsoft.com/meet/1234567890123?p=passcode1');
    await waitForSnapshot(meeting, (s) => s.status === 'connected');
    expect(meeting.getSnapshot().canReasons.transfer).toBe('call_type');
    meeting.transfer({ phoneNumber: other.phoneNumber });
    await settle();
    expect(world.calling.methodCalls.transfer).toBe(0);
  });
});

describe('being transferred by the remote party', () => {
  it('the new call replaces the old one in the endpoint, connected, with its other side resolved', async () => {
    const { call, endpoint, remote } = await connectedPstnCall();
    remote.transferUs({ kind: 'phoneNumber', phoneNumber: other.phoneNumber });
    const ended = await call.whenEnded();
    expect(ended.outcome).toBe('transferred');
    expect(ended.replacedBy).not.toBeNull();
    const replacement = endpoint.getCall(ended.replacedBy!)!;
    await waitForSnapshot(replacement, (s) => s.callerResolution === 'resolved');
    expect(replacement.getSnapshot()).toMatchObject({
      status: 'connected',
      remote: { kind: 'phoneNumber', phoneNumber: other.phoneNumber, displayName: other.name },
    });
    // In the endpoint's list, the new call takes the old one's place.
    const ids = endpoint.getSnapshot().calls.map((snapshot) => snapshot.id);
    expect(ids.indexOf(replacement.id)).toBe(ids.indexOf(call.id) + 1);
    replacement.hangUp();
    expect(await replacement.whenEnded()).toMatchObject({ outcome: 'completed' });
  });

  it('a call transferred to us while signing out is hung up, not kept past the sign-out', async () => {
    const { call, endpoint, remote, world } = await createFabrikamEndpoint({
      endpoint: { hangUpGraceMs: 3_600_000 },
    }).then(async (fabrikamEndpoint) => {
      fabrikamEndpoint.world.calling.scriptNextOutbound('answer');
      const placed = fabrikamEndpoint.endpoint.callPhoneNumber(customer.phoneNumber);
      await waitForSnapshot(placed, (s) => s.status === 'connected');
      return { ...fabrikamEndpoint, call: placed, remote: fabrikamEndpoint.world.calling.lastCall() };
    });
    // The hang-up sign-out sends, and the agent's disconnect, are held: the transfer arrives while sign-out waits.
    const hangUps = world.calling.holdAll('hangUp');
    const disconnects = world.calling.holdAll('disconnect');
    const signingOut = endpoint.signOut();
    await settle();
    const newCall = remote.transferUs({ kind: 'phoneNumber', phoneNumber: other.phoneNumber });
    await settle();
    hangUps.release();
    disconnects.release();
    await signingOut;
    await settle();
    expect(newCall.state.status).toBe('disconnected');
    // The endpoint never took the new call: it was hung up as it arrived.
    expect(endpoint.getSnapshot().calls.map((snapshot) => snapshot.id)).toEqual([call.id]);
    expect(await call.whenEnded()).toMatchObject({
      status: 'ended',
      outcome: 'signed_out',
      replacedBy: null,
    });
  });

  type Move = 'transferUs' | 'hangUpOld' | 'hangUpNew' | 'remoteHangsUpNew' | 'dispose' | 'tick';
  it('loses no call, whatever happens around it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom<Move>(
            'transferUs',
            'hangUpOld',
            'hangUpNew',
            'remoteHangsUpNew',
            'dispose',
            'tick',
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (moves) => {
          const { call, endpoint, remote, world } = await connectedPstnCall();
          let disposed = false;
          for (const move of moves) {
            const live = world.calling.remoteCalls.filter((fake) => fake.state.status !== 'disconnected');
            const newest = live.at(-1);
            if (move === 'transferUs' && remote.state.status === 'connected' && !disposed)
              remote.transferUs({ kind: 'phoneNumber', phoneNumber: other.phoneNumber });
            else if (move === 'hangUpOld') call.hangUp();
            else if (move === 'hangUpNew' && !disposed) {
              for (const snapshot of endpoint.getSnapshot().calls) endpoint.getCall(snapshot.id)?.hangUp();
            } else if (move === 'remoteHangsUpNew' && newest && newest !== remote) newest.remoteHangUp();
            else if (move === 'dispose' && !disposed) {
              disposed = true;
              await endpoint.dispose();
            }
            await settle();
            // Every call the platform has up is a live call of the endpoint: none is lost.
            const up = world.calling.remoteCalls.filter((fake) => fake.state.status !== 'disconnected');
            const liveHere = endpoint
              .getSnapshot()
              .calls.filter((snapshot) => snapshot.status !== 'ended' && snapshot.status !== 'failed');
            if (disposed) expect(up).toHaveLength(0);
            else expect(up.length).toBeLessThanOrEqual(liveHere.length);
          }
          if (!disposed) await endpoint.dispose();
          await settle();
          expect(
            world.calling.remoteCalls.filter((fake) => fake.state.status !== 'disconnected'),
          ).toHaveLength(0);
          expect(world.calling.listenerCount()).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
