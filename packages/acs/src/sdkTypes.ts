import type {
  AcceptCallOptions,
  CallClientOptions,
  CallEndedEvent,
  CollectionUpdatedEvent,
  ConnectionStateChangedEvent,
  DeviceManager,
  JoinCallOptions,
  LocalVideoStream,
  PropertyChangedEvent,
  RemoteParticipant,
  StartTeamsCallOptions,
  TeamsCall,
  TeamsCallAgent,
  TeamsCallAgentOptions,
  TeamsIncomingCall,
  TeamsMeetingIdLocator,
  TeamsMeetingLinkLocator,
  VideoDeviceInfo,
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

/** A camera stream, as `startVideo` and `stopVideo` take it. */
export type SdkLocalVideoStream = Pick<LocalVideoStream, 'source' | 'dispose'>;

/** A remote participant: who it is and whether it is muted or speaking. */
export type SdkRemoteParticipant = Pick<
  RemoteParticipant,
  'identifier' | 'displayName' | 'isMuted' | 'isSpeaking' | 'on' | 'off'
>;

/** A Teams call: its state, controls and the events the port follows. */
export interface SdkTeamsCall
  extends Pick<
    TeamsCall,
    | 'id'
    | 'state'
    | 'callEndReason'
    | 'isMuted'
    | 'isLocalVideoStarted'
    | 'mute'
    | 'unmute'
    | 'hold'
    | 'resume'
    | 'sendDtmf'
    | 'hangUp'
    | 'dispose'
  > {
  readonly remoteParticipants: ReadonlyArray<SdkRemoteParticipant>;
  startVideo(localVideoStream: SdkLocalVideoStream): Promise<void>;
  stopVideo(localVideoStream: SdkLocalVideoStream): Promise<void>;
  on(event: 'stateChanged', listener: PropertyChangedEvent): void;
  on(event: 'isMutedChanged', listener: PropertyChangedEvent): void;
  on(event: 'isLocalVideoStartedChanged', listener: PropertyChangedEvent): void;
  on(event: 'remoteParticipantsUpdated', listener: CollectionUpdatedEvent<SdkRemoteParticipant>): void;
  off(event: 'stateChanged', listener: PropertyChangedEvent): void;
  off(event: 'isMutedChanged', listener: PropertyChangedEvent): void;
  off(event: 'isLocalVideoStartedChanged', listener: PropertyChangedEvent): void;
  off(event: 'remoteParticipantsUpdated', listener: CollectionUpdatedEvent<SdkRemoteParticipant>): void;
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

/** Microphones, speakers, cameras and the browser's permission prompt. */
export type SdkDeviceManager = Pick<
  DeviceManager,
  | 'isSpeakerSelectionAvailable'
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
}

/** What the port needs from `@azure/communication-common`. */
export interface AcsCommonSdk {
  readonly AzureCommunicationTokenCredential: new (
    refreshOptions: CommunicationTokenRefreshOptions,
  ) => CommunicationTokenCredential;
  readonly getIdentifierRawId: (identifier: CommunicationIdentifier) => string;
}
