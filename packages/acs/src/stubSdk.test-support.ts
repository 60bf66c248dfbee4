import type {
  AcceptCallOptions,
  AudioDeviceInfo,
  CallEndReason,
  CallerInfo,
  CallState,
  ConnectionState,
  DeviceAccess,
  HangUpOptions,
  JoinCallOptions,
  PermissionConstraints,
  DtmfTone as SdkDtmfTone,
  StartTeamsGroupCallOptions,
  TeamsMeetingIdLocator,
  TeamsMeetingLinkLocator,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import {
  type CommunicationIdentifierKind,
  type CommunicationTokenCredential,
  type CommunicationTokenRefreshOptions,
  getIdentifierRawId,
} from '@azure/communication-common';
import type {
  AcsCallingSdk,
  AcsCommonSdk,
  SdkCallClient,
  SdkDeviceManager,
  SdkLocalVideoStream,
  SdkRemoteParticipant,
  SdkTeamsCall,
  SdkTeamsCallAgent,
  SdkTeamsCallee,
  SdkTeamsIncomingCall,
} from './sdkTypes';

// A stub of the ACS Calling SDK for Node, where the real SDK cannot load. Every stub implements the port's
// slice of the SDK's own types, so a call shape the SDK does not have fails the type check. Each emitter
// records its listeners: an `off` with a function that was never added is counted, never ignored.

type AnyListener = (args: never) => void;

interface Subscription {
  readonly event: string;
  readonly listener: AnyListener;
}

/** Every stub emitter of one world, to count the listeners left on any of them. */
export class StubRegistry {
  readonly emitters: StubEmitter[] = [];
  /** Every call, placed or answered, oldest first. */
  readonly calls: StubTeamsCall[] = [];
  listenerCount(): number {
    return this.emitters.reduce((sum, emitter) => sum + emitter.listenerCount(), 0);
  }
  /** `off` calls with a function that was not subscribed (a new arrow function instead of the same one). */
  unmatchedOffs(): number {
    return this.emitters.reduce((sum, emitter) => sum + emitter.unmatchedOffs, 0);
  }
}

export class StubEmitter {
  private readonly subscriptions: Subscription[] = [];
  unmatchedOffs = 0;

  constructor(registry: StubRegistry) {
    registry.emitters.push(this);
  }
  on(event: string, listener: AnyListener): void {
    this.subscriptions.push({ event, listener });
  }
  off(event: string, listener: AnyListener): void {
    const index = this.subscriptions.findIndex((s) => s.event === event && s.listener === listener);
    if (index === -1) this.unmatchedOffs += 1;
    else this.subscriptions.splice(index, 1);
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
  constructor(
    registry: StubRegistry,
    readonly identifier: CommunicationIdentifierKind,
    readonly displayName?: string,
  ) {
    super(registry);
  }
  setMuted(isMuted: boolean): void {
    this.isMuted = isMuted;
    this.emit('isMutedChanged');
  }
  setSpeaking(isSpeaking: boolean): void {
    this.isSpeaking = isSpeaking;
    this.emit('isSpeakingChanged');
  }
}

export class StubLocalVideoStream implements SdkLocalVideoStream {
  disposed = false;
  constructor(readonly source: VideoDeviceInfo) {}
  dispose(): void {
    this.disposed = true;
  }
}

export class StubTeamsCall extends StubEmitter implements SdkTeamsCall {
  readonly id: string;
  state: CallState = 'None';
  callEndReason: CallEndReason | undefined;
  isMuted = false;
  isLocalVideoStarted = false;
  remoteParticipants: StubRemoteParticipant[] = [];
  readonly faults = new Faults();
  readonly dtmfSent: SdkDtmfTone[] = [];
  readonly hangUps: (HangUpOptions | undefined)[] = [];
  readonly videoStreams: SdkLocalVideoStream[] = [];
  disposed = false;

  constructor(private readonly registry: StubRegistry) {
    super(registry);
    registry.calls.push(this);
    serial += 1;
    this.id = `stub-call-${serial}`;
  }

  // What the service and the remote side do.
  setState(state: CallState): void {
    this.state = state;
    this.emit('stateChanged');
  }
  end(reason: CallEndReason = { code: 0, subCode: 0 }): void {
    this.callEndReason = reason;
    this.setState('Disconnected');
  }
  addParticipants(countOrIds: number | readonly string[]): StubRemoteParticipant[] {
    const oids =
      typeof countOrIds === 'number'
        ? Array.from(
            { length: countOrIds },
            (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          )
        : countOrIds;
    const added = oids.map(
      (oid) => new StubRemoteParticipant(this.registry, teamsUser(oid).identifier, `Person ${oid.slice(-4)}`),
    );
    this.remoteParticipants = [...this.remoteParticipants, ...added];
    this.emit('remoteParticipantsUpdated', { added, removed: [] });
    return added;
  }
  removeParticipants(removed: readonly StubRemoteParticipant[]): void {
    this.remoteParticipants = this.remoteParticipants.filter((p) => !removed.includes(p));
    this.emit('remoteParticipantsUpdated', { added: [], removed: [...removed] });
  }

  // The SDK's call API.
  async mute(): Promise<void> {
    this.faults.check('mute');
    this.isMuted = true;
    this.emit('isMutedChanged');
  }
  async unmute(): Promise<void> {
    this.faults.check('unmute');
    this.isMuted = false;
    this.emit('isMutedChanged');
  }
  async hold(): Promise<void> {
    this.faults.check('hold');
    this.setState('LocalHold');
  }
  async resume(): Promise<void> {
    this.faults.check('resume');
    this.setState('Connected');
  }
  async sendDtmf(dtmfTone: SdkDtmfTone): Promise<void> {
    this.faults.check('sendDtmf');
    this.dtmfSent.push(dtmfTone);
  }
  async startVideo(localVideoStream: SdkLocalVideoStream): Promise<void> {
    this.faults.check('startVideo');
    this.videoStreams.push(localVideoStream);
    this.isLocalVideoStarted = true;
    this.emit('isLocalVideoStartedChanged');
  }
  async stopVideo(localVideoStream: SdkLocalVideoStream): Promise<void> {
    this.faults.check('stopVideo');
    this.videoStreams.splice(this.videoStreams.indexOf(localVideoStream), 1);
    this.isLocalVideoStarted = false;
    this.emit('isLocalVideoStartedChanged');
  }
  async hangUp(options?: HangUpOptions): Promise<void> {
    this.faults.check('hangUp');
    this.hangUps.push(options);
    this.setState('Disconnecting');
    await Promise.resolve();
    this.end({ code: 0, subCode: 0 });
  }
  dispose(): void {
    this.disposed = true;
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
    const call = new StubTeamsCall(this.registry);
    call.state = 'Connecting';
    this.accepted = call;
    return call;
  }
  async reject(): Promise<void> {
    this.faults.check('reject');
    this.rejected = true;
  }
}

export class StubTeamsCallAgent extends StubEmitter implements SdkTeamsCallAgent {
  connectionState: ConnectionState = 'Connected';
  readonly calls: StubTeamsCall[] = [];
  readonly incomingCalls: StubTeamsIncomingCall[] = [];
  /** The exact arguments of every `startCall` and `join`. */
  readonly startCallArgs: [SdkTeamsCallee | SdkTeamsCallee[], StartTeamsGroupCallOptions | undefined][] = [];
  readonly joinArgs: (TeamsMeetingLinkLocator | TeamsMeetingIdLocator)[] = [];
  readonly faults = new Faults();
  disposed = false;

  constructor(private readonly registry: StubRegistry) {
    super(registry);
  }
  startCall(
    participants: SdkTeamsCallee | SdkTeamsCallee[],
    options?: StartTeamsGroupCallOptions,
  ): StubTeamsCall {
    this.faults.check('startCall');
    this.startCallArgs.push([participants, options]);
    return this.newCall();
  }
  join(
    meetingLocator: TeamsMeetingLinkLocator | TeamsMeetingIdLocator,
    _options?: JoinCallOptions,
  ): StubTeamsCall {
    this.faults.check('join');
    this.joinArgs.push(meetingLocator);
    return this.newCall();
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }

  lastCall(): StubTeamsCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error('No call was started.');
    return call;
  }
  /** Rings this endpoint. */
  ring(callerInfo: CallerInfo): StubTeamsIncomingCall {
    const incoming = new StubTeamsIncomingCall(this.registry, callerInfo);
    this.incomingCalls.push(incoming);
    this.emit('incomingCall', { incomingCall: incoming });
    return incoming;
  }
  setConnectionState(newValue: ConnectionState): void {
    const oldValue = this.connectionState;
    this.connectionState = newValue;
    this.emit('connectionStateChanged', { newValue, oldValue });
  }
  private newCall(): StubTeamsCall {
    const call = new StubTeamsCall(this.registry);
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

  async askDevicePermission(permissionConstraints: PermissionConstraints): Promise<DeviceAccess> {
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
    return [...this.speakers];
  }
  async getCameras(): Promise<VideoDeviceInfo[]> {
    return [...this.cameras];
  }
  async selectMicrophone(microphoneDevice: AudioDeviceInfo): Promise<void> {
    this.selectedMicrophone = microphoneDevice;
  }
  async selectSpeaker(speakerDevice: AudioDeviceInfo): Promise<void> {
    this.selectedSpeaker = speakerDevice;
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

/**
 * A stub SDK world: the loaders to inject into `createAcsCalling`, and every stub object they create.
 *
 * @example
 * const world = createStubSdkWorld();
 * const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
 */
export function createStubSdkWorld() {
  const registry = new StubRegistry();
  const clients: StubCallClient[] = [];
  const agents: StubTeamsCallAgent[] = [];
  const credentials: StubTokenCredential[] = [];
  const cameraStreams: StubLocalVideoStream[] = [];
  let nextCreation: AgentCreation = { kind: 'ok' };
  let pendingCreation: Promise<void> | undefined;
  const deviceManager = new StubDeviceManager(registry);
  const loads = { sdk: 0, common: 0 };

  class StubCallClient implements SdkCallClient {
    disposed = false;
    readonly credentialsGiven: CommunicationTokenCredential[] = [];
    constructor(readonly options?: unknown) {
      clients.push(this);
    }
    async createTeamsCallAgent(credential: CommunicationTokenCredential): Promise<StubTeamsCallAgent> {
      this.credentialsGiven.push(credential);
      await pendingCreation;
      const creation = nextCreation;
      nextCreation = { kind: 'ok' };
      if (creation.kind === 'reject') throw creation.error;
      const agent = new StubTeamsCallAgent(registry);
      agents.push(agent);
      return agent;
    }
    async getDeviceManager(): Promise<StubDeviceManager> {
      return deviceManager;
    }
    async dispose(): Promise<void> {
      this.disposed = true;
    }
  }

  class StubCameraStream extends StubLocalVideoStream {
    constructor(source: VideoDeviceInfo) {
      super(source);
      cameraStreams.push(this);
    }
  }

  class RecordingCredential extends StubTokenCredential {
    constructor(options: CommunicationTokenRefreshOptions) {
      super(options);
      credentials.push(this);
    }
  }

  const sdk: AcsCallingSdk = { CallClient: StubCallClient, LocalVideoStream: StubCameraStream };
  const common: AcsCommonSdk = { AzureCommunicationTokenCredential: RecordingCredential, getIdentifierRawId };

  return {
    registry,
    clients,
    agents,
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

/** An SDK error as the Calling SDK throws it (`CommunicationServicesError`). */
export function sdkError(code: number, subCode: number, message = 'SDK error'): Error {
  return Object.assign(new Error(message), { name: 'CallingCommunicationError', code, subCode });
}
