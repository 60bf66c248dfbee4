import {
  type CallPortEvent,
  PLATFORM_CAPABILITIES,
  type PlatformCapabilities,
  type PlatformCapability,
} from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import type { FakeCallingOptions } from './fakeCalling';
import { connectedCalling, liveCall, liveMeeting, liveTeamsCall } from './fakeCalling.test-support';
import { DEFAULT_DENIALS, defaultCapabilities } from './fakeCapabilities';
import { FEATURE_REFUSALS } from './featureRefusals';
import { CAPABILITY_RULES } from './platformVerdict';
import { typedRejection } from './typedRejection';

/** The capabilities a call reports as denied, with their reasons. */
const denied = (capabilities: PlatformCapabilities) =>
  Object.fromEntries(
    PLATFORM_CAPABILITIES.flatMap((capability) => {
      const verdict = capabilities[capability];
      return verdict && !verdict.allowed ? [[capability, verdict.reason]] : [];
    }),
  );
const NOT_IN_1TO1 = {
  raiseHand: 'call_type',
  lowerAllHands: 'call_type',
  manageLobby: 'call_type',
  spotlight: 'call_type',
  removeSpotlight: 'call_type',
};

describe('fake capabilities: what Teams allows at first', () => {
  it('reports a verdict for every capability', async () => {
    const { handle } = await liveMeeting(await connectedCalling());
    expect(Object.keys(handle.getState().capabilities).sort()).toEqual([...PLATFORM_CAPABILITIES].sort());
  });

  it.each(['organizer', 'presenter'] as const)(
    'a meeting %s may do everything but transfer',
    async (role) => {
      const { handle } = await liveMeeting(await connectedCalling({ meetingRole: role }));
      expect(denied(handle.getState().capabilities)).toEqual({ transfer: 'call_type' });
    },
  );

  it('a meeting attendee may not manage the lobby, lower all hands or spotlight (role)', async () => {
    const { handle } = await liveMeeting(await connectedCalling({ meetingRole: 'attendee' }));
    expect(denied(handle.getState().capabilities)).toEqual({
      transfer: 'call_type',
      manageLobby: 'role',
      lowerAllHands: 'role',
      spotlight: 'role',
      removeSpotlight: 'role',
    });
  });

  it('a 1:1 Teams call has no hands, lobby or spotlight, whatever the meeting role', async () => {
    const { handle } = await liveTeamsCall(await connectedCalling({ meetingRole: 'attendee' }));
    expect(denied(handle.getState().capabilities)).toEqual(NOT_IN_1TO1);
  });

  it('a PSTN call has no captions either', async () => {
    const { handle } = await liveCall(await connectedCalling());
    expect(denied(handle.getState().capabilities)).toEqual({
      ...NOT_IN_1TO1,
      startCaptions: 'call_type',
      setCaptionLanguage: 'call_type',
    });
  });

  it('option capabilities applies on top, in every call', async () => {
    const options: FakeCallingOptions = {
      capabilities: { startVideo: { allowed: false, reason: 'policy' }, transfer: { allowed: true } },
    };
    const calling = await connectedCalling(options);
    const meeting = await liveMeeting(calling);
    const call = await liveCall(calling);
    expect(meeting.handle.getState().capabilities).toMatchObject(options.capabilities!);
    expect(call.handle.getState().capabilities.startVideo).toEqual({ allowed: false, reason: 'policy' });
  });

  it('every default denial and every rule says where it comes from', () => {
    const sources = [
      ...DEFAULT_DENIALS.map((denial) => denial.source),
      ...Object.values(CAPABILITY_RULES).map((rule) => rule.source),
      ...Object.values(FEATURE_REFUSALS).map((refusal) => refusal.source),
    ];
    for (const source of sources) expect(source.length).toBeGreaterThan(10);
    expect(Object.keys(CAPABILITY_RULES).sort()).toEqual([...PLATFORM_CAPABILITIES].sort());
    expect(Object.isFrozen(defaultCapabilities('pstn', 'organizer'))).toBe(true);
  });
});

describe('fake capabilities: a mid-call change', () => {
  it('setCapabilities merges the change and reports the whole set; the same again reports nothing', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    const events: CallPortEvent[] = [];
    handle.subscribe((event) => events.push(event));
    const before = handle.getState().capabilities;
    remote.setCapabilities({ startScreenSharing: { allowed: false, reason: 'meeting_option' } });
    remote.setCapabilities({ startScreenSharing: { allowed: false, reason: 'meeting_option' } });
    remote.setCapabilities({ unmute: { allowed: true } });
    const after = handle.getState().capabilities;
    expect(after).toEqual({ ...before, startScreenSharing: { allowed: false, reason: 'meeting_option' } });
    expect(events).toEqual([{ type: 'capabilities', capabilities: after }]);
  });

  it('a new reason is a change', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling({ meetingRole: 'attendee' }));
    const events: CallPortEvent[] = [];
    handle.subscribe((event) => events.push(event));
    remote.setCapabilities({ manageLobby: { allowed: false, reason: 'policy' } });
    expect(events).toHaveLength(1);
  });

  it('an ended call reports no change', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    remote.remoteHangUp();
    const events: CallPortEvent[] = [];
    handle.subscribe((event) => events.push(event));
    remote.setCapabilities({ unmute: { allowed: false, reason: 'policy' } });
    expect(events).toEqual([]);
  });
});

describe('fake capabilities: never kinder than Teams', () => {
  const deny = (capability: PlatformCapability): PlatformCapabilities => ({
    [capability]: { allowed: false, reason: 'policy' },
  });

  it('startVideo while the camera is denied rejects with forbidden; the camera stays off', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    remote.setCapabilities(deny('startVideo'));
    expect(await typedRejection(handle.startVideo())).toMatchObject({
      code: 'forbidden',
      details: { capability: 'startVideo', reason: 'policy' },
    });
    expect(handle.getState().isVideoOn).toBe(false);
  });

  it('unmute while unmuting is denied rejects with forbidden; the microphone stays muted', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    await handle.mute();
    remote.setCapabilities(deny('unmute'));
    expect(await typedRejection(handle.unmute())).toMatchObject({
      code: 'forbidden',
      details: { capability: 'unmute' },
    });
    expect(handle.getState().isMuted).toBe(true);
  });

  it('startScreenSharing while sharing is denied rejects with forbidden', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    remote.setCapabilities(deny('startScreenSharing'));
    expect(await typedRejection(handle.startScreenSharing())).toMatchObject({
      code: 'forbidden',
      details: { capability: 'startScreenSharing' },
    });
    expect(handle.getState().isScreenSharingOn).toBe(false);
  });

  it('muting and stopping are always allowed', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    await handle.startVideo();
    await handle.startScreenSharing();
    remote.setCapabilities({ ...deny('startVideo'), ...deny('unmute'), ...deny('startScreenSharing') });
    await handle.mute();
    await handle.stopVideo();
    await handle.stopScreenSharing();
    expect(handle.getState()).toMatchObject({ isMuted: true, isVideoOn: false, isScreenSharingOn: false });
  });

  it('a capability is judged when the command is issued, as the SDK decides on entry', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveMeeting(calling);
    const held = calling.deferNext('startVideo');
    const starting = handle.startVideo();
    remote.setCapabilities(deny('startVideo'));
    held.resolve();
    await starting;
    expect(handle.getState().isVideoOn).toBe(true);
    await handle.stopVideo();
    expect((await typedRejection(handle.startVideo())).code).toBe('forbidden');
  });
});
