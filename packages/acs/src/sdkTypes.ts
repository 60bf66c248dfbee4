import type {
  AcceptCallOptions,
  CallClientOptions,
  CallEndedEvent,
  CapabilitiesFeature,
  CaptionsCallFeature,
  CaptionsCommon,
  CollectionUpdatedEvent,
  ConnectionStateChangedEvent,
  CreateViewOptions,
  DeviceManager,
  DominantSpeakersCallFeature,
  Features,
  JoinCallOptions,
  Lobby,
  LocalVideoStream,
  MediaDiagnostics,
  NetworkDiagnostics,
  OptimalVideoCountCallFeature,
  PropertyChangedEvent,
  RaiseHandCallFeature,
  RecordingCallFeature,
  RecordingInfo,
  RemoteParticipant,
  RemoteVideoStream,
  SpotlightCallFeature,
  StartTeamsCallOptions,
  TeamsCall,
  TeamsCallAgent,
  TeamsCallAgentOptions,
  TeamsCaptions,
  TeamsIncomingCall,
  TeamsMeetingIdLocator,
  TeamsMeetingLinkLocator,
  TranscriptionCallFeature,
  Transfer,
  TransferToCallLocator,
  VideoDeviceInfo,
  VideoStreamRendererView,
} from '@azure/communication-calling';
import type {
  CommunicationIdentifier,
  CommunicationTokenCredential,
  CommunicationTokenRefreshOptions,
  MicrosoftTeamsUserIdentifier,
  PhoneNumberIdentifier,
} from '@azure/communication-common';

// The slices of the ACS Calling SDK that the port uses. Each one is cut from the SDK's own types, and the
// default loader (`sdkLoader.ts`) assigns the real SDK module to `AcsCallingSdk`: a call shape that the
// SDK does not have fails the type check there, and a stub typed against these slices is checked too.

/**
 * A local video stream: the camera stream that `startVideo` and `stopVideo` take (`mediaStreamType` `'Video'`),
 * or the screen share the SDK lists in `call.localVideoStreams` (`'ScreenSharing'`).
 */
export type SdkLocalVideoStream = Pick<
  LocalVideoStream,
  'source' | 'mediaStreamType' | 'switchSource' | 'dispose'
>;

/** A remote participant's camera or screen-share stream; `id` is the SDK's number, unique per participant. */
export type SdkRemoteVideoStream = Pick<
  RemoteVideoStream,
  'id' | 'mediaStreamType' | 'isAvailable' | 'size' | 'on' | 'off'
>;

/** A remote participant: who it is, where it is in the call, its role, mute, speaking and video streams. */
export interface SdkRemoteParticipant
  extends Pick<
    RemoteParticipant,
    'identifier' | 'displayName' | 'isMuted' | 'isSpeaking' | 'state' | 'role' | 'on' | 'off'
  > {
  readonly videoStreams: ReadonlyArray<SdkRemoteVideoStream>;
}

/** The view of a stream: its element, to append to a container, and its disposal. */
export type SdkVideoStreamRendererView = Pick<VideoStreamRendererView, 'target' | 'dispose'>;

/**
 * `VideoStreamRenderer`: one renderer per stream; `dispose` releases it with every view it made.
 *
 * Declared as a class, not as a constructor type: the SDK's constructor takes its own `LocalVideoStream` class,
 * which has private members that no slice can have, and TypeScript compares a class constructor's parameters
 * bivariantly (as it does methods') but a constructor type's strictly.
 */
export declare class SdkVideoStreamRenderer {
  constructor(videoStream: SdkLocalVideoStream | SdkRemoteVideoStream);
  createView(options?: CreateViewOptions): Promise<SdkVideoStreamRendererView>;
  dispose(): void;
}

/** `call.feature(Features.DominantSpeakers)`: the participants heard most, most dominant first. */
export type SdkDominantSpeakersFeature = Pick<DominantSpeakersCallFeature, 'dominantSpeakers' | 'on' | 'off'>;

/** `call.feature(Features.OptimalVideoCount)`: how many remote videos the SDK advises rendering. */
export type SdkOptimalVideoCountFeature = Pick<
  OptimalVideoCountCallFeature,
  'optimalVideoCount' | 'on' | 'off'
>;

/** `call.feature(Features.Capabilities)`: what Teams policy, the meeting role and meeting options allow now. */
export type SdkCapabilitiesFeature = Pick<CapabilitiesFeature, 'capabilities' | 'on' | 'off'>;

/**
 * Teams captions: `captions` of `Features.Captions` when its `kind` is `TeamsCaptions`, as it always is for a
 * Teams user (`CaptionsCallFeatureImplOverTsCall.setCaptionsFeatureType` picks it for an enterprise identity).
 */
export type SdkTeamsCaptions = Pick<
  TeamsCaptions,
  | 'kind'
  | 'isCaptionsFeatureActive'
  | 'activeSpokenLanguage'
  | 'activeCaptionLanguage'
  | 'supportedSpokenLanguages'
  | 'supportedCaptionLanguages'
  | 'startCaptions'
  | 'stopCaptions'
  | 'setSpokenLanguage'
  | 'setCaptionLanguage'
  | 'on'
  | 'off'
>;

/**
 * `call.feature(Features.Captions)`. Its `captions` is typed `CaptionsCommon` by the SDK: the port tells Teams
 * captions apart by their `kind` and their `setCaptionLanguage`.
 */
export interface SdkCaptionsFeature extends Pick<CaptionsCallFeature, 'on' | 'off'> {
  readonly captions: SdkTeamsCaptions | Pick<CaptionsCommon, 'kind'>;
}

/** `call.feature(Features.RaiseHand)`: raised hands, in the order they were raised. */
export type SdkRaiseHandFeature = Pick<
  RaiseHandCallFeature,
  'raiseHand' | 'lowerHand' | 'lowerAllHands' | 'getRaisedHands' | 'on' | 'off'
>;

/** One transfer that `transfer()` started: its state, and the platform's codes once it failed. */
export type SdkTransfer = Pick<Transfer, 'state' | 'error' | 'on' | 'off'>;

/** The payload of `transferAccepted`: the call the remote party transferred this endpoint into. */
export type SdkTransferAcceptedEvent = (args: { targetCall: SdkTeamsCall }) => void;

/**
 * `call.feature(Features.Transfer)`: a blind transfer to a phone number or a Teams user, or a consultative one
 * to another call (its SDK `id`). The voicemail overload is left out: Teams users do not get it (FACTS.md).
 */
export interface SdkTransferFeature {
  transfer(target: { targetParticipant: SdkTeamsCallee }): SdkTransfer;
  transfer(target: TransferToCallLocator): SdkTransfer;
  on(event: 'transferAccepted', listener: SdkTransferAcceptedEvent): void;
  off(event: 'transferAccepted', listener: SdkTransferAcceptedEvent): void;
}

/** One recording of the call: `RecordingState` None, Started, Paused or Ended. */
export type SdkRecordingInfo = Pick<RecordingInfo, 'state'>;

/** `call.feature(Features.Recording)`: whether the call is recorded, and each recording's state. */
export interface SdkRecordingFeature extends Pick<RecordingCallFeature, 'isRecordingActive'> {
  readonly recordings: ReadonlyArray<SdkRecordingInfo>;
  on(event: 'isRecordingActiveChanged', listener: PropertyChangedEvent): void;
  on(event: 'recordingsUpdated', listener: CollectionUpdatedEvent<SdkRecordingInfo>): void;
  off(event: 'isRecordingActiveChanged', listener: PropertyChangedEvent): void;
  off(event: 'recordingsUpdated', listener: CollectionUpdatedEvent<SdkRecordingInfo>): void;
}

/** `call.feature(Features.Transcription)`: whether the call is transcribed. */
export type SdkTranscriptionFeature = Pick<TranscriptionCallFeature, 'isTranscriptionActive' | 'on' | 'off'>;

/** `call.feature(Features.Spotlight)`: who is spotlighted, and the commands. */
export type SdkSpotlightFeature = Pick<
  SpotlightCallFeature,
  | 'maxParticipantsToSpotlight'
  | 'getSpotlightedParticipants'
  | 'startSpotlight'
  | 'stopSpotlight'
  | 'stopAllSpotlight'
  | 'on'
  | 'off'
>;

/** `call.lobby` of a Teams meeting: the remote participants waiting in it, and the organizer's commands. */
export interface SdkLobby extends Pick<Lobby, 'admit' | 'reject' | 'admitAll'> {
  readonly participants: ReadonlyArray<SdkRemoteParticipant>;
  on(event: 'lobbyParticipantsUpdated', listener: CollectionUpdatedEvent<SdkRemoteParticipant>): void;
  off(event: 'lobbyParticipantsUpdated', listener: CollectionUpdatedEvent<SdkRemoteParticipant>): void;
}

/** `network` and `media` of `call.feature(Features.UserFacingDiagnostics)`: the latest values, and each change. */
export interface SdkUserFacingDiagnosticsFeature {
  readonly network: Pick<NetworkDiagnostics, 'getLatest' | 'on' | 'off'>;
  readonly media: Pick<MediaDiagnostics, 'getLatest' | 'on' | 'off'>;
}

/** The feature factories the port uses, from the SDK's `Features`. */
export type SdkFeatures = Pick<
  typeof Features,
  | 'DominantSpeakers'
  | 'OptimalVideoCount'
  | 'Capabilities'
  | 'Captions'
  | 'RaiseHand'
  | 'Transfer'
  | 'Recording'
  | 'Transcription'
  | 'Spotlight'
  | 'UserFacingDiagnostics'
>;

/** A Teams call: its state, controls, media, features and the events the port follows. */
export interface SdkTeamsCall
  extends Pick<
    TeamsCall,
    | 'id'
    | 'state'
    | 'callEndReason'
    | 'callerInfo'
    | 'role'
    | 'isMuted'
    | 'isLocalVideoStarted'
    | 'isScreenSharingOn'
    | 'mute'
    | 'unmute'
    | 'hold'
    | 'resume'
    | 'sendDtmf'
    | 'stopScreenSharing'
    | 'hangUp'
    | 'dispose'
  > {
  readonly remoteParticipants: ReadonlyArray<SdkRemoteParticipant>;
  /** The streams this endpoint sends: the camera stream while video is on, the screen share while it is on. */
  readonly localVideoStreams: ReadonlyArray<SdkLocalVideoStream>;
  startVideo(localVideoStream: SdkLocalVideoStream): Promise<void>;
  stopVideo(localVideoStream: SdkLocalVideoStream): Promise<void>;
  /** Without a stream: the browser asks the user what to share (the raw-stream overload is left out). */
  startScreenSharing(): Promise<void>;
  /** A Teams meeting's lobby. */
  readonly lobby: SdkLobby;
  feature(factory: SdkFeatures['DominantSpeakers']): SdkDominantSpeakersFeature;
  feature(factory: SdkFeatures['OptimalVideoCount']): SdkOptimalVideoCountFeature;
  feature(factory: SdkFeatures['Capabilities']): SdkCapabilitiesFeature;
  feature(factory: SdkFeatures['Captions']): SdkCaptionsFeature;
  feature(factory: SdkFeatures['RaiseHand']): SdkRaiseHandFeature;
  feature(factory: SdkFeatures['Transfer']): SdkTransferFeature;
  feature(factory: SdkFeatures['Recording']): SdkRecordingFeature;
  feature(factory: SdkFeatures['Transcription']): SdkTranscriptionFeature;
  feature(factory: SdkFeatures['Spotlight']): SdkSpotlightFeature;
  feature(factory: SdkFeatures['UserFacingDiagnostics']): SdkUserFacingDiagnosticsFeature;
  on(event: 'stateChanged', listener: PropertyChangedEvent): void;
  on(event: 'isMutedChanged', listener: PropertyChangedEvent): void;
  on(event: 'isLocalVideoStartedChanged', listener: PropertyChangedEvent): void;
  on(event: 'isScreenSharingOnChanged', listener: PropertyChangedEvent): void;
  on(event: 'localVideoStreamsUpdated', listener: CollectionUpdatedEvent<SdkLocalVideoStream>): void;
  on(event: 'remoteParticipantsUpdated', listener: CollectionUpdatedEvent<SdkRemoteParticipant>): void;
  /** The local user's meeting role changed (`role`). */
  on(event: 'roleChanged', listener: PropertyChangedEvent): void;
  off(event: 'stateChanged', listener: PropertyChangedEvent): void;
  off(event: 'isMutedChanged', listener: PropertyChangedEvent): void;
  off(event: 'isLocalVideoStartedChanged', listener: PropertyChangedEvent): void;
  off(event: 'isScreenSharingOnChanged', listener: PropertyChangedEvent): void;
  off(event: 'localVideoStreamsUpdated', listener: CollectionUpdatedEvent<SdkLocalVideoStream>): void;
  off(event: 'remoteParticipantsUpdated', listener: CollectionUpdatedEvent<SdkRemoteParticipant>): void;
  off(event: 'roleChanged', listener: PropertyChangedEvent): void;
}

/** A Teams call ringing on this endpoint. */
export interface SdkTeamsIncomingCall
  extends Pick<TeamsIncomingCall, 'id' | 'callerInfo' | 'callEndReason' | 'reject'> {
  accept(options?: AcceptCallOptions): Promise<SdkTeamsCall>;
  on(event: 'callEnded', listener: CallEndedEvent): void;
  off(event: 'callEnded', listener: CallEndedEvent): void;
}

/** Who the port calls: a phone number or a Teams user. */
export type SdkTeamsCallee = PhoneNumberIdentifier | MicrosoftTeamsUserIdentifier;

/** The payload of the agent's `incomingCall` event. */
export type SdkIncomingCallEvent = (args: { incomingCall: SdkTeamsIncomingCall }) => void;

/**
 * The Teams call agent: start, join, incoming calls and its link to the service.
 *
 * Only the 1:1 overload of `startCall` is in this slice, so that the port cannot reach the group overload
 * (`startCall(participants[], { threadId })`) by accident. The typings would accept `[callee], { threadId }`,
 * but the SDK 2.0.0 refuses it at run time (400/40213, "Starting a one to one with thread ID is invalid"):
 * it reads `threadId` only for two or more participants. Use case 3 therefore calls the colleague with
 * `startCall(identifier)`, and its chat thread stays beside the call, in the core.
 */
export interface SdkTeamsCallAgent extends Pick<TeamsCallAgent, 'connectionState' | 'dispose'> {
  /** A 1:1 call: PSTN (use case 1) or a Teams colleague (use case 3). */
  startCall(participant: SdkTeamsCallee, options?: StartTeamsCallOptions): SdkTeamsCall;
  join(meetingLocator: TeamsMeetingLinkLocator, options?: JoinCallOptions): SdkTeamsCall;
  join(meetingLocator: TeamsMeetingIdLocator, options?: JoinCallOptions): SdkTeamsCall;
  on(event: 'incomingCall', listener: SdkIncomingCallEvent): void;
  on(event: 'connectionStateChanged', listener: ConnectionStateChangedEvent): void;
  off(event: 'incomingCall', listener: SdkIncomingCallEvent): void;
  off(event: 'connectionStateChanged', listener: ConnectionStateChangedEvent): void;
}

/** Microphones, speakers, cameras, the selected ones and the browser's permission prompt. */
export type SdkDeviceManager = Pick<
  DeviceManager,
  | 'isSpeakerSelectionAvailable'
  | 'selectedMicrophone'
  | 'selectedSpeaker'
  | 'askDevicePermission'
  | 'getMicrophones'
  | 'getSpeakers'
  | 'getCameras'
  | 'selectMicrophone'
  | 'selectSpeaker'
  | 'on'
  | 'off'
>;

/** The SDK's entry point. */
export interface SdkCallClient {
  createTeamsCallAgent(
    tokenCredential: CommunicationTokenCredential,
    options?: TeamsCallAgentOptions,
  ): Promise<SdkTeamsCallAgent>;
  getDeviceManager(): Promise<SdkDeviceManager>;
  dispose(): Promise<void>;
}

/** What the port needs from `@azure/communication-calling`. */
export interface AcsCallingSdk {
  readonly CallClient: new (options?: CallClientOptions) => SdkCallClient;
  readonly LocalVideoStream: new (source: VideoDeviceInfo) => SdkLocalVideoStream;
  readonly VideoStreamRenderer: typeof SdkVideoStreamRenderer;
  readonly Features: SdkFeatures;
}

/** What the port needs from `@azure/communication-common`. */
export interface AcsCommonSdk {
  readonly AzureCommunicationTokenCredential: new (
    refreshOptions: CommunicationTokenRefreshOptions,
  ) => CommunicationTokenCredential;
  readonly getIdentifierRawId: (identifier: CommunicationIdentifier) => string;
}
