import type { CallFeatureHandles, PlatformCapabilities } from './callFeatures';
import type { DevicePort } from './devicePort';
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

/** A video stream's kind: a camera, or a shared screen. */
export type VideoStreamKind = 'video' | 'screenSharing';

/** A stream's frame size in pixels, as the platform reports it. */
export interface VideoStreamSize {
  readonly width: number;
  readonly height: number;
}

/**
 * A remote participant's camera or screen-share stream, as plain data. Render it with
 * `CallHandle.renderStream` (the core's `renderVideo`) while `isAvailable` is true.
 */
export interface RemoteVideoStream {
  /** Unique within the call and stable for the stream's life (the port prefixes the participant's id). */
  readonly id: string;
  readonly kind: VideoStreamKind;
  /** Whether media flows now: a stream that is not available cannot be rendered. */
  readonly isAvailable: boolean;
  /** `null` until the platform knows it. */
  readonly size: VideoStreamSize | null;
}

/** A participant's meeting role, where the platform says (the SDK's Co-organizer counts as `organizer`). */
export type ParticipantRole = 'organizer' | 'presenter' | 'attendee';

/** Where a remote participant is in the call. */
export type ParticipantState = 'connecting' | 'inLobby' | 'connected' | 'onHold';

/** A remote participant of a call or meeting. `displayName` is untrusted text. */
export interface Participant {
  readonly id: string;
  readonly kind: 'teamsUser' | 'phoneNumber' | 'unknown';
  readonly displayName?: string;
  readonly isMuted: boolean;
  readonly isSpeaking: boolean;
  /** Left out where the platform does not say (1:1 calls, PSTN). */
  readonly role?: ParticipantRole;
  readonly state: ParticipantState;
  /** The participant's camera and screen-share streams, available or not. */
  readonly videoStreams: readonly RemoteVideoStream[];
  /** Whether a `video` stream is available: the port derives it from `videoStreams`, with them. */
  readonly isVideoOn: boolean;
  /** Whether a `screenSharing` stream is available: the port derives it from `videoStreams`, with them. */
  readonly isScreenSharing: boolean;
}

/**
 * The two flags a port reports beside a participant's streams, derived from them: ports build participants
 * with this, so that flags and streams never disagree.
 *
 * @example
 * const participant = { id, kind, isMuted, isSpeaking, state, videoStreams, ...streamFlags(videoStreams) };
 */
export function streamFlags(videoStreams: readonly RemoteVideoStream[]): {
  readonly isVideoOn: boolean;
  readonly isScreenSharing: boolean;
} {
  let isVideoOn = false;
  let isScreenSharing = false;
  for (const stream of videoStreams) {
    if (!stream.isAvailable) continue;
    if (stream.kind === 'video') isVideoOn = true;
    else isScreenSharing = true;
  }
  return { isVideoOn, isScreenSharing };
}

/** The fixed ids of this endpoint's own streams, for rendering the local preview and the local share. */
export const LOCAL_STREAM_IDS = { video: 'local:video', screenSharing: 'local:screenSharing' } as const;

/** How a view fits its container: the whole frame (`fit`, letterboxed) or filling it (`crop`). */
export type VideoScaling = 'fit' | 'crop';

export interface RenderStreamOptions extends SignalOption {
  /** Default `crop` for cameras, `fit` for screen shares. */
  readonly scaling?: VideoScaling;
  /** Mirrors the picture. Default: `true` for the local camera, `false` for everything else. */
  readonly mirrored?: boolean;
}

/** A rendered view inside its container. Disposing removes it and releases its renderer; it is idempotent. */
export interface StreamView {
  readonly streamId: string;
  dispose(): void;
}

/** What a call handle reports. Participant events may arrive in bursts of hundreds. */
export type CallPortEvent =
  | { readonly type: 'status'; readonly status: CallPortStatus; readonly endReason?: CallEndReasonCode }
  | { readonly type: 'muted'; readonly isMuted: boolean }
  | { readonly type: 'video'; readonly isVideoOn: boolean }
  | { readonly type: 'screenSharing'; readonly isScreenSharingOn: boolean }
  /** The participants heard most, most recent first (ids of `Participant.id`). */
  | { readonly type: 'dominantSpeakers'; readonly ids: readonly string[] }
  /** How many remote videos the platform advises rendering now. */
  | { readonly type: 'optimalVideoCount'; readonly count: number }
  | { readonly type: 'participantsAdded'; readonly participants: readonly Participant[] }
  | { readonly type: 'participantsRemoved'; readonly ids: readonly string[] }
  | { readonly type: 'participantChanged'; readonly participant: Participant }
  /** What Teams policy, meeting role and meeting options allow now; replaces the previous report. */
  | { readonly type: 'capabilities'; readonly capabilities: PlatformCapabilities };

/** The synchronous state of a call handle, read right after subscribing. */
export interface CallHandleState {
  readonly status: CallPortStatus;
  readonly isMuted: boolean;
  readonly isVideoOn: boolean;
  readonly isScreenSharingOn: boolean;
  readonly endReason?: CallEndReasonCode;
  readonly participants: readonly Participant[];
  readonly dominantSpeakers: readonly string[];
  /** `null` where the platform gives no advice (1:1 calls). */
  readonly optimalVideoCount: number | null;
  /** What the platform allows now; `{}` until it says (everything allowed as far as it goes). */
  readonly capabilities: PlatformCapabilities;
}

/**
 * One live call in the calling port. It holds the SDK object; the core never sees that object.
 * Every method rejects only with a `TeamsEndpointError`.
 */
export interface CallHandle {
  readonly id: string;
  /** The Teams features this call offers (captions, raise hand, transfer, …); each absent where not offered. */
  readonly features: CallFeatureHandles;
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
  /** Shares the screen; the browser asks the user what to share. Rejects with `screen_share_denied` if they refuse. */
  startScreenSharing(): Promise<void>;
  stopScreenSharing(): Promise<void>;
  /**
   * Renders a stream into `container` (appending the view's element; the container's other children are left
   * alone). `streamId` is a `RemoteVideoStream.id` of this call or one of {@link LOCAL_STREAM_IDS}. Rejects
   * with `not_found` for a stream the call does not have, or one that is not available (the local camera
   * while video is off). The port disposes every view of a call when the call ends.
   */
  renderStream(streamId: string, container: HTMLElement, options?: RenderStreamOptions): Promise<StreamView>;
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
  /** Microphones, speakers, cameras and permission, usable before `connect`. */
  readonly devices: DevicePort;
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
