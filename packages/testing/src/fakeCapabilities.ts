import {
  type CallParty,
  type CallTarget,
  type CapabilityVerdict,
  type MeetingLocator,
  PLATFORM_CAPABILITIES,
  type PlatformCapabilities,
  type PlatformCapability,
} from '@teams-endpoint/core';

/** What kind of call a fake call is: it decides which features it offers and what Teams allows in it. */
export type FakeCallKind = 'meeting' | 'teams' | 'pstn';

/** The local user's role in the fake's meetings (`FakeCallingOptions.meetingRole`). */
export type FakeMeetingRole = 'organizer' | 'presenter' | 'attendee';

/** A meeting joined by link or id; a 1:1 call with a Teams user; anything else (a number, unknown) is PSTN. */
export function callKindOf(target: CallTarget | MeetingLocator | CallParty): FakeCallKind {
  if (target.kind === 'link' || target.kind === 'id') return 'meeting';
  return target.kind === 'teamsUser' ? 'teams' : 'pstn';
}

type Denial = Extract<CapabilityVerdict, { allowed: false }>['reason'];

/** A capability Teams denies by default in some calls, and where that comes from. */
export interface DefaultDenial {
  readonly capabilities: readonly PlatformCapability[];
  readonly kinds: readonly FakeCallKind[];
  /** Only for these meeting roles; every role when absent. */
  readonly roles?: readonly FakeMeetingRole[];
  readonly reason: Denial;
  readonly source: string;
}

/** What Teams denies before any policy says more, per kind of call and meeting role. */
export const DEFAULT_DENIALS: readonly DefaultDenial[] = [
  {
    capabilities: ['raiseHand', 'lowerAllHands'],
    kinds: ['teams', 'pstn'],
    reason: 'call_type',
    source: 'SDK 2.0.0 RAISE_HAND.NOT_SUPPORTED_1TO1 (400/45758)',
  },
  {
    capabilities: ['spotlight', 'removeSpotlight'],
    kinds: ['teams', 'pstn'],
    reason: 'call_type',
    source:
      'SDK 2.0.0 SPOTLIGHT.NOT_SUPPORTED_1TO1 (400/45906); its ECS defaults: spotlight.meetingTypes ["scheduledMeeting"]',
  },
  {
    capabilities: ['manageLobby'],
    kinds: ['teams', 'pstn'],
    reason: 'call_type',
    source: 'SDK 2.0.0 LOBBY.CONV_UNSUPPORTED (400/41802), from validateLobbyOperation',
  },
  {
    capabilities: ['startCaptions', 'setCaptionLanguage'],
    kinds: ['pstn'],
    reason: 'call_type',
    source: 'FACTS.md, Call features: Teams captions in calls and meetings, not PSTN',
  },
  {
    capabilities: ['transfer'],
    kinds: ['meeting'],
    reason: 'call_type',
    source:
      'SDK 2.0.0 TransferCallImplOverTsCall.isTransferable (a 1:1 call, at most two participants): TRANSFER.UNSUPPORTED_CALL_TYPE (400/46051)',
  },
  {
    capabilities: ['manageLobby'],
    kinds: ['meeting'],
    roles: ['attendee'],
    reason: 'role',
    source: 'SDK 2.0.0 LOBBY.UNAUTHORIZED_ADMIT_REJECT (403/41805): organizer, co-organizer or presenter',
  },
  {
    capabilities: ['spotlight', 'removeSpotlight'],
    kinds: ['meeting'],
    roles: ['attendee'],
    reason: 'role',
    source:
      'SDK 2.0.0 SPOTLIGHT.UNSUPPORTED_ROLE_TYPE (403/45903); its ECS defaults: spotlight.supportedRoles presenter, organizer, coorganizer',
  },
  {
    capabilities: ['lowerAllHands'],
    kinds: ['meeting'],
    roles: ['attendee'],
    reason: 'role',
    source: 'callFeatures.ts RaiseHandHandle.lowerAllHands: organizers and presenters',
  },
];

const ALLOWED: CapabilityVerdict = Object.freeze({ allowed: true });

/**
 * What Teams allows in a new call of this kind for this role: every capability, each allowed unless a
 * {@link DEFAULT_DENIALS} entry denies it, then `overrides` on top.
 *
 * @example
 * defaultCapabilities('meeting', 'attendee').manageLobby; // { allowed: false, reason: 'role' }
 */
export function defaultCapabilities(
  kind: FakeCallKind,
  role: FakeMeetingRole,
  overrides: PlatformCapabilities = {},
): PlatformCapabilities {
  const capabilities: { [K in PlatformCapability]?: CapabilityVerdict } = {};
  for (const capability of PLATFORM_CAPABILITIES) capabilities[capability] = ALLOWED;
  for (const denial of DEFAULT_DENIALS) {
    if (!denial.kinds.includes(kind) || (denial.roles && !denial.roles.includes(role))) continue;
    const verdict: CapabilityVerdict = Object.freeze({ allowed: false, reason: denial.reason });
    // The first denial that applies gives the reason.
    for (const capability of denial.capabilities) {
      if (capabilities[capability] === ALLOWED) capabilities[capability] = verdict;
    }
  }
  return Object.freeze({ ...capabilities, ...overrides });
}

/** `current` with `change` merged in, or `current` itself when nothing differs (so no event goes out). */
export function mergeCapabilities(
  current: PlatformCapabilities,
  change: PlatformCapabilities,
): PlatformCapabilities {
  const differs = (Object.keys(change) as PlatformCapability[]).some(
    (capability) => !sameVerdict(current[capability], change[capability]),
  );
  return differs ? Object.freeze({ ...current, ...change }) : current;
}

function sameVerdict(a: CapabilityVerdict | undefined, b: CapabilityVerdict | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.allowed || b.allowed) return a.allowed === b.allowed;
  return a.reason === b.reason;
}
