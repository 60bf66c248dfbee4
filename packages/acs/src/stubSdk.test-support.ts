import type {
  AcceptCallOptions,
  AdmitAllOperationResult,
  AudioDeviceInfo,
  CallEndReason,
  CallerInfo,
  CallFeature,
  CallFeatureCtor,
  CallFeatureFactory,
  CallState,
  CapabilitiesChangedReason,
  ConnectionState,
  CreateViewOptions,
  DeviceAccess,
  DominantSpeakersInfo,
  HangUpOptions,
  JoinCallOptions,
  LatestDiagnosticValue,
  LatestMediaDiagnostics,
  LatestNetworkDiagnostics,
  MediaDiagnosticType,
  MediaStreamType,
  NetworkDiagnosticType,
  ParticipantCapabilities,
  ParticipantCapabilityName,
  PermissionConstraints,
  RaisedHand,
  RecordingState,
  RemoteParticipantState,
  DtmfTone as SdkDtmfTone,
  ParticipantRole as SdkParticipantRole,
  SpotlightedParticipant,
  StartCaptionsOptions,
  StartTeamsGroupCallOptions,
  StreamSize,
  TeamsCaptionsInfo,
  TeamsMeetingIdLocator,
  TeamsMeetingLinkLocator,
  TransferErrorCode,
  TransferState,
  TransferToCallLocator,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import {
  type CommunicationIdentifier,
  type CommunicationIdentifierKind,
  type CommunicationTokenCredential,
  type CommunicationTokenRefreshOptions,
  createIdentifierFromRawId,
  getIdentifierKind,
  getIdentifierRawId,
} from '@azure/communication-common';
import type { DtmfTone } from '@teams-endpoint/core';
import {
  PLATFORM_REFUSALS,
  type PlatformControl,
  type PlatformRefusal,
  platformVerdict,
} from '@teams-endpoint/testing';
import type { AcsCallHandleContext } from './acsCallHandle';
import { toCallPortStatus } from './callStatus';
import type { PermissionsApi } from './devicePermissions';
import type {
  AcsCallingSdk,
  AcsCommonSdk,
  SdkCallClient,
  SdkCapabilitiesFeature,
  SdkCaptionsFeature,
  SdkDeviceManager,
  SdkDominantSpeakersFeature,
  SdkFeatures,
  SdkLobby,
  SdkLocalVideoStream,
  SdkOptimalVideoCountFeature,
  SdkRaiseHandFeature,
  SdkRecordingFeature,
  SdkRecordingInfo,
  SdkRemoteParticipant,
  SdkRemoteVideoStream,
  SdkSpotlightFeature,
  SdkTeamsCall,
  SdkTeamsCallAgent,
  SdkTeamsCallee,
  SdkTeamsCaptions,
  SdkTeamsIncomingCall,
  SdkTranscriptionFeature,
  SdkTransfer,
  SdkTransferAcceptedEvent,
  SdkTransferFeature,
  SdkUserFacingDiagnosticsFeature,
  SdkVideoStreamRenderer,
  SdkVideoStreamRendererView,
} from './sdkTypes';

// A stub of the ACS Calling SDK for Node, where the real SDK cannot load as it is. Every stub implements the
// port's slice of the SDK's own types, so a call shape the SDK does not have fails the type check. The typings
// cannot catch a wrong option shape (method parameters compare bivariantly), so the stub also refuses what the
// SDK 2.0.0 refuses at run time, with the SDK's own codes. Each rule names where the SDK decides it; the
// conformance suite (`conformance/`) runs the SDK's own code on the same inputs and checks that both agree.
// Each emitter records its listeners: an `off` with a function that was never added is counted, never ignored.

type AnyListener = (args: never) => void;

interface Subscription {
  readonly event: string;
  readonly listener: AnyListener;
}

/** An SDK error as the Calling SDK throws it (`CallingCommunicationError`). */
export function sdkError(code: number, subCode: number, message = 'SDK error'): Error {
  return Object.assign(new Error(message), { name: 'CallingCommunicationError', code, subCode });
}

/** The SDK 2.0.0's own errors for the rules below (its error table, by name). */
export const SDK_ERRORS = {
  /** CALL_AGENT.ONE_TO_ONE_THREADID, thrown by `TeamsCallAgentImpl.startCall`. */
  oneToOneWithThreadId: [400, 40213, 'Starting a one to one with thread ID is invalid.'],
  /** CALL_AGENT.STACK_NOT_INIT: `TeamsCallAgentImpl.createCall` on an agent whose stack never came up. */
  stackNotInitialized: [500, 40208, 'Failed to start or join call, call stack did not initialize'],
  /** CALL_AGENT.INVALID_JOIN_LOCATOR, from `TeamsCallAgentImpl.assertCallContext`. */
  invalidJoinLocator: [400, 40209, 'Invalid join locator specified.'],
  /** CALL_AGENT.INVALID_MEETING_LINK, from `TeamsCallAgentImpl.createCall` and `parseLongMeetingLink`. */
  invalidMeetingLink: [400, 40210, 'The provided Teams meeting link is invalid.'],
  /** CALL_AGENT.UNSUPPORTED_TFL_MEETING_JOIN: a Teams (free) link, `isTflMeetingLink`. */
  consumerMeetingLink: [400, 40238, 'Joining a Teams for life meeting is not supported'],
  /** CALL.OPERATION_FAILED: what the `syncOperation` decorator makes of anything else thrown, e.g. `new URL`. */
  joinFailed: [500, 41001, 'Join failed'],
  /** CALL_AGENT.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `TeamsCallAgentImpl.on` / `off`. */
  agentEventSubscribe: [422, 40205, 'Not able to subscribe to CallAgent event, unknown event name.'],
  agentEventUnsubscribe: [422, 40206, 'Not able to unsubscribe from CallAgent event, unknown event name.'],
  /** CALL_AGENT.CTE_ALREADY_DISPOSED: `TeamsCallAgentImpl.disposeInternal` a second time. */
  agentAlreadyDisposed: [409, 40204, 'Teams Call Agent is already disposed'],
  /** CALL.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `CallCommonImpl.on` / `off`. */
  callEventSubscribe: [422, 41042, 'Not able to subscribe to Call event, unknown event name.'],
  callEventUnsubscribe: [422, 41043, 'Not able to unsubscribe from Call event, unknown event name.'],
  /** REMOTE_PARTICIPANT.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `RemoteParticipantImpl.on` / `off`. */
  participantEventSubscribe: [
    422,
    42002,
    'Not able to subscribe to RemoteParticipant event, unknown event name.',
  ],
  participantEventUnsubscribe: [
    422,
    42003,
    'Not able to unsubscribe from RemoteParticipant event, unknown event name.',
  ],
  /** DEVICE_MANAGER.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `DeviceManagerImpl.on` / `off`. */
  deviceEventSubscribe: [422, 40603, 'Not able to subscribe to DeviceManager event, unknown event name.'],
  deviceEventUnsubscribe: [
    422,
    40604,
    'Not able to unsubscribe from DeviceManager event, unknown event name.',
  ],
  /** CALL.INVALID_DTMF_TONE: `toDtmfTone` in `CallCommonImpl.sendDtmf`. */
  invalidDtmfTone: [422, 41023, 'Invalid value passed to DtfmTone'],
  /** CALL.STREAM_IS_NOT_LVS: `CallCommonImpl.startVideo` with anything but a `LocalVideoStream`. */
  notALocalVideoStream: [
    400,
    41026,
    'Failed to start video, localVideoStream is not an instance of LocalVideoStream',
  ],
  /** CALL.VIDEO_ALREADY_ON: `CallCommonImpl.startVideo` while video is on. */
  videoAlreadyOn: [400, 41027, 'Failed to start video, video is already started.'],
  /** CALL.VIDEO_ALREADY_OFF: `CallCommonImpl.stopVideo` while video is off. */
  videoAlreadyOff: [400, 41030, 'Failed to stop video, video is already stopped.'],
  /** CALL.STOP_WRONG_STREAM: `CallCommonImpl.stopVideo` with another stream than the one sending. */
  stopWrongStream: [400, 41032, 'Failed to stop video, invalid argument.'],
  /** LOCAL_VIDEO_STREAM.WRONG_STREAM_TYPE: `new LocalVideoStream(source)` with a source not from `getCameras()`. */
  wrongVideoSource: [
    400,
    43003,
    'Failed to create local video stream, source was not of type VideoDeviceInfo or MediaStream',
  ],
  /** LOCAL_VIDEO_STREAM.SWITCH_SOURCE_WRONG_TYPE: `LocalVideoStream.switchSource` with a source not from `getCameras()`. */
  switchSourceWrongType: [
    400,
    43004,
    'Failed to switch video device, invalid input. Input must be of a VideoDeviceInfo type.',
  ],
  /** LOCAL_VIDEO_STREAM.SWITCH_SAME_SOURCE: `switchSource` with the very `VideoDeviceInfo` the stream has. */
  switchSameSource: [
    400,
    43005,
    "Failed to switch video device, unable to switch to the same video device, it's already selected.",
  ],
  /**
   * LOCAL_VIDEO_STREAM.PERMISSION_DENIED: the browser's `NotAllowedError` (a refused camera, a cancelled screen
   * picker) is `permissionDeniedError` in the media stack (`getMediaError`), and this in
   * `handleVideoOperationFailure`: what the local renderer and `TeamsCallImpl.startScreenSharing` reject with.
   */
  mediaPermissionDenied: [
    403,
    43001,
    "Failed to start video, permission was not granted to use selected video device. Ensure video device permissions are allowed in the browser's settings and in the system's settings.",
  ],
  /** LOCAL_VIDEO_STREAM.PERMISSION_DENIED_BY_SYSTEM: `NotAllowedError` "Permission denied by system". */
  mediaPermissionDeniedBySystem: [
    412,
    43016,
    "Failed to start video, permissions denied by system. Ensure video device permissions are allowed in the browser's settings and in the system's settings.",
  ],
  /** VIEW.RENDERER_WRONG_STREAM_TYPE: `new VideoStreamRenderer(x)` with anything but a local or remote stream. */
  rendererWrongStreamType: [
    400,
    43218,
    'Failed to create VideoStreamRenderer, videoStream must be either LocalVideoStream or RemoteVideoStreamCommon type',
  ],
  /** VIEW.RENDERER_DISPOSED: `createView` on a disposed renderer. */
  rendererDisposed: [400, 43219, 'Failed to create view, VideoStreamRenderer is disposed'],
  /** VIEW.RENDERER_ALREADY_DISPOSED: `VideoStreamRenderer.dispose` a second time. */
  rendererAlreadyDisposed: [400, 43222, 'Failed to dispose, VideoStreamRendererView is already disposed'],
  /** VIEW.VIEW_ALREADY_DISPOSED: `VideoStreamRendererView.dispose` a second time (or after the SDK disposed it). */
  viewAlreadyDisposed: [400, 43213, 'Failed to dispose, VideoStreamRendererView is disposed'],
  /** VIEW.ISAVAILABLE_FALSE: `createView` of a remote stream whose `isAvailable` is false. */
  streamNotAvailable: [
    412,
    43200,
    "Failed to render video stream, this stream is not available. Subscribe to the stream's isAvailable property to get notified when the remote participant has their video on and the stream is available for rendering.",
  ],
  /** VIEW.STREAM_BECAME_UNAVAILABLE: the remote stream's `isAvailable` turned false while `createView` waited. */
  streamBecameUnavailable: [
    404,
    43202,
    'Failed to render video stream, this stream is not longer available. Remote participant turned their video off.',
  ],
  /** VIEW.APP_VIEW_DISPOSED: the renderer was disposed while `createView` waited (`RemoteStreamRenderer.dispose`). */
  appViewDisposed: [
    405,
    43209,
    'Failed to render video stream, VideoStreamRenderer was disposed during initialization process.',
  ],
  /** VIEW.REMOTE_VIDEO_STREAM_DISPOSED: the remote stream was removed (and disposed) while `createView` waited. */
  remoteStreamDisposed: [
    405,
    43208,
    'Failed to start stream, disposing stream because remote video stream is disposing',
  ],
  /** REMOTE_VIDEO_STREAM.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `RemoteVideoStreamImpl.on` / `off`. */
  remoteStreamEventSubscribe: [
    422,
    43100,
    'Not able to subscribe to RemoteVideoStream event, unknown event name.',
  ],
  remoteStreamEventUnsubscribe: [
    422,
    43101,
    'Not able to unsubscribe from RemoteVideoStream event, unknown event name.',
  ],
  /** FEATURES.OPTIMAL_VIDEO_COUNT.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `OptimalVideoCountCallFeatureImpl.on` / `off`. */
  optimalVideoCountEventSubscribe: [
    422,
    45600,
    'Not able to subscribe to OptimalVideoCount event, unknown event name.',
  ],
  optimalVideoCountEventUnsubscribe: [
    422,
    45601,
    'Not able to unsubscribe from OptimalVideoCount event, unknown event name.',
  ],
  /** CALL.START_SS_CALL_NOT_CONNECTED: `TeamsCallImpl.startScreenSharing` unless `tsCall.state` is Connected. */
  screenShareNotConnected: [
    412,
    41071,
    "Failed to start screen share, call is not in Connected state. Subscribe to the Call's 'statteChanged' event to know when the call is connected.",
  ],
  /** CALL.SS_ALREADY_ON: `startScreenSharing` while sharing. */
  screenShareAlreadyOn: [400, 41035, 'Failed to start screen share, screen share is already started.'],
  /** CALL.STOP_SS_CALL_NOT_CONNECTED: `TeamsCallImpl.stopScreenSharing` unless Connected. */
  stopScreenShareNotConnected: [412, 41072, 'Failed to stop screen sharing. Call must be in connected state'],
  /** CALL.SS_ALREADY_OFF: `stopScreenSharing` while not sharing. */
  screenShareAlreadyOff: [400, 41041, 'Failed to stop screen share, screen share is already stopped.'],
  /** DEVICE_MANAGER.ONE_PERMISSION_ATLEAST: `askDevicePermission({ audio: false, video: false })`. */
  noPermissionAsked: [400, 40612, 'At least one permission must be requested'],
  /** DEVICE_MANAGER.SPEAKER_ENUMERATION_UNSUPPORTED: `getSpeakers` where `isSpeakerSelectionAvailable` is false. */
  speakerEnumerationUnsupported: [
    405,
    40606,
    'Failed to enumerate speakers, it is not supported to enumerate/select speakers on Android Chrome, iOS Safari, nor MacOS Safari.',
  ],
  /** DEVICE_MANAGER.SPEAKER_SELECTION_UNSUPPORTED: `selectSpeaker` where `isSpeakerSelectionAvailable` is false. */
  speakerSelectionUnsupported: [405, 40611, 'This device does not support speaker selection.'],
  /** DEVICE_MANAGER.INVALID_DEVICE: `selectMicrophone` / `selectSpeaker` with a device without an id. */
  invalidDevice: [400, 40615, 'Invalid AudioDeviceInfo object passed in. Ensure it has an Id.'],
  /** FEATURES.RAISE_HAND.NOT_SUPPORTED_1TO1: `RaiseHandCallImplOverTsCall.raiseHand` in a 1:1 call. */
  raiseHandOneToOne: [400, 45758, 'Raise hand is not supported for 1:1 direct calling'],
  /** FEATURES.TRANSFER.UNSUPPORTED_CALL_TYPE: `transfer()` where `isTransferable` is false (meetings, groups). */
  transferUnsupportedCallType: [400, 46051, 'Transfer is not supported in this call.'],
  /** FEATURES.TRANSFER.TARGET_NOT_RECOGNIZED: `transfer()` with a target it cannot read. */
  transferTargetNotRecognized: [400, 46052, 'Transfer target is not recognized.'],
  /** FEATURES.SPOTLIGHT.ALREADY_SPOTLIGHTED: `startSpotlight` of participants all spotlighted already. */
  alreadySpotlighted: [400, 45900, 'Bad request. All participants are already spotlighted'],
  /** FEATURES.SPOTLIGHT.SPOTLIGHT_LIGHT_MAX_REACHED: more than `maxParticipantsToSpotlight`. */
  spotlightLimit: [
    400,
    45902,
    'Failed to start spotlight. Reached the maximum number of participants that can be Spotlighted.',
  ],
  /** FEATURES.SPOTLIGHT.UNSUPPORTED_ROLE_TYPE: spotlight without the role, in a role-based meeting. */
  spotlightRole: [403, 45903, 'Failed to spotlight. User does not have a Presenter or Organizer role.'],
  /** FEATURES.SPOTLIGHT.NOT_SUPPORTED_1TO1: `startSpotlight` in a 1:1 call. */
  spotlightOneToOne: [400, 45906, 'Spotlight is not supported for 1:1 direct calling'],
  /** LOBBY.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `LobbyImpl.on` / `off`. */
  lobbyEventSubscribe: [422, 41800, 'Not able to subscribe to Lobby event, unknown event name.'],
  lobbyEventUnsubscribe: [422, 41801, 'Not able to unsubscribe from Lobby event, unknown event name.'],
  /** LOBBY.ALREADY_IN_MEETING, NOT_IN_LOBBY, UNAUTHORIZED_ADMIT_REJECT: `LobbyImpl.validateLobbyOperation`. */
  lobbyAlreadyInMeeting: [400, 41803, 'Participant is already in the meeting.'],
  lobbyNotInLobby: [400, 41804, 'Participant is not in the lobby.'],
  /** IDENTIFIER.INVALID_UNKNOWN_IDENTIFIER: `validateIdentifier` of a raw-id string or an object without an id. */
  invalidIdentifier: [422, 44009, 'Invalid identifier specified, please specify an id'],
  lobbyUnauthorized: [
    403,
    41805,
    'only Organizer, Co-organizer or Presenter can admit/reject participants from lobby',
  ],
  /** FEATURES.RECORDING.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `RecordingCallFeatureImpl.on` / `off`. */
  recordingEventSubscribe: [422, 45850, 'Not able to subscribe to Recording event, unknown event name.'],
  recordingEventUnsubscribe: [
    422,
    45851,
    'Not able to unsubscribe from Recording event, unknown event name.',
  ],
  /** FEATURES.DIAGNOSTICS.EVENT_SUBSCRIBE / EVENT_UNSUBSCRIBE: `NetworkDiagnosticsImpl` / `MediaDiagnosticsImpl`. */
  diagnosticsEventSubscribe: [
    422,
    45401,
    'Not able to subscribe to UserFacingDiagnostics event, unknown event name.',
  ],
  diagnosticsEventUnsubscribe: [
    422,
    45402,
    'Not able to unsubscribe from UserFacingDiagnostics event, unknown event name.',
  ],
  /** FEATURES.CAPTIONS.SPOKEN_LANG_UNSUPPORTED: a spoken language not in `supportedSpokenLanguages`. */
  spokenLanguageUnsupported: [400, 45202, 'Spoken language requested is not supported.'],
  /** FEATURES.CAPTIONS.UPDATE_LANGUAGE_NOT_STARTED: `setSpokenLanguage` before captions started. */
  spokenLanguageNotStarted: [400, 45206, 'Cannot update spoken language as captions has not started.'],
  /** FEATURES.CAPTIONS.UPDATE_CAPTIONS_NOT_STARTED: `setCaptionLanguage` before captions started. */
  captionLanguageNotStarted: [400, 45210, 'Cannot update caption language as captions has not started.'],
  /** FEATURES.CAPTIONS.CAPTIONS_LANG_TEAMS_LICENSE: translation without Teams Premium. */
  captionLanguageLicense: [
    401,
    45212,
    'Set caption language failed. Teams premium license is needed to use this feature.',
  ],
  /** FEATURES.CAPTIONS.CAPTIONS_LANG_UNSUPPORTED: a caption language not in `supportedCaptionLanguages`. */
  captionLanguageUnsupported: [400, 45213, 'Caption language requested is not supported.'],
  /** CALL_CLIENT.DISPOSED: any `CallClient` method after `dispose()`. */
  callClientDisposed: [
    404,
    40012,
    'The CallClient has been disposed. Please create a new CallClient instance.',
  ],
  /** CALL_CLIENT.ONE_CALL_AGENT_PER_CALL_CLIENT: `CallClient.createTeamsCallAgent` for another identity. */
  oneAgentPerCallClient: [
    400,
    40008,
    'CallClient instance can support only one CallAgent or TeamsCallAgent create new CallClient',
  ],
} as const satisfies Record<string, readonly [number, number, string]>;

export type SdkErrorName = keyof typeof SDK_ERRORS;

/** The SDK's error for a refusal of the platform table (`platformVerdict`). */
const refusalError = ({ code, subCode, message }: PlatformRefusal) => sdkError(code, subCode, message);

/** Throws the SDK's own error for `name`. */
function refuse(name: SdkErrorName): never {
  const [code, subCode, message] = SDK_ERRORS[name];
  throw sdkError(code, subCode, message);
}

/** The events each SDK object accepts; any other name throws (the `on`/`off` of each class in the SDK). */
const AGENT_EVENTS = ['incomingCall', 'callsUpdated', 'connectionStateChanged', 'customContextChanged'];
const CALL_EVENTS = [
  'stateChanged',
  'idChanged',
  'isMutedChanged',
  'isIncomingAudioMutedChanged',
  'isScreenSharingOnChanged',
  'isLocalVideoStartedChanged',
  'remoteParticipantsUpdated',
  'localVideoStreamsUpdated',
  'localAudioStreamsUpdated',
  'remoteAudioStreamsUpdated',
  'totalParticipantCountChanged',
  'roleChanged',
  'mutedByOthers',
  'callerInfoChanged',
  'transferorInfoChanged',
  'transportStateChanged',
  'localCandidateTypeChanged',
];
const PARTICIPANT_EVENTS = [
  'stateChanged',
  'isMutedChanged',
  'isSpeakingChanged',
  'displayNameChanged',
  'roleChanged',
  'videoStreamsUpdated',
];
const DEVICE_MANAGER_EVENTS = [
  'videoDevicesUpdated',
  'audioDevicesUpdated',
  'selectedMicrophoneChanged',
  'selectedSpeakerChanged',
];
const REMOTE_VIDEO_STREAM_EVENTS = ['isAvailableChanged', 'sizeChanged', 'isReceivingChanged'];
const OPTIMAL_VIDEO_COUNT_EVENTS = ['optimalVideoCountChanged'];
const RECORDING_EVENTS = ['isRecordingActiveChanged', 'recordingsUpdated'];
const LOBBY_EVENTS = ['lobbyParticipantsUpdated'];
const DIAGNOSTICS_EVENTS = ['diagnosticChanged'];

/** Which event names an emitter accepts, and the SDK error for any other. */
interface EventRules {
  readonly kind: EmitterKind;
  readonly names: readonly string[];
  readonly onError: SdkErrorName;
  readonly offError: SdkErrorName;
}

/**
 * The SDK objects whose `on` and `off` check event names. The dominant-speakers, capabilities, captions, raise
 * hand, transfer, transcription and spotlight features are not: their `on` and `off` take any name.
 */
export type EmitterKind =
  | 'agent'
  | 'call'
  | 'participant'
  | 'deviceManager'
  | 'remoteVideoStream'
  | 'optimalVideoCount'
  | 'recording'
  | 'lobby'
  | 'diagnostics';

/** The call methods whose arguments and call state the SDK checks. */
export type RefereedControl =
  | 'hold'
  | 'resume'
  | 'sendDtmf'
  | 'startVideo'
  | 'stopVideo'
  | 'startScreenSharing'
  | 'stopScreenSharing'
  | 'hangUp';

/** What a refereed call control sees of the stub call: its state and the streams it sends. */
export interface RefereedCallState {
  readonly state: CallState;
  readonly isLocalVideoStarted: boolean;
  readonly videoStream: SdkLocalVideoStream | undefined;
  readonly isScreenSharingOn: boolean;
}

/**
 * Runs the SDK's own code on exactly what the port hands the stub, before the stub does its part: each method
 * throws (or rejects with) the SDK's refusal. The conformance suite supplies one over the installed SDK; with
 * it, the port's video streams and cameras are the SDK's own objects too.
 */
export interface SdkReferee {
  readonly LocalVideoStream: new (source: VideoDeviceInfo) => SdkLocalVideoStream;
  readonly cameras: readonly VideoDeviceInfo[];
  /** The SDK's own `Features`: the stub's calls answer `feature()` for these factories only. */
  readonly Features: SdkFeatures;
  /**
   * Runs the SDK's `new VideoStreamRenderer(stream)` and `createView(options)` on the stream the port renders
   * (the SDK's own `LocalVideoStream`, or the SDK's counterpart of a stub remote stream) up to its media stack.
   */
  createView(stream: unknown, options: CreateViewOptions | undefined): Promise<void>;
  /** The SDK's own `LocalVideoStream` of a shared screen, as `startScreenSharing` makes it. */
  screenShareStream(): SdkLocalVideoStream;
  startCall(participants: SdkTeamsCallee | SdkTeamsCallee[], options?: StartTeamsGroupCallOptions): void;
  join(locator: TeamsMeetingLinkLocator | TeamsMeetingIdLocator): void;
  control(control: RefereedControl, call: RefereedCallState, argument?: unknown): Promise<void>;
  subscribe(kind: EmitterKind, event: string, unsubscribe: boolean): void;
}

/** Every stub emitter of one world, to count the listeners left on any of them. */
export class StubRegistry {
  /** The SDK's own code, run first on every shape (conformance suite only). */
  referee: SdkReferee | undefined;
  readonly emitters: StubEmitter[] = [];
  /** Every call, placed or answered, oldest first. */
  readonly calls: StubTeamsCall[] = [];
  /** Every renderer and view made, oldest first. */
  readonly renderers: StubVideoStreamRenderer[] = [];
  readonly views: StubVideoStreamRendererView[] = [];
  /** What the user answers when a local renderer opens the camera (the world ties it to the permission prompt). */
  cameraAllowed: () => boolean = () => true;
  /** While set, every `createView` waits for it: the first frame is on its way. */
  viewGate: Promise<void> | undefined;
  get features(): SdkFeatures {
    return this.referee?.Features ?? STUB_FEATURES;
  }
  listenerCount(): number {
    return this.emitters.reduce((sum, emitter) => sum + emitter.listenerCount(), 0);
  }
  /** Views the SDK still shows, and renderers not disposed. */
  liveViews(): number {
    return this.views.filter((view) => !view.disposed).length;
  }
  liveRenderers(): number {
    return this.renderers.filter((renderer) => !renderer.disposed).length;
  }
  /** Holds every `createView` until the returned function is called. */
  holdViews(): () => void {
    let release!: () => void;
    this.viewGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.viewGate = undefined;
      release();
    };
  }
  /** Listeners an SDK object dropped when it was disposed, which the port never removed itself. */
  droppedListeners(): number {
    return this.emitters.reduce((sum, emitter) => sum + emitter.droppedCount(), 0);
  }
  /** `off` calls with a function that was not subscribed (a new arrow function instead of the same one). */
  unmatchedOffs(): number {
    return this.emitters.reduce((sum, emitter) => sum + emitter.unmatchedOffs, 0);
  }
  /** Whether `stream` is a `LocalVideoStream` of this world (the SDK's own class under a referee). */
  isLocalVideoStream(stream: unknown): boolean {
    return stream instanceof (this.referee?.LocalVideoStream ?? StubLocalVideoStream);
  }
}

export class StubEmitter {
  private readonly subscriptions: Subscription[] = [];
  /** Listeners the SDK object dropped itself (`removeAllListeners` on dispose): an `off` of one is harmless. */
  private readonly dropped: Subscription[] = [];
  unmatchedOffs = 0;

  constructor(
    private readonly world: StubRegistry,
    private readonly events?: EventRules,
  ) {
    world.emitters.push(this);
  }
  on(event: string, listener: AnyListener): void {
    if (this.events) {
      this.world.referee?.subscribe(this.events.kind, event, false);
      if (!this.events.names.includes(event)) refuse(this.events.onError);
    }
    this.subscriptions.push({ event, listener });
  }
  off(event: string, listener: AnyListener): void {
    if (this.events) {
      this.world.referee?.subscribe(this.events.kind, event, true);
      if (!this.events.names.includes(event)) refuse(this.events.offError);
    }
    const matches = (s: Subscription) => s.event === event && s.listener === listener;
    const index = this.subscriptions.findIndex(matches);
    if (index !== -1) this.subscriptions.splice(index, 1);
    else if (this.dropped.some(matches)) this.dropped.splice(this.dropped.findIndex(matches), 1);
    else this.unmatchedOffs += 1;
  }
  /** What the SDK's emitters do when their object is disposed. */
  removeAllListeners(): void {
    this.dropped.push(...this.subscriptions.splice(0));
  }
  /** Listeners the SDK dropped at its disposal that their owner never removed itself. */
  droppedCount(event?: string): number {
    return this.dropped.filter((s) => event === undefined || s.event === event).length;
  }
  emit(event: string, payload?: unknown): void {
    for (const { listener } of this.subscriptions.filter((s) => s.event === event)) {
      (listener as (args: unknown) => void)(payload);
    }
  }
  listenerCount(event?: string): number {
    return this.subscriptions.filter((s) => event === undefined || s.event === event).length;
  }
}

/** Makes the next call of an SDK method reject (or throw) with `error`. */
class Faults {
  private readonly next = new Map<string, unknown>();
  failNext(method: string, error: unknown): void {
    this.next.set(method, error);
  }
  check(method: string): void {
    if (!this.next.has(method)) return;
    const error = this.next.get(method);
    this.next.delete(method);
    throw error;
  }
}

let serial = 0;

export function teamsUser(
  oid: string,
  displayName?: string,
): { identifier: CommunicationIdentifierKind } & {
  displayName?: string;
} {
  return {
    identifier: { kind: 'microsoftTeamsUser', microsoftTeamsUserId: oid, cloud: 'public' },
    ...(displayName ? { displayName } : {}),
  };
}

export class StubRemoteParticipant extends StubEmitter implements SdkRemoteParticipant {
  isMuted = true;
  isSpeaking = false;
  state: RemoteParticipantState = 'Connected';
  /** `RemoteParticipantImpl` starts at `Unknown`; meetings say more. */
  role: SdkParticipantRole = 'Unknown';
  videoStreams: StubRemoteVideoStream[] = [];
  private nextStreamId = 1;
  constructor(
    private readonly registry: StubRegistry,
    readonly identifier: CommunicationIdentifierKind,
    readonly displayName?: string,
  ) {
    super(registry, {
      kind: 'participant',
      names: PARTICIPANT_EVENTS,
      onError: 'participantEventSubscribe',
      offError: 'participantEventUnsubscribe',
    });
  }
  setMuted(isMuted: boolean): void {
    this.isMuted = isMuted;
    this.emit('isMutedChanged');
  }
  setSpeaking(isSpeaking: boolean): void {
    this.isSpeaking = isSpeaking;
    this.emit('isSpeakingChanged');
  }
  setState(state: RemoteParticipantState): void {
    this.state = state;
    this.emit('stateChanged');
  }
  setRole(role: SdkParticipantRole): void {
    this.role = role;
    this.emit('roleChanged');
  }
  /** A new camera or screen-share stream, announced with `videoStreamsUpdated`, then available if asked. */
  addVideoStream(
    mediaStreamType: 'Video' | 'ScreenSharing' = 'Video',
    { isAvailable = true }: { isAvailable?: boolean } = {},
  ): StubRemoteVideoStream {
    const stream = new StubRemoteVideoStream(this.registry, this.nextStreamId, mediaStreamType);
    this.nextStreamId += 1;
    this.videoStreams = [...this.videoStreams, stream];
    this.emit('videoStreamsUpdated', { added: [stream], removed: [] });
    if (isAvailable) stream.setAvailable(true);
    return stream;
  }
  /** `RemoteParticipantImpl` disposes a removed stream (`handleRemovedStream`), then emits `videoStreamsUpdated`. */
  removeVideoStream(stream: StubRemoteVideoStream): void {
    this.videoStreams = this.videoStreams.filter((candidate) => candidate !== stream);
    stream.dispose();
    this.emit('videoStreamsUpdated', { added: [], removed: [stream] });
  }
}

/** A remote participant's stream. `RemoteVideoStreamImpl` starts unavailable, at 0 × 0. */
export class StubRemoteVideoStream extends StubEmitter implements SdkRemoteVideoStream {
  isAvailable = false;
  size: StreamSize = { width: 0, height: 0 };
  disposed = false;
  /** The renderers made for this stream. */
  readonly renderers = new Set<StubVideoStreamRenderer>();
  constructor(
    registry: StubRegistry,
    readonly id: number,
    readonly mediaStreamType: MediaStreamType,
  ) {
    super(registry, {
      kind: 'remoteVideoStream',
      names: REMOTE_VIDEO_STREAM_EVENTS,
      onError: 'remoteStreamEventSubscribe',
      offError: 'remoteStreamEventUnsubscribe',
    });
  }
  /**
   * `setIsAvailable` emits only on a change. A `createView` still waiting for its first frame rejects when the
   * stream turns unavailable (`RemoteStreamRenderer.start`'s availability callback).
   */
  setAvailable(isAvailable: boolean): void {
    if (isAvailable === this.isAvailable) return;
    this.isAvailable = isAvailable;
    if (!isAvailable) for (const renderer of this.renderers) renderer.failPending('streamBecameUnavailable');
    this.emit('isAvailableChanged', isAvailable);
  }
  setSize(width: number, height: number): void {
    this.size = { width, height };
    this.emit('sizeChanged');
  }
  /**
   * `RemoteVideoStreamCommonImpl.dispose`: disposes its renderers, so their views (a waiting `createView` rejects
   * with 405/43208), and drops every listener.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const renderer of this.renderers) {
      renderer.failPending('remoteStreamDisposed');
      for (const view of renderer.views) view.disposeBySdk();
    }
    this.removeAllListeners();
  }
}

export class StubLocalVideoStream implements SdkLocalVideoStream {
  disposed = false;
  constructor(public source: VideoDeviceInfo) {}
  /** `LocalVideoStream.setSource`: a screen-sharing source makes a screen-sharing stream. */
  get mediaStreamType(): MediaStreamType {
    return this.source.deviceType === 'ScreenSharing' ? 'ScreenSharing' : 'Video';
  }
  async switchSource(source: VideoDeviceInfo): Promise<void> {
    // `LocalVideoStream.switchSource` compares the objects, not their ids.
    if (source === this.source) refuse('switchSameSource');
    this.source = source;
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** A view: its element, which the SDK removes from the page when it disposes the view. */
export class StubVideoStreamRendererView implements SdkVideoStreamRendererView {
  disposed = false;
  constructor(
    readonly target: HTMLElement,
    readonly options: CreateViewOptions | undefined,
  ) {}
  /** `VideoStreamRendererViewImpl.dispose`: a second call throws. */
  dispose(): void {
    if (this.disposed) refuse('viewAlreadyDisposed');
    this.disposeBySdk();
  }
  /** The SDK disposing the view itself (its stream went): nothing throws, and the element leaves the page. */
  disposeBySdk(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.target.remove();
  }
}

/** `VideoStreamRenderer` of the SDK 2.0.0, rule by rule. Bound to a registry by {@link stubMediaSdk}. */
export class StubVideoStreamRenderer implements SdkVideoStreamRenderer {
  disposed = false;
  readonly views: StubVideoStreamRendererView[] = [];
  private readonly pending = new Set<(name: SdkErrorName) => void>();
  constructor(
    private readonly registry: StubRegistry,
    readonly stream: SdkLocalVideoStream | SdkRemoteVideoStream,
  ) {
    // The constructor takes a `LocalVideoStream` or a remote stream, nothing else (`instanceof` checks).
    const isLocal = stream instanceof StubLocalVideoStream || registry.isLocalVideoStream(stream);
    if (!isLocal && !(stream instanceof StubRemoteVideoStream)) refuse('rendererWrongStreamType');
    if (stream instanceof StubRemoteVideoStream) stream.renderers.add(this);
    registry.renderers.push(this);
  }
  async createView(options?: CreateViewOptions): Promise<StubVideoStreamRendererView> {
    if (this.disposed) refuse('rendererDisposed');
    await this.registry.referee?.createView(this.stream, options);
    const { stream } = this;
    if (stream instanceof StubRemoteVideoStream && !stream.isAvailable) refuse('streamNotAvailable');
    // The local renderer opens the camera (`createPreview`); a refusal is PERMISSION_DENIED.
    const isCamera = !(stream instanceof StubRemoteVideoStream) && stream.mediaStreamType === 'Video';
    if (isCamera && !this.registry.cameraAllowed()) refuse('mediaPermissionDenied');
    // `createView` resolves once the view renders; meanwhile the renderer, or the stream, can go.
    await new Promise<void>((resolve, reject) => {
      const fail = (name: SdkErrorName) => {
        this.pending.delete(fail);
        const [code, subCode, message] = SDK_ERRORS[name];
        reject(sdkError(code, subCode, message));
      };
      this.pending.add(fail);
      void Promise.resolve(this.registry.viewGate).then(() => {
        if (!this.pending.has(fail)) return;
        this.pending.delete(fail);
        resolve();
      });
    });
    const view = new StubVideoStreamRendererView(document.createElement('div'), options);
    this.views.push(view);
    this.registry.views.push(view);
    return view;
  }
  /** Rejects every `createView` still waiting. */
  failPending(name: SdkErrorName): void {
    for (const fail of [...this.pending]) fail(name);
  }
  /** `VideoStreamRenderer.dispose`: a second call throws; its views are disposed, quietly. */
  dispose(): void {
    if (this.disposed) refuse('rendererAlreadyDisposed');
    this.disposed = true;
    this.failPending('appViewDisposed');
    for (const view of this.views) view.disposeBySdk();
    if (this.stream instanceof StubRemoteVideoStream) this.stream.renderers.delete(this);
  }
}

/** `callFeatureFactory(FeatureImpl)` of the SDK: the key `call.feature` finds the call's instance by. */
function stubFeatureFactory<TFeature extends CallFeature>(name: string): CallFeatureFactory<TFeature> {
  return {
    get callApiCtor(): CallFeatureCtor<TFeature> {
      throw new Error(`The stub call builds its ${name} feature itself.`);
    },
  };
}

/** The stub's `Features`, used unless a referee brings the SDK's own. */
export const STUB_FEATURES: SdkFeatures = {
  DominantSpeakers: stubFeatureFactory('DominantSpeakers'),
  OptimalVideoCount: stubFeatureFactory('OptimalVideoCount'),
  Capabilities: stubFeatureFactory('Capabilities'),
  Captions: stubFeatureFactory('Captions'),
  RaiseHand: stubFeatureFactory('RaiseHand'),
  Transfer: stubFeatureFactory('Transfer'),
  Recording: stubFeatureFactory('Recording'),
  Transcription: stubFeatureFactory('Transcription'),
  Spotlight: stubFeatureFactory('Spotlight'),
  UserFacingDiagnostics: stubFeatureFactory('UserFacingDiagnostics'),
};

/** `DominantSpeakersCallFeatureImpl`: its `on` and `off` take any event name. */
export class StubDominantSpeakersFeature extends StubEmitter implements SdkDominantSpeakersFeature {
  speakersList: CommunicationIdentifierKind[] = [];
  timestamp = new Date(0);
  get dominantSpeakers(): DominantSpeakersInfo {
    return { speakersList: [...this.speakersList], timestamp: this.timestamp };
  }
  /** The service's new list, most dominant first. */
  setSpeakers(speakers: readonly CommunicationIdentifierKind[]): void {
    this.speakersList = [...speakers];
    this.timestamp = new Date();
    this.emit('dominantSpeakersChanged');
  }
}

/** `OptimalVideoCountCallFeatureImpl`: starts at 1, and knows one event name. */
export class StubOptimalVideoCountFeature extends StubEmitter implements SdkOptimalVideoCountFeature {
  optimalVideoCount = 1;
  constructor(registry: StubRegistry) {
    super(registry, {
      kind: 'optimalVideoCount',
      names: OPTIMAL_VIDEO_COUNT_EVENTS,
      onError: 'optimalVideoCountEventSubscribe',
      offError: 'optimalVideoCountEventUnsubscribe',
    });
  }
  setCount(count: number): void {
    this.optimalVideoCount = count;
    this.emit('optimalVideoCountChanged');
  }
}

/** The raw id of this endpoint's user in every stub call, unless given: the stub world's default identity's. */
export const STUB_LOCAL_RAW_ID = '8:orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc';

/** `callInfo.context` of the SDK: what the features tell a meeting from a 1:1 call by. */
export type StubCallContext = 'TeamsMeeting' | 'TwoParty';

/** What the SDK makes of an MRI in feature data (`constructIdentifierKindFromMri`). */
function identifierOfRawId(rawId: string) {
  return createIdentifierFromRawId(rawId);
}

/** A raised hand's identifier: a Teams or ACS user (`RaisedHand.identifier`). */
function handIdentifierOf(rawId: string): RaisedHand['identifier'] {
  const identifier = identifierOfRawId(rawId);
  if (identifier.kind === 'microsoftTeamsUser' || identifier.kind === 'communicationUser') return identifier;
  throw new Error(`${rawId} cannot raise a hand.`);
}

/**
 * `validateIdentifier` of the SDK 2.0.0, on the kinds the port sends: an object whose kind
 * `getIdentifierKind` reads, with the id its kind needs. Returns whether it passes.
 */
export function sdkAcceptsIdentifier(identifier: unknown): boolean {
  if (typeof identifier !== 'object' || identifier === null) return false;
  try {
    const kind = getIdentifierKind(identifier as CommunicationIdentifier);
    switch (kind.kind) {
      case 'microsoftTeamsUser':
        return Boolean(kind.microsoftTeamsUserId);
      case 'phoneNumber':
        return true;
      case 'communicationUser':
        return kind.communicationUserId.startsWith('8:');
      case 'unknown':
        return Boolean(kind.id);
      default:
        return false;
    }
  } catch {
    return false;
  }
}

/** Every capability name of the SDK 2.0.0 (`ParticipantCapabilityName`). */
export const SDK_CAPABILITY_NAMES: readonly ParticipantCapabilityName[] = [
  'turnVideoOn',
  'unmuteMic',
  'shareScreen',
  'removeParticipant',
  'hangUpForEveryOne',
  'addCommunicationUser',
  'addTeamsUser',
  'addPhoneNumber',
  'manageLobby',
  'spotlightParticipant',
  'removeParticipantsSpotlight',
  'blurBackground',
  'startLiveMeetingCaptions',
  'startLiveCallingCaptions',
  'setCaptionLanguage',
  'raiseHand',
  'pstnDialOut',
  'muteOthers',
  'useReactions',
  'viewAttendeeNames',
  'startTogetherMode',
  'joinBreakoutRooms',
  'forbidOthersAudio',
  'forbidOthersVideo',
  'realTimeText',
];

/** What an attendee may not do in a meeting, by the SDK's default role table (`teamsRoleBasedCapabilities`). */
const ATTENDEE_RESTRICTED: ReadonlySet<ParticipantCapabilityName> = new Set([
  'shareScreen',
  'removeParticipant',
  'hangUpForEveryOne',
  'manageLobby',
  'spotlightParticipant',
  'removeParticipantsSpotlight',
  'muteOthers',
  'startTogetherMode',
  'forbidOthersAudio',
  'forbidOthersVideo',
]);

/**
 * The capabilities `Features.Capabilities` reports when first read. Outside meetings every one is
 * `FeatureNotSupported`, and stays so (`CapabilityResolverImpl.initializeCapabilities`); in a meeting the SDK
 * resolves them at once for the local role, `Unknown` counting as `Attendee`.
 */
export function initialCapabilities(context: StubCallContext): ParticipantCapabilities {
  return Object.fromEntries(
    SDK_CAPABILITY_NAMES.map((name) => [
      name,
      context === 'TwoParty'
        ? { isPresent: false, reason: 'FeatureNotSupported' }
        : ATTENDEE_RESTRICTED.has(name)
          ? { isPresent: false, reason: 'RoleRestricted' }
          : { isPresent: true, reason: 'Capable' },
    ]),
  ) as ParticipantCapabilities;
}

/** `CapabilitiesFeatureImpl`: its `on` and `off` take any name. */
export class StubCapabilitiesFeature extends StubEmitter implements SdkCapabilitiesFeature {
  capabilities: ParticipantCapabilities;
  constructor(registry: StubRegistry, context: StubCallContext) {
    super(registry);
    this.capabilities = initialCapabilities(context);
  }
  /** Teams resolves capabilities again; `capabilitiesChanged` carries those whose `isPresent` changed. */
  change(changes: Partial<ParticipantCapabilities>, reason: CapabilitiesChangedReason = 'RoleChanged'): void {
    const oldValue: Partial<ParticipantCapabilities> = {};
    const newValue: Partial<ParticipantCapabilities> = {};
    for (const [name, value] of Object.entries(changes) as [
      ParticipantCapabilityName,
      { isPresent: boolean; reason: ParticipantCapabilities[ParticipantCapabilityName]['reason'] },
    ][]) {
      if (this.capabilities[name].isPresent !== value.isPresent) {
        oldValue[name] = this.capabilities[name];
        newValue[name] = value;
      }
    }
    this.capabilities = { ...this.capabilities, ...changes };
    this.emit('capabilitiesChanged', { oldValue, newValue, reason });
  }
}

/**
 * `TeamsCaptionsImpl` over `CaptionsCallFeatureImplOverTsCall`, rule by rule (see `captionsFeature.ts`). Its
 * `on` and `off` are the feature's own emitter, which the SDK shares between the feature and its captions.
 */
export class StubTeamsCaptions implements SdkTeamsCaptions {
  readonly kind = 'TeamsCaptions';
  isCaptionsFeatureActive = false;
  activeSpokenLanguage = '';
  activeCaptionLanguage = '';
  /** The SDK's default ECS config has `en-us` and `en` only; the service's config adds more. */
  supportedSpokenLanguages = ['en-us', 'fr-fr', 'de-de'];
  supportedCaptionLanguages = ['en', 'fr', 'de'];
  /** Whether the user has Teams Premium, which translation needs. */
  premium = true;
  readonly startOptions: (StartCaptionsOptions | undefined)[] = [];
  readonly faults = new Faults();
  constructor(
    private readonly emitter: StubEmitter,
    private readonly call: Pick<StubTeamsCall, 'state'>,
  ) {}
  on(event: string, listener: AnyListener): void {
    this.emitter.on(event, listener);
  }
  off(event: string, listener: AnyListener): void {
    this.emitter.off(event, listener);
  }
  /** Resolves without starting when the call is not connected; `en-us` unless a language is given. */
  async startCaptions(startCaptionsOptions?: StartCaptionsOptions): Promise<void> {
    this.faults.check('startCaptions');
    this.startOptions.push(startCaptionsOptions);
    if (this.call.state !== 'Connected' || this.isCaptionsFeatureActive) return;
    const language = startCaptionsOptions?.spokenLanguage || 'en-us';
    if (!this.supportedSpokenLanguages.includes(language)) refuse('spokenLanguageUnsupported');
    if (this.activeSpokenLanguage !== language) {
      this.activeSpokenLanguage = language;
      this.emitter.emit('SpokenLanguageChanged');
    }
    this.isCaptionsFeatureActive = true;
    this.emitter.emit('CaptionsActiveChanged');
  }
  async stopCaptions(): Promise<void> {
    this.faults.check('stopCaptions');
    if (!this.isCaptionsFeatureActive) return;
    this.isCaptionsFeatureActive = false;
    this.emitter.emit('CaptionsActiveChanged');
  }
  async setSpokenLanguage(language: string): Promise<void> {
    if (!this.isCaptionsFeatureActive) refuse('spokenLanguageNotStarted');
    if (language === this.activeSpokenLanguage) return;
    if (!this.supportedSpokenLanguages.includes(language)) refuse('spokenLanguageUnsupported');
    this.activeSpokenLanguage = language;
    this.emitter.emit('SpokenLanguageChanged');
  }
  async setCaptionLanguage(language: string): Promise<void> {
    if (!this.isCaptionsFeatureActive) refuse('captionLanguageNotStarted');
    if (!this.premium) refuse('captionLanguageLicense');
    if (language === this.activeCaptionLanguage) return;
    if (!this.supportedCaptionLanguages.includes(language)) refuse('captionLanguageUnsupported');
    this.activeCaptionLanguage = language;
    this.emitter.emit('CaptionLanguageChanged');
  }
  /** A caption from the service, as `CaptionsReceived` carries it. */
  receive(info: TeamsCaptionsInfo): void {
    this.emitter.emit('CaptionsReceived', info);
  }
}

/** `CaptionsCallFeatureImpl`: Teams captions for a Teams user; its `on` and `off` take any name. */
export class StubCaptionsFeature extends StubEmitter implements SdkCaptionsFeature {
  readonly captions: StubTeamsCaptions;
  constructor(registry: StubRegistry, call: Pick<StubTeamsCall, 'state'>) {
    super(registry);
    this.captions = new StubTeamsCaptions(this, call);
  }
}

/** `RaiseHandCallFeatureImpl`: hands ranked in the order they were raised; any event name. */
export class StubRaiseHandFeature extends StubEmitter implements SdkRaiseHandFeature {
  /** Raw ids of the raised hands, first raised first. */
  hands: string[] = [];
  readonly faults = new Faults();
  constructor(
    registry: StubRegistry,
    private readonly call: Pick<StubTeamsCall, 'context' | 'localRawId'>,
  ) {
    super(registry);
  }
  getRaisedHands(): RaisedHand[] {
    return this.hands.map((rawId, index) => ({ identifier: handIdentifierOf(rawId), order: index + 1 }));
  }
  /** 400/45758 in a 1:1 call; raising a raised hand does nothing. */
  async raiseHand(): Promise<void> {
    this.faults.check('raiseHand');
    if (this.call.context === 'TwoParty') refuse('raiseHandOneToOne');
    this.raiseBy(this.call.localRawId);
  }
  async lowerHand(): Promise<void> {
    this.faults.check('lowerHand');
    this.lowerBy(this.call.localRawId);
  }
  async lowerHands(): Promise<void> {
    throw new Error('The port does not lower chosen hands.');
  }
  async lowerAllHands(): Promise<void> {
    this.faults.check('lowerAllHands');
    for (const rawId of [...this.hands]) this.lowerBy(rawId);
  }
  /** Someone raises a hand (the service's `publishedStatesChanged`). */
  raiseBy(rawId: string): void {
    if (this.hands.includes(rawId)) return;
    this.hands = [...this.hands, rawId];
    this.emit('raisedHandEvent', { identifier: handIdentifierOf(rawId) });
  }
  lowerBy(rawId: string): void {
    if (!this.hands.includes(rawId)) return;
    this.hands = this.hands.filter((hand) => hand !== rawId);
    this.emit('loweredHandEvent', { identifier: handIdentifierOf(rawId) });
  }
}

/** `TransferImpl`: one transfer's state; any event name. */
export class StubTransfer extends StubEmitter implements SdkTransfer {
  state: TransferState;
  error: TransferErrorCode | undefined;
  constructor(registry: StubRegistry, state: TransferState, error?: TransferErrorCode) {
    super(registry);
    this.state = state;
    this.error = error;
  }
  /** The service says the transfer completed. */
  complete(): void {
    this.state = 'Transferred';
    this.emit('stateChanged');
  }
  /** The service says it failed (`_getTransferEndReason`: the call controller's codes). */
  fail(code: number, subCode?: number): void {
    this.error = subCode === undefined ? { code } : { code, subCode };
    this.state = 'Failed';
    this.emit('stateChanged');
  }
}

/**
 * What `getMriFromIdentifier` makes of a transfer's `targetParticipant`: the identifier's raw id, and
 * `undefined` (no throw) for a raw-id string or an object it cannot read.
 */
export function sdkMriOf(identifier: unknown): string | undefined {
  if (typeof identifier !== 'object' || identifier === null) return undefined;
  try {
    return getIdentifierRawId(identifier as CommunicationIdentifier) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `TransferCallFeatureImpl` over `TransferCallImplOverTsCall` (see `transferFeature.ts`). Its `off` calls `on`,
 * as the SDK 2.0.0's does.
 */
export class StubTransferFeature extends StubEmitter implements SdkTransferFeature {
  readonly transfers: StubTransfer[] = [];
  /** The exact arguments of every `transfer`. */
  readonly transferArgs: unknown[] = [];
  /** What reached signalling: the target's MRI (`callSafeTransfer`), or the other call's id (consultative). */
  readonly signalled: { readonly mri?: string | undefined; readonly targetCallId?: string }[] = [];
  constructor(
    private readonly registry: StubRegistry,
    private readonly call: StubTeamsCall,
  ) {
    super(registry);
  }
  transfer(target: { targetParticipant: SdkTeamsCallee }): StubTransfer;
  transfer(target: TransferToCallLocator): StubTransfer;
  transfer(target: { targetParticipant: SdkTeamsCallee } | TransferToCallLocator): StubTransfer {
    this.transferArgs.push(target);
    if (!this.call.isTransferable()) refuse('transferUnsupportedCallType');
    const locator = target as Partial<{ targetParticipant: unknown; targetCallId: string }>;
    const held = this.call.state === 'LocalHold';
    let known = true;
    if (locator.targetCallId) {
      const other = this.registry.calls.find((call) => call.id === locator.targetCallId);
      if (other && !other.isTransferable()) refuse('transferUnsupportedCallType');
      known = other !== undefined;
      if (known && held) this.signalled.push({ targetCallId: locator.targetCallId });
    } else {
      // `getMriFromIdentifier(undefined)` throws, which the SDK reports as TARGET_NOT_RECOGNIZED; a string or an
      // unreadable object passes and signals an `undefined` MRI.
      if (locator.targetParticipant === undefined || locator.targetParticipant === null) {
        refuse('transferTargetNotRecognized');
      }
      if (held) this.signalled.push({ mri: sdkMriOf(locator.targetParticipant) });
    }
    // `TransferImpl`: a call not on local hold, or another call the SDK does not know, has `Failed` already;
    // its error is what `_getTransferEndReason` reads without diagnostics, `{ code: 0, subCode: 0 }`.
    const transfer =
      known && held
        ? new StubTransfer(this.registry, 'Transferring')
        : new StubTransfer(this.registry, 'Failed', { code: 0, subCode: 0 });
    this.transfers.push(transfer);
    return transfer;
  }
  override off(event: string, listener: AnyListener): void {
    this.on(event, listener);
  }
  lastTransfer(): StubTransfer {
    const transfer = this.transfers.at(-1);
    if (!transfer) throw new Error('No transfer was started.');
    return transfer;
  }
  /** The remote party transferred this endpoint: the SDK accepted, and set up `targetCall`. */
  accept(targetCall: StubTeamsCall): void {
    const payload: Parameters<SdkTransferAcceptedEvent>[0] = { targetCall };
    this.emit('transferAccepted', payload);
  }
}

/** `RecordingState` of the SDK (a value of the SDK, which Node cannot load): None, Started, Paused, Ended. */
const RECORDING_STARTED: RecordingState.Started = 1;
const RECORDING_PAUSED: RecordingState.Paused = 2;

/** `RecordingCallFeatureImpl`: its `on` and `off` know two event names. */
export class StubRecordingFeature extends StubEmitter implements SdkRecordingFeature {
  isRecordingActive = false;
  recordings: SdkRecordingInfo[] = [];
  constructor(registry: StubRegistry) {
    super(registry, {
      kind: 'recording',
      names: RECORDING_EVENTS,
      onError: 'recordingEventSubscribe',
      offError: 'recordingEventUnsubscribe',
    });
  }
  /** A recording bot joins, `Active`. */
  start(): void {
    const recording = { state: RECORDING_STARTED as RecordingState };
    this.recordings = [...this.recordings, recording];
    this.emit('recordingsUpdated', { added: [recording], removed: [] });
    this.setActive(true);
  }
  /** Its bot turns `Inactive`: the recording is paused, and the call no longer counts as recorded. */
  pause(): void {
    const latest = this.recordings.at(-1);
    if (latest) latest.state = RECORDING_PAUSED;
    this.setActive(false);
  }
  resume(): void {
    const latest = this.recordings.at(-1);
    if (latest) latest.state = RECORDING_STARTED;
    this.setActive(true);
  }
  /** Its bot leaves. */
  end(): void {
    const removed = this.recordings;
    this.recordings = [];
    this.emit('recordingsUpdated', { added: [], removed });
    this.setActive(false);
  }
  private setActive(active: boolean): void {
    if (this.isRecordingActive === active) return;
    this.isRecordingActive = active;
    this.emit('isRecordingActiveChanged');
  }
}

/** `TranscriptionCallFeatureImpl`: any event name. */
export class StubTranscriptionFeature extends StubEmitter implements SdkTranscriptionFeature {
  isTranscriptionActive = false;
  setActive(active: boolean): void {
    this.isTranscriptionActive = active;
    this.emit('isTranscriptionActiveChanged');
  }
}

/** `SpotlightCallFeatureImpl` over `SpotlightCallImplOverTsCall`, rule by rule (see `spotlightFeature.ts`). */
export class StubSpotlightFeature extends StubEmitter implements SdkSpotlightFeature {
  /** Raw ids, first spotlighted first. */
  spotlighted: string[] = [];
  maxParticipantsToSpotlight = 7;
  /** Whether the meeting is role-based and the local user lacks the presenter or organizer role. */
  roleRestricted = false;
  readonly startArgs: (CommunicationIdentifier[] | undefined)[] = [];
  readonly stopArgs: (CommunicationIdentifier[] | undefined)[] = [];
  constructor(
    registry: StubRegistry,
    private readonly call: Pick<StubTeamsCall, 'context' | 'localRawId'>,
  ) {
    super(registry);
  }
  getSpotlightedParticipants(): SpotlightedParticipant[] {
    return this.spotlighted.map((rawId, index) => ({
      identifier: identifierOfRawId(rawId),
      order: index + 1,
    }));
  }
  async startSpotlight(participants?: CommunicationIdentifier[]): Promise<void> {
    this.startArgs.push(participants);
    if (participants && !participants.every(sdkAcceptsIdentifier)) return;
    const added = this.rawIdsOf(participants).filter((rawId) => !this.spotlighted.includes(rawId));
    if (added.length === 0) refuse('alreadySpotlighted');
    if (this.call.context === 'TwoParty') refuse('spotlightOneToOne');
    if (this.spotlighted.length + added.length > this.maxParticipantsToSpotlight) refuse('spotlightLimit');
    if (this.roleRestricted) refuse('spotlightRole');
    this.publish(added, []);
  }
  async stopSpotlight(participants?: CommunicationIdentifier[]): Promise<void> {
    this.stopArgs.push(participants);
    if (participants && !participants.every(sdkAcceptsIdentifier)) return;
    const rawIds = this.rawIdsOf(participants);
    const onlySelf = rawIds.length === 1 && rawIds[0] === this.call.localRawId;
    if (!onlySelf && this.roleRestricted) refuse('spotlightRole');
    this.publish(
      [],
      rawIds.filter((rawId) => this.spotlighted.includes(rawId)),
    );
  }
  async stopAllSpotlight(): Promise<void> {
    if (this.roleRestricted) refuse('spotlightRole');
    this.publish([], this.spotlighted);
  }
  /** Someone else spotlights `rawIds` (the service's `publishedStatesChanged`). */
  spotlightBy(rawIds: readonly string[]): void {
    this.publish(
      rawIds.filter((rawId) => !this.spotlighted.includes(rawId)),
      [],
    );
  }
  private rawIdsOf(participants: CommunicationIdentifier[] | undefined): string[] {
    return participants?.length ? participants.map(getIdentifierRawId) : [this.call.localRawId];
  }
  private publish(added: readonly string[], removed: readonly string[]): void {
    if (added.length === 0 && removed.length === 0) return;
    this.spotlighted = [...this.spotlighted.filter((rawId) => !removed.includes(rawId)), ...added];
    this.emit('spotlightChanged', {
      added: added.map((rawId) => ({
        identifier: identifierOfRawId(rawId),
        order: this.spotlighted.indexOf(rawId) + 1,
      })),
      removed: removed.map((rawId) => ({ identifier: identifierOfRawId(rawId) })),
    });
  }
}

/** `LobbyImpl`: its `on` and `off` know one event name. */
export class StubLobby extends StubEmitter implements SdkLobby {
  participants: StubRemoteParticipant[] = [];
  readonly admitted: CommunicationIdentifier[] = [];
  readonly rejected: CommunicationIdentifier[] = [];
  /** How many the next `admitAll` fails to admit. */
  admitAllFailures = 0;
  constructor(
    registry: StubRegistry,
    private readonly call: StubTeamsCall,
  ) {
    super(registry, {
      kind: 'lobby',
      names: LOBBY_EVENTS,
      onError: 'lobbyEventSubscribe',
      offError: 'lobbyEventUnsubscribe',
    });
  }
  /** Someone joins the meeting and waits in the lobby: a remote participant `InLobby`. */
  arrive(oid: string, displayName?: string): StubRemoteParticipant {
    const [participant] = this.call.addParticipants([oid], 'InLobby', displayName) as [StubRemoteParticipant];
    this.participants = [...this.participants, participant];
    this.emit('lobbyParticipantsUpdated', { added: [participant], removed: [] });
    return participant;
  }
  async admit(participant: CommunicationIdentifier): Promise<void> {
    const waiting = this.validate(participant);
    this.admitted.push(participant);
    this.leave(waiting);
    waiting.setState('Connected');
  }
  async reject(participant: CommunicationIdentifier): Promise<void> {
    const waiting = this.validate(participant);
    this.rejected.push(participant);
    this.leave(waiting);
    this.call.removeParticipants([waiting]);
  }
  async admitAll(): Promise<AdmitAllOperationResult> {
    this.validateRole();
    const failureCount = Math.min(this.admitAllFailures, this.participants.length);
    this.admitAllFailures = 0;
    const admitted = this.participants.slice(failureCount);
    for (const waiting of admitted) {
      this.leave(waiting);
      waiting.setState('Connected');
    }
    return { successCount: admitted.length, failureCount };
  }
  private leave(waiting: StubRemoteParticipant): void {
    this.participants = this.participants.filter((p) => p !== waiting);
    this.emit('lobbyParticipantsUpdated', { added: [], removed: [waiting] });
  }
  /**
   * `validateIdentifier`, then `validateLobbyOperation`: someone of the call `InLobby` (else not in the lobby, or
   * already in), by an organizer, co-organizer or presenter.
   */
  private validate(identifier: CommunicationIdentifier): StubRemoteParticipant {
    if (!sdkAcceptsIdentifier(identifier)) refuse('invalidIdentifier');
    const rawId = getIdentifierRawId(identifier);
    const participant = this.call.remoteParticipants.find((p) => getIdentifierRawId(p.identifier) === rawId);
    if (participant?.state === 'Connected') refuse('lobbyAlreadyInMeeting');
    if (participant?.state !== 'InLobby') refuse('lobbyNotInLobby');
    this.validateRole();
    return participant;
  }
  private validateRole(): void {
    if (!['Presenter', 'Organizer', 'Co-organizer'].includes(this.call.role)) refuse('lobbyUnauthorized');
  }
}

/** `NetworkDiagnosticsImpl` / `MediaDiagnosticsImpl`: the latest values, and one event name. */
export class StubDiagnostics<TName extends string> extends StubEmitter {
  latest: Partial<Record<TName, LatestDiagnosticValue>> = {};
  constructor(registry: StubRegistry) {
    super(registry, {
      kind: 'diagnostics',
      names: DIAGNOSTICS_EVENTS,
      onError: 'diagnosticsEventSubscribe',
      offError: 'diagnosticsEventUnsubscribe',
    });
  }
  getLatest(): Partial<Record<TName, LatestDiagnosticValue>> {
    return { ...this.latest };
  }
  /** The media stack raises or clears a diagnostic: a quality (1 Good, 2 Poor, 3 Bad) or a flag. */
  raise(diagnostic: TName, value: LatestDiagnosticValue['value']): void {
    const valueType = typeof value === 'boolean' ? 'DiagnosticFlag' : 'DiagnosticQuality';
    this.latest = { ...this.latest, [diagnostic]: { value, valueType } };
    this.emit('diagnosticChanged', { diagnostic, value, valueType });
  }
}

/** `UserFacingDiagnosticsFeatureImpl`. */
export class StubUserFacingDiagnosticsFeature implements SdkUserFacingDiagnosticsFeature {
  readonly network: StubDiagnostics<NetworkDiagnosticType> & { getLatest(): LatestNetworkDiagnostics };
  readonly media: StubDiagnostics<MediaDiagnosticType> & { getLatest(): LatestMediaDiagnostics };
  constructor(registry: StubRegistry) {
    this.network = new StubDiagnostics<NetworkDiagnosticType>(registry);
    this.media = new StubDiagnostics<MediaDiagnosticType>(registry);
  }
  emitters(): StubEmitter[] {
    return [this.network, this.media];
  }
}

/** The renderer and feature factories of the stub SDK, bound to `registry`. */
export function stubMediaSdk(
  registry: StubRegistry,
): Pick<AcsCallingSdk, 'VideoStreamRenderer' | 'Features'> {
  class VideoStreamRenderer extends StubVideoStreamRenderer {
    constructor(stream: SdkLocalVideoStream | SdkRemoteVideoStream) {
      super(registry, stream);
    }
  }
  return { VideoStreamRenderer, Features: registry.features };
}

/**
 * What `createAcsCallHandle` needs, over the stub: a 1:1 Teams call of a port with no other call, which does not
 * know the local user's raw id (it then tells them apart by the call's remote participants).
 */
export function stubCallHandleContext(
  registry: StubRegistry,
  overrides: Partial<AcsCallHandleContext> = {},
): AcsCallHandleContext {
  return {
    rawIdOf: getIdentifierRawId,
    sdk: stubMediaSdk(registry),
    createCameraStream: async () => new StubLocalVideoStream(camera('cam-1')),
    onEnded: () => undefined,
    kind: 'teams',
    localRawId: undefined,
    calls: {
      sdkCallOf: () => undefined,
      adoptTransferred: () => {
        throw new Error('No port behind this call.');
      },
    },
    ...overrides,
  };
}

/** The SDK's tone names, as `toDtmfTone` in `CallCommonImpl.sendDtmf` accepts them, in the core's keys. */
const CORE_KEY_OF_TONE: Readonly<Record<string, DtmfTone>> = {
  Num0: '0',
  Num1: '1',
  Num2: '2',
  Num3: '3',
  Num4: '4',
  Num5: '5',
  Num6: '6',
  Num7: '7',
  Num8: '8',
  Num9: '9',
  Star: '*',
  Pound: '#',
  A: 'A',
  B: 'B',
  C: 'C',
  D: 'D',
};

/** What the user does with the browser's screen picker. */
export type ScreenPickerAnswer = 'share' | 'cancel' | 'refusedBySystem';

export interface StubCallOptions {
  /** A meeting, or a 1:1 call (the default): `callInfo.context`, which the features read. */
  readonly context?: StubCallContext;
  /** The raw id of this endpoint's user, as the SDK's features name it. */
  readonly localRawId?: string;
  readonly callerInfo?: CallerInfo;
}

export class StubTeamsCall extends StubEmitter implements SdkTeamsCall {
  readonly id: string;
  state: CallState = 'None';
  callEndReason: CallEndReason | undefined;
  isMuted = false;
  isLocalVideoStarted = false;
  isScreenSharingOn = false;
  remoteParticipants: StubRemoteParticipant[] = [];
  /** The camera stream while video is on, and the screen share while it is on. */
  localVideoStreams: SdkLocalVideoStream[] = [];
  /** The local user's meeting role; `Unknown` outside meetings. */
  role: SdkParticipantRole = 'Unknown';
  readonly callerInfo: CallerInfo;
  readonly context: StubCallContext;
  readonly localRawId: string;
  readonly faults = new Faults();
  readonly dtmfSent: SdkDtmfTone[] = [];
  readonly hangUps: (HangUpOptions | undefined)[] = [];
  readonly dominantSpeakersFeature: StubDominantSpeakersFeature;
  readonly optimalVideoCountFeature: StubOptimalVideoCountFeature;
  readonly capabilitiesFeature: StubCapabilitiesFeature;
  readonly captionsFeature: StubCaptionsFeature;
  readonly raiseHandFeature: StubRaiseHandFeature;
  readonly transferFeature: StubTransferFeature;
  readonly recordingFeature: StubRecordingFeature;
  readonly transcriptionFeature: StubTranscriptionFeature;
  readonly spotlightFeature: StubSpotlightFeature;
  readonly diagnosticsFeature: StubUserFacingDiagnosticsFeature;
  private readonly stubLobby: StubLobby;
  /** Features (and the lobby) that throw when asked for. */
  readonly failingFeatures = new Set<keyof SdkFeatures | 'lobby'>();
  /** How often each feature was asked for. */
  readonly featureReads = new Map<keyof SdkFeatures, number>();
  /** The answer to the next screen picker. */
  screenPicker: ScreenPickerAnswer = 'share';
  disposed = false;

  constructor(
    private readonly registry: StubRegistry,
    options: StubCallOptions = {},
  ) {
    super(registry, {
      kind: 'call',
      names: CALL_EVENTS,
      onError: 'callEventSubscribe',
      offError: 'callEventUnsubscribe',
    });
    registry.calls.push(this);
    serial += 1;
    this.id = `stub-call-${serial}`;
    this.context = options.context ?? 'TwoParty';
    this.localRawId = options.localRawId ?? STUB_LOCAL_RAW_ID;
    this.callerInfo = options.callerInfo ?? { identifier: undefined };
    this.dominantSpeakersFeature = new StubDominantSpeakersFeature(registry);
    this.optimalVideoCountFeature = new StubOptimalVideoCountFeature(registry);
    this.capabilitiesFeature = new StubCapabilitiesFeature(registry, this.context);
    this.captionsFeature = new StubCaptionsFeature(registry, this);
    this.raiseHandFeature = new StubRaiseHandFeature(registry, this);
    this.transferFeature = new StubTransferFeature(registry, this);
    this.recordingFeature = new StubRecordingFeature(registry);
    this.transcriptionFeature = new StubTranscriptionFeature(registry);
    this.spotlightFeature = new StubSpotlightFeature(registry, this);
    this.diagnosticsFeature = new StubUserFacingDiagnosticsFeature(registry);
    this.stubLobby = new StubLobby(registry, this);
  }

  /** `call.lobby`: every call has one, which only a meeting's participants fill. */
  get lobby(): StubLobby {
    if (this.failingFeatures.has('lobby')) throw new Error('The lobby is not available.');
    return this.stubLobby;
  }

  /** `TransferCallImplOverTsCall.isTransferable`: a 1:1 call, or a call of two at most. */
  isTransferable(): boolean {
    return this.context === 'TwoParty' || this.remoteParticipants.length <= 2;
  }

  /** Every feature emitter of the call. */
  private featureEmitters(): StubEmitter[] {
    return [
      this.dominantSpeakersFeature,
      this.optimalVideoCountFeature,
      this.capabilitiesFeature,
      this.captionsFeature,
      this.raiseHandFeature,
      this.transferFeature,
      this.recordingFeature,
      this.transcriptionFeature,
      this.spotlightFeature,
      ...this.diagnosticsFeature.emitters(),
    ];
  }

  /**
   * `TeamsCallImpl.dispose`: its features drop every listener (`ExtensibleApi.dispose`). The SDK disposes a call
   * itself once it ended (`TeamsCallAgentImpl.handleCallRemoved` → `disposeCall`). The call's own listeners go
   * too in the SDK; the stub keeps them, so that the tests see the port remove them itself.
   */
  private disposeFeatures(): void {
    for (const emitter of this.featureEmitters()) emitter.removeAllListeners();
  }

  /** The camera stream it sends, if any. */
  get cameraStream(): SdkLocalVideoStream | undefined {
    return this.localVideoStreams.find((stream) => stream.mediaStreamType === 'Video');
  }

  // What the service and the remote side do.
  setState(state: CallState): void {
    this.state = state;
    this.emit('stateChanged');
  }
  end(reason: CallEndReason = { code: 0, subCode: 0 }): void {
    this.callEndReason = reason;
    this.setState('Disconnected');
    this.disposeFeatures();
  }
  /** The local user's meeting role changes. */
  setRole(role: SdkParticipantRole): void {
    this.role = role;
    this.emit('roleChanged');
  }
  addParticipants(
    countOrIds: number | readonly string[],
    state: RemoteParticipantState = 'Connected',
    displayName?: string,
  ): StubRemoteParticipant[] {
    const oids =
      typeof countOrIds === 'number'
        ? Array.from(
            { length: countOrIds },
            (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          )
        : countOrIds;
    const added = oids.map((oid) => {
      const participant = new StubRemoteParticipant(
        this.registry,
        teamsUser(oid).identifier,
        displayName ?? `Person ${oid.slice(-4)}`,
      );
      participant.state = state;
      return participant;
    });
    this.remoteParticipants = [...this.remoteParticipants, ...added];
    this.emit('remoteParticipantsUpdated', { added, removed: [] });
    return added;
  }
  removeParticipants(removed: readonly StubRemoteParticipant[]): void {
    this.remoteParticipants = this.remoteParticipants.filter((p) => !removed.includes(p));
    this.emit('remoteParticipantsUpdated', { added: [], removed: [...removed] });
  }

  /** Runs the SDK's own code on this control first, when a referee is present. */
  private async refereed(control: RefereedControl, argument?: unknown): Promise<void> {
    const referee = this.registry.referee;
    if (!referee) return;
    const { state, isLocalVideoStarted } = this;
    await referee.control(
      control,
      {
        state,
        isLocalVideoStarted,
        videoStream: this.cameraStream,
        isScreenSharingOn: this.isScreenSharingOn,
      },
      argument,
    );
  }

  /** Whether the platform carries out `control` now (`false`: it resolves and does nothing); throws its refusal. */
  private allows(control: PlatformControl, tone?: DtmfTone): boolean {
    const verdict = platformVerdict(control, toCallPortStatus(this.state), tone);
    if (verdict === 'no_op') return false;
    if (verdict !== 'allowed') throw refusalError(verdict);
    return true;
  }

  /**
   * `TeamsCallImpl.mute` is `async mute(){super.mute()}`: it resolves before the stack has muted and never
   * rejects. The change arrives afterwards, as `isMutedChanged`; a failure (`failNext`) arrives as nothing.
   */
  private changeMuted(method: 'mute' | 'unmute', muted: boolean): void {
    let failed = false;
    try {
      this.faults.check(method);
    } catch {
      failed = true;
    }
    queueMicrotask(() => {
      if (failed || this.isMuted === muted || this.state === 'Disconnected') return;
      this.isMuted = muted;
      this.emit('isMutedChanged');
    });
  }

  // The SDK's call API.
  async mute(): Promise<void> {
    this.changeMuted('mute', true);
  }
  async unmute(): Promise<void> {
    this.changeMuted('unmute', false);
  }
  async hold(): Promise<void> {
    this.faults.check('hold');
    await this.refereed('hold');
    if (this.allows('hold')) this.setState('LocalHold');
  }
  async resume(): Promise<void> {
    this.faults.check('resume');
    await this.refereed('resume');
    if (this.allows('resume')) this.setState('Connected');
  }
  async sendDtmf(dtmfTone: SdkDtmfTone): Promise<void> {
    this.faults.check('sendDtmf');
    await this.refereed('sendDtmf', dtmfTone);
    // `Flash` passes `toDtmfTone` (it is tone 16), but `_PluginlessCall.toneToString` has no key for it.
    if (dtmfTone === 'Flash') throw refusalError(PLATFORM_REFUSALS.sendDtmf);
    const key = CORE_KEY_OF_TONE[dtmfTone];
    if (key === undefined) refuse('invalidDtmfTone');
    if (this.allows('sendDtmf', key)) this.dtmfSent.push(dtmfTone);
  }
  async startVideo(localVideoStream: SdkLocalVideoStream): Promise<void> {
    this.faults.check('startVideo');
    await this.refereed('startVideo', localVideoStream);
    if (!this.registry.isLocalVideoStream(localVideoStream)) refuse('notALocalVideoStream');
    if (this.isLocalVideoStarted) refuse('videoAlreadyOn');
    this.localVideoStreams = [...this.localVideoStreams, localVideoStream];
    this.isLocalVideoStarted = true;
    this.emit('isLocalVideoStartedChanged');
    this.emit('localVideoStreamsUpdated', { added: [localVideoStream], removed: [] });
  }
  async stopVideo(localVideoStream: SdkLocalVideoStream): Promise<void> {
    this.faults.check('stopVideo');
    await this.refereed('stopVideo', localVideoStream);
    if (!this.isLocalVideoStarted) refuse('videoAlreadyOff');
    if (this.cameraStream !== localVideoStream) refuse('stopWrongStream');
    this.localVideoStreams = this.localVideoStreams.filter((stream) => stream !== localVideoStream);
    this.isLocalVideoStarted = false;
    this.emit('isLocalVideoStartedChanged');
    this.emit('localVideoStreamsUpdated', { added: [], removed: [localVideoStream] });
  }
  /**
   * `TeamsCallImpl.startScreenSharing` without a stream: the browser's picker, then the stack turns sharing on
   * (`setScreenSharingOn`, `isScreenSharingOnChanged`), and only after its renegotiation does the call list the
   * new stream (`localVideoStreamsUpdated`), a `LocalVideoStream` of a `ScreenSharing` source.
   */
  async startScreenSharing(): Promise<void> {
    this.faults.check('startScreenSharing');
    await this.refereed('startScreenSharing');
    if (this.state !== 'Connected') refuse('screenShareNotConnected');
    if (this.isScreenSharingOn) refuse('screenShareAlreadyOn');
    if (this.screenPicker === 'cancel') refuse('mediaPermissionDenied');
    if (this.screenPicker === 'refusedBySystem') refuse('mediaPermissionDeniedBySystem');
    this.isScreenSharingOn = true;
    this.emit('isScreenSharingOnChanged');
    await Promise.resolve();
    const stream =
      this.registry.referee?.screenShareStream() ??
      new StubLocalVideoStream({ id: 'screensharing:', name: '', deviceType: 'ScreenSharing' });
    this.localVideoStreams = [...this.localVideoStreams, stream];
    this.emit('localVideoStreamsUpdated', { added: [stream], removed: [] });
  }
  /**
   * `TeamsCallImpl.stopScreenSharing`: only in `Connected`, and only while sharing. When the stack reports sharing
   * off, the call removes and disposes the shared stream (`removeScreenSharingStream`) before it emits
   * `isScreenSharingOnChanged`.
   */
  async stopScreenSharing(): Promise<void> {
    this.faults.check('stopScreenSharing');
    await this.refereed('stopScreenSharing');
    if (this.state !== 'Connected') refuse('stopScreenShareNotConnected');
    if (!this.isScreenSharingOn) refuse('screenShareAlreadyOff');
    // The call drops (and disposes) the shared stream as soon as the stack says sharing is off, then reports it.
    this.isScreenSharingOn = false;
    const removed = this.localVideoStreams.filter((stream) => stream.mediaStreamType === 'ScreenSharing');
    this.localVideoStreams = this.localVideoStreams.filter((stream) => !removed.includes(stream));
    for (const stream of removed) stream.dispose();
    this.emit('localVideoStreamsUpdated', { added: [], removed });
    this.emit('isScreenSharingOnChanged');
  }
  /** `CallCommonImpl.feature`: one instance per call and feature, for the SDK's own factories only. */
  feature(factory: SdkFeatures['DominantSpeakers']): StubDominantSpeakersFeature;
  feature(factory: SdkFeatures['OptimalVideoCount']): StubOptimalVideoCountFeature;
  feature(factory: SdkFeatures['Capabilities']): StubCapabilitiesFeature;
  feature(factory: SdkFeatures['Captions']): StubCaptionsFeature;
  feature(factory: SdkFeatures['RaiseHand']): StubRaiseHandFeature;
  feature(factory: SdkFeatures['Transfer']): StubTransferFeature;
  feature(factory: SdkFeatures['Recording']): StubRecordingFeature;
  feature(factory: SdkFeatures['Transcription']): StubTranscriptionFeature;
  feature(factory: SdkFeatures['Spotlight']): StubSpotlightFeature;
  feature(factory: SdkFeatures['UserFacingDiagnostics']): StubUserFacingDiagnosticsFeature;
  feature(factory: SdkFeatures[keyof SdkFeatures]): unknown {
    const features: { readonly [K in keyof SdkFeatures]: unknown } = {
      DominantSpeakers: this.dominantSpeakersFeature,
      OptimalVideoCount: this.optimalVideoCountFeature,
      Capabilities: this.capabilitiesFeature,
      Captions: this.captionsFeature,
      RaiseHand: this.raiseHandFeature,
      Transfer: this.transferFeature,
      Recording: this.recordingFeature,
      Transcription: this.transcriptionFeature,
      Spotlight: this.spotlightFeature,
      UserFacingDiagnostics: this.diagnosticsFeature,
    };
    const factories = this.registry.features;
    const name = (Object.keys(features) as (keyof SdkFeatures)[]).find((key) => factories[key] === factory);
    if (!name) throw new TypeError('This is not a feature factory of the SDK’s Features.');
    this.featureReads.set(name, (this.featureReads.get(name) ?? 0) + 1);
    if (this.failingFeatures.has(name)) throw new Error(`The ${name} feature is not available.`);
    return features[name];
  }
  async hangUp(options?: HangUpOptions): Promise<void> {
    this.faults.check('hangUp');
    await this.refereed('hangUp', options);
    // `_PluginlessCall.stop` refuses a call that is already ending or over; the SDK reports it with code 0.
    if (this.state === 'Disconnecting' || this.state === 'Disconnected') {
      throw sdkError(0, 0, `cannot stop call in ${this.state} state`);
    }
    this.hangUps.push(options);
    this.setState('Disconnecting');
    await Promise.resolve();
    this.end({ code: 0, subCode: 0 });
  }
  dispose(): void {
    this.disposed = true;
    this.disposeFeatures();
  }
}

export class StubTeamsIncomingCall extends StubEmitter implements SdkTeamsIncomingCall {
  readonly id: string;
  callEndReason: CallEndReason | undefined;
  readonly faults = new Faults();
  accepted: StubTeamsCall | undefined;
  rejected = false;
  /** When set, `accept` waits for it before answering. */
  answerGate: Promise<void> | undefined;

  constructor(
    private readonly registry: StubRegistry,
    readonly callerInfo: CallerInfo,
    /** The raw id of the user it rings, whose call the answer is. */
    private readonly localRawId = STUB_LOCAL_RAW_ID,
  ) {
    super(registry);
    serial += 1;
    this.id = `stub-incoming-${serial}`;
  }
  callerHangsUp(reason: CallEndReason = { code: 487, subCode: 0 }): void {
    this.callEndReason = reason;
    this.emit('callEnded', { callEndReason: reason });
  }
  async accept(_options?: AcceptCallOptions): Promise<StubTeamsCall> {
    await this.answerGate;
    this.faults.check('accept');
    const call = new StubTeamsCall(this.registry, {
      context: 'TwoParty',
      localRawId: this.localRawId,
      callerInfo: this.callerInfo,
    });
    call.state = 'Connecting';
    this.accepted = call;
    return call;
  }
  async reject(): Promise<void> {
    this.faults.check('reject');
    this.rejected = true;
  }
}

/** The short-link pattern of the SDK's default ECS config (`teamsMeetingShortUrlJoin.regexPattern`). */
const SDK_SHORT_LINK = /\/meet\/[^/?]+(\?p=[^/?]+)?$/;

/**
 * What the SDK 2.0.0 makes of a meeting link, step by step as in `TeamsCallAgentImpl.createCall`: a
 * classic link (`isLongMeetingUrl`: a 4th path segment and a `context` parameter) is parsed by
 * `parseLongMeetingLink`, which reads the whole query after `?context=` as JSON; anything else must match
 * the short-link pattern (`isShortMeetingUrl`) and not be a Teams (free) link (`isTflMeetingLink`).
 * Returns the name of the refusal, or `undefined` when the SDK would go on to signalling.
 */
export function sdkMeetingLinkRefusal(meetingLink: string): SdkErrorName | undefined {
  let url: URL;
  let isLong: boolean;
  try {
    url = new URL(meetingLink);
    const thread = decodeURIComponent(`${url.pathname.split('/')[3]}`);
    isLong = Boolean(url.searchParams.get('context')) && Boolean(thread);
  } catch {
    return 'joinFailed';
  }
  if (isLong) {
    try {
      JSON.parse(decodeURIComponent(url.search.replace('?context=', '')));
      return undefined;
    } catch {
      return 'invalidMeetingLink';
    }
  }
  if (!SDK_SHORT_LINK.test(url.toString().trim())) return 'invalidMeetingLink';
  if (meetingLink.trim().toLocaleLowerCase().includes('teams.live.com')) return 'consumerMeetingLink';
  return undefined;
}

/** The arguments of a `startCall`, as the port passed them. */
export type StartCallArgs = [SdkTeamsCallee | SdkTeamsCallee[], StartTeamsGroupCallOptions | undefined];

export class StubTeamsCallAgent extends StubEmitter implements SdkTeamsCallAgent {
  /** `Disconnected` until its stack is up, as the SDK's agent is while `createTeamsCallAgent` runs. */
  connectionState: ConnectionState = 'Disconnected';
  readonly calls: StubTeamsCall[] = [];
  readonly incomingCalls: StubTeamsIncomingCall[] = [];
  /** The exact arguments of every `startCall` and `join`. */
  readonly startCallArgs: StartCallArgs[] = [];
  readonly joinArgs: (TeamsMeetingLinkLocator | TeamsMeetingIdLocator)[] = [];
  readonly faults = new Faults();
  /** Whether its call stack came up: the creation that made it has resolved. */
  ready = false;
  disposed = false;
  private readonly disposedListeners = new Set<() => void>();

  constructor(
    private readonly registry: StubRegistry,
    /** The Teams identity it belongs to (the SDK's `identityMri`). */
    readonly identity = 'orgid:stub',
  ) {
    super(registry, {
      kind: 'agent',
      names: AGENT_EVENTS,
      onError: 'agentEventSubscribe',
      offError: 'agentEventUnsubscribe',
    });
  }
  startCall(
    participants: SdkTeamsCallee | SdkTeamsCallee[],
    options?: StartTeamsGroupCallOptions,
  ): StubTeamsCall {
    this.faults.check('startCall');
    this.registry.referee?.startCall(participants, options);
    // `TeamsCallAgentImpl.startCall`; FACTS.md, ACS, "Runtime rule the typings don't show".
    if (Array.isArray(participants) && participants.length === 1 && options?.threadId) {
      refuse('oneToOneWithThreadId');
    }
    if (!this.ready) refuse('stackNotInitialized');
    this.startCallArgs.push([participants, options]);
    return this.newCall(Array.isArray(participants) && participants.length > 1 ? 'TeamsMeeting' : 'TwoParty');
  }
  join(
    meetingLocator: TeamsMeetingLinkLocator | TeamsMeetingIdLocator,
    _options?: JoinCallOptions,
  ): StubTeamsCall {
    this.faults.check('join');
    this.registry.referee?.join(meetingLocator);
    // `TeamsCallAgentImpl.join` → `assertCallContext`, then `createCall` parses the link.
    const locator = meetingLocator as Partial<TeamsMeetingLinkLocator & TeamsMeetingIdLocator>;
    if (!locator.meetingLink && !locator.meetingId) refuse('invalidJoinLocator');
    if (!this.ready) refuse('stackNotInitialized');
    const linkRefusal = locator.meetingLink ? sdkMeetingLinkRefusal(locator.meetingLink) : undefined;
    if (linkRefusal) refuse(linkRefusal);
    this.joinArgs.push(meetingLocator);
    return this.newCall('TeamsMeeting');
  }
  async dispose(): Promise<void> {
    if (this.disposed) refuse('agentAlreadyDisposed');
    this.disposed = true;
    for (const listener of this.disposedListeners) listener();
  }
  /** `TeamsCallAgentImpl.onDisposed`: the SDK's call client forgets the agent then. */
  onDisposed(listener: () => void): void {
    this.disposedListeners.add(listener);
  }
  /** Its creation resolved: the stack is up and the agent is connected. */
  markReady(): void {
    if (this.disposed) return;
    this.ready = true;
    this.connectionState = 'Connected';
  }

  lastCall(): StubTeamsCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error('No call was started.');
    return call;
  }
  /** Rings this endpoint. */
  ring(callerInfo: CallerInfo): StubTeamsIncomingCall {
    const incoming = new StubTeamsIncomingCall(this.registry, callerInfo, this.localRawId);
    this.incomingCalls.push(incoming);
    this.emit('incomingCall', { incomingCall: incoming });
    return incoming;
  }
  setConnectionState(newValue: ConnectionState): void {
    const oldValue = this.connectionState;
    this.connectionState = newValue;
    this.emit('connectionStateChanged', { newValue, oldValue });
  }
  /** The raw id of its user, as the SDK's features name the local user (`getUserMri`). */
  get localRawId(): string {
    return `8:${this.identity}`;
  }
  /** The remote party transferred this endpoint: the SDK set up a new 1:1 call to the transfer's target. */
  transferredCall(target: CallerInfo): StubTeamsCall {
    const call = new StubTeamsCall(this.registry, {
      context: 'TwoParty',
      localRawId: this.localRawId,
      callerInfo: target,
    });
    call.state = 'Connecting';
    this.calls.push(call);
    return call;
  }
  private newCall(context: StubCallContext): StubTeamsCall {
    const call = new StubTeamsCall(this.registry, { context, localRawId: this.localRawId });
    this.calls.push(call);
    return call;
  }
}

export const microphone = (id: string, isSystemDefault = false): AudioDeviceInfo => ({
  id,
  name: `Microphone ${id}`,
  isSystemDefault,
  deviceType: 'Microphone',
});
export const speaker = (id: string, isSystemDefault = false): AudioDeviceInfo => ({
  id,
  name: `Speaker ${id}`,
  isSystemDefault,
  deviceType: 'Speaker',
});
export const camera = (id: string): VideoDeviceInfo => ({
  id,
  name: `Camera ${id}`,
  deviceType: 'UsbCamera',
});

export class StubDeviceManager extends StubEmitter implements SdkDeviceManager {
  isSpeakerSelectionAvailable = true;
  microphones: AudioDeviceInfo[] = [microphone('mic-1', true), microphone('mic-2')];
  speakers: AudioDeviceInfo[] = [speaker('spk-1', true)];
  cameras: VideoDeviceInfo[] = [camera('cam-1'), camera('cam-2')];
  /** What the user answers to the permission prompt. */
  grant: DeviceAccess = { audio: true, video: true };
  readonly permissionRequests: PermissionConstraints[] = [];
  selectedMicrophone: AudioDeviceInfo | undefined;
  selectedSpeaker: AudioDeviceInfo | undefined;

  constructor(registry: StubRegistry) {
    super(registry, {
      kind: 'deviceManager',
      names: DEVICE_MANAGER_EVENTS,
      onError: 'deviceEventSubscribe',
      offError: 'deviceEventUnsubscribe',
    });
  }

  async askDevicePermission(permissionConstraints: PermissionConstraints): Promise<DeviceAccess> {
    // `getAskDevicePermissionPromise` refuses a request for nothing.
    if (!permissionConstraints.audio && !permissionConstraints.video) refuse('noPermissionAsked');
    this.permissionRequests.push(permissionConstraints);
    return {
      audio: permissionConstraints.audio && this.grant.audio,
      video: permissionConstraints.video && this.grant.video,
    };
  }
  async getMicrophones(): Promise<AudioDeviceInfo[]> {
    return [...this.microphones];
  }
  async getSpeakers(): Promise<AudioDeviceInfo[]> {
    if (!this.isSpeakerSelectionAvailable) refuse('speakerEnumerationUnsupported');
    return [...this.speakers];
  }
  async getCameras(): Promise<VideoDeviceInfo[]> {
    return [...this.cameras];
  }
  /**
   * `DeviceManagerImpl.selectMicrophone`: a device without an id is refused; the same device again does nothing;
   * otherwise it resolves once the stack reports the selection, which fires `selectedMicrophoneChanged`.
   */
  async selectMicrophone(microphoneDevice: AudioDeviceInfo): Promise<void> {
    if (!microphoneDevice?.id) refuse('invalidDevice');
    if (this.selectedMicrophone?.id === microphoneDevice.id) return;
    this.selectedMicrophone = microphoneDevice;
    this.emit('selectedMicrophoneChanged');
  }
  /** `DeviceManagerImpl.selectSpeaker`: as `selectMicrophone`, and only where speakers can be selected. */
  async selectSpeaker(speakerDevice: AudioDeviceInfo): Promise<void> {
    if (!this.isSpeakerSelectionAvailable) refuse('speakerSelectionUnsupported');
    if (!speakerDevice?.id) refuse('invalidDevice');
    if (this.selectedSpeaker?.id === speakerDevice.id) return;
    this.selectedSpeaker = speakerDevice;
    this.emit('selectedSpeakerChanged');
  }
  unplug(device: AudioDeviceInfo | VideoDeviceInfo): void {
    if ('isSystemDefault' in device) {
      this.microphones = this.microphones.filter((candidate) => candidate !== device);
      this.emit('audioDevicesUpdated', { added: [], removed: [device] });
    } else {
      this.cameras = this.cameras.filter((candidate) => candidate !== device);
      this.emit('videoDevicesUpdated', { added: [], removed: [device] });
    }
  }
  plugIn(device: AudioDeviceInfo | VideoDeviceInfo): void {
    if ('isSystemDefault' in device) {
      this.microphones.push(device);
      this.emit('audioDevicesUpdated', { added: [device], removed: [] });
    } else {
      this.cameras.push(device);
      this.emit('videoDevicesUpdated', { added: [device], removed: [] });
    }
  }
}

/** A `PermissionStatus` whose `change` listeners are counted. */
export class StubPermissionStatus extends EventTarget implements PermissionStatus {
  onchange: PermissionStatus['onchange'] = null;
  listeners = 0;
  constructor(
    readonly name: string,
    public state: PermissionState,
  ) {
    super();
  }
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }
  /** The user changes the site's permission in the browser. */
  change(state: PermissionState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

/** `navigator.permissions` of a browser that answers for the microphone and the camera. */
export class StubPermissions implements PermissionsApi {
  readonly statuses = {
    microphone: new StubPermissionStatus('microphone', 'prompt'),
    camera: new StubPermissionStatus('camera', 'prompt'),
  };
  /** Whether `query` refuses the device names, as Firefox did. */
  refuses = false;
  async query(descriptor: PermissionDescriptor): Promise<PermissionStatus> {
    const status =
      descriptor.name === 'microphone' || descriptor.name === 'camera'
        ? this.statuses[descriptor.name]
        : undefined;
    if (this.refuses || !status) throw new TypeError(`'${descriptor.name}' is not a valid permission name.`);
    return status;
  }
  listenerCount(): number {
    return this.statuses.microphone.listeners + this.statuses.camera.listeners;
  }
}

/** How the next `createTeamsCallAgent` behaves: create an agent, or reject. */
export type AgentCreation = { readonly kind: 'ok' } | { readonly kind: 'reject'; readonly error: unknown };

export class StubTokenCredential implements CommunicationTokenCredential {
  disposed = false;
  constructor(readonly options: CommunicationTokenRefreshOptions) {}
  async getToken(): ReturnType<CommunicationTokenCredential['getToken']> {
    const { token } = this.options;
    if (typeof token === 'object' && token) return token;
    return { token: String(token), expiresOnTimestamp: Date.now() + 3_600_000 };
  }
  dispose(): void {
    this.disposed = true;
  }
}

export interface StubSdkWorldOptions {
  /** The SDK's own code, run on every shape before the stub's part (the conformance suite). */
  readonly referee?: SdkReferee;
  /**
   * The Teams identity a token belongs to (the SDK reads it from the token). Default: every token is the same
   * user's, as the tokens of one signed-in user are.
   */
  readonly identityOf?: (token: string) => string;
}

/**
 * A stub SDK world: the loaders to inject into `createAcsCalling`, and every stub object they create.
 *
 * It keeps the SDK's rule of one Teams call agent per identity across every call client of the page
 * (`TeamsCallAgentImpl.teamsCallAgents`, a static map; FACTS.md, ACS): the agent joins the map as soon as its
 * creation starts, and a `createTeamsCallAgent` on any call client for the same identity hands back that
 * agent, even while its creation is still in flight (not yet connected, and dead if that creation fails).
 *
 * @example
 * const world = createStubSdkWorld();
 * const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
 */
export function createStubSdkWorld(worldOptions: StubSdkWorldOptions = {}) {
  const identityOf = worldOptions.identityOf ?? (() => 'orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc');
  const registry = new StubRegistry();
  registry.referee = worldOptions.referee;
  const clients: StubCallClient[] = [];
  const agents: StubTeamsCallAgent[] = [];
  /** `TeamsCallAgentImpl.teamsCallAgents`: the one agent of each identity, across call clients. */
  const agentsByIdentity = new Map<string, StubTeamsCallAgent>();
  const credentials: StubTokenCredential[] = [];
  const cameraStreams: SdkLocalVideoStream[] = [];
  let nextCreation: AgentCreation = { kind: 'ok' };
  let pendingCreation: Promise<void> | undefined;
  const deviceManager = new StubDeviceManager(registry);
  if (worldOptions.referee) deviceManager.cameras = [...worldOptions.referee.cameras];
  const loads = { sdk: 0, common: 0 };

  class StubCallClient implements SdkCallClient {
    disposed = false;
    readonly credentialsGiven: CommunicationTokenCredential[] = [];
    /** `CallClient._teamsCallAgent`: set when a creation starts, cleared when it fails or the agent is disposed. */
    agent: StubTeamsCallAgent | undefined;
    constructor(readonly options?: unknown) {
      clients.push(this);
    }
    /** `CallClient.createTeamsCallAgent` of the SDK 2.0.0, step by step. */
    async createTeamsCallAgent(credential: CommunicationTokenCredential): Promise<StubTeamsCallAgent> {
      if (this.disposed) refuse('callClientDisposed');
      this.credentialsGiven.push(credential);
      const identity = identityOf((await credential.getToken()).token);
      if (this.agent?.identity === identity) return this.agent;
      if (this.agent) refuse('oneAgentPerCallClient');
      const existing = agentsByIdentity.get(identity);
      if (existing) {
        // "Teams Call Agent already exists for the given identity. Maybe have been created by another call
        // client instance." It is handed back as it is, even while its own creation is still running.
        this.adopt(existing);
        return existing;
      }
      const agent = new StubTeamsCallAgent(registry, identity);
      this.agent = agent;
      // `CallAgentCommonImpl.initialize` adds the agent to the map before its stack comes up, and
      // `disposeInternal` deletes the identity's entry, whenever it runs.
      agentsByIdentity.set(identity, agent);
      agent.onDisposed(() => agentsByIdentity.delete(identity));
      await pendingCreation;
      const creation = nextCreation;
      nextCreation = { kind: 'ok' };
      if (creation.kind === 'reject') {
        // `initialize` fails: `removeFromCallAgentsMap`, and `createTeamsCallAgent` forgets it.
        if (agentsByIdentity.get(identity) === agent) agentsByIdentity.delete(identity);
        if (this.agent === agent) this.agent = undefined;
        throw creation.error;
      }
      agent.markReady();
      this.adopt(agent);
      agents.push(agent);
      return agent;
    }
    /** Holds `agent` as this client's, and forgets it when it is disposed. */
    adopt(agent: StubTeamsCallAgent) {
      this.agent = agent;
      agent.onDisposed(() => {
        if (this.agent === agent) this.agent = undefined;
      });
    }
    async getDeviceManager(): Promise<StubDeviceManager> {
      if (this.disposed) refuse('callClientDisposed');
      return deviceManager;
    }
    async dispose(): Promise<void> {
      if (this.disposed) refuse('callClientDisposed');
      this.disposed = true;
      // `CallClient.dispose` disposes its agent, and swallows what that throws.
      const agent = this.agent;
      if (agent && !agent.disposed) await agent.dispose();
    }
  }

  class StubCameraStream extends StubLocalVideoStream {
    constructor(source: VideoDeviceInfo) {
      // `new LocalVideoStream(source)` takes only a `VideoDeviceInfo` from the SDK's own `getCameras()`.
      if (!deviceManager.cameras.includes(source)) refuse('wrongVideoSource');
      super(source);
      cameraStreams.push(this);
    }
    override async switchSource(source: VideoDeviceInfo): Promise<void> {
      // `switchSource` takes only a `VideoDeviceInfoImpl`, which only `getCameras()` makes.
      if (!deviceManager.cameras.includes(source)) refuse('switchSourceWrongType');
      await super.switchSource(source);
    }
  }

  /** Under a referee, the camera stream is the SDK's own `LocalVideoStream`. */
  const LocalVideoStream: AcsCallingSdk['LocalVideoStream'] = worldOptions.referee
    ? class RefereedCameraStream extends worldOptions.referee.LocalVideoStream {
        constructor(source: VideoDeviceInfo) {
          super(source);
          cameraStreams.push(this);
        }
      }
    : StubCameraStream;

  class RecordingCredential extends StubTokenCredential {
    constructor(options: CommunicationTokenRefreshOptions) {
      super(options);
      credentials.push(this);
    }
  }

  // The camera is the one the user allows or refuses at the permission prompt.
  registry.cameraAllowed = () => deviceManager.grant.video;
  const permissions = new StubPermissions();
  const sdk: AcsCallingSdk = { CallClient: StubCallClient, LocalVideoStream, ...stubMediaSdk(registry) };
  const common: AcsCommonSdk = { AzureCommunicationTokenCredential: RecordingCredential, getIdentifierRawId };

  return {
    registry,
    /** The browser's Permissions API, to pass as `createAcsCalling({ permissions: () => world.permissions })`. */
    permissions,
    clients,
    agents,
    agentsByIdentity,
    credentials,
    cameraStreams,
    deviceManager,
    loads,
    loadSdk: async () => {
      loads.sdk += 1;
      return sdk;
    },
    loadCommon: async () => {
      loads.common += 1;
      return common;
    },
    /** The agent of the latest successful `createTeamsCallAgent`. */
    agent(): StubTeamsCallAgent {
      const agent = agents.at(-1);
      if (!agent) throw new Error('No agent was created.');
      return agent;
    },
    /** Makes the next `createTeamsCallAgent` reject with `error` (an SDK-shaped error). */
    failNextAgent(error: unknown): void {
      nextCreation = { kind: 'reject', error };
    },
    /** Holds every `createTeamsCallAgent` until the returned function is called. */
    holdAgentCreation(): () => void {
      let release!: () => void;
      pendingCreation = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        pendingCreation = undefined;
        release();
      };
    },
  };
}

export type StubSdkWorld = ReturnType<typeof createStubSdkWorld>;
