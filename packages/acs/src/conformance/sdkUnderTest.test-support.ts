import type { CallState, VideoDeviceInfo } from '@azure/communication-calling';
import type { EmitterKind, RefereedCallState, RefereedControl, SdkReferee } from '../stubSdk.test-support';
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
}

/** The SDK's own call methods the suite runs. */
export interface RealCallImpl {
  hold(): Promise<void>;
  resume(): Promise<void>;
  sendDtmf(tone: unknown): Promise<void>;
  startVideo(stream: unknown): Promise<void>;
  stopVideo(stream: unknown): Promise<void>;
  hangUp(options?: unknown): Promise<void>;
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
    isScreenSharingOn: false,
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
    sendCallOnHoldAndResumedEvent: noop,
    _eventEmitter: { emit: noop, on: noop, off: noop },
    _callAgent: {
      tsStack: { getDeviceManager: () => ({ selectDevices: noop }) },
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

/** A camera as the SDK's `DeviceManager.getCameras()` lists it. */
export function realCamera(sdk: InstalledSdk, id: string): VideoDeviceInfo {
  return new sdk.internals.VideoDeviceInfoImpl(`Camera ${id}`, id, 'UsbCamera', {}) as VideoDeviceInfo;
}

/** The SDK's `on` of each object the port listens to, run on a real prototype. */
function subscribeOn(sdk: InstalledSdk, kind: EmitterKind, event: string, unsubscribe: boolean): void {
  const emitter = { on: noop, off: noop, emit: noop };
  const prototypes = {
    agent: sdk.internals.TeamsCallAgentImpl.prototype,
    call: sdk.internals.TeamsCallImpl.prototype,
    participant: sdk.internals.RemoteParticipantImpl.prototype,
    deviceManager: sdk.internals.DeviceManagerImpl.prototype,
  } as const;
  const target = Object.create(prototypes[kind]) as RealAgent['impl'];
  own(target, { _eventEmitter: emitter, logger: quietLogger() });
  if (unsubscribe) target.off(event, noop);
  else target.on(event, noop);
}

/**
 * A referee for the SDK stub over the installed SDK: every shape the port hands the stub goes through the SDK's
 * own validation first, and its refusal, if any, is what the stub throws.
 */
export function createSdkReferee(sdk: InstalledSdk, cameraIds: readonly string[] = ['cam-1', 'cam-2']) {
  const agent = createRealAgent(sdk);
  const referee: SdkReferee & { readonly agent: RealAgent } = {
    agent,
    LocalVideoStream: sdk.exports.LocalVideoStream as unknown as SdkReferee['LocalVideoStream'],
    cameras: cameraIds.map((id) => realCamera(sdk, id)),
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
      });
      if (control === 'hold' || control === 'resume') await real[control]();
      else await real[control](argument as never);
    },
    subscribe(kind, event, unsubscribe) {
      subscribeOn(sdk, kind, event, unsubscribe);
    },
  };
  return referee;
}
