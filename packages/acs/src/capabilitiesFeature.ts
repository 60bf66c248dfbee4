import type {
  CapabilitiesChangeHandler,
  CapabilityResolutionReason,
  ParticipantCapabilities,
  ParticipantCapabilityName,
  ParticipantRole,
} from '@azure/communication-calling';
import type { CapabilityVerdict, PlatformCapabilities, PlatformCapability } from '@teams-endpoint/core';
import { samePlainData, tryRead } from './featureState';
import type { SdkCapabilitiesFeature, SdkTeamsCall } from './sdkTypes';
import type { AcsCallKind } from './teamsFeatures';

/** The SDK capability behind each command Teams decides; captions depend on the kind of call. */
const SDK_CAPABILITY: { readonly [K in PlatformCapability]?: ParticipantCapabilityName } = {
  startVideo: 'turnVideoOn',
  unmute: 'unmuteMic',
  startScreenSharing: 'shareScreen',
  raiseHand: 'raiseHand',
  manageLobby: 'manageLobby',
  spotlight: 'spotlightParticipant',
  removeSpotlight: 'removeParticipantsSpotlight',
  setCaptionLanguage: 'setCaptionLanguage',
};

/**
 * Why the SDK says no, in the core's words; `undefined` is no word on the command at all.
 *
 * `FeatureNotSupported` is no word: outside Teams meetings and Rooms the SDK reports every capability so and
 * never resolves one (`CapabilityResolverImpl.initializeCapabilities`), in 1:1 calls where camera, microphone
 * and sharing all work. The core keeps `unavailable` for a feature the call does not offer at all.
 * `ClientRestricted` (in the SDK's enum, set nowhere in 2.0.0) and `NotCapable` are `not_allowed`.
 */
const REASON: Readonly<Record<CapabilityResolutionReason, CapabilityVerdict | undefined>> = {
  Capable: { allowed: true },
  UserPolicyRestricted: { allowed: false, reason: 'policy' },
  IpModeUserPolicyRestricted: { allowed: false, reason: 'policy' },
  RoleRestricted: { allowed: false, reason: 'role' },
  MeetingRestricted: { allowed: false, reason: 'meeting_option' },
  CapabilityNotApplicableForTheCallType: { allowed: false, reason: 'call_type' },
  TeamsPremiumLicenseRestricted: { allowed: false, reason: 'license' },
  ExplicitConsentRequired: { allowed: false, reason: 'consent_required' },
  NotInitialized: { allowed: false, reason: 'not_ready' },
  NotCapable: { allowed: false, reason: 'not_allowed' },
  ClientRestricted: { allowed: false, reason: 'not_allowed' },
  FeatureNotSupported: undefined,
};

/** The meeting roles that may lower everyone's hands (the Teams client's rule; the SDK has no capability). */
const LOWERS_ALL_HANDS: ReadonlySet<ParticipantRole> = new Set(['Organizer', 'Co-organizer', 'Presenter']);

const ALLOWED: CapabilityVerdict = { allowed: true };
const BY_ROLE: CapabilityVerdict = { allowed: false, reason: 'role' };
const NOT_IN_MEETINGS: CapabilityVerdict = { allowed: false, reason: 'call_type' };

function verdictOf(
  capabilities: Partial<ParticipantCapabilities>,
  name: ParticipantCapabilityName,
): CapabilityVerdict | undefined {
  const capability = capabilities[name];
  if (!capability) return undefined;
  return capability.isPresent ? ALLOWED : REASON[capability.reason];
}

/**
 * Maps the SDK's participant capabilities to the core's {@link PlatformCapabilities}, with the two it derives:
 * `lowerAllHands` from the local role (meetings), and `transfer`, which Teams refuses in meetings
 * (`TransferCallImplOverTsCall.isTransferable`, 400/46051).
 */
export function toPlatformCapabilities(
  capabilities: Partial<ParticipantCapabilities> | undefined,
  kind: AcsCallKind,
  role: ParticipantRole,
): PlatformCapabilities {
  const mapped: { -readonly [K in PlatformCapability]?: CapabilityVerdict } = {};
  if (capabilities) {
    for (const [capability, name] of Object.entries(SDK_CAPABILITY) as [
      PlatformCapability,
      ParticipantCapabilityName,
    ][]) {
      const verdict = verdictOf(capabilities, name);
      if (verdict) mapped[capability] = verdict;
    }
    const captions = verdictOf(
      capabilities,
      kind === 'meeting' ? 'startLiveMeetingCaptions' : 'startLiveCallingCaptions',
    );
    if (captions) mapped.startCaptions = captions;
  }
  if (kind === 'meeting') {
    mapped.lowerAllHands = LOWERS_ALL_HANDS.has(role) ? ALLOWED : BY_ROLE;
    mapped.transfer = NOT_IN_MEETINGS;
  }
  return mapped;
}

/** What the Teams platform allows on one call, followed while the call has a subscriber. */
export interface CapabilitiesWatch {
  /** The latest report, the same object until it changes; `{}` until the platform says. */
  current(): PlatformCapabilities;
  attach(): void;
  detach(): void;
}

/**
 * Follows `Features.Capabilities` (`capabilitiesChanged`) and, in meetings, the local role (`roleChanged`),
 * and calls `onChanged` with each new report. The feature is asked for once; one that throws counts as silent.
 */
export function createCapabilitiesWatch(
  call: SdkTeamsCall,
  feature: () => SdkCapabilitiesFeature | null,
  kind: AcsCallKind,
  onChanged: (capabilities: PlatformCapabilities) => void,
): CapabilitiesWatch {
  let report: PlatformCapabilities = {};
  let attached = false;

  const read = () => {
    const next = toPlatformCapabilities(
      tryRead(() => feature()?.capabilities) ?? undefined,
      kind,
      tryRead(() => call.role) ?? 'Unknown',
    );
    if (samePlainData(report, next)) return false;
    report = next;
    return true;
  };
  const onCapabilitiesChanged: CapabilitiesChangeHandler = () => {
    if (read()) onChanged(report);
  };
  const onRoleChanged = () => {
    if (read()) onChanged(report);
  };

  return {
    current() {
      if (!attached) read();
      return report;
    },
    attach() {
      if (attached) return;
      attached = true;
      tryRead(() => feature()?.on('capabilitiesChanged', onCapabilitiesChanged));
      if (kind === 'meeting') call.on('roleChanged', onRoleChanged);
      read();
    },
    detach() {
      if (!attached) return;
      attached = false;
      tryRead(() => feature()?.off('capabilitiesChanged', onCapabilitiesChanged));
      if (kind === 'meeting') call.off('roleChanged', onRoleChanged);
    },
  };
}
