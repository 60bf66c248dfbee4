import {
  type CallAgentConnectionState,
  type CallEndReasonCode,
  type CallFeatureHandles,
  type CallFeatureName,
  type CallHandle,
  type CallHandleState,
  type CallingPort,
  type CallParty,
  type CallPortEvent,
  type CallPortStatus,
  type CallTarget,
  type ConnectOptions,
  createListenerSet,
  type DiagnosticCondition,
  type DiagnosticKind,
  type DtmfTone,
  type IncomingCallHandle,
  LOCAL_STREAM_IDS,
  type LobbyParticipant,
  type MeetingLocator,
  type Participant,
  type PlatformCapabilities,
  type RecordingState,
  type RenderStreamOptions,
  type SignalOption,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { createFakeCallFeatures, type FakeCallFeatureSet } from './fakeCallFeatures';
import {
  callKindOf,
  defaultCapabilities,
  type FakeCallKind,
  type FakeMeetingRole,
  mergeCapabilities,
} from './fakeCapabilities';
import type { FakeSpokenCaption } from './fakeCaptions';
import {
  createFakeDevices,
  FAKE_DEVICE_METHODS,
  type FakeDeviceControls,
  type FakeDeviceMethod,
  type FakeDevicesOptions,
} from './fakeDevices';
import { FAKE_FEATURE_METHODS, type FakeFeatureMethod } from './fakeFeatureHost';
import { createRemoteAudio } from './fakeRemoteAudio';
import { availableStream } from './fakeRemoteMedia';
import { createParticipants, FakeRoster, type ParticipantChange } from './fakeRoster';
import { createStreamViews, type FakeViewSource } from './fakeStreamViews';
import type { TransferOutcome } from './fakeTransfer';
import {
  capabilityRefusal,
  PLATFORM_REFUSALS,
  type PlatformRefusal,
  type PlatformVerdict,
  platformError,
  platformVerdict,
} from './platformVerdict';
import { createPortControls, type FakeDeferred, type FakeQueue } from './portControls';

export { createParticipants };

/** What the remote party of the next outbound call does. `manual` waits for the test to drive it. */
export type OutboundOutcome = 'answer' | 'busy' | 'no_answer' | 'decline' | 'not_found' | 'manual';

/** What happens to the next meeting join. */
export type MeetingOutcome = 'admit' | 'lobby' | 'manual';

/** Every port method of the fake, for fault injection and call counting (the devices' too). */
export type FakeCallingMethod =
  | FakeDeviceMethod
  | FakeFeatureMethod
  | 'connect'
  | 'disconnect'
  | 'startCall'
  | 'joinMeeting'
  | 'accept'
  | 'reject'
  | 'mute'
  | 'unmute'
  | 'hold'
  | 'resume'
  | 'sendDtmf'
  | 'startVideo'
  | 'stopVideo'
  | 'startScreenSharing'
  | 'stopScreenSharing'
  | 'renderStream'
  | 'hangUp';

export interface FakeCallingOptions {
  /** What outbound calls do when nothing is scripted. Default `manual`. */
  readonly defaultOutcome?: OutboundOutcome;
  /** What meeting joins do when nothing is scripted. Default `manual`. */
  readonly defaultMeetingOutcome?: MeetingOutcome;
  /** Delay before a scripted remote party rings, in ms. Default 0. */
  readonly ringDelayMs?: number;
  /** Delay between ringing and the scripted outcome, in ms. Default 0. */
  readonly answerDelayMs?: number;
  /** Whether an accepted incoming call connects by itself right away. Default true. */
  readonly connectAcceptedCalls?: boolean;
  /** Delay between `hangUp()` and the call's end, in ms. Default: none (ends in a microtask). */
  readonly hangUpDelayMs?: number;
  /**
   * In a browser, plays a quiet tone (Web Audio) while a remote participant of a connected call speaks.
   * Default `false`, so that tests and Playwright runs stay silent. Nothing happens without Web Audio.
   */
  readonly remoteAudio?: boolean;
  /** The devices' permissions at start, and whether the browser can choose the speaker. */
  readonly devices?: FakeDevicesOptions;
  /**
   * The local user's role in every meeting. Default `organizer`. An attendee may not manage the lobby, lower
   * everyone's hands or spotlight (`capabilities` say so, with reason `role`).
   */
  readonly meetingRole?: FakeMeetingRole;
  /**
   * What Teams allows, on top of the defaults of each call's kind and the meeting role (see
   * `DEFAULT_DENIALS`), in every call. Change them mid-call with `FakeRemoteCall.setCapabilities`.
   */
  readonly capabilities?: PlatformCapabilities;
  /**
   * Whether captions can be translated into another caption language. Default: in meetings only; `true`: in
   * every call with captions; `false`: in none (then `captionLanguage` is `null`).
   */
  readonly captionTranslation?: boolean;
  /** How long a scripted transfer takes before it completes or fails, in ms. Default 0 (a timer). */
  readonly transferDelayMs?: number;
}

/** The remote control of one simulated call: what the other side and the network do. */
export interface FakeRemoteCall {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly target: CallTarget | MeetingLocator | CallParty;
  /** A meeting, a 1:1 Teams call or a PSTN call: it decides the features offered (`FEATURES_BY_KIND`). */
  readonly kind: FakeCallKind;
  /** The features the call offers, as the core sees them (the call handle's `features`). */
  readonly features: CallFeatureHandles;
  readonly state: CallHandleState;
  readonly dtmfSent: readonly DtmfTone[];
  readonly hangUpCount: number;
  /** Listeners the core has on this call right now. */
  readonly listenerCount: number;
  /** Views of this call's streams still alive (`renderStream` minus disposed). Zero once the call ended. */
  readonly liveViews: number;
  ring(): void;
  earlyMedia(): void;
  answer(): void;
  busy(): void;
  noAnswer(): void;
  decline(): void;
  notFound(): void;
  /** The remote party hangs up. */
  remoteHangUp(): void;
  /** The network drops the call (code 410). */
  dropNetwork(): void;
  remoteHold(): void;
  remoteResume(): void;
  putInLobby(): void;
  admit(): void;
  /** The organizer denies entry from the lobby. */
  deny(): void;
  /** Adds `count` participants, or the given ones, in one burst. Returns those added. */
  addParticipants(countOrParticipants: number | readonly Participant[]): readonly Participant[];
  removeParticipants(ids: readonly string[]): void;
  updateParticipant(id: string, change: ParticipantChange): void;
  /**
   * The participant turns the camera on or off. On adds (the first time) a `video` stream with the id
   * `${participantId}/video`; off keeps the stream, not available, and disposes its views.
   */
  setParticipantVideo(participantId: string, on: boolean): void;
  /**
   * The participant starts or stops sharing a screen (stream `${participantId}/screenSharing`). One share
   * at a time: a new share ends the one before, remote or local.
   */
  setParticipantScreenShare(participantId: string, on: boolean): void;
  /** The platform's dominant speakers change (most dominant first). Ids must be participants of the call. */
  setDominantSpeakers(participantIds: readonly string[]): void;
  /** The platform advises another number of remote videos. */
  setOptimalVideoCount(count: number): void;
  /** The user cancels the browser's screen picker at the next `startScreenSharing`. Queued, one per start. */
  denyNextScreenShare(): void;
  /** Ends the call with any raw end reason. */
  end(reason: CallEndReasonCode): void;
  /** Reports any SDK call state, as the SDK would after its own event (for model-based tests). */
  reportStatus(status: CallPortStatus, endReason?: CallEndReasonCode): void;

  // Teams features. A control of a feature the call does not offer throws (the test made a mistake); once the
  // call has ended, the controls change nothing and report nothing.

  /** A policy or meeting option changes mid-call: merges into the capabilities and reports `capabilities`. */
  setCapabilities(change: PlatformCapabilities): void;
  /** Captions: someone speaks; delivered to `onCaption` listeners only while captions are on. */
  speak(caption: FakeSpokenCaption): boolean;
  /** Captions: a phrase as one partial result per word so far, then the final one. */
  speakPhrase(
    speakerId: string,
    text: string,
    options?: { readonly speakerName?: string; readonly timestamp?: number },
  ): boolean;
  /** Raise hand (meetings): a participant raises their hand. */
  raiseRemoteHand(participantId: string): void;
  /** Raise hand (meetings): a participant lowers their hand. */
  lowerRemoteHand(participantId: string): void;
  /** Transfer (1:1 calls): whether a transfer of this call is under way. */
  readonly transferPending: boolean;
  /** Transfer: what the next transfer does. Queued, one per transfer; default `complete`. */
  scriptNextTransfer(outcome: TransferOutcome): void;
  /** Transfer: completes the transfer under way (for `manual`). */
  completeTransfer(): void;
  /** Transfer: fails the transfer under way with the platform's code (default 500/46050). */
  failTransfer(error?: CallEndReasonCode): void;
  /**
   * Transfer: the remote party transfers this connected call to `remote`. The platform sets up a new connected
   * call (in `remoteCalls`), hands it to the `onTransferred` listeners, then ends this call (code 0). With no
   * listener, nobody would own the new call: the fake ends it at once, so that no ghost call stays up.
   * Returns the new call's remote control.
   */
  transferUs(remote: CallParty): FakeRemoteCall;
  /** Recording: starts, pauses or stops the recording indicator. */
  setRecording(recording: RecordingState): void;
  /** Recording: turns the transcription indicator on or off. */
  setTranscription(transcription: 'off' | 'on'): void;
  /** Spotlight (meetings): an organizer sets who is spotlighted (participants or `LOCAL_PARTICIPANT_ID`). */
  setSpotlight(participantIds: readonly string[]): void;
  /** Lobby (meetings): `count` new people, or the given ones, arrive in the lobby. Returns them. */
  joinLobby(countOrParticipants: number | readonly LobbyParticipant[]): readonly LobbyParticipant[];
  /** Lobby (meetings): someone waiting gives up. */
  leaveLobby(participantId: string): void;
  /** Diagnostics: raises, changes or clears (`null`) a condition. */
  setDiagnostic(kind: DiagnosticKind, severity: DiagnosticCondition['severity'] | null): void;
}

/** The remote control of a simulated incoming call before it is answered. */
export interface FakeIncomingCall {
  readonly id: string;
  readonly caller: CallParty;
  readonly status: 'ringing' | 'accepted' | 'rejected' | 'ended';
  readonly listenerCount: number;
  /** The caller gives up before anyone answers (code 487). */
  callerHangsUp(): void;
  /** Another Teams endpoint of the same user answered. */
  answeredElsewhere(): void;
  /** Once accepted, the call's remote control. */
  readonly call: FakeRemoteCall | undefined;
}

/**
 * A scriptable simulated world behind the {@link CallingPort}: remote parties that answer, are busy, do not
 * answer, decline, hang up; meetings with a lobby; incoming PSTN and Teams calls; network drops; and fault
 * injection for every method.
 */
export interface FakeCalling extends CallingPort {
  readonly isConnected: boolean;
  /** What the user and the hardware do with devices: plug in, unplug, allow, deny. */
  readonly deviceControls: FakeDeviceControls;
  /** Views still alive: of every call's streams and of the device previews. Zero after teardown. */
  liveViewCount(): number;
  /** Every call handle handed to the core, oldest first. */
  readonly remoteCalls: readonly FakeRemoteCall[];
  lastCall(): FakeRemoteCall;
  readonly incomingCalls: readonly FakeIncomingCall[];
  /** How many times each method was called. */
  readonly methodCalls: Readonly<Record<FakeCallingMethod, number>>;
  /** How many tokens the port asked for. */
  readonly tokenRequests: number;
  /** Scripts what the next outbound call's remote party does. Queued, one per call. */
  scriptNextOutbound(outcome: OutboundOutcome): void;
  /** Scripts what the next meeting join does. */
  scriptNextMeeting(outcome: MeetingOutcome): void;
  /** Rings this endpoint from a PSTN number or a Teams user. */
  simulateIncomingCall(caller: CallParty): FakeIncomingCall;
  /** Makes the next `times` calls of `method` reject with `error`. */
  failNext(method: FakeCallingMethod, error: TeamsEndpointError, times?: number): void;
  /**
   * Holds the next call of `method` until the test settles it (or its signal aborts). Without a call to
   * `resolve` or `reject`, the method hangs: use that to test timeouts and cancellation.
   */
  deferNext(method: FakeCallingMethod): FakeDeferred;
  /** Holds every later call of `method`, each until the test settles it, oldest first. */
  holdAll(method: FakeCallingMethod): FakeQueue;
  /** The call agent loses its connection (every live call drops with 410). */
  dropConnection(): void;
  restoreConnection(): void;
  /** Listeners the core holds on the agent, every call, every incoming call and the devices. Zero after teardown. */
  listenerCount(): number;
  /**
   * Drops ended calls from `remoteCalls` and `incomingCalls` (long runs would otherwise keep them all), and
   * returns how many listeners they still had: anything but 0 is a leak.
   */
  forgetEndedCalls(): number;
}

const END_CODES = {
  hungUp: { code: 0 },
  busy: { code: 486 },
  noAnswer: { code: 480 },
  declined: { code: 603 },
  notFound: { code: 404 },
  cancelled: { code: 487 },
  network: { code: 410, subCode: 3112 },
  lobbyDenied: { code: 0, subCode: 5854 },
  answeredElsewhere: { code: 0, subCode: 10003 },
} as const satisfies Record<string, CallEndReasonCode>;

const NO_SPEAKERS: readonly string[] = Object.freeze([]);
/**
 * A meeting's advice before the platform says otherwise. The typings give only a number; 9 is the fake's
 * choice (a 3×3 gallery). 1:1 calls get no advice (`null`, the contract).
 */
const MEETING_OPTIMAL_VIDEO_COUNT = 9;

const streamNotFound = (streamId: string, reason: 'stream_not_found' | 'stream_unavailable') =>
  new TeamsEndpointError(
    'not_found',
    reason === 'stream_not_found' ? 'The call has no such stream.' : 'The stream is not available now.',
    { details: { reason, streamId } },
  );

/** Whether a meeting link can be joined: a short `/meet/` link, or a classic one with a JSON `context`. */
function hasMeetingContext(meetingLink: string): boolean {
  const url = new URL(meetingLink);
  if (url.pathname.startsWith('/meet/')) return true;
  try {
    const context: unknown = JSON.parse(url.searchParams.get('context') ?? '');
    return typeof context === 'object' && context !== null;
  } catch {
    return false;
  }
}

/**
 * Creates the fake calling port.
 *
 * @example
 * const calling = createFakeCalling();
 * calling.scriptNextOutbound('busy');
 * const incoming = calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
 */
export function createFakeCalling(options: FakeCallingOptions = {}): FakeCalling {
  const outboundScript: OutboundOutcome[] = [];
  const meetingScript: MeetingOutcome[] = [];
  const controls = createPortControls<FakeCallingMethod>([
    ...FAKE_DEVICE_METHODS,
    ...FAKE_FEATURE_METHODS,
    'connect',
    'disconnect',
    'startCall',
    'joinMeeting',
    'accept',
    'reject',
    'mute',
    'unmute',
    'hold',
    'resume',
    'sendDtmf',
    'startVideo',
    'stopVideo',
    'startScreenSharing',
    'stopScreenSharing',
    'renderStream',
    'hangUp',
  ]);
  const enter = controls.enter;
  const views = createStreamViews();
  const devices = createFakeDevices({
    enter,
    views,
    onCameraLost: () => {
      for (const call of remoteCalls) call.cameraLost();
    },
    ...(options.devices ? { options: options.devices } : {}),
  });
  const incomingListeners = createListenerSet<IncomingCallHandle>();
  const connectionListeners = createListenerSet<CallAgentConnectionState>();
  const remoteCalls: RemoteCall[] = [];
  const incomingCalls: IncomingCall[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let connected = false;
  let tokenRequests = 0;
  let serial = 0;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const requireConnected = () => {
    if (!connected) throw new TeamsEndpointError('not_connected', 'The call agent is not connected.');
  };

  class RemoteCall implements FakeRemoteCall, CallHandle {
    readonly id: string;
    readonly kind: FakeCallKind;
    readonly features: CallFeatureHandles;
    readonly listeners = createListenerSet<CallPortEvent>();
    readonly dtmfSent: DtmfTone[] = [];
    hangUpCount = 0;
    state: CallHandleState;
    private readonly roster: FakeRoster;
    private readonly featureSet: FakeCallFeatureSet;
    private screenShareDenials = 0;
    private readonly audio = options.remoteAudio ? createRemoteAudio() : undefined;

    constructor(
      readonly direction: 'outgoing' | 'incoming',
      readonly target: CallTarget | MeetingLocator | CallParty,
      status: CallPortStatus,
    ) {
      serial += 1;
      this.id = `fake-call-${serial}`;
      this.roster = new FakeRoster(this.id, {
        changed: (participants) => {
          this.state = { ...this.state, participants };
          this.updateAudio();
        },
        emit: (event) => this.emit(event),
        streamGone: (streamId) => views.disposeStream(this.id, streamId),
      });
      this.kind = callKindOf(target);
      this.state = {
        status,
        isMuted: false,
        isVideoOn: false,
        isScreenSharingOn: false,
        participants: [],
        dominantSpeakers: NO_SPEAKERS,
        optimalVideoCount: this.kind === 'meeting' ? MEETING_OPTIMAL_VIDEO_COUNT : null,
        capabilities: defaultCapabilities(
          this.kind,
          options.meetingRole ?? 'organizer',
          options.capabilities,
        ),
      };
      this.featureSet = createFakeCallFeatures(
        this.kind,
        {
          callId: this.id,
          delayMs: options.transferDelayMs ?? 0,
          status: () => this.state.status,
          capabilities: () => this.state.capabilities,
          enter,
          later,
          hasParticipant: (id) => this.roster.has(id),
          addParticipants: (participants) => this.roster.add(participants),
          findCall: (callId) => {
            const call = remoteCalls.find((candidate) => candidate.id === callId);
            return call && { status: () => call.state.status, end: (reason) => call.end(reason) };
          },
          end: (reason) => this.end(reason),
          setStatus: (status) => this.setStatus(status),
        },
        options.captionTranslation === undefined ? {} : { captionTranslation: options.captionTranslation },
      );
      this.features = this.featureSet.handles;
    }

    /** The core's listeners on the call and on each of its features. */
    get listenerCount() {
      return this.listeners.size + this.featureSet.listenerCount();
    }
    get liveViews() {
      return views.count(this.id);
    }
    private emit(event: CallPortEvent) {
      this.listeners.emit(event);
    }
    private get ended() {
      return this.state.status === 'disconnected';
    }
    setStatus(status: CallPortStatus, endReason?: CallEndReasonCode) {
      if (this.ended) return;
      this.state = { ...this.state, status, ...(endReason ? { endReason } : {}) };
      if (status === 'disconnected') {
        // The contract: the port disposes every view of a call when it ends; its audio goes with it.
        views.disposeOwner(this.id);
        this.audio?.close();
        this.featureSet.callEnded();
      } else {
        this.updateAudio();
      }
      this.emit(endReason ? { type: 'status', status, endReason } : { type: 'status', status });
    }
    end(reason: CallEndReasonCode) {
      if (this.ended) return;
      this.setStatus('disconnected', reason);
    }
    reportStatus(status: CallPortStatus, endReason?: CallEndReasonCode) {
      this.setStatus(status, endReason);
    }

    // remote control
    ring() {
      this.setStatus('ringing');
    }
    earlyMedia() {
      this.setStatus('early_media');
    }
    answer() {
      this.setStatus('connected');
    }
    busy() {
      this.end(END_CODES.busy);
    }
    noAnswer() {
      this.end(END_CODES.noAnswer);
    }
    decline() {
      this.end(END_CODES.declined);
    }
    notFound() {
      this.end(END_CODES.notFound);
    }
    remoteHangUp() {
      this.end(END_CODES.hungUp);
    }
    dropNetwork() {
      this.end(END_CODES.network);
    }
    remoteHold() {
      if (this.state.status === 'connected') this.setStatus('remote_hold');
    }
    remoteResume() {
      if (this.state.status === 'remote_hold') this.setStatus('connected');
    }
    putInLobby() {
      this.setStatus('in_lobby');
    }
    admit() {
      this.setStatus('connected');
    }
    deny() {
      this.end(END_CODES.lobbyDenied);
    }

    // participants and their media
    private updateAudio() {
      // Remote audio flows only while the call is connected (not on hold, not in the lobby).
      this.audio?.setAudible(this.state.status === 'connected' && this.roster.anyoneSpeaking);
    }
    addParticipants(countOrParticipants: number | readonly Participant[]) {
      const added =
        typeof countOrParticipants === 'number'
          ? createParticipants(countOrParticipants)
          : [...countOrParticipants];
      this.roster.add(added);
      return added;
    }
    removeParticipants(ids: readonly string[]) {
      this.roster.remove(ids);
      this.featureSet.participantsLeft(ids);
    }
    updateParticipant(id: string, change: ParticipantChange) {
      this.roster.update(id, change);
    }
    // The SDK reports nothing about a call once it is Disconnected: the media scripts do nothing then.
    setParticipantVideo(participantId: string, on: boolean) {
      if (!this.ended) this.roster.turnStream(participantId, 'video', on);
    }
    setParticipantScreenShare(participantId: string, on: boolean) {
      if (this.ended) return;
      if (on && !availableStream(this.roster.get(participantId), 'screenSharing')) {
        // Teams shows one share at a time in a call: whoever starts sharing takes over from the presenter.
        this.roster.endShares(participantId);
        if (this.state.isScreenSharingOn) this.setScreenSharing(false);
      }
      this.roster.turnStream(participantId, 'screenSharing', on);
    }
    setDominantSpeakers(participantIds: readonly string[]) {
      if (this.ended) return;
      for (const id of participantIds) this.roster.get(id);
      // The list changes only when the platform says (`dominantSpeakersChanged`): one who leaves may stay on it.
      const ids = Object.freeze([...participantIds]);
      this.state = { ...this.state, dominantSpeakers: ids };
      this.emit({ type: 'dominantSpeakers', ids });
    }
    setOptimalVideoCount(count: number) {
      if (!Number.isInteger(count) || count < 0) throw new Error(`Not a video count: ${count}.`);
      // `optimalVideoCountChanged` fires on a change only.
      if (this.ended || this.state.optimalVideoCount === count) return;
      this.state = { ...this.state, optimalVideoCount: count };
      this.emit({ type: 'optimalVideoCount', count });
    }
    denyNextScreenShare() {
      this.screenShareDenials += 1;
    }

    // Teams features
    /** The feature's simulation; a test that drives a feature the call does not offer made a mistake. */
    private feature<K extends CallFeatureName>(name: K): NonNullable<FakeCallFeatureSet[K]> {
      const feature = this.featureSet[name];
      if (!feature) throw new Error(`${this.id} (a ${this.kind} call) offers no ${name}.`);
      return feature as NonNullable<FakeCallFeatureSet[K]>;
    }
    setCapabilities(change: PlatformCapabilities) {
      if (this.ended) return;
      const capabilities = mergeCapabilities(this.state.capabilities, change);
      if (capabilities === this.state.capabilities) return;
      this.state = { ...this.state, capabilities };
      this.emit({ type: 'capabilities', capabilities });
    }
    speak(caption: FakeSpokenCaption) {
      return this.feature('captions').speak(caption);
    }
    speakPhrase(
      speakerId: string,
      text: string,
      phraseOptions?: { readonly speakerName?: string; readonly timestamp?: number },
    ) {
      return this.feature('captions').speakPhrase(speakerId, text, phraseOptions);
    }
    raiseRemoteHand(participantId: string) {
      this.feature('raiseHand').raiseRemoteHand(participantId);
    }
    lowerRemoteHand(participantId: string) {
      this.feature('raiseHand').lowerRemoteHand(participantId);
    }
    get transferPending() {
      return this.featureSet.transfer?.transferPending ?? false;
    }
    scriptNextTransfer(outcome: TransferOutcome) {
      this.feature('transfer').scriptNextTransfer(outcome);
    }
    completeTransfer() {
      this.feature('transfer').completeTransfer();
    }
    failTransfer(error?: CallEndReasonCode) {
      this.feature('transfer').failTransfer(error);
    }
    transferUs(remote: CallParty): FakeRemoteCall {
      const transfer = this.feature('transfer');
      if (this.state.status !== 'connected')
        throw new Error(`Only a connected call is transferred; ${this.id} is ${this.state.status}.`);
      const next = new RemoteCall('incoming', remote, 'connected');
      remoteCalls.push(next);
      if (!transfer.deliver({ handle: next, remote })) next.end(END_CODES.hungUp);
      this.end(END_CODES.hungUp);
      return next;
    }
    setRecording(recording: RecordingState) {
      this.feature('recording').setRecording(recording);
    }
    setTranscription(transcription: 'off' | 'on') {
      this.feature('recording').setTranscription(transcription);
    }
    setSpotlight(participantIds: readonly string[]) {
      this.feature('spotlight').setSpotlight(participantIds);
    }
    joinLobby(countOrParticipants: number | readonly LobbyParticipant[]) {
      return this.feature('lobby').joinLobby(countOrParticipants);
    }
    leaveLobby(participantId: string) {
      this.feature('lobby').leaveLobby(participantId);
    }
    setDiagnostic(kind: DiagnosticKind, severity: DiagnosticCondition['severity'] | null) {
      this.feature('diagnostics').setDiagnostic(kind, severity);
    }

    // CallHandle
    getState() {
      return this.state;
    }
    subscribe(listener: (event: CallPortEvent) => void) {
      return this.listeners.add(listener);
    }
    private requireLive(action: string) {
      if (this.ended)
        throw new TeamsEndpointError('invalid_call_state', `Cannot ${action}: the call has ended.`);
    }
    /** Refuses a command issued while the call was not connected (the platform decides on entry). */
    /** The SDK shares (and stops sharing) the screen on a connected call only, judged when issued. */
    private requireConnected(statusWhenIssued: CallPortStatus, refusal: PlatformRefusal, action: string) {
      if (statusWhenIssued !== 'connected') throw platformError(action, refusal);
    }
    async mute() {
      await enter('mute');
      this.requireLive('mute');
      this.state = { ...this.state, isMuted: true };
      this.emit({ type: 'muted', isMuted: true });
    }
    async unmute() {
      const refusal = capabilityRefusal(this.state.capabilities, 'unmute', 'unmute');
      await enter('unmute');
      this.requireLive('unmute');
      if (refusal) throw refusal;
      this.state = { ...this.state, isMuted: false };
      this.emit({ type: 'muted', isMuted: false });
    }
    /** Applies the platform's verdict, taken when the command was issued, as the SDK decides on entry. */
    private obey(verdict: PlatformVerdict, action: string): boolean {
      if (verdict === 'no_op') return false;
      if (verdict !== 'allowed') throw platformError(action, verdict);
      return true;
    }
    async hold() {
      const verdict = platformVerdict('hold', this.state.status);
      await enter('hold');
      this.requireLive('hold');
      if (this.obey(verdict, 'hold the call')) this.setStatus('local_hold');
    }
    async resume() {
      const verdict = platformVerdict('resume', this.state.status);
      await enter('resume');
      this.requireLive('resume');
      if (this.obey(verdict, 'resume the call')) this.setStatus('connected');
    }
    async sendDtmf(tone: DtmfTone) {
      const verdict = platformVerdict('sendDtmf', this.state.status, tone);
      await enter('sendDtmf');
      this.requireLive('send DTMF');
      if (this.obey(verdict, 'send DTMF')) this.dtmfSent.push(tone);
    }
    setVideo(on: boolean) {
      if (!on) views.disposeStream(this.id, LOCAL_STREAM_IDS.video);
      this.state = { ...this.state, isVideoOn: on };
      this.emit({ type: 'video', isVideoOn: on });
    }
    /** The camera stopped delivering (unplugged, permission revoked): the SDK stops the video by itself. */
    cameraLost() {
      if (!this.ended && this.state.isVideoOn) this.setVideo(false);
    }
    async startVideo() {
      const refusal = capabilityRefusal(this.state.capabilities, 'startVideo', 'turn the camera on');
      await enter('startVideo');
      this.requireLive('start video');
      if (refusal) throw refusal;
      // No call-state rule: the SDK 2.0.0's startVideo checks policy and consent, not the call state (its
      // bundle, `startVideo`). The core's machine offers video only while connected, but may send a queued
      // change later (say, on hold), and the SDK carries it out.
      // The ACS port resolves and does nothing when video is already on (`acsCallHandle.ts`).
      if (this.state.isVideoOn) return;
      devices.openCamera();
      this.setVideo(true);
    }
    async stopVideo() {
      await enter('stopVideo');
      this.requireLive('stop video');
      // The ACS port resolves and does nothing when video is already off; the SDK's stopVideo has no call-state rule.
      if (!this.state.isVideoOn) return;
      this.setVideo(false);
    }
    private setScreenSharing(on: boolean) {
      if (!on) views.disposeStream(this.id, LOCAL_STREAM_IDS.screenSharing);
      this.state = { ...this.state, isScreenSharingOn: on };
      this.emit({ type: 'screenSharing', isScreenSharingOn: on });
    }
    async startScreenSharing() {
      const status = this.state.status;
      const refusal = capabilityRefusal(this.state.capabilities, 'startScreenSharing', 'share the screen');
      await enter('startScreenSharing');
      this.requireLive('share the screen');
      // SDK 2.0.0 CallCommonImpl.startScreenSharing: 412/41071 "call is not in Connected state".
      this.requireConnected(status, PLATFORM_REFUSALS.screenSharing, 'share the screen');
      if (refusal) throw refusal;
      // Already sharing: no picker, nothing to do (the port guards the SDK's 400/41035, as for video).
      if (this.state.isScreenSharingOn) return;
      if (this.screenShareDenials > 0) {
        this.screenShareDenials -= 1;
        // SDK 2.0.0 START_FAILED (500/60603): "User may have cancelled the screen share picker".
        throw new TeamsEndpointError('screen_share_denied', 'Screen sharing was cancelled or refused.');
      }
      // One share at a time (see `setParticipantScreenShare`): the local share takes over.
      this.roster.endShares();
      this.setScreenSharing(true);
    }
    async stopScreenSharing() {
      const status = this.state.status;
      await enter('stopScreenSharing');
      this.requireLive('stop sharing the screen');
      if (!this.state.isScreenSharingOn) return;
      // SDK 2.0.0 CallCommonImpl.stopScreenSharing: 412/41072 "Call must be in connected state".
      this.requireConnected(status, PLATFORM_REFUSALS.stopScreenSharing, 'stop sharing the screen');
      this.setScreenSharing(false);
    }
    /** What a view of `streamId` shows; `not_found` for a stream the call does not have or that does not flow. */
    private viewSource(streamId: string): FakeViewSource {
      if (streamId === LOCAL_STREAM_IDS.video) {
        if (!this.state.isVideoOn) throw streamNotFound(streamId, 'stream_unavailable');
        return devices.localCameraSource();
      }
      if (streamId === LOCAL_STREAM_IDS.screenSharing) {
        if (!this.state.isScreenSharingOn) throw streamNotFound(streamId, 'stream_unavailable');
        return {
          streamId,
          kind: 'screenSharing',
          isLocalCamera: false,
          seed: streamId,
          describe: () => ({ name: 'Your screen', caption: 'You are sharing this screen' }),
        };
      }
      const found = this.roster.findStream(streamId);
      if (!found) throw streamNotFound(streamId, 'stream_not_found');
      const { participantId, stream } = found;
      // The contract (and the SDK's typings): a stream that is not available cannot be rendered.
      if (!stream.isAvailable) throw streamNotFound(streamId, 'stream_unavailable');
      const nameNow = () => this.roster.nameOf(participantId);
      return {
        streamId,
        kind: stream.kind,
        isLocalCamera: false,
        seed: participantId,
        describe: () =>
          stream.kind === 'screenSharing'
            ? { name: nameNow() || 'Shared screen', caption: 'Shared screen' }
            : { name: nameNow(), caption: nameNow() },
      };
    }
    async renderStream(streamId: string, container: HTMLElement, renderOptions: RenderStreamOptions = {}) {
      await enter('renderStream', renderOptions.signal);
      this.requireLive('render a stream');
      return views.render(this.id, this.viewSource(streamId), container, renderOptions);
    }
    async hangUp() {
      this.hangUpCount += 1;
      await enter('hangUp');
      // The SDK refuses to stop a call that is Disconnecting or Disconnected (`_PluginlessCall.stop`); the ACS
      // port therefore does nothing then, and so does the fake.
      if (this.ended || this.state.status === 'disconnecting') return;
      this.setStatus('disconnecting');
      if (options.hangUpDelayMs === undefined) {
        await Promise.resolve();
        this.end(END_CODES.hungUp);
      } else {
        later(options.hangUpDelayMs, () => this.end(END_CODES.hungUp));
      }
    }
  }

  class IncomingCall implements FakeIncomingCall, IncomingCallHandle {
    readonly id: string;
    status: FakeIncomingCall['status'] = 'ringing';
    call: RemoteCall | undefined;
    readonly endedListeners = createListenerSet<CallEndReasonCode>();

    constructor(readonly caller: CallParty) {
      serial += 1;
      this.id = `fake-incoming-${serial}`;
    }
    get listenerCount() {
      return this.endedListeners.size;
    }
    private finish(reason: CallEndReasonCode) {
      if (this.status !== 'ringing') return;
      this.status = 'ended';
      this.endedListeners.emit(reason);
    }
    callerHangsUp() {
      this.finish(END_CODES.cancelled);
    }
    answeredElsewhere() {
      this.finish(END_CODES.answeredElsewhere);
    }
    async accept(opts?: SignalOption) {
      // Like the SDK, the answer is decided when the request leaves: a caller who hangs up while it is in
      // flight finds the call answered, and ends it.
      const ringing = this.status === 'ringing';
      await enter('accept', opts?.signal);
      if (!ringing) {
        throw new TeamsEndpointError('call_failed', 'The caller hung up before the call was answered.', {
          details: { reason: 'caller_hung_up' },
        });
      }
      this.status = 'accepted';
      const call = new RemoteCall('incoming', this.caller, 'connecting');
      this.call = call;
      remoteCalls.push(call);
      if (options.connectAcceptedCalls !== false) queueMicrotask(() => call.answer());
      return call;
    }
    async reject() {
      await enter('reject');
      if (this.status === 'ringing') this.status = 'rejected';
    }
    onEnded(listener: (reason: CallEndReasonCode) => void) {
      return this.endedListeners.add(listener);
    }
  }

  const runOutbound = (call: RemoteCall, outcome: OutboundOutcome) => {
    if (outcome === 'manual') return;
    later(options.ringDelayMs ?? 0, () => {
      call.ring();
      later(options.answerDelayMs ?? 0, () => {
        const act = {
          answer: call.answer,
          busy: call.busy,
          no_answer: call.noAnswer,
          decline: call.decline,
          not_found: call.notFound,
        }[outcome];
        act.call(call);
      });
    });
  };

  const runMeeting = (call: RemoteCall, outcome: MeetingOutcome) => {
    if (outcome === 'manual') return;
    later(options.ringDelayMs ?? 0, () => (outcome === 'admit' ? call.admit() : call.putInLobby()));
  };

  const fake: FakeCalling = {
    devices: devices.port,
    deviceControls: devices.controls,
    get isConnected() {
      return connected;
    },
    liveViewCount() {
      return views.count();
    },
    get tokenRequests() {
      return tokenRequests;
    },
    remoteCalls,
    incomingCalls,
    methodCalls: controls.calls,
    lastCall() {
      const call = remoteCalls.at(-1);
      if (!call) throw new Error('No call has been started.');
      return call;
    },
    scriptNextOutbound(outcome) {
      outboundScript.push(outcome);
    },
    scriptNextMeeting(outcome) {
      meetingScript.push(outcome);
    },
    simulateIncomingCall(caller) {
      if (!connected) throw new Error('The fake call agent is not connected, so no call can reach it.');
      const incoming = new IncomingCall(caller);
      incomingCalls.push(incoming);
      incomingListeners.emit(incoming);
      return incoming;
    },
    failNext: controls.failNext,
    deferNext: controls.deferNext,
    holdAll: controls.holdAll,
    dropConnection() {
      if (!connected) return;
      connected = false;
      for (const call of remoteCalls) call.dropNetwork();
      connectionListeners.emit('disconnected');
    },
    restoreConnection() {
      if (connected) return;
      connected = true;
      connectionListeners.emit('connected');
    },
    forgetEndedCalls() {
      let leftover = 0;
      const keep = <T extends { listenerCount: number }>(list: T[], ended: (item: T) => boolean) => {
        const live = list.filter((item) => {
          if (!ended(item)) return true;
          leftover += item.listenerCount;
          return false;
        });
        list.splice(0, list.length, ...live);
      };
      keep(remoteCalls, (call) => call.state.status === 'disconnected');
      keep(
        incomingCalls,
        (call) =>
          call.status !== 'ringing' && (call.call === undefined || call.call.state.status === 'disconnected'),
      );
      return leftover;
    },
    listenerCount() {
      return (
        incomingListeners.size +
        connectionListeners.size +
        remoteCalls.reduce((sum, call) => sum + call.listenerCount, 0) +
        incomingCalls.reduce((sum, call) => sum + call.listenerCount, 0) +
        devices.listenerCount()
      );
    },

    async connect(connectOptions: ConnectOptions) {
      await enter('connect', connectOptions.signal);
      tokenRequests += 1;
      const { expiresOn } = await connectOptions.getToken({ signal: connectOptions.signal });
      if (expiresOn.getTime() <= Date.now()) {
        throw new TeamsEndpointError('token_expired', 'The ACS token has expired.', { retryable: true });
      }
      connected = true;
    },
    async disconnect() {
      await enter('disconnect');
      connected = false;
      // As with the SDK, the calls die with the agent: each live one ends, and says so.
      for (const call of remoteCalls) call.end(END_CODES.hungUp);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    async startCall(target: CallTarget, opts?: SignalOption) {
      await enter('startCall', opts?.signal);
      requireConnected();
      const call = new RemoteCall('outgoing', target, 'connecting');
      remoteCalls.push(call);
      runOutbound(call, outboundScript.shift() ?? options.defaultOutcome ?? 'manual');
      return call;
    },
    async joinMeeting(locator: MeetingLocator, opts?: SignalOption) {
      await enter('joinMeeting', opts?.signal);
      requireConnected();
      if (locator.kind === 'link' && !hasMeetingContext(locator.meetingLink)) {
        // The SDK 2.0.0 reads the organizer and tenant of a classic link from its JSON `context` and refuses
        // a link without one (400/40210, `parseLongMeetingLink`); the ACS port refuses it first, with this
        // error (packages/acs/src/sdkMeetingLink.ts).
        throw new TeamsEndpointError(
          'invalid_meeting_link',
          'This Teams meeting link has no meeting context (the "?context=…" part), which Teams needs to find the meeting.',
          { details: { reason: 'missing_context' } },
        );
      }
      const call = new RemoteCall('outgoing', locator, 'connecting');
      remoteCalls.push(call);
      runMeeting(call, meetingScript.shift() ?? options.defaultMeetingOutcome ?? 'manual');
      return call;
    },
    onIncomingCall(listener) {
      return incomingListeners.add(listener);
    },
    onConnectionStateChanged(listener) {
      return connectionListeners.add(listener);
    },
  };
  return fake;
}
