import type { CapabilityResolutionReason, ParticipantCapabilities } from '@azure/communication-calling';
import type { CapabilityReason, PlatformCapabilities } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { callFeatureWorld } from './callFeatureWorld.test-support';
import { toPlatformCapabilities } from './capabilitiesFeature';
import { initialCapabilities } from './stubSdk.test-support';

const no = (reason: Exclude<CapabilityReason, 'state' | 'unavailable'>) =>
  ({ allowed: false, reason }) as const;
const yes = { allowed: true } as const;

describe('toPlatformCapabilities', () => {
  it.each<[CapabilityResolutionReason, ReturnType<typeof no> | undefined]>([
    ['UserPolicyRestricted', no('policy')],
    ['IpModeUserPolicyRestricted', no('policy')],
    ['RoleRestricted', no('role')],
    ['MeetingRestricted', no('meeting_option')],
    ['CapabilityNotApplicableForTheCallType', no('call_type')],
    ['TeamsPremiumLicenseRestricted', no('license')],
    ['ExplicitConsentRequired', no('consent_required')],
    ['NotInitialized', no('not_ready')],
    ['NotCapable', no('not_allowed')],
    ['ClientRestricted', no('not_allowed')],
    // The SDK's word for "not resolved for this kind of call": no word on the command.
    ['FeatureNotSupported', undefined],
  ])('%s is %j', (reason, verdict) => {
    const mapped = toPlatformCapabilities({ shareScreen: { isPresent: false, reason } }, 'teams', 'Unknown');
    expect(mapped.startScreenSharing).toEqual(verdict);
  });

  it('a present capability is allowed, whatever its reason says', () => {
    expect(
      toPlatformCapabilities({ unmuteMic: { isPresent: true, reason: 'Capable' } }, 'teams', 'Unknown'),
    ).toEqual({ unmute: yes });
  });

  it('maps each SDK capability to its command; captions by the kind of call', () => {
    const all = (isPresent: boolean): Partial<ParticipantCapabilities> =>
      Object.fromEntries(
        Object.keys(initialCapabilities('TwoParty')).map((name) => [
          name,
          { isPresent, reason: isPresent ? 'Capable' : 'RoleRestricted' },
        ]),
      );
    const expected: PlatformCapabilities = {
      startVideo: yes,
      unmute: yes,
      startScreenSharing: yes,
      raiseHand: yes,
      manageLobby: yes,
      spotlight: yes,
      removeSpotlight: yes,
      setCaptionLanguage: yes,
      startCaptions: yes,
    };
    expect(toPlatformCapabilities(all(true), 'teams', 'Unknown')).toEqual(expected);
    const meeting = toPlatformCapabilities(
      { ...all(true), startLiveCallingCaptions: { isPresent: false, reason: 'UserPolicyRestricted' } },
      'meeting',
      'Attendee',
    );
    expect(meeting.startCaptions).toEqual(yes);
    const call = toPlatformCapabilities(
      { ...all(true), startLiveMeetingCaptions: { isPresent: false, reason: 'UserPolicyRestricted' } },
      'pstn',
      'Unknown',
    );
    expect(call.startCaptions).toEqual(yes);
  });

  it.each([
    ['Organizer', yes],
    ['Co-organizer', yes],
    ['Presenter', yes],
    ['Attendee', no('role')],
    ['Unknown', no('role')],
  ] as const)('in a meeting, a %s may lower all hands: %j; nobody transfers', (role, verdict) => {
    expect(toPlatformCapabilities({}, 'meeting', role)).toEqual({
      lowerAllHands: verdict,
      transfer: no('call_type'),
    });
  });

  it('outside meetings, lowering all hands and transferring are not the platform’s to say', () => {
    expect(toPlatformCapabilities({}, 'teams', 'Organizer')).toEqual({});
  });
});

describe('the call handle reports what the platform allows', () => {
  it('a 1:1 call: the SDK resolves nothing (all FeatureNotSupported), so the report is {}', async () => {
    const { handle } = await callFeatureWorld('teams');
    expect(handle.getState().capabilities).toEqual({});
  });

  it('a meeting joined as an attendee, as the SDK resolves it', async () => {
    const { handle } = await callFeatureWorld('meeting');
    expect(handle.getState().capabilities).toEqual({
      startVideo: yes,
      unmute: yes,
      startScreenSharing: no('role'),
      raiseHand: yes,
      manageLobby: no('role'),
      spotlight: no('role'),
      removeSpotlight: no('role'),
      startCaptions: yes,
      setCaptionLanguage: yes,
      lowerAllHands: no('role'),
      transfer: no('call_type'),
    });
  });

  it('reports each change as a capabilities event, with the same object as getState until the next', async () => {
    const { handle, stub, events } = await callFeatureWorld('meeting');
    const before = handle.getState().capabilities;
    expect(handle.getState().capabilities).toBe(before);
    stub.capabilitiesFeature.change(
      { unmuteMic: { isPresent: false, reason: 'MeetingRestricted' } },
      'MeetingOptionOrOrganizerPolicyChanged',
    );
    const reported = events.at(-1);
    expect(reported).toEqual({
      type: 'capabilities',
      capabilities: expect.objectContaining({ unmute: no('meeting_option') }),
    });
    expect(handle.getState().capabilities).toBe(reported?.type === 'capabilities' && reported.capabilities);
  });

  it('a role change reports lowering all hands; a report that changes nothing is not sent', async () => {
    const { stub, events } = await callFeatureWorld('meeting');
    const count = events.length;
    stub.capabilitiesFeature.change({});
    expect(events).toHaveLength(count);
    stub.role = 'Presenter';
    stub.capabilitiesFeature.change({ shareScreen: { isPresent: true, reason: 'Capable' } }, 'RoleChanged');
    stub.setRole('Presenter');
    const capabilities = events.filter((event) => event.type === 'capabilities');
    expect(capabilities.at(-1)).toMatchObject({
      capabilities: { startScreenSharing: yes, lowerAllHands: yes },
    });
  });

  it('stops following when the last subscriber leaves, with the same functions', async () => {
    const { handle, stub, registry } = await callFeatureWorld('meeting');
    const stop = handle.subscribe(() => undefined);
    expect(stub.capabilitiesFeature.listenerCount('capabilitiesChanged')).toBe(1);
    stop();
    // The world's own subscriber stays: the feature keeps one handler.
    expect(stub.capabilitiesFeature.listenerCount('capabilitiesChanged')).toBe(1);
    stub.end();
    expect(stub.capabilitiesFeature.listenerCount()).toBe(0);
    expect(stub.listenerCount('roleChanged')).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });
});
