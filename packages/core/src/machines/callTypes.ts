import type { Customer, TeamsUser } from '../domain/people';
import { type PhoneNumberOptions, parsePhoneNumber } from '../domain/phoneNumber';
import { normalizeOptionalRemoteText } from '../domain/remoteText';
import { parseTeamsUserId } from '../domain/teamsUserId';
import type { TeamsEndpointError } from '../errors';
import type {
  CallFeatureHandles,
  CallFeatureName,
  PlatformCapabilities,
  PlatformCapability,
  TransferredCall,
  TransferTarget,
} from '../ports/callFeatures';
import type {
  CallEndReasonCode,
  CallHandle,
  CallingPort,
  CallParty,
  CallPortStatus,
  CallTarget,
  DtmfTone,
  IncomingCallHandle,
  MeetingLocator,
} from '../ports/callingPort';
import type { ContactsPort } from '../ports/contactsPort';
import type { GraphPort } from '../ports/graphPort';
import type { ParticipantStore } from '../store/participantStore';

/** Which use case a call belongs to. */
export type CallKind = 'outbound_pstn' | 'outbound_teams' | 'inbound' | 'meeting';

/** The other side of a call, as the UI shows it. Text fields are untrusted: render them as text. */
export type RemoteParty =
  | {
      readonly kind: 'phoneNumber';
      readonly phoneNumber: string;
      readonly displayName?: string;
      readonly customer?: Customer;
    }
  | { readonly kind: 'teamsUser'; readonly userId: string; readonly displayName?: string }
  | {
      readonly kind: 'meeting';
      readonly meetingLink?: string;
      readonly meetingId?: string;
      readonly subject?: string;
    }
  | { readonly kind: 'unknown'; readonly displayName?: string };

/** How a finished call went, in one word. */
export type CallOutcome =
  /** Connected, then someone hung up. */
  | 'completed'
  /** Connected, then the network or media failed. */
  | 'dropped'
  /** Outgoing, never connected: busy, no answer, declined, not found. */
  | 'unanswered'
  /** Outgoing, hung up by us before it connected. */
  | 'cancelled'
  /** Incoming, never answered here: the caller gave up or another endpoint answered. */
  | 'missed'
  /** Incoming, declined here. */
  | 'rejected'
  /** Meeting entry denied from the lobby. */
  | 'denied'
  /** Ended because the user signed out while it was live. */
  | 'signed_out'
  /** Ended because the app disposed the endpoint while it was live. */
  | 'disposed'
  /** Handed on: we transferred it, or the remote party transferred us into a new call (`replacedBy`). */
  | 'transferred';

/** Why the endpoint itself, not the user or the remote party, ended a call. */
export type EndpointEndCause = 'sign_out' | 'dispose';

/** Progress of turning an inbound caller's number or id into a name. */
export type CallerResolution = 'pending' | 'resolved' | 'unknown' | 'failed';

/** The ports a call machine talks to, and the registry's rules it must follow. */
export interface CallDeps {
  readonly calling: CallingPort;
  readonly graph: GraphPort;
  readonly contacts: ContactsPort;
  readonly self: TeamsUser;
  readonly now: () => number;
  readonly participants: ParticipantStore;
  /** Cached, de-duplicated Graph person lookup. */
  readonly resolvePerson: (id: string, signal: AbortSignal) => Promise<{ displayName: string }>;
  /**
   * Call waiting: resolves once no other call is active, holding the active one first; rejects with the
   * typed error when it could not be held. A call awaits it before it accepts or resumes.
   */
  readonly makeRoom: (signal: AbortSignal) => Promise<void>;
  /** Whether `makeRoom` has anything to do now (another call is active, or being held). */
  readonly roomNeeded: () => boolean;
  /** Bound on the port requests that have no other: caller lookup, chat creation. */
  readonly requestTimeoutMs: number;
  /** Bound on one control request (mute, hold, resume, video, screen sharing). */
  readonly controlTimeoutMs: number;
  /** How phone numbers without a country code are read (transfer targets, like new calls). */
  readonly phoneNumberOptions: PhoneNumberOptions;
  /** Bound on a transfer, from the request until the platform says it completed or failed. */
  readonly transferTimeoutMs: number;
  /**
   * The remote party transferred this call: the registry takes the new call (so that it is never lost) and
   * returns its id; `null` when it hung the new call up instead (the endpoint is signing out or disposed).
   */
  readonly adoptTransferred: (call: TransferredCall) => string | null;
}

export interface CallInput {
  readonly deps: CallDeps;
  readonly kind: CallKind;
  readonly remote: RemoteParty;
  readonly target?: CallTarget | MeetingLocator;
  readonly incoming?: IncomingCallHandle;
  /** A call that is already live: one the remote party transferred us into. */
  readonly handle?: CallHandle;
}

/** Who a call is transferred to, as `call.transfer` was asked (`callId`: the other `Call`'s id). */
export type CallTransferTarget =
  | { readonly kind: 'phoneNumber'; readonly phoneNumber: string }
  | { readonly kind: 'teamsUser'; readonly userId: string }
  | { readonly kind: 'call'; readonly callId: string };

/** Where a transfer of this call stands. */
export interface TransferProgress {
  readonly state: 'transferring' | 'transferred' | 'failed';
  /** What the port is asked. */
  readonly target: TransferTarget;
  /** What the user asked. */
  readonly shown: CallTransferTarget;
  readonly error: TeamsEndpointError | null;
}

export interface CallContext {
  readonly deps: CallDeps;
  readonly kind: CallKind;
  readonly remote: RemoteParty;
  readonly target: CallTarget | MeetingLocator | null;
  readonly incoming: IncomingCallHandle | null;
  readonly handle: CallHandle | null;
  readonly threadId: string | null;
  /** What the port last confirmed. */
  readonly isMuted: boolean;
  /** What the user last asked for; the machine sends requests until the port matches it. */
  readonly muteIntent: boolean;
  readonly isVideoOn: boolean;
  readonly videoIntent: boolean;
  readonly isScreenSharingOn: boolean;
  readonly screenIntent: boolean;
  /** While holding or resuming: whether the user's last word was hold (true) or resume (false). */
  readonly holdIntent: boolean;
  readonly callerResolution: CallerResolution | null;
  /** The user asked to hang up: the outcome of a call that never connected is `cancelled`. */
  readonly hangUpRequested: boolean;
  /** Set when sign-out or dispose ended the call. */
  readonly endedBy: EndpointEndCause | null;
  /** The caller hung up while we were accepting. */
  readonly callerGone: boolean;
  readonly wasInLobby: boolean;
  readonly connectedAt: number | null;
  readonly endedAt: number | null;
  readonly endReason: CallEndReasonCode | null;
  readonly outcome: CallOutcome | null;
  readonly error: TeamsEndpointError | null;
  readonly controlError: TeamsEndpointError | null;
  /** What Teams policy, meeting role and meeting options allow now, as the port last said. */
  readonly platform: PlatformCapabilities;
  /** The last transfer of this call, if any. */
  readonly transfer: TransferProgress | null;
  /** The remote party transferred us: the id of the call that replaced this one. */
  readonly replacedBy: string | null;
}

/**
 * A command of an in-call feature (raise hand, captions, spotlight, lobby): allowed while connected, when the
 * call offers `feature` and the platform allows `capability`. `run` carries it out on the port.
 */
export interface FeatureCommand {
  readonly type: 'FEATURE';
  readonly feature: CallFeatureName;
  readonly capability?: PlatformCapability;
  readonly run?: (features: CallFeatureHandles) => Promise<void>;
}

/** The commands a user gives a call; `can` has one flag per command. */
export type CallCommand =
  | { type: 'ACCEPT' }
  | { type: 'REJECT' }
  | { type: 'HANG_UP'; reason?: EndpointEndCause }
  | { type: 'MUTE' }
  | { type: 'UNMUTE' }
  /** `reason`: set by call waiting when it holds this call because another could not be held. */
  | { type: 'HOLD'; reason?: TeamsEndpointError }
  | { type: 'RESUME' }
  | { type: 'SEND_DTMF'; tone: DtmfTone }
  | { type: 'START_VIDEO' }
  | { type: 'STOP_VIDEO' }
  | { type: 'START_SCREEN_SHARING' }
  | { type: 'STOP_SCREEN_SHARING' }
  | { type: 'TRANSFER'; target: TransferTarget; shown: CallTransferTarget }
  | FeatureCommand;

export type CallEvent =
  | CallCommand
  | { type: 'PORT.STATUS'; status: CallPortStatus; endReason?: CallEndReasonCode }
  | { type: 'PORT.MUTED'; isMuted: boolean }
  | { type: 'PORT.VIDEO'; isVideoOn: boolean }
  | { type: 'PORT.SCREEN'; isScreenSharingOn: boolean }
  | { type: 'PORT.CAPABILITIES'; capabilities: PlatformCapabilities }
  /** The remote party transferred us into the call `replacedBy`, which the registry now holds. */
  | { type: 'PORT.TRANSFERRED'; replacedBy: string | null }
  | { type: 'CALLER_ENDED'; endReason: CallEndReasonCode }
  | { type: 'CONTROL_FAILED'; error: TeamsEndpointError }
  /** The port refused to hang up; the call goes on in the state the port reports. */
  | {
      type: 'HANG_UP_FAILED';
      error: TeamsEndpointError;
      status: CallPortStatus;
      endReason?: CallEndReasonCode;
    }
  /** Sign-out or dispose: the hang-up did not complete in time, so the call ends here and now. */
  | { type: 'FORCE_END'; reason: EndpointEndCause };

/**
 * The other side of an incoming call, from what the port reports. Names are normalized remote text; a phone
 * number that is not valid E.164 is not trusted: the caller shows as unknown and is never looked up.
 */
export function remoteFromCaller(caller: CallParty): RemoteParty {
  switch (caller.kind) {
    case 'phoneNumber': {
      const phoneNumber = parsedOrNull(parsePhoneNumber, caller.phoneNumber);
      return phoneNumber
        ? { kind: 'phoneNumber', phoneNumber, ...optionalName(caller.displayName) }
        : { kind: 'unknown', ...optionalName(caller.displayName) };
    }
    case 'teamsUser': {
      const userId = parsedOrNull(parseTeamsUserId, caller.userId);
      return userId
        ? { kind: 'teamsUser', userId, ...optionalName(caller.displayName) }
        : { kind: 'unknown', ...optionalName(caller.displayName) };
    }
    default:
      return { kind: 'unknown', ...optionalName(caller.displayName) };
  }
}

function optionalName(displayName: string | undefined): { displayName?: string } {
  const normalized = normalizeOptionalRemoteText(displayName);
  return normalized ? { displayName: normalized } : {};
}

/** The parsed value, or `null` for input the parser refuses (remote input is never trusted). */
function parsedOrNull(parse: (value: string) => string, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return parse(value);
  } catch {
    return null;
  }
}
