import type { CallState, CreateViewOptions, VideoDeviceInfo } from '@azure/communication-calling';
import type { SdkFeatures, SdkLocalVideoStream, SdkVideoStreamRenderer } from '../sdkTypes';
import {
  type EmitterKind,
  type RefereedCallState,
  type RefereedControl,
  SDK_ERRORS,
  type SdkErrorName,
  type SdkReferee,
  StubRemoteVideoStream,
} from '../stubSdk.test-support';
import type { InstalledSdk } from './loadInstalledSdk.test-support';

// The installed SDK's own objects, built without their constructors (which would start a signalling stack and
// a media stack) and given doubles for their internal collaborators only: telemetry, logging, the signalling
// registry, the media session, the operation queue and the middle-tier policy service. Every method the suite
// calls is the SDK's own code, run on a real prototype.

/** A logger that accepts every call the SDK makes on one, and says nothing. */
function quietLogger(): Record<string, unknown> {
  const logger: Record<string, unknown> = {};
  for (const level of [
    'info',
    'warn',
    'error',
    'log',
    'debug',
    'verbose',
    'logFailure',
    'logSuccess',
    'byResult',
  ]) {
    logger[level] = () => undefined;
  }
  logger.createChild = () => logger;
  logger.createFnLogger = () => logger;
  logger.safe = logger;
  return logger;
}

/** Sets own data properties, which also shadow the prototype's getters. */
function own(target: object, properties: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(properties)) {
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
  }
}

const noop = () => undefined;
const telemetry = {
  sendEvent: noop,
  deleteEventMapByCorrelationId: noop,
  flushAllEvents: async () => undefined,
};

/** The call states of the signalling stack (`_PluginlessCall.state`), from the SDK's own state table. */
const STACK_STATE: Readonly<Record<CallState, number>> = {
  None: 0,
  Connecting: 1,
  Ringing: 2,
  Connected: 3,
  LocalHold: 4,
  RemoteHold: 5,
  Disconnecting: 6,
  Disconnected: 7,
  EarlyMedia: 9,
  InLobby: 10,
};

/** What a start or a join handed to signalling, once the SDK's validation let it through. */
export interface SignallingRequest {
  readonly method: 'createCall' | 'createCallWithMeetingData';
  /** `createCall`: the thread id (empty for a 1:1 call); `createCallWithMeetingData`: the meeting data. */
  readonly target: unknown;
  /** `createCall`: the meeting's message id, when the classic link named one. */
  readonly messageId?: unknown;
}

/** Thrown by the signalling double: the SDK's validation is over, and nothing leaves the process. */
class SignallingReached extends Error {}

/** A real `TeamsCallAgentImpl` of a Teams (enterprise) user, whose stack and signalling are doubles. */
export interface RealAgent {
  /** The SDK's own agent object. */
  readonly impl: {
    startCall(...args: unknown[]): unknown;
    join(...args: unknown[]): unknown;
    on(event: string, listener: () => void): void;
    off(event: string, listener: () => void): void;
  };
  /** Every request that reached signalling, oldest first. */
  readonly signalled: SignallingRequest[];
  /** Runs the SDK's `startCall`. Returns what reached signalling; throws the SDK's refusal. */
  startCall(...args: unknown[]): SignallingRequest;
  /** Runs the SDK's `join`. Returns what reached signalling; throws the SDK's refusal. */
  join(...args: unknown[]): SignallingRequest;
}

export function createRealAgent(
  sdk: InstalledSdk,
  identityMri = 'orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc',
) {
  const signalled: SignallingRequest[] = [];
  const reach = (request: SignallingRequest): never => {
    signalled.push(request);
    throw new SignallingReached();
  };
  const impl = Object.create(sdk.internals.TeamsCallAgentImpl.prototype) as RealAgent['impl'];
  own(impl, {
    logger: quietLogger(),
    _telemetryLogManager: telemetry,
    _parsedTokenCredential: { isEnterpriseUser: true, mriType: 'TeamsUser', identityMri },
    _eventEmitter: { on: noop, off: noop, emit: noop },
    tsStack: {},
    acsProxy: { proxyInUse: false },
    acsCustomRelayManager: { customRelayManagerInUse: false },
    // The middle tier tells emergency numbers apart; none is dialled here.
    mtPolicyService: { isEmergencyNumber: () => false },
    _tsCallRegistry: {
      createCall: (threadId: unknown, _callId: unknown, _participantId: unknown, messageId: unknown) =>
        reach({ method: 'createCall', target: threadId, messageId }),
      createCallWithMeetingData: (meetingData: unknown) =>
        reach({ method: 'createCallWithMeetingData', target: meetingData }),
    },
  });
  /** The SDK wraps whatever signalling throws; a request recorded during this call means validation passed. */
  const run = (method: 'startCall' | 'join', args: unknown[]): SignallingRequest => {
    const before = signalled.length;
    try {
      impl[method](...args);
    } catch (error) {
      const request = signalled[before];
      if (request) return request;
      throw error;
    }
    throw new Error(`The SDK's ${method} returned without reaching signalling.`);
  };
  const agent: RealAgent = {
    impl,
    signalled,
    startCall: (...args) => run('startCall', args),
    join: (...args) => run('join', args),
  };
  return agent;
}

/** The operation queue of the signalling stack, with nothing pending: each operation runs at once. */
const operationQueue = {
  logOperation: noop,
  hasPendingOperation: () => false,
  getRecord: () => 0,
  createPendingOperation: () => Promise.resolve(),
  waitForOperation: () => Promise.resolve(),
  execute: (run: () => unknown) => run(),
  executeChained: (run: () => unknown) => run(),
  executeSync: (run: () => unknown) => run(),
};

export interface RealCallOptions {
  readonly state: CallState;
  readonly isLocalVideoStarted?: boolean;
  /** The stream the call sends, when video is on. */
  readonly videoStream?: unknown;
  /** Whether the signalling stack has its media session (it has one from the start of a call). */
  readonly mediaSession?: boolean;
  /** Whether the Teams calling policy turned music on hold on (hold then parks the call). */
  readonly musicOnHold?: boolean;
  readonly isScreenSharingOn?: boolean;
  /**
   * What the browser's screen picker answers, as the signalling stack reports it: shared, or the media error
   * the stack makes of `getDisplayMedia`'s `NotAllowedError` (its `getMediaError`: `permissionDeniedError`).
   */
  readonly screenPicker?: 'share' | 'cancel';
}

/** The SDK's own call methods the suite runs. */
export interface RealCallImpl {
  hold(): Promise<void>;
  resume(): Promise<void>;
  sendDtmf(tone: unknown): Promise<void>;
  startVideo(stream: unknown): Promise<void>;
  stopVideo(stream: unknown): Promise<void>;
  startScreenSharing(): Promise<void>;
  stopScreenSharing(): Promise<void>;
  hangUp(options?: unknown): Promise<void>;
  readonly isScreenSharingOn: boolean;
  readonly localVideoStreams: ReadonlyArray<{ readonly mediaStreamType: string }>;
  mute(): Promise<void>;
  on(event: string, listener: () => void): void;
  off(event: string, listener: () => void): void;
}

/**
 * A real `TeamsCallImpl` in `state`, over a real `_PluginlessCall` (the signalling stack's call, which owns the
 * state rules). Its media negotiation, signalling and telemetry are doubles that succeed.
 */
export function createRealCall(sdk: InstalledSdk, options: RealCallOptions): RealCallImpl {
  const stack = Object.create(sdk.internals.PluginlessCall.prototype) as Record<string, unknown>;
  own(stack, {
    logger: quietLogger(),
    _callOperationHandler: operationQueue,
    _participantOperationHandler: operationQueue,
    state: STACK_STATE[options.state],
    participantId: 'participant-1',
    callId: 'call-1',
    isVideoOn: options.isLocalVideoStarted ?? false,
    isScreenSharingOn: options.isScreenSharingOn ?? false,
    mediaSession: options.mediaSession === false ? undefined : { sendDtmf: async () => undefined },
    // Media negotiation and signalling, reached once the stack's own checks let a request through.
    setHold: async (hold: boolean) => {
      stack.state = hold ? 4 : 3;
    },
    stopInternal: async () => {
      stack.state = 7;
    },
    park: async () => undefined,
    unpark: async () => undefined,
    startStopVideo: async (on: boolean) => {
      stack.isVideoOn = on;
    },
    startScreenSharing: async () => {
      if (options.screenPicker === 'cancel') {
        throw { type: 'permissionDeniedError', detail: 'permission to use media device was denied' };
      }
      stack.isScreenSharingOn = true;
    },
    stopScreenSharing: async () => {
      stack.isScreenSharingOn = false;
    },
  });
  const call = Object.create(sdk.internals.TeamsCallImpl.prototype) as RealCallImpl;
  const videoStream = options.isLocalVideoStarted ? options.videoStream : undefined;
  own(call, {
    logger: quietLogger(),
    tsCall: stack,
    _telemetryLogManager: telemetry,
    sendCallStageEvent: noop,
    sendVideoEvent: noop,
    sendAudioEvent: noop,
    sendScreenShareEvent: noop,
    sendCallOnHoldAndResumedEvent: noop,
    _eventEmitter: { emit: noop, on: noop, off: noop },
    _callAgent: {
      tsStack: { getDeviceManager: () => ({ selectDevices: noop }) },
      // What a screen-sharing `LocalVideoStream`'s source reads of its device manager.
      deviceManager: { telemetryLogManager: telemetry },
      getEcsConfigIds: () => ({}),
      getTrouterState: () => 'connected',
      _caConfigBag: {},
    },
    // The policies were fetched already; music on hold is what the Teams calling policy says.
    _hasFetchedPolicies: true,
    _musicOnHoldEnabled: options.musicOnHold ?? false,
    _localAudioStreams: [],
    _localVideoStreams: videoStream ? [videoStream] : [],
    localVideoStream: videoStream,
    // Meeting role and policy allow video; no recording consent is pending.
    _extensibleApi: {
      getApiObjectInstance: () => ({
        getLocalParticipantMediaAccess: () => ({ isVideoPermitted: true, isAudioPermitted: true }),
      }),
    },
    explicitConsentStateImp: { areCoreCapabilitiesConsentRestricted: () => false },
    _allowIPVideo: true,
    _callInfo: { context: 0 },
    _isDeviceNotFunctioningMuted: false,
  });
  return call;
}

/** What reached the SDK's media stack once its own checks let a view through. */
export interface MediaRequest {
  /** The local camera's preview (`createPreview`), or a remote stream's subscription (`tsStream.start`). */
  readonly kind: 'camera' | 'remote';
  /** The stack's scaling mode, as the SDK's `toTsScalingMode` made it: 0 Stretch, 1 Crop, 2 Fit. */
  readonly scalingMode: number;
  /** Whether the SDK mirrored the view's element (`rotateY(180deg)`). */
  readonly mirrored: boolean;
}

/** The media stack under the SDK's renderers: records what reaches it and renders at once. */
export interface MediaStack {
  readonly requests: MediaRequest[];
  /** The scaling of the latest request, before the SDK styles the element. */
  lastScaling: { kind: MediaRequest['kind']; scalingMode: number } | undefined;
}

const createMediaStack = (): MediaStack => ({ requests: [], lastScaling: undefined });

/** A renderer of the stack that renders at once. */
const renderingNow = () => ({
  isRendering: true,
  streamSize: { width: 1280, height: 720 },
  changed: () => ({ dispose: noop }),
  dispose: noop,
});

/**
 * The SDK's device manager as a camera's `VideoDeviceInfoImpl` knows it: its telemetry, and the media stack's
 * device manager, which selects cameras (`switchSource`) and makes camera previews (`LocalStreamRenderer`).
 */
function deviceManagerDouble(media: MediaStack) {
  return {
    telemetryLogManager: telemetry,
    getTsDeviceManager: () => ({
      selectDevices: noop,
      createPreview: async (_target: unknown, _kind: unknown, options: { scalingMode: number }) => {
        media.lastScaling = { kind: 'camera', scalingMode: options.scalingMode };
        return renderingNow();
      },
    }),
  };
}

/** A camera as the SDK's `DeviceManager.getCameras()` lists it. */
export function realCamera(
  sdk: InstalledSdk,
  id: string,
  media: MediaStack = createMediaStack(),
): VideoDeviceInfo {
  return new sdk.internals.VideoDeviceInfoImpl(
    `Camera ${id}`,
    id,
    'UsbCamera',
    deviceManagerDouble(media),
  ) as VideoDeviceInfo;
}

/** The remote stream's state the SDK's renderer reads. */
export interface RemoteStreamState {
  readonly id: number;
  readonly mediaStreamType: string;
  readonly isAvailable: boolean;
}

/**
 * A real `RemoteVideoStreamImpl` in `state`, over doubles of its signalling stream (whose `start` subscribes to
 * the video) and of the call parts its renderer reads (views count, watermark capabilities, stats).
 */
export function realRemoteStream(
  sdk: InstalledSdk,
  state: RemoteStreamState,
  media: MediaStack = createMediaStack(),
) {
  const stream = Object.create(sdk.internals.RemoteVideoStreamImpl.prototype) as object;
  own(stream, {
    logger: quietLogger(),
    kind: 'RemoteVideoStream',
    _isAvailable: state.isAvailable,
    _mediaStreamType: state.mediaStreamType,
    _renderers: [],
    _disposed: false,
    _size: { width: 0, height: 0 },
    telemetryLogManager: telemetry,
    _eventEmitter: { on: noop, off: noop, emit: noop },
    _debounceIsReceiving: { debounce: noop, flush: noop },
    _debounceSize: { debounce: noop },
    sendRemoteVideoStreamTelemetry: noop,
    getStreamMetadata: () => ({}),
    tsStream: {
      id: state.id,
      type: state.mediaStreamType === 'ScreenSharing' ? 1 : 0,
      start: async (_target: unknown, options: { scalingMode: number }) => {
        media.lastScaling = { kind: 'remote', scalingMode: options.scalingMode };
        return renderingNow();
      },
    },
    call: {
      id: 'call-1',
      tsCall: {},
      activeRemoteVideoStreamViews: new Map(),
      isHandlingLargeMeetingVideoRendering: false,
      stats: { recordEvent: noop },
      feature: () => ({ createCollector: () => ({ dispose: noop, on: noop, off: noop }) }),
      // The meeting sent no watermark policy.
      getMeetingCapabilitiesInternal: () => ({ waterMarkCapability: undefined }),
      deviceManager: { getOSNameInternal: () => 'linux' },
      setIsRenderingRemoteScreenShare: noop,
    },
  });
  return stream;
}

/**
 * Runs `run` with the browser parts the SDK's views use that jsdom lacks (`ResizeObserver`, for the watermark
 * overlay). `document` must be there: the suites that render run under jsdom.
 */
async function withViewGlobals<T>(run: () => Promise<T>): Promise<T> {
  const added = !('ResizeObserver' in globalThis);
  if (added) {
    Object.defineProperty(globalThis, 'ResizeObserver', {
      value: class ResizeObserver {
        observe = noop;
        disconnect = noop;
      },
      configurable: true,
      writable: true,
    });
  }
  try {
    return await run();
  } finally {
    if (added) delete (globalThis as Record<string, unknown>).ResizeObserver;
  }
}

type RealRenderer = new (stream: unknown) => SdkVideoStreamRenderer;

/**
 * The SDK's `new VideoStreamRenderer(stream)` and `createView(options)`, up to the media stack, on the SDK's
 * counterpart of `stream`: a real `LocalVideoStream` as it is, a stub remote stream as a real one in the same
 * state. A local screen share is only constructed: its view plays the shared `MediaStream` in a `<video>`
 * (`LocalStreamRenderer.start`, `getMediaStream`), which needs a browser.
 */
async function refereeCreateView(
  sdk: InstalledSdk,
  media: MediaStack,
  stream: unknown,
  options: CreateViewOptions | undefined,
): Promise<void> {
  const counterpart = stream instanceof StubRemoteVideoStream ? realRemoteStream(sdk, stream, media) : stream;
  const renderer = new (sdk.exports.VideoStreamRenderer as unknown as RealRenderer)(counterpart);
  const isLocalShare =
    counterpart instanceof sdk.exports.LocalVideoStream &&
    (counterpart as SdkLocalVideoStream).mediaStreamType === 'ScreenSharing';
  try {
    if (isLocalShare) return;
    await withViewGlobals(async () => {
      media.lastScaling = undefined;
      const view = await renderer.createView(options);
      const reached = media.lastScaling as MediaStack['lastScaling'];
      if (!reached) throw new Error('The SDK made a view without reaching its media stack.');
      media.requests.push({ ...reached, mirrored: view.target.style.transform.includes('rotateY(180deg)') });
      view.dispose();
    });
  } finally {
    renderer.dispose();
  }
}

/** The SDK's `on` of each object the port listens to, run on a real prototype. */
function subscribeOn(sdk: InstalledSdk, kind: EmitterKind, event: string, unsubscribe: boolean): void {
  const emitter = { on: noop, off: noop, emit: noop };
  const featureEmitters: { readonly [K in EmitterKind]?: () => RealEmitter } = {
    // Its constructor only sets up its emitter and the names it knows.
    optimalVideoCount: () => realFeature(sdk, 'OptimalVideoCount', {}),
    recording: () => realRecording(sdk),
    lobby: () => realLobby(sdk, { role: 'Organizer', participants: [] }).lobby,
    diagnostics: () => realDiagnostics(sdk).feature.network,
  };
  const made = featureEmitters[kind]?.();
  if (made) {
    if (unsubscribe) made.off(event, noop);
    else made.on(event, noop);
    return;
  }
  const prototypes = {
    agent: sdk.internals.TeamsCallAgentImpl.prototype,
    call: sdk.internals.TeamsCallImpl.prototype,
    participant: sdk.internals.RemoteParticipantImpl.prototype,
    deviceManager: sdk.internals.DeviceManagerImpl.prototype,
    remoteVideoStream: sdk.internals.RemoteVideoStreamImpl.prototype,
  } as const;
  if (!(kind in prototypes)) throw new Error(`No SDK object for ${kind}.`);
  const target = Object.create(prototypes[kind as keyof typeof prototypes]) as RealAgent['impl'];
  own(target, { _eventEmitter: emitter, logger: quietLogger() });
  if (unsubscribe) target.off(event, noop);
  else target.on(event, noop);
}

// The Teams features, as the SDK's own classes. Each is built with its public constructor (`Features.X.callApiCtor`)
// and `initialize`d over doubles of the signalling stack's call (`tsCall`) and of the agent, which record what
// reaches them. What runs is the feature's own code: argument checks, state rules, the shapes it signals.

// biome-ignore lint/suspicious/noExplicitAny: the SDK's feature classes have no types beyond their public slices.
type Untyped = any;

/** An SDK object with `on` and `off`; the rest is read as the test needs. */
export type RealEmitter = {
  on(event: string, listener: (...args: Untyped[]) => void): void;
  off(event: string, listener: (...args: Untyped[]) => void): void;
} & Record<string, Untyped>;

type FeatureName =
  | 'OptimalVideoCount'
  | 'Recording'
  | 'Transfer'
  | 'Spotlight'
  | 'RaiseHand'
  | 'Captions'
  | 'Capabilities'
  | 'UserFacingDiagnostics';

/** `new Features[name].callApiCtor({ call, callAgent, callInfo })`: the SDK's own feature class. */
export function realFeature(sdk: InstalledSdk, name: FeatureName, callInfo: object): RealEmitter {
  const factory = (
    sdk.exports.Features as Record<string, { callApiCtor: new (context: object) => RealEmitter }>
  )[name];
  if (!factory) throw new Error(`The SDK has no ${name} feature.`);
  return new factory.callApiCtor({ call: {}, callAgent: {}, callInfo });
}

/** The SDK's stack call state numbers (`De`): 3 Connected, 4 LocalHold. */
const STACK_CONNECTED = 3;
const STACK_LOCAL_HOLD = 4;

export interface RealTransferOptions {
  /** Whether the call is on local hold, as a transfer needs. */
  readonly held: boolean;
  /** A meeting (`callType` 2, with three participants) rather than a 1:1 call (`callType` 1). */
  readonly meeting?: boolean;
  /** The call ids `getCallByCallId` knows, for a consultative transfer. */
  readonly otherCallIds?: readonly string[];
}

/** `Features.Transfer` over a stack call that records what reaches signalling. */
export function realTransferFeature(sdk: InstalledSdk, options: RealTransferOptions) {
  const signalled: { readonly mri?: unknown; readonly targetCallId?: string }[] = [];
  const tsCall = {
    callId: 'call-1',
    participantId: 'participant-1',
    state: options.held ? STACK_LOCAL_HOLD : STACK_CONNECTED,
    callType: options.meeting ? 2 : 1,
    participants: options.meeting ? [{ id: '8:orgid:a' }, { id: '8:orgid:b' }, { id: '8:orgid:c' }] : [],
    transferState: 1,
    on: noop,
    changed: () => ({ dispose: noop }),
    callSafeTransfer: (mri: unknown) => signalled.push({ mri }),
    callConsultativeTransfer: (other: { callId: string }) => signalled.push({ targetCallId: other.callId }),
  };
  const feature = realFeature(sdk, 'Transfer', {});
  feature.initialize(
    {
      tsCall,
      callAgent: {
        getCallByCallId: (id: string) =>
          options.otherCallIds?.includes(id) ? { callId: id, callType: 1, participants: [] } : undefined,
      },
      telemetryLogManager: telemetry,
      call: { id: 'call-1', tsCall },
    },
    quietLogger(),
  );
  return { feature, signalled };
}

/** What a feature published to the meeting's state service (`publishState`, `removeState`, …). */
export type PublishedState = readonly [string, unknown];

function stateServiceCall(extra: object) {
  const published: PublishedState[] = [];
  const tsCall = {
    callId: 'call-1',
    participantId: 'participant-1',
    on: noop,
    publishedStates: { typeStates: [] },
    publishState: async (state: unknown) => {
      published.push(['publishState', state]);
      return true;
    },
    removeState: async (state: unknown) => published.push(['removeState', state]),
    removeStatesForEveryone: async (state: unknown) => published.push(['removeStatesForEveryone', state]),
    ...extra,
  };
  return { tsCall, published };
}

export interface RealStateFeatureOptions {
  readonly context: 'TeamsMeeting' | 'TwoParty';
  /** The local user's MRI (`getUserMri`). */
  readonly localMri: string;
}

/** `Features.Spotlight` of a scheduled meeting whose local user is an organizer. */
export function realSpotlightFeature(sdk: InstalledSdk, options: RealStateFeatureOptions) {
  const { tsCall, published } = stateServiceCall({
    conversationType: 'scheduledMeeting',
    advancedMeetingRole: 'organizer',
  });
  const feature = realFeature(sdk, 'Spotlight', { context: options.context });
  feature.initialize(
    { tsCall, callAgent: { getUserMri: () => options.localMri }, telemetryLogManager: telemetry },
    quietLogger(),
  );
  return { feature, published };
}

/** `Features.RaiseHand`. */
export function realRaiseHandFeature(sdk: InstalledSdk, options: RealStateFeatureOptions) {
  const { tsCall, published } = stateServiceCall({ publishedStates: undefined });
  const feature = realFeature(sdk, 'RaiseHand', { context: options.context });
  feature.initialize(
    { tsCall, callAgent: { getUserMri: () => options.localMri }, telemetryLogManager: telemetry },
    quietLogger(),
  );
  return { feature, published };
}

export interface RealLobbyOptions {
  /** The local user's meeting role. */
  readonly role: string;
  /** The call's remote participants: identifier and state (`InLobby`, `Connected`). */
  readonly participants: readonly { readonly identifier: object; readonly state: string }[];
}

/** `call.lobby` of a scheduled meeting (`new LobbyImpl(tsCall, call, logger, telemetry)`). */
export function realLobby(sdk: InstalledSdk, options: RealLobbyOptions) {
  const signalled: PublishedState[] = [];
  const tsCall = {
    participantId: 'participant-1',
    conversationType: 'scheduledMeeting',
    admitParticipant: async (mri: string) => signalled.push(['admitParticipant', mri]),
    removeParticipant: async (mri: string) => signalled.push(['removeParticipant', mri]),
    admit: async (scope: unknown) => {
      signalled.push(['admit', scope]);
      return { result: JSON.stringify({ successCount: 1, failureCount: 0 }) };
    },
  };
  const call = { id: 'call-1', role: options.role, remoteParticipants: options.participants, on: noop };
  const lobby = new (sdk.internals.LobbyImpl as unknown as new (...args: unknown[]) => RealEmitter)(
    tsCall,
    call,
    quietLogger(),
    telemetry,
  );
  return { lobby, signalled, call };
}

export interface RealCaptionsOptions {
  /** The call's state on the stack: captions start only when it is connected. */
  readonly connected: boolean;
}

/**
 * Teams captions of a Teams user in a scheduled meeting, under the SDK's default ECS config (spoken `en-us`,
 * caption `en`): `startCaptions` runs up to inviting the captions bot, whose invitation carries the spoken
 * language (`addParticipant`, recorded), then counts as active.
 */
export async function realTeamsCaptions(sdk: InstalledSdk, options: RealCaptionsOptions) {
  const invitations: { readonly mri: unknown; readonly spokenLanguage: unknown }[] = [];
  const tsCall = {
    callId: 'call-1',
    participantId: 'participant-1',
    state: options.connected ? STACK_CONNECTED : STACK_LOCAL_HOLD,
    endpoints: {},
    participants: [],
    region: '',
    conversationType: 'scheduledMeeting',
    on: noop,
    addParticipant: async (
      mri: unknown,
      data: { participantInvitationData: { botData: { spokenLanguage: unknown } } },
    ) => {
      invitations.push({ mri, spokenLanguage: data.participantInvitationData.botData.spokenLanguage });
    },
  };
  const capable = { isPresent: true, reason: 'Capable' };
  const feature = realFeature(sdk, 'Captions', {});
  feature.initialize(
    {
      tsCall,
      call: {
        id: 'call-1',
        kind: 'TeamsCall',
        tsCall,
        callInfo: { context: 'TeamsMeeting' },
        getParticipantCapabilities: () => ({
          startLiveMeetingCaptions: capable,
          startLiveCallingCaptions: capable,
          setCaptionLanguage: capable,
        }),
        onParticipantCapabilitiesChanged: noop,
        offParticipantCapabilitiesChanged: noop,
      },
      callAgent: {
        isEnterpriseUser: () => true,
        getHttpRequestHelper: () => ({}),
        getUserMri: () => '8:orgid:local',
        getUserPolicy: () => ({}),
        getUserProperties: () => ({}),
      },
      telemetryLogManager: telemetry,
    },
    quietLogger(),
  );
  await feature._impl._initializationPromise;
  return { feature, captions: feature.captions as RealEmitter, invitations };
}

/** `Features.Capabilities` of a call, resolved by the SDK for `role` (meetings) with audio and video allowed. */
export function realCapabilities(sdk: InstalledSdk, context: 'TeamsMeeting' | 'TwoParty', role: string) {
  const feature = realFeature(sdk, 'Capabilities', { context });
  const mediaAccess = {
    on: noop,
    getLocalParticipantMediaAccess: () => ({ isAudioPermitted: true, isVideoPermitted: true }),
  };
  feature.initialize(
    {
      tsCall: { callId: 'call-1', participantId: 'participant-1', meetingDetails: {} },
      callAgent: { getUserPolicy: () => undefined },
      call: {
        role,
        on: noop,
        onMeetingCapabilitiesChanged: noop,
        feature: () => mediaAccess,
        explicitConsentStateImp: {
          onConsentRestrictionChanged: noop,
          areCoreCapabilitiesConsentRestricted: () => false,
        },
      },
      telemetryLogManager: telemetry,
    },
    quietLogger(),
  );
  return feature;
}

/** `Features.Recording` of a call without recording bots. */
export function realRecording(sdk: InstalledSdk): RealEmitter {
  const tsCall = { callId: 'call-1', participantId: 'participant-1', participants: [], on: noop };
  const feature = realFeature(sdk, 'Recording', {});
  feature.initialize(
    { tsCall, call: { id: 'call-1', tsCall }, telemetryLogManager: telemetry },
    quietLogger(),
  );
  return feature;
}

/**
 * `Features.UserFacingDiagnostics` over a stack call whose `callQualityChanged` the test raises, with the stack's
 * own event type numbers (2 network receive quality, 43 no microphone, 45 camera freeze, …).
 */
export function realDiagnostics(sdk: InstalledSdk) {
  const handlers: ((event: { type: number; value: number; mediaType?: number }) => void)[] = [];
  const tsCall = {
    callId: 'call-1',
    participantId: 'participant-1',
    state: STACK_CONNECTED,
    on: (event: string, handler: (typeof handlers)[number]) => {
      if (event === 'callQualityChanged') handlers.push(handler);
    },
  };
  const feature = realFeature(sdk, 'UserFacingDiagnostics', {});
  feature.initialize(
    { tsCall, telemetryLogManager: telemetry, call: { id: 'call-1', tsCall } },
    quietLogger(),
  );
  return {
    feature: feature as RealEmitter & { network: RealEmitter; media: RealEmitter },
    raise: (type: number, value: number, mediaType?: number) => {
      for (const handler of handlers)
        handler({ type, value, ...(mediaType === undefined ? {} : { mediaType }) });
    },
  };
}

/**
 * A referee for the SDK stub over the installed SDK: every shape the port hands the stub goes through the SDK's
 * own validation first, and its refusal, if any, is what the stub throws.
 */
export function createSdkReferee(sdk: InstalledSdk, cameraIds: readonly string[] = ['cam-1', 'cam-2']) {
  const agent = createRealAgent(sdk);
  const media = createMediaStack();
  const referee: SdkReferee & { readonly agent: RealAgent; readonly media: MediaStack } = {
    agent,
    media,
    LocalVideoStream: sdk.exports.LocalVideoStream as unknown as SdkReferee['LocalVideoStream'],
    cameras: cameraIds.map((id) => realCamera(sdk, id, media)),
    Features: sdk.exports.Features as unknown as SdkFeatures,
    createView: (stream, options) => refereeCreateView(sdk, media, stream, options),
    screenShareStream() {
      // What `TeamsCallImpl.startScreenSharing` makes when the browser's picker shares a screen.
      const source = new sdk.internals.VideoDeviceInfoImpl(
        'ScreenSharing',
        'screensharing:',
        'ScreenSharing',
        {
          telemetryLogManager: telemetry,
        },
      );
      return new sdk.exports.LocalVideoStream(source) as unknown as SdkLocalVideoStream;
    },
    startCall(participants, options) {
      agent.startCall(participants, options);
    },
    join(locator) {
      agent.join(locator);
    },
    async control(control: RefereedControl, call: RefereedCallState, argument?: unknown) {
      const real = createRealCall(sdk, {
        state: call.state,
        isLocalVideoStarted: call.isLocalVideoStarted,
        videoStream: call.videoStream,
        isScreenSharingOn: call.isScreenSharingOn,
      });
      if (
        control === 'hold' ||
        control === 'resume' ||
        control === 'startScreenSharing' ||
        control === 'stopScreenSharing'
      ) {
        await real[control]();
      } else {
        await real[control](argument as never);
      }
    },
    subscribe(kind, event, unsubscribe) {
      subscribeOn(sdk, kind, event, unsubscribe);
    },
  };
  return referee;
}

/** What the SDK did with a call: accepted it, or refused it with a code and subCode. */
export type Outcome = 'accepted' | { readonly code: number; readonly subCode: number };

/** Accepted, or the code and subCode of what was thrown (or rejected). */
export async function outcomeOf(run: () => unknown): Promise<Outcome> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    const { code, subCode } = error as { code?: number; subCode?: number };
    if (typeof code !== 'number' || typeof subCode !== 'number') throw error;
    return { code, subCode };
  }
}

/** The code and subCode of one of the SDK's named errors, as {@link outcomeOf} reports a refusal. */
export const codesOf = (name: SdkErrorName): Outcome => ({
  code: SDK_ERRORS[name][0],
  subCode: SDK_ERRORS[name][1],
});
