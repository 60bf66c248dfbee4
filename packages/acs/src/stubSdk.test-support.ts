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
import type { DtmfTone } from '@teams-endpoint/core';
import {
  PLATFORM_REFUSALS,
  type PlatformControl,
  type PlatformRefusal,
  platformVerdict,
} from '@teams-endpoint/testing';
import { toCallPortStatus } from './callStatus';
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

/** Which event names an emitter accepts, and the SDK error for any other. */
interface EventRules {
  readonly kind: EmitterKind;
  readonly names: readonly string[];
  readonly onError: SdkErrorName;
  readonly offError: SdkErrorName;
}

/** The SDK objects whose `on` and `off` check event names. */
export type EmitterKind = 'agent' | 'call' | 'participant' | 'deviceManager';

/** The call methods whose arguments and call state the SDK checks. */
export type RefereedControl = 'hold' | 'resume' | 'sendDtmf' | 'startVideo' | 'stopVideo' | 'hangUp';

/** What a refereed call control sees of the stub call: its state and the stream it sends. */
export interface RefereedCallState {
  readonly state: CallState;
  readonly isLocalVideoStarted: boolean;
  readonly videoStream: SdkLocalVideoStream | undefined;
}

/**
 * Runs the SDK's own code on exactly what the port hands the stub, before the stub does its part: each method
 * throws (or rejects with) the SDK's refusal. The conformance suite supplies one over the installed SDK; with
 * it, the port's video streams and cameras are the SDK's own objects too.
 */
export interface SdkReferee {
  readonly LocalVideoStream: new (source: VideoDeviceInfo) => SdkLocalVideoStream;
  readonly cameras: readonly VideoDeviceInfo[];
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
  listenerCount(): number {
    return this.emitters.reduce((sum, emitter) => sum + emitter.listenerCount(), 0);
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
}

export class StubLocalVideoStream implements SdkLocalVideoStream {
  disposed = false;
  constructor(readonly source: VideoDeviceInfo) {}
  dispose(): void {
    this.disposed = true;
  }
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
    super(registry, {
      kind: 'call',
      names: CALL_EVENTS,
      onError: 'callEventSubscribe',
      offError: 'callEventUnsubscribe',
    });
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

  /** Runs the SDK's own code on this control first, when a referee is present. */
  private async refereed(control: RefereedControl, argument?: unknown): Promise<void> {
    const referee = this.registry.referee;
    if (!referee) return;
    const { state, isLocalVideoStarted } = this;
    await referee.control(
      control,
      { state, isLocalVideoStarted, videoStream: this.videoStreams[0] },
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
    this.videoStreams.push(localVideoStream);
    this.isLocalVideoStarted = true;
    this.emit('isLocalVideoStartedChanged');
  }
  async stopVideo(localVideoStream: SdkLocalVideoStream): Promise<void> {
    this.faults.check('stopVideo');
    await this.refereed('stopVideo', localVideoStream);
    if (!this.isLocalVideoStarted) refuse('videoAlreadyOff');
    if (!this.videoStreams.includes(localVideoStream)) refuse('stopWrongStream');
    this.videoStreams.splice(this.videoStreams.indexOf(localVideoStream), 1);
    this.isLocalVideoStarted = false;
    this.emit('isLocalVideoStartedChanged');
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
    return this.newCall();
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
    return this.newCall();
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

  constructor(registry: StubRegistry) {
    super(registry, {
      kind: 'deviceManager',
      names: DEVICE_MANAGER_EVENTS,
      onError: 'deviceEventSubscribe',
      offError: 'deviceEventUnsubscribe',
    });
  }

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

  const sdk: AcsCallingSdk = { CallClient: StubCallClient, LocalVideoStream };
  const common: AcsCommonSdk = { AzureCommunicationTokenCredential: RecordingCredential, getIdentifierRawId };

  return {
    registry,
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
