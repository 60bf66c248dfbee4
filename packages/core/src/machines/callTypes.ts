import type { Customer, TeamsUser } from '../domain/people';
import type { TeamsEndpointError } from '../errors';
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
  | 'denied';

/** Progress of turning an inbound caller's number or id into a name. */
export type CallerResolution = 'pending' | 'resolved' | 'unknown' | 'failed';

/** The ports a call machine talks to. */
export interface CallDeps {
  readonly calling: CallingPort;
  readonly graph: GraphPort;
  readonly contacts: ContactsPort;
  readonly self: TeamsUser;
  readonly now: () => number;
  readonly participants: ParticipantStore;
  /** Cached, de-duplicated Graph person lookup. */
  readonly resolvePerson: (id: string, signal: AbortSignal) => Promise<{ displayName: string }>;
}

export interface CallInput {
  readonly deps: CallDeps;
  readonly kind: CallKind;
  readonly remote: RemoteParty;
  readonly target?: CallTarget | MeetingLocator;
  readonly incoming?: IncomingCallHandle;
}

export interface CallContext {
  readonly deps: CallDeps;
  readonly kind: CallKind;
  readonly remote: RemoteParty;
  readonly target: CallTarget | MeetingLocator | null;
  readonly incoming: IncomingCallHandle | null;
  readonly handle: CallHandle | null;
  readonly threadId: string | null;
  readonly isMuted: boolean;
  readonly isVideoOn: boolean;
  readonly callerResolution: CallerResolution | null;
  /** The user asked to hang up before the port handed back a call: hang it up as soon as it does. */
  readonly hangUpRequested: boolean;
  /** The caller hung up while we were accepting. */
  readonly callerGone: boolean;
  readonly wasInLobby: boolean;
  readonly connectedAt: number | null;
  readonly endedAt: number | null;
  readonly endReason: CallEndReasonCode | null;
  readonly outcome: CallOutcome | null;
  readonly error: TeamsEndpointError | null;
  readonly controlError: TeamsEndpointError | null;
}

export type CallEvent =
  | { type: 'HANG_UP' }
  | { type: 'ACCEPT' }
  | { type: 'REJECT' }
  | { type: 'MUTE' }
  | { type: 'UNMUTE' }
  | { type: 'HOLD' }
  | { type: 'RESUME' }
  | { type: 'SEND_DTMF'; tone: DtmfTone }
  | { type: 'START_VIDEO' }
  | { type: 'STOP_VIDEO' }
  | { type: 'PORT.STATUS'; status: CallPortStatus; endReason?: CallEndReasonCode }
  | { type: 'PORT.MUTED'; isMuted: boolean }
  | { type: 'PORT.VIDEO'; isVideoOn: boolean }
  | { type: 'CALLER_ENDED'; endReason: CallEndReasonCode }
  | { type: 'CONTROL_FAILED'; error: TeamsEndpointError }
  /** The port refused to hang up; the call goes on in the state the port reports. */
  | {
      type: 'HANG_UP_FAILED';
      error: TeamsEndpointError;
      status: CallPortStatus;
      endReason?: CallEndReasonCode;
    };

export function remoteFromCaller(caller: CallParty): RemoteParty {
  switch (caller.kind) {
    case 'phoneNumber':
      return { kind: 'phoneNumber', phoneNumber: caller.phoneNumber, ...optionalName(caller.displayName) };
    case 'teamsUser':
      return { kind: 'teamsUser', userId: caller.userId, ...optionalName(caller.displayName) };
    default:
      return { kind: 'unknown', ...optionalName(caller.displayName) };
  }
}

function optionalName(displayName: string | undefined): { displayName?: string } {
  return displayName ? { displayName } : {};
}
