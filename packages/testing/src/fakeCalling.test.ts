import type { CallPortStatus } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { createFakeCalling } from './fakeCalling';
import { connectedCalling as connected } from './fakeCalling.test-support';
import { platformVerdict } from './platformVerdict';
import { typedRejection } from './typedRejection';

describe('createFakeCalling', () => {
  it('forgetEndedCalls drops ended calls and reports listeners they still had', async () => {
    const calling = await connected();
    const ended = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
    const live = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550102' });
    const leaked = ended.subscribe(() => undefined);
    calling.lastCall().answer();
    calling.remoteCalls[0]!.busy();
    const ringing = calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+14255550103' });
    calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+14255550104' }).callerHangsUp();

    expect(calling.forgetEndedCalls()).toBe(1);
    expect(calling.remoteCalls.map((call) => call.id)).toEqual([live.id]);
    expect(calling.incomingCalls).toEqual([ringing]);
    leaked();
    expect(calling.forgetEndedCalls()).toBe(0);
  });

  it('deferNext holds a method until the test settles it', async () => {
    const calling = await connected();
    const held = calling.deferNext('startCall');
    let placed = false;
    const call = calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' }).then(() => {
      placed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(placed).toBe(false);
    held.resolve();
    await call;
    expect(placed).toBe(true);
  });
});

// The fake is as strict as the platform: it refuses what the ACS Calling SDK 2.0.0 refuses, with the error the
// ACS port reports for it (`call_failed` and the SDK's codes). The ACS package's conformance suite checks
// `platformVerdict` against the SDK's own code.
describe('createFakeCalling: the platform’s rules', () => {
  const callIn = async (status: CallPortStatus) => {
    const calling = await connected();
    const handle = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
    if (status !== 'connecting') calling.lastCall().reportStatus(status);
    return { calling, handle, remote: calling.lastCall() };
  };

  it.each([
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0',
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=not-json',
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?anon=true',
  ])(
    'refuses to join a classic link without a JSON context, as the SDK does (400/40210): %s',
    async (link) => {
      const calling = await connected();
      const error = await typedRejection(calling.joinMeeting({ kind: 'link', meetingLink: link }));
      expect(error).toMatchObject({ code: 'invalid_meeting_link', details: { reason: 'missing_context' } });
      expect(calling.remoteCalls).toHaveLength(0);
    },
  );

  it.each<CallPortStatus>(['connecting', 'ringing', 'early_media', 'disconnecting'])(
    'refuses to hold a call that is %s (SDK 500/41033)',
    async (status) => {
      const { handle } = await callIn(status);
      const error = await typedRejection(handle.hold());
      expect(error).toMatchObject({ code: 'call_failed', details: { code: 500, subCode: 41033 } });
      expect(handle.getState().status).toBe(status);
    },
  );

  it.each<CallPortStatus>(['connected', 'remote_hold', 'in_lobby'])(
    'holds a call that is %s',
    async (status) => {
      const { handle } = await callIn(status);
      await handle.hold();
      expect(handle.getState().status).toBe('local_hold');
    },
  );

  it('holding a held call, or resuming a connected one, resolves and reports nothing', async () => {
    const { handle } = await callIn('local_hold');
    const events: unknown[] = [];
    handle.subscribe((event) => events.push(event));
    await handle.hold();
    await handle.resume();
    await handle.resume();
    expect(events).toEqual([{ type: 'status', status: 'connected' }]);
  });

  it.each<CallPortStatus>(['ringing', 'remote_hold', 'in_lobby'])(
    'refuses to resume a call that is %s (SDK 500/41034)',
    async (status) => {
      const { handle } = await callIn(status);
      expect(await typedRejection(handle.resume())).toMatchObject({ details: { code: 500, subCode: 41034 } });
    },
  );

  it.each<CallPortStatus>(['connecting', 'ringing', 'local_hold', 'remote_hold', 'in_lobby'])(
    'refuses DTMF while no media flows: %s (SDK 400/41022)',
    async (status) => {
      const { handle, remote } = await callIn(status);
      expect(await typedRejection(handle.sendDtmf('5'))).toMatchObject({
        code: 'call_failed',
        details: { code: 400, subCode: 41022 },
      });
      expect(remote.dtmfSent).toEqual([]);
    },
  );

  it.each<CallPortStatus>(['connected', 'early_media'])('sends DTMF while %s', async (status) => {
    const { handle, remote } = await callIn(status);
    await handle.sendDtmf('#');
    expect(remote.dtmfSent).toEqual(['#']);
  });

  it.each(['A', 'B', 'C', 'D'] as const)(
    'refuses DTMF %s, which the SDK’s media stack cannot send',
    async (tone) => {
      const { handle, remote } = await callIn('connected');
      expect(await typedRejection(handle.sendDtmf(tone))).toMatchObject({
        details: { code: 400, subCode: 41022 },
      });
      expect(remote.dtmfSent).toEqual([]);
    },
  );

  it('a second hang-up while the first is under way does nothing, as with the ACS port', async () => {
    const calling = createFakeCalling({ hangUpDelayMs: 60_000 });
    await calling.connect({
      getToken: async () => ({ token: 't', expiresOn: new Date(Date.now() + 60_000) }),
    });
    const handle = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
    calling.lastCall().answer();
    const events: unknown[] = [];
    handle.subscribe((event) => events.push(event));
    await handle.hangUp();
    await handle.hangUp();
    expect(events).toEqual([{ type: 'status', status: 'disconnecting' }]);
    expect(calling.lastCall().hangUpCount).toBe(2);
    await calling.disconnect();
  });

  it('decides on the state the call had when the command was issued, as the SDK does', async () => {
    const calling = await connected();
    const held = calling.deferNext('hold');
    const handle = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
    calling.lastCall().answer();
    const holding = handle.hold();
    calling.lastCall().remoteHold();
    held.resolve();
    await holding;
    expect(handle.getState().status).toBe('local_hold');
    expect(platformVerdict('hold', 'ringing')).toMatchObject({ code: 500, subCode: 41033 });
  });
});
