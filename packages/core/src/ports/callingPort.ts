import type { AcsAccessToken, SignalOption } from './identityPort';

/** The other side of a call, as the calling port reports it. `displayName` is untrusted text. */
export type CallParty =
  | { readonly kind: 'phoneNumber'; readonly phoneNumber: string; readonly displayName?: string }
  | { readonly kind: 'teamsUser'; readonly userId: string; readonly displayName?: string }
  | { readonly kind: 'unknown'; readonly rawId?: string; readonly displayName?: string };

/** Who to call: a validated E.164 number, or a Teams user (optionally on an existing chat thread). */
export type CallTarget =
  | { readonly kind: 'phoneNumber'; readonly phoneNumber: string }
  | { readonly kind: 'teamsUser'; readonly userId: string; readonly threadId?: string };

/** How to find a Teams meeting: its join link, or its id and passcode. */
export type MeetingLocator =
  | { readonly kind: 'link'; readonly meetingLink: string }
  | { readonly kind: 'id'; readonly meetingId: string; readonly passcode: string };

/** The call states of the ACS Calling SDK, in the core's vocabulary. */
export type CallPortStatus =
  | 'connecting'
  | 'ringing'
  | 'early_media'
  | 'in_lobby'
  | 'connected'
  | 'local_hold'
  | 'remote_hold'
  | 'disconnecting'
  | 'disconnected';

/** The SDK's raw end reason: SIP-style `code` (0, 486, 487, 603, …) and a refining `subCode`. */
export interface CallEndReasonCode {
  readonly code: number;
  readonly subCode?: number;
}

/** One DTMF key: `0`–`9`, `*`, `#`, `A`–`D`. */
export type DtmfTone =
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '*'
  | '#'
  | 'A'
  | 'B'
  | 'C'
  | 'D';

/** A remote participant of a call or meeting. `displayName` is untrusted text. */
export interface Participant {
  readonly id: string;
  readonly kind: 'teamsUser' | 'phoneNumber' | 'unknown';
  readonly displayName?: string;
  readonly isMuted: boolean;
  readonly isSpeaking: boolean;
}

/** What a call handle reports. Participant events may arrive in bursts of hundreds. */
export type CallPortEvent =
  | { readonly type: 'status'; readonly status: CallPortStatus; readonly endReason?: CallEndReasonCode }
  | { readonly type: 'muted'; readonly isMuted: boolean }
  | { readonly type: 'video'; readonly isVideoOn: boolean }
  | { readonly type: 'participantsAdded'; readonly participants: readonly Participant[] }
  | { readonly type: 'participantsRemoved'; readonly ids: readonly string[] }
  | { readonly type: 'participantChanged'; readonly participant: Participant };

/** The synchronous state of a call handle, read right after subscribing. */
export interface CallHandleState {
  readonly status: CallPortStatus;
  readonly isMuted: boolean;
  readonly isVideoOn: boolean;
  readonly endReason?: CallEndReasonCode;
  readonly participants: readonly Participant[];
}

/**
 * One live call in the calling port. It holds the SDK object; the core never sees that object.
 * Every method rejects only with a `TeamsEndpointError`.
 */
export interface CallHandle {
  readonly id: string;
  getState(): CallHandleState;
  /** Adds a listener and returns the function that removes that same listener. */
  subscribe(listener: (event: CallPortEvent) => void): () => void;
  mute(): Promise<void>;
  unmute(): Promise<void>;
  hold(): Promise<void>;
  resume(): Promise<void>;
  sendDtmf(tone: DtmfTone): Promise<void>;
  startVideo(): Promise<void>;
  stopVideo(): Promise<void>;
  hangUp(options?: { readonly forEveryone?: boolean }): Promise<void>;
}

/** A call ringing on this endpoint, before it is answered. */
export interface IncomingCallHandle {
  readonly id: string;
  readonly caller: CallParty;
  /** Answers the call. Rejects with `call_failed` (`details.reason: 'caller_hung_up'`) if the caller already hung up. */
  accept(options?: SignalOption): Promise<CallHandle>;
  reject(): Promise<void>;
  /** Fires when the caller hangs up (or another endpoint answers) before this endpoint does. */
  onEnded(listener: (endReason: CallEndReasonCode) => void): () => void;
}

/** The call agent's link to the service. */
export type CallAgentConnectionState = 'connected' | 'disconnected';

export interface ConnectOptions extends SignalOption {
  /** Supplies an ACS token for the Teams user, now and whenever the port refreshes it. */
  readonly getToken: (options?: SignalOption) => Promise<AcsAccessToken>;
}

/**
 * Media and signalling.
 *
 * Real implementation: `@teams-endpoint/acs` (ACS Calling SDK). Fake: `createFakeCalling()` in `@teams-endpoint/testing`.
 * Every method rejects only with a `TeamsEndpointError`. Inputs arrive validated by the core.
 */
export interface CallingPort {
  /** Creates the Teams call agent. Resolves once incoming calls can be received. */
  connect(options: ConnectOptions): Promise<void>;
  /** Disposes the call agent and removes every listener it added. */
  disconnect(): Promise<void>;
  startCall(target: CallTarget, options?: SignalOption): Promise<CallHandle>;
  joinMeeting(locator: MeetingLocator, options?: SignalOption): Promise<CallHandle>;
  /** Returns the function that removes that same listener. */
  onIncomingCall(listener: (call: IncomingCallHandle) => void): () => void;
  /** Returns the function that removes that same listener. */
  onConnectionStateChanged(listener: (state: CallAgentConnectionState) => void): () => void;
}
