import {
  type CallAgentConnectionState,
  type CallEndReasonCode,
  type CallHandle,
  type CallHandleState,
  type CallingPort,
  type CallParty,
  type CallPortEvent,
  type CallPortStatus,
  type CallTarget,
  type ConnectOptions,
  createListenerSet,
  DTMF_TONES,
  type DtmfTone,
  type IncomingCallHandle,
  type MeetingLocator,
  type Participant,
  type SignalOption,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { createPortControls, type FakeDeferred, type FakeQueue } from './portControls';

/** What the remote party of the next outbound call does. `manual` waits for the test to drive it. */
export type OutboundOutcome = 'answer' | 'busy' | 'no_answer' | 'decline' | 'not_found' | 'manual';

/** What happens to the next meeting join. */
export type MeetingOutcome = 'admit' | 'lobby' | 'manual';

/** Every port method of the fake, for fault injection and call counting. */
export type FakeCallingMethod =
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
}

/** The remote control of one simulated call: what the other side and the network do. */
export interface FakeRemoteCall {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly target: CallTarget | MeetingLocator | CallParty;
  readonly state: CallHandleState;
  readonly dtmfSent: readonly DtmfTone[];
  readonly hangUpCount: number;
  /** Listeners the core has on this call right now. */
  readonly listenerCount: number;
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
  updateParticipant(id: string, change: Partial<Pick<Participant, 'isMuted' | 'isSpeaking'>>): void;
  /** Ends the call with any raw end reason. */
  end(reason: CallEndReasonCode): void;
  /** Reports any SDK call state, as the SDK would after its own event (for model-based tests). */
  reportStatus(status: CallPortStatus, endReason?: CallEndReasonCode): void;
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
  /** Listeners the core holds on the agent, every call and every incoming call. Zero after teardown. */
  listenerCount(): number;
  /**
   * Drops ended calls from `remoteCalls` and `incomingCalls` (long runs would otherwise keep them all), and
   * returns how many listeners they still had: anything but 0 is a leak.
   */
  forgetEndedCalls(): number;
}

/** The call controls whose acceptance depends on the call state (and, for DTMF, on the tone). */
export type PlatformControl = 'hold' | 'resume' | 'sendDtmf';

/** A refusal of the ACS Calling SDK 2.0.0: its own error codes and message, and where its code decides. */
export interface PlatformRefusal {
  readonly code: number;
  readonly subCode: number;
  readonly message: string;
  /** Where the rule comes from (the SDK code read, or a `FACTS.md` entry). */
  readonly source: string;
}

/** What the platform does with a control: carries it out, does nothing and resolves, or refuses it. */
export type PlatformVerdict = 'allowed' | 'no_op' | PlatformRefusal;

const HOLD_REFUSED: PlatformRefusal = {
  code: 500,
  subCode: 41033,
  message: 'Failed to hold the call.',
  source:
    'SDK 2.0.0 _PluginlessCall.hold: isValidHoldResumeCallState allows Connected, RemoteHold, InLobby (and Staging); CallCommonImpl.hold rethrows as CALL.HOLD_CALL',
};
const RESUME_REFUSED: PlatformRefusal = {
  code: 500,
  subCode: 41034,
  message: 'Failed to resume the call.',
  source:
    'SDK 2.0.0 _PluginlessCall.unhold: only LocalHold resumes; CallCommonImpl.resume rethrows as CALL.RESUME_CALL',
};
const DTMF_REFUSED: PlatformRefusal = {
  code: 400,
  subCode: 41022,
  message: 'Failed to send DTMF tone',
  source:
    'SDK 2.0.0 _PluginlessCall.sendDtmfTone needs a media session whose audio sender can insert DTMF (RTCDTMFSender.canInsertDTMF); CallCommonImpl.sendDtmf rethrows as CALL.DTMF_TONE',
};
const DTMF_TONE_UNSUPPORTED: PlatformRefusal = {
  ...DTMF_REFUSED,
  source:
    "SDK 2.0.0 _PluginlessCall.toneToString maps only Num0-Num9, Star and Pound; 'A'-'D' reject with \"Unsupported DtmfTone\", rethrown as CALL.DTMF_TONE",
};

/** Each refusal of {@link platformVerdict}, for the stubs of the SDK that need one directly. */
export const PLATFORM_REFUSALS = {
  hold: HOLD_REFUSED,
  resume: RESUME_REFUSED,
  sendDtmf: DTMF_REFUSED,
} as const satisfies Record<PlatformControl, PlatformRefusal>;

/** Keys the SDK's media stack can send. `A`–`D` pass the SDK's own tone check but not its stack. */
const SENDABLE_TONES: ReadonlySet<DtmfTone> = new Set(DTMF_TONES.filter((tone) => !'ABCD'.includes(tone)));

/**
 * What the ACS Calling SDK 2.0.0 does with a hold, a resume or a DTMF key in each call state, in the core's
 * vocabulary. Read from the SDK's own code (each refusal names where); the ACS package's conformance suite
 * runs the SDK's code against this table. The fake calling port and the ACS port's SDK stub both enforce it,
 * so that neither is kinder than the platform.
 *
 * - hold: Connected, RemoteHold and InLobby; already on LocalHold resolves and does nothing
 *   (`TeamsCallImpl.hold`: "Call already on hold").
 * - resume: LocalHold; already Connected resolves and does nothing (`_PluginlessCall.unhold`).
 * - sendDtmf: only while media flows, Connected or EarlyMedia, and only `0`–`9`, `*`, `#`. EarlyMedia is
 *   read from WebRTC (an answered audio sender can insert DTMF), not seen on a tenant.
 *
 * @example
 * platformVerdict('hold', 'ringing'); // { code: 500, subCode: 41033, … }
 * platformVerdict('resume', 'connected'); // 'no_op'
 */
export function platformVerdict(
  control: PlatformControl,
  status: CallPortStatus,
  tone?: DtmfTone,
): PlatformVerdict {
  switch (control) {
    case 'hold':
      if (status === 'local_hold') return 'no_op';
      return status === 'connected' || status === 'remote_hold' || status === 'in_lobby'
        ? 'allowed'
        : HOLD_REFUSED;
    case 'resume':
      if (status === 'connected') return 'no_op';
      return status === 'local_hold' ? 'allowed' : RESUME_REFUSED;
    case 'sendDtmf':
      if (tone !== undefined && !SENDABLE_TONES.has(tone)) return DTMF_TONE_UNSUPPORTED;
      return status === 'connected' || status === 'early_media' ? 'allowed' : DTMF_REFUSED;
  }
}

/** The error the ACS port reports for a platform refusal: `call_failed`, with the SDK's codes. */
function platformError(action: string, refusal: PlatformRefusal): TeamsEndpointError {
  return new TeamsEndpointError('call_failed', `Could not ${action}.`, {
    details: { code: refusal.code, subCode: refusal.subCode },
  });
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

let participantSerial = 0;

/** Creates deterministic participants for bursts. */
export function createParticipants(count: number): Participant[] {
  return Array.from({ length: count }, () => {
    participantSerial += 1;
    return {
      id: `8:orgid:00000000-0000-4000-8000-${participantSerial.toString(16).padStart(12, '0')}`,
      kind: 'teamsUser' as const,
      displayName: `Participant ${participantSerial}`,
      isMuted: true,
      isSpeaking: false,
    };
  });
}

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
    'hangUp',
  ]);
  const enter = controls.enter;
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
    readonly listeners = createListenerSet<CallPortEvent>();
    readonly dtmfSent: DtmfTone[] = [];
    hangUpCount = 0;
    state: CallHandleState;
    private participantList: Participant[] = [];

    constructor(
      readonly direction: 'outgoing' | 'incoming',
      readonly target: CallTarget | MeetingLocator | CallParty,
      status: CallPortStatus,
    ) {
      serial += 1;
      this.id = `fake-call-${serial}`;
      this.state = { status, isMuted: false, isVideoOn: false, participants: [] };
    }

    get listenerCount() {
      return this.listeners.size;
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
    addParticipants(countOrParticipants: number | readonly Participant[]) {
      const added =
        typeof countOrParticipants === 'number'
          ? createParticipants(countOrParticipants)
          : [...countOrParticipants];
      this.participantList = [...this.participantList, ...added];
      this.state = { ...this.state, participants: this.participantList };
      this.emit({ type: 'participantsAdded', participants: added });
      return added;
    }
    removeParticipants(ids: readonly string[]) {
      const gone = new Set(ids);
      this.participantList = this.participantList.filter((p) => !gone.has(p.id));
      this.state = { ...this.state, participants: this.participantList };
      this.emit({ type: 'participantsRemoved', ids });
    }
    updateParticipant(id: string, change: Partial<Pick<Participant, 'isMuted' | 'isSpeaking'>>) {
      const index = this.participantList.findIndex((p) => p.id === id);
      const current = this.participantList[index];
      if (!current) throw new Error(`No participant ${id} in ${this.id}.`);
      const participant = { ...current, ...change };
      this.participantList[index] = participant;
      this.emit({ type: 'participantChanged', participant });
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
    async mute() {
      await enter('mute');
      this.requireLive('mute');
      this.state = { ...this.state, isMuted: true };
      this.emit({ type: 'muted', isMuted: true });
    }
    async unmute() {
      await enter('unmute');
      this.requireLive('unmute');
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
    async startVideo() {
      await enter('startVideo');
      this.requireLive('start video');
      this.state = { ...this.state, isVideoOn: true };
      this.emit({ type: 'video', isVideoOn: true });
    }
    async stopVideo() {
      await enter('stopVideo');
      this.requireLive('stop video');
      this.state = { ...this.state, isVideoOn: false };
      this.emit({ type: 'video', isVideoOn: false });
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
    get isConnected() {
      return connected;
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
        incomingCalls.reduce((sum, call) => sum + call.listenerCount, 0)
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
