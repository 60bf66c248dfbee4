import type { CallHandle, CallParty } from './callingPort';
import type { SignalOption } from './identityPort';

/**
 * The Teams in-call features a calling port offers per call (`CallHandle.features`), each as plain data plus
 * commands. The ACS port maps them from `call.feature(Features.X)` and `call.lobby`; the fake simulates them.
 *
 * A feature the call does not offer (captions on a PSTN call, the lobby of a 1:1 call, anything Teams users do
 * not get) is simply absent from `CallFeatureHandles`: the core reports it unavailable and never throws.
 */

/** The participant id that stands for this endpoint's own user in feature data (raised hands, spotlight). */
export const LOCAL_PARTICIPANT_ID = 'local';

/**
 * Commands whose availability Teams decides at run time: the user's policies, their meeting role and the
 * meeting's options. The ACS port reads them from `Features.Capabilities`.
 */
export type PlatformCapability =
  /** Turning the camera on (`turnVideoOn`). */
  | 'startVideo'
  /** Unmuting the microphone (`unmuteMic`). */
  | 'unmute'
  /** Sharing the screen (`shareScreen`). */
  | 'startScreenSharing'
  /** Raising one's own hand (`raiseHand`). */
  | 'raiseHand'
  /** Lowering everyone's hands: organizers and presenters. */
  | 'lowerAllHands'
  /** Admitting and rejecting people in the lobby (`manageLobby`). */
  | 'manageLobby'
  /** Spotlighting a participant (`spotlightParticipant`). */
  | 'spotlight'
  /** Removing someone else's spotlight (`removeParticipantsSpotlight`). */
  | 'removeSpotlight'
  /** Starting live captions (`startLiveMeetingCaptions` in meetings, `startLiveCallingCaptions` in calls). */
  | 'startCaptions'
  /** Changing the caption (translation) language (`setCaptionLanguage`). */
  | 'setCaptionLanguage'
  /** Transferring the call. */
  | 'transfer';

/** Every {@link PlatformCapability}, in a stable order. */
export const PLATFORM_CAPABILITIES: readonly PlatformCapability[] = [
  'startVideo',
  'unmute',
  'startScreenSharing',
  'raiseHand',
  'lowerAllHands',
  'manageLobby',
  'spotlight',
  'removeSpotlight',
  'startCaptions',
  'setCaptionLanguage',
  'transfer',
];

/**
 * Why a command is not allowed now.
 * - `state`: not in the call's current state (not connected yet, on hold, already on, …);
 * - `unavailable`: the call does not offer the feature at all (captions on a PSTN call, a feature Teams users
 *   do not get);
 * - the others come from Teams: `policy` (the user's Teams policy), `role` (their meeting role),
 *   `meeting_option` (the organizer's meeting options), `call_type` (not for this kind of call), `license`
 *   (Teams Premium), `consent_required` (recording consent), `not_ready` (the platform has not said yet),
 *   `not_allowed` (Teams refuses without saying why).
 */
export type CapabilityReason =
  | 'state'
  | 'unavailable'
  | 'policy'
  | 'role'
  | 'meeting_option'
  | 'call_type'
  | 'license'
  | 'consent_required'
  | 'not_ready'
  | 'not_allowed';

/** The platform's word on one command: allowed, or not with a reason. */
export type CapabilityVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: Exclude<CapabilityReason, 'state' | 'unavailable'> };

/** What the platform says now. A command it says nothing about is allowed as far as the platform goes. */
export type PlatformCapabilities = { readonly [K in PlatformCapability]?: CapabilityVerdict };

/**
 * The common shape of a feature's port: plain state, read after each notification (as with the SDK's own
 * `…Changed` events, the notification carries no payload).
 */
export interface FeatureHandle<TState> {
  getState(): TState;
  /** Adds a listener and returns the function that removes that same listener. */
  subscribe(listener: () => void): () => void;
}

// Captions -----------------------------------------------------------------------------------------------

/** Live captions' state. Languages are BCP 47 tags as Teams gives them (`en-us`, `fr-fr`). */
export interface CaptionsPortState {
  readonly isActive: boolean;
  /** The language being spoken, which the recognizer listens for. */
  readonly spokenLanguage: string;
  /** The language captions are shown in (Teams translates); `null` where the call cannot translate. */
  readonly captionLanguage: string | null;
  readonly supportedSpokenLanguages: readonly string[];
  /** Empty where the call cannot translate. */
  readonly supportedCaptionLanguages: readonly string[];
}

/**
 * One caption as the platform sends it. A phrase arrives as a series of `partial` results with the same
 * `speakerId`, each replacing the last, then one `final` result.
 */
export interface CaptionResult {
  /** A participant id (`Participant.id`), or {@link LOCAL_PARTICIPANT_ID}; empty when the platform does not say. */
  readonly speakerId: string;
  /** Untrusted text. */
  readonly speakerName?: string;
  /** The caption, in the caption language (untrusted text). */
  readonly text: string;
  readonly isFinal: boolean;
  /** Epoch ms when the phrase started. */
  readonly timestamp: number;
}

export interface CaptionsHandle extends FeatureHandle<CaptionsPortState> {
  /** Hears every caption result, partial and final; returns the function that removes that listener. */
  onCaption(listener: (result: CaptionResult) => void): () => void;
  start(options?: { readonly spokenLanguage?: string }): Promise<void>;
  stop(): Promise<void>;
  setSpokenLanguage(language: string): Promise<void>;
  setCaptionLanguage(language: string): Promise<void>;
}

// Raise hand ---------------------------------------------------------------------------------------------

export interface RaisedHand {
  /** A participant id (`Participant.id`), or {@link LOCAL_PARTICIPANT_ID}. */
  readonly participantId: string;
  /** The platform's order: 1 raised first. */
  readonly order: number;
}

export interface RaiseHandPortState {
  /** Raised hands, in the order they were raised. */
  readonly raisedHands: readonly RaisedHand[];
}

export interface RaiseHandHandle extends FeatureHandle<RaiseHandPortState> {
  raiseHand(): Promise<void>;
  lowerHand(): Promise<void>;
  /** Organizers and presenters. */
  lowerAllHands(): Promise<void>;
}

// Transfer -----------------------------------------------------------------------------------------------

/** Where to transfer a call: a validated E.164 number, a Teams user (GUID), or another live call of this port. */
export type TransferTarget =
  | { readonly kind: 'phoneNumber'; readonly phoneNumber: string }
  | { readonly kind: 'teamsUser'; readonly userId: string }
  /** Consultative transfer: the remote party of this call is connected to the other call's remote party. */
  | { readonly kind: 'call'; readonly callId: string };

/** A call this endpoint was transferred into by the remote party, and who is on its other side. */
export interface TransferredCall {
  readonly handle: CallHandle;
  readonly remote: CallParty;
}

export interface TransferHandle {
  /**
   * Transfers the call. Resolves once the transfer completed (the platform then ends this call); rejects with
   * `call_failed` (`details.reason: 'transfer_failed'`, and the platform's `code`/`subCode` when it gives
   * them) when it failed. Aborting `signal` stops waiting.
   */
  transfer(target: TransferTarget, options?: SignalOption): Promise<void>;
  /**
   * The remote party transferred us: the platform has set up the new call, which the listener now owns.
   * Returns the function that removes that listener.
   */
  onTransferred(listener: (call: TransferredCall) => void): () => void;
}

// Recording and transcription ---------------------------------------------------------------------------

export type RecordingState = 'off' | 'on' | 'paused';

export interface RecordingPortState {
  readonly recording: RecordingState;
  readonly transcription: 'off' | 'on';
}

/** Indicators only: Teams users do not manage recording through the SDK. */
export type RecordingHandle = FeatureHandle<RecordingPortState>;

// Spotlight ----------------------------------------------------------------------------------------------

export interface SpotlightPortState {
  /** Participant ids (or {@link LOCAL_PARTICIPANT_ID}), in the order they were spotlighted. */
  readonly spotlighted: readonly string[];
  /** How many people can be spotlighted at once. */
  readonly maxSpotlighted: number;
}

export interface SpotlightHandle extends FeatureHandle<SpotlightPortState> {
  /** `participantIds` may include {@link LOCAL_PARTICIPANT_ID}. */
  startSpotlight(participantIds: readonly string[]): Promise<void>;
  stopSpotlight(participantIds: readonly string[]): Promise<void>;
  stopAllSpotlight(): Promise<void>;
}

// Lobby --------------------------------------------------------------------------------------------------

/** Someone waiting in a meeting's lobby. `displayName` is untrusted text. */
export interface LobbyParticipant {
  readonly id: string;
  readonly kind: 'teamsUser' | 'phoneNumber' | 'unknown';
  readonly displayName?: string;
}

export interface LobbyPortState {
  /** In the order they arrived. */
  readonly participants: readonly LobbyParticipant[];
}

export interface LobbyHandle extends FeatureHandle<LobbyPortState> {
  /** Rejects with `not_found` for someone not (or no longer) in the lobby. */
  admit(participantId: string): Promise<void>;
  reject(participantId: string): Promise<void>;
  admitAll(): Promise<void>;
}

// Diagnostics --------------------------------------------------------------------------------------------

/**
 * The conditions a user can act on, from `Features.UserFacingDiagnostics` (network and media).
 * - `network_send` / `network_receive`: the quality of what we send or receive (`poor` or `bad`);
 * - `network_unavailable`, `network_reconnecting`: no network, or the media link is being re-established;
 * - `microphone_not_working`, `microphone_muted_by_system`, `no_microphone`, `no_speaker`;
 * - `camera_frozen`, `camera_start_failed`;
 * - `speaking_while_muted`.
 */
export type DiagnosticKind =
  | 'network_send'
  | 'network_receive'
  | 'network_unavailable'
  | 'network_reconnecting'
  | 'microphone_not_working'
  | 'microphone_muted_by_system'
  | 'no_microphone'
  | 'no_speaker'
  | 'camera_frozen'
  | 'camera_start_failed'
  | 'speaking_while_muted';

/** Every {@link DiagnosticKind}: network first, then the microphone, the speaker, the camera. */
export const DIAGNOSTIC_KINDS: readonly DiagnosticKind[] = [
  'network_send',
  'network_receive',
  'network_unavailable',
  'network_reconnecting',
  'microphone_not_working',
  'microphone_muted_by_system',
  'no_microphone',
  'no_speaker',
  'camera_frozen',
  'camera_start_failed',
  'speaking_while_muted',
];

/** One condition in force now; `poor` is a warning, `bad` an error. */
export interface DiagnosticCondition {
  readonly kind: DiagnosticKind;
  readonly severity: 'poor' | 'bad';
}

export interface DiagnosticsPortState {
  /** The conditions in force now, one per kind. */
  readonly conditions: readonly DiagnosticCondition[];
}

export type DiagnosticsHandle = FeatureHandle<DiagnosticsPortState>;

// All of them --------------------------------------------------------------------------------------------

/** The features one call offers. Each is absent where the call does not offer it. */
export interface CallFeatureHandles {
  readonly captions?: CaptionsHandle;
  readonly raiseHand?: RaiseHandHandle;
  readonly transfer?: TransferHandle;
  readonly recording?: RecordingHandle;
  readonly spotlight?: SpotlightHandle;
  readonly lobby?: LobbyHandle;
  readonly diagnostics?: DiagnosticsHandle;
}

/** The name of each feature of {@link CallFeatureHandles}. */
export type CallFeatureName = keyof CallFeatureHandles;

/** Every {@link CallFeatureName}. */
export const CALL_FEATURE_NAMES: readonly CallFeatureName[] = [
  'captions',
  'raiseHand',
  'transfer',
  'recording',
  'spotlight',
  'lobby',
  'diagnostics',
];

/** Features Teams users do not get through the SDK (see FACTS.md): always reported unavailable. */
export const UNSUPPORTED_TEAMS_FEATURES = [
  'reactions',
  'togetherMode',
  'breakoutRooms',
  'callPark',
  'callMerge',
  'forwardingSettings',
  'transferToVoicemail',
  'recordingManagement',
] as const;

export type UnsupportedTeamsFeature = (typeof UNSUPPORTED_TEAMS_FEATURES)[number];
