import {
  type CallPortStatus,
  DTMF_TONES,
  type DtmfTone,
  type PlatformCapabilities,
  type PlatformCapability,
  TeamsEndpointError,
} from '@teams-endpoint/core';

/** The call controls whose acceptance depends on the call state (and, for DTMF, on the tone). */
export type PlatformControl = 'hold' | 'resume' | 'sendDtmf';

/** A refusal of the ACS Calling SDK 2.0.0: its own error codes and message, and where its code decides. */
export interface PlatformRefusal {
  readonly code: number;
  readonly subCode: number;
  readonly message: string;
  /** Where the rule comes from (the SDK code read, or a `FACTS.md` entry). */
  readonly source: string;
}

/** What the platform does with a control: carries it out, does nothing and resolves, or refuses it. */
export type PlatformVerdict = 'allowed' | 'no_op' | PlatformRefusal;

const HOLD_REFUSED: PlatformRefusal = {
  code: 500,
  subCode: 41033,
  message: 'Failed to hold the call.',
  source:
    'SDK 2.0.0 _PluginlessCall.hold: isValidHoldResumeCallState allows Connected, RemoteHold, InLobby (and Staging); CallCommonImpl.hold rethrows as CALL.HOLD_CALL',
};
const RESUME_REFUSED: PlatformRefusal = {
  code: 500,
  subCode: 41034,
  message: 'Failed to resume the call.',
  source:
    'SDK 2.0.0 _PluginlessCall.unhold: only LocalHold resumes; CallCommonImpl.resume rethrows as CALL.RESUME_CALL',
};
const DTMF_REFUSED: PlatformRefusal = {
  code: 400,
  subCode: 41022,
  message: 'Failed to send DTMF tone',
  source:
    'SDK 2.0.0 _PluginlessCall.sendDtmfTone needs a media session whose audio sender can insert DTMF (RTCDTMFSender.canInsertDTMF); CallCommonImpl.sendDtmf rethrows as CALL.DTMF_TONE',
};
const DTMF_TONE_UNSUPPORTED: PlatformRefusal = {
  ...DTMF_REFUSED,
  source:
    "SDK 2.0.0 _PluginlessCall.toneToString maps only Num0-Num9, Star and Pound; 'A'-'D' reject with \"Unsupported DtmfTone\", rethrown as CALL.DTMF_TONE",
};

/** Each refusal of {@link platformVerdict}, for the stubs of the SDK that need one directly. */
const SCREEN_SHARE_REFUSED: PlatformRefusal = {
  code: 412,
  subCode: 41071,
  message: 'Failed to start screen share, call is not in Connected state.',
  source: 'SDK 2.0.0 CallCommonImpl.startScreenSharing: START_SS_CALL_NOT_CONNECTED (412/41071)',
};
const SCREEN_SHARE_STOP_REFUSED: PlatformRefusal = {
  code: 412,
  subCode: 41072,
  message: 'Failed to stop screen sharing. Call must be in connected state',
  source: 'SDK 2.0.0 CallCommonImpl.stopScreenSharing: STOP_SS_CALL_NOT_CONNECTED (412/41072)',
};

export const PLATFORM_REFUSALS = {
  hold: HOLD_REFUSED,
  resume: RESUME_REFUSED,
  sendDtmf: DTMF_REFUSED,
  screenSharing: SCREEN_SHARE_REFUSED,
  stopScreenSharing: SCREEN_SHARE_STOP_REFUSED,
} as const satisfies Record<PlatformControl | 'screenSharing' | 'stopScreenSharing', PlatformRefusal>;

/** Keys the SDK's media stack can send. `A`–`D` pass the SDK's own tone check but not its stack. */
const SENDABLE_TONES: ReadonlySet<DtmfTone> = new Set(DTMF_TONES.filter((tone) => !'ABCD'.includes(tone)));

/**
 * What the ACS Calling SDK 2.0.0 does with a hold, a resume or a DTMF key in each call state, in the core's
 * vocabulary. Read from the SDK's own code (each refusal names where); the ACS package's conformance suite
 * runs the SDK's code against this table. The fake calling port and the ACS port's SDK stub both enforce it,
 * so that neither is kinder than the platform.
 *
 * - hold: Connected, RemoteHold and InLobby; already on LocalHold resolves and does nothing
 *   (`TeamsCallImpl.hold`: "Call already on hold").
 * - resume: LocalHold; already Connected resolves and does nothing (`_PluginlessCall.unhold`).
 * - sendDtmf: only while media flows, Connected or EarlyMedia, and only `0`–`9`, `*`, `#`. EarlyMedia is
 *   read from WebRTC (an answered audio sender can insert DTMF), not seen on a tenant.
 *
 * @example
 * platformVerdict('hold', 'ringing'); // { code: 500, subCode: 41033, … }
 * platformVerdict('resume', 'connected'); // 'no_op'
 */
export function platformVerdict(
  control: PlatformControl,
  status: CallPortStatus,
  tone?: DtmfTone,
): PlatformVerdict {
  switch (control) {
    case 'hold':
      if (status === 'local_hold') return 'no_op';
      return status === 'connected' || status === 'remote_hold' || status === 'in_lobby'
        ? 'allowed'
        : HOLD_REFUSED;
    case 'resume':
      if (status === 'connected') return 'no_op';
      return status === 'local_hold' ? 'allowed' : RESUME_REFUSED;
    case 'sendDtmf':
      if (tone !== undefined && !SENDABLE_TONES.has(tone)) return DTMF_TONE_UNSUPPORTED;
      return status === 'connected' || status === 'early_media' ? 'allowed' : DTMF_REFUSED;
  }
}

/** The error the ACS port reports for a platform refusal: `call_failed`, with the SDK's codes. */
export function platformError(action: string, refusal: PlatformRefusal): TeamsEndpointError {
  return new TeamsEndpointError('call_failed', `Could not ${action}.`, {
    details: { code: refusal.code, subCode: refusal.subCode },
  });
}

/** The commands that need one capability, and where the rule comes from. */
export interface CapabilityRule {
  /** The port commands (fake method names) refused while the capability is denied. */
  readonly commands: readonly string[];
  /** Where the rule comes from (the SDK's capability name and the refusal it answers with). */
  readonly source: string;
}

/**
 * Which commands each capability governs. The fake refuses a command whose capability the platform denies
 * now, so that it is never kinder than Teams. Stopping, muting and lowering one's own hand need none; a stop
 * of someone else's spotlight needs `removeSpotlight`, one's own never does.
 */
export const CAPABILITY_RULES = {
  unmute: { commands: ['unmute'], source: "SDK 2.0.0 ParticipantCapabilityName 'unmuteMic'" },
  startVideo: { commands: ['startVideo'], source: "SDK 2.0.0 ParticipantCapabilityName 'turnVideoOn'" },
  startScreenSharing: {
    commands: ['startScreenSharing'],
    source: "SDK 2.0.0 ParticipantCapabilityName 'shareScreen'",
  },
  startCaptions: {
    commands: ['startCaptions'],
    source:
      "SDK 2.0.0 ParticipantCapabilityName 'startLiveMeetingCaptions' / 'startLiveCallingCaptions'; CAPTIONS.MEETING_POLICY_DISABLED (403/45203), CALLING_POLICY_DISABLED (403/45204)",
  },
  setCaptionLanguage: {
    commands: ['setCaptionLanguage'],
    source:
      "SDK 2.0.0 ParticipantCapabilityName 'setCaptionLanguage'; CAPTIONS.CAPTIONS_LANG_TEAMS_LICENSE (401/45212)",
  },
  raiseHand: { commands: ['raiseHand'], source: "SDK 2.0.0 ParticipantCapabilityName 'raiseHand'" },
  lowerAllHands: {
    commands: ['lowerAllHands'],
    source: 'callFeatures.ts RaiseHandHandle.lowerAllHands: organizers and presenters',
  },
  spotlight: {
    commands: ['startSpotlight'],
    source:
      "SDK 2.0.0 ParticipantCapabilityName 'spotlightParticipant'; SPOTLIGHT.UNSUPPORTED_ROLE_TYPE (403/45903)",
  },
  removeSpotlight: {
    commands: ['stopSpotlight (someone else’s)', 'stopAllSpotlight'],
    source: "SDK 2.0.0 ParticipantCapabilityName 'removeParticipantsSpotlight'",
  },
  manageLobby: {
    commands: ['admit', 'rejectFromLobby', 'admitAll'],
    source: "SDK 2.0.0 ParticipantCapabilityName 'manageLobby'; LOBBY.UNAUTHORIZED_ADMIT_REJECT (403/41805)",
  },
  transfer: {
    commands: ['transfer'],
    source: 'SDK 2.0.0 TransferCallImplOverTsCall.transfer: TRANSFER.UNSUPPORTED_CALL_TYPE (400/46051)',
  },
} as const satisfies Record<PlatformCapability, CapabilityRule>;

/**
 * The error for a command whose capability the platform denies now (`forbidden`, with the capability and
 * Teams' reason), or `undefined` when it is allowed or the platform said nothing about it.
 *
 * @example
 * capabilityRefusal({ manageLobby: { allowed: false, reason: 'role' } }, 'manageLobby', 'admit');
 * // TeamsEndpointError forbidden, details { capability: 'manageLobby', reason: 'role' }
 */
export function capabilityRefusal(
  capabilities: PlatformCapabilities,
  capability: PlatformCapability,
  action: string,
): TeamsEndpointError | undefined {
  const verdict = capabilities[capability];
  if (!verdict || verdict.allowed) return undefined;
  return new TeamsEndpointError('forbidden', `Teams does not allow you to ${action} now.`, {
    details: { capability, reason: verdict.reason },
  });
}
