import { createActor } from 'xstate';
import { parseDtmfTone } from '../domain/dtmf';
import { describeEndReason, type EndReason } from '../domain/endReason';
import { parsePhoneNumber } from '../domain/phoneNumber';
import { parseTeamsUserId } from '../domain/teamsUserId';
import { TeamsEndpointError, type TeamsEndpointErrorInfo } from '../errors';
import { featureRefusal, transferRefusal } from '../machines/callMachineSetup';
import { CALL_STATUSES, type CallStatus } from '../machines/callStatus';
import type { inboundCallMachine } from '../machines/inboundCallMachine';
import type { joinMeetingMachine } from '../machines/joinMeetingMachine';
import type { outboundPstnCallMachine } from '../machines/outboundPstnCallMachine';
import type { outboundTeamsCallMachine } from '../machines/outboundTeamsCallMachine';
import type { transferredCallMachine } from '../machines/transferredCallMachine';

export type { CallStatus };

import type {
  CallCommand,
  CallContext,
  CallEvent,
  CallerResolution,
  CallInput,
  CallKind,
  CallOutcome,
  CallTransferTarget,
  EndpointEndCause,
  RemoteParty,
  TransferProgress,
} from '../machines/callTypes';
import type { CapabilityReason, PlatformCapability } from '../ports/callFeatures';
import { type CallHandle, LOCAL_STREAM_IDS, type VideoStreamKind } from '../ports/callingPort';
import { createListenerSet } from '../store/listenerSet';
import { createUnitStore, type ObservableUnit, shareShallow } from '../store/observableUnit';
import { type CallParticipant, ParticipantStore } from '../store/participantStore';
import { callMediaOf, registerCallMedia } from './callMedia';

export type { CallParticipant, CallTransferTarget };

/**
 * What the call's machine accepts right now, one flag per command; bind buttons' `disabled` to these. Each
 * flag is the machine's own answer (`snapshot.can(command)`): a command whose flag is false is ignored and
 * never reaches the calling port. Toggles follow the user's intent: after `mute()`, `mute` is false and
 * `unmute` true at once, even before the port confirms.
 */
export interface CallCapabilities {
  readonly accept: boolean;
  readonly reject: boolean;
  readonly hangUp: boolean;
  readonly mute: boolean;
  readonly unmute: boolean;
  readonly hold: boolean;
  readonly resume: boolean;
  readonly sendDtmf: boolean;
  readonly startVideo: boolean;
  readonly stopVideo: boolean;
  readonly startScreenSharing: boolean;
  readonly stopScreenSharing: boolean;
  /** Blind or consultative transfer of a 1:1 call (`call.transfer`). */
  readonly transfer: boolean;
  /** Raising and lowering one's own hand (`callRaisedHands`). */
  readonly raiseHand: boolean;
  /** Lowering everyone's hands: organizers and presenters. */
  readonly lowerAllHands: boolean;
  /** Admitting and rejecting people in the lobby (`callLobby`). */
  readonly manageLobby: boolean;
  /** Spotlighting a participant (`callSpotlight`). */
  readonly spotlight: boolean;
  /** Removing someone else's spotlight. */
  readonly removeSpotlight: boolean;
  /** Starting live captions (`callCaptions`). */
  readonly startCaptions: boolean;
  /** Changing the caption (translation) language. */
  readonly setCaptionLanguage: boolean;
}

/** Why each false flag of {@link CallCapabilities} is false; a true flag has no entry. */
export type CallCapabilityReasons = { readonly [K in keyof CallCapabilities]?: CapabilityReason };

/** Where the last transfer of a call stands. */
export interface CallTransfer {
  readonly state: TransferProgress['state'];
  readonly target: CallTransferTarget;
  /** Why it failed (`state: 'failed'`). */
  readonly error: TeamsEndpointErrorInfo | null;
}

/**
 * Where to transfer a call: a phone number (any format `callPhoneNumber` accepts), a Teams user id (GUID), or
 * another live call of this endpoint (consultative transfer: the two remote parties are connected).
 */
export type TransferRequest =
  | { readonly phoneNumber: string }
  | { readonly teamsUserId: string }
  | { readonly call: Call };

/** The command behind each capability flag. */
export const CALL_COMMANDS: { readonly [K in keyof CallCapabilities]: CallCommand } = {
  accept: { type: 'ACCEPT' },
  reject: { type: 'REJECT' },
  hangUp: { type: 'HANG_UP' },
  mute: { type: 'MUTE' },
  unmute: { type: 'UNMUTE' },
  hold: { type: 'HOLD' },
  resume: { type: 'RESUME' },
  sendDtmf: { type: 'SEND_DTMF', tone: '1' },
  startVideo: { type: 'START_VIDEO' },
  stopVideo: { type: 'STOP_VIDEO' },
  startScreenSharing: { type: 'START_SCREEN_SHARING' },
  stopScreenSharing: { type: 'STOP_SCREEN_SHARING' },
  transfer: {
    type: 'TRANSFER',
    target: { kind: 'phoneNumber', phoneNumber: '+10000000000' },
    shown: { kind: 'phoneNumber', phoneNumber: '+10000000000' },
  },
  raiseHand: { type: 'FEATURE', feature: 'raiseHand', capability: 'raiseHand' },
  lowerAllHands: { type: 'FEATURE', feature: 'raiseHand', capability: 'lowerAllHands' },
  manageLobby: { type: 'FEATURE', feature: 'lobby', capability: 'manageLobby' },
  spotlight: { type: 'FEATURE', feature: 'spotlight', capability: 'spotlight' },
  removeSpotlight: { type: 'FEATURE', feature: 'spotlight', capability: 'removeSpotlight' },
  startCaptions: { type: 'FEATURE', feature: 'captions', capability: 'startCaptions' },
  setCaptionLanguage: { type: 'FEATURE', feature: 'captions', capability: 'setCaptionLanguage' },
};

/** The platform capability behind each flag Teams decides. */
const PLATFORM_CAPABILITY_OF: { readonly [K in keyof CallCapabilities]?: PlatformCapability } = {
  unmute: 'unmute',
  startVideo: 'startVideo',
  startScreenSharing: 'startScreenSharing',
};

/** This endpoint's own stream, sent while the camera or the screen share is on. Render it by its id. */
export interface LocalVideoStream {
  readonly id: (typeof LOCAL_STREAM_IDS)[VideoStreamKind];
  readonly kind: VideoStreamKind;
}

const LOCAL_CAMERA: LocalVideoStream = { id: LOCAL_STREAM_IDS.video, kind: 'video' };
const LOCAL_SHARE: LocalVideoStream = { id: LOCAL_STREAM_IDS.screenSharing, kind: 'screenSharing' };
/** One array per combination, so that the snapshot's field keeps its identity. */
const LOCAL_STREAMS: readonly (readonly LocalVideoStream[])[] = [
  [],
  [LOCAL_CAMERA],
  [LOCAL_SHARE],
  [LOCAL_CAMERA, LOCAL_SHARE],
];

/** A call's state: plain, immutable, serializable; no token, no SDK object. */
export interface CallSnapshot {
  readonly id: string;
  readonly kind: CallKind;
  readonly direction: 'outgoing' | 'incoming';
  readonly status: CallStatus;
  readonly remote: RemoteParty;
  /** Inbound calls: progress of turning the caller into a name. `null` for outgoing calls. */
  readonly callerResolution: CallerResolution | null;
  /** Teams calls: the 1:1 chat thread the call runs on. */
  readonly threadId: string | null;
  readonly isMuted: boolean;
  readonly isVideoOn: boolean;
  readonly isScreenSharingOn: boolean;
  /** The local camera preview and the local screen share, while they are on. */
  readonly localStreams: readonly LocalVideoStream[];
  /** Epoch ms when the call was created here. */
  readonly startedAt: number;
  /** Epoch ms when it first connected; drives duration timers. */
  readonly connectedAt: number | null;
  readonly endedAt: number | null;
  readonly endReason: EndReason | null;
  readonly outcome: CallOutcome | null;
  /** Why the call failed (status `failed`). */
  readonly error: TeamsEndpointErrorInfo | null;
  /** The last control (mute, hold, DTMF, …) that failed; the call itself goes on. */
  readonly controlError: TeamsEndpointErrorInfo | null;
  /** The remote participants: the roster, with their streams. Also readable one by one (`getParticipant`). */
  readonly participants: readonly CallParticipant[];
  /** Ids of the participants heard most, most recent first. */
  readonly dominantSpeakers: readonly string[];
  /** How many remote videos the platform advises rendering now; `null` where it gives no advice. */
  readonly optimalVideoCount: number | null;
  readonly can: CallCapabilities;
  /**
   * Why each false `can` flag is false: `state` (not now), `unavailable` (this call does not offer it), or
   * Teams' own reason (`policy`, `role`, `meeting_option`, …).
   */
  readonly canReasons: CallCapabilityReasons;
  /** The last transfer of this call; `null` when none was asked. */
  readonly transfer: CallTransfer | null;
  /** The remote party transferred us: the id of the call that replaced this one (outcome `transferred`). */
  readonly replacedBy: string | null;
}

/**
 * One call. Observable like every unit; its actions are fire-and-forget commands whose effect shows up in
 * the snapshot. Commands that do not apply to the current status (see `snapshot.can`) are ignored.
 *
 * @example
 * const call = endpoint.callPhoneNumber('+1 425 555 0123');
 * call.subscribe(() => render(call.getSnapshot().status));
 * call.mute();
 * const finished = await call.whenEnded();
 */
export interface Call extends ObservableUnit<CallSnapshot> {
  readonly id: string;
  accept(): void;
  reject(): void;
  hangUp(): void;
  mute(): void;
  unmute(): void;
  toggleMute(): void;
  hold(): void;
  resume(): void;
  /** Sends one DTMF key (`0`–`9`, `*`, `#`, `A`–`D`); throws `invalid_argument` for anything else. */
  sendDtmf(tone: string): void;
  startVideo(): void;
  stopVideo(): void;
  /** Shares the screen (the browser asks what); a refusal shows as `controlError` `screen_share_denied`. */
  startScreenSharing(): void;
  stopScreenSharing(): void;
  /**
   * Transfers this 1:1 call (PSTN or Teams) and ends it when Teams confirms (outcome `transferred`); progress
   * shows in `snapshot.transfer`. The target is validated first: throws `invalid_phone_number`,
   * `invalid_teams_user_id` or `invalid_argument` (not a live call of this endpoint, or this call itself) and
   * changes nothing. Ignored unless `can.transfer`.
   *
   * @example
   * call.transfer({ phoneNumber: '+1 425 555 0100' });
   * call.transfer({ teamsUserId: colleague.id });
   * call.transfer({ call: consultationCall }); // consultative
   */
  transfer(to: TransferRequest): void;
  /** One participant's roster entry now, in O(1); `undefined` when not in the call. */
  getParticipant(participantId: string): CallParticipant | undefined;
  /**
   * Hears only that participant's changes (joins, leaves, mute, speaking, streams), once per burst: bind a
   * tile to it so that a thousand others speaking do not touch it. Returns the function that removes it.
   */
  subscribeParticipant(participantId: string, listener: () => void): () => void;
  /** Resolves with the final snapshot once the call has ended or failed. */
  whenEnded(): Promise<CallSnapshot>;
}

/** One of the call machines; all are made from the same setup. */
export type CallMachine =
  | typeof outboundPstnCallMachine
  | typeof outboundTeamsCallMachine
  | typeof inboundCallMachine
  | typeof joinMeetingMachine
  | typeof transferredCallMachine;

/** What the unit reads of any call machine's snapshot: every one of the four has exactly this. */
interface CallActorSnapshot {
  readonly context: CallContext;
  hasTag(tag: CallStatus): boolean;
  readonly status: 'active' | 'done' | 'error' | 'stopped';
  can(event: CallEvent): boolean;
}

interface CallActor {
  getSnapshot(): CallActorSnapshot;
  send(event: CallEvent): void;
  subscribe(observer: { next: (snapshot: CallActorSnapshot) => void; error: (error: unknown) => void }): {
    unsubscribe(): void;
  };
  start(): void;
  stop(): void;
}

/** The call's status: the one status tag of the machine's current state. */
export function statusOf(snapshot: CallActorSnapshot): CallStatus {
  const status = CALL_STATUSES.find((candidate) => snapshot.hasTag(candidate));
  if (!status) throw new Error('A call machine state has no status tag.');
  return status;
}

function capabilitiesOf(snapshot: CallActorSnapshot): CallCapabilities {
  const can = {} as Record<keyof CallCapabilities, boolean>;
  for (const key of Object.keys(CALL_COMMANDS) as (keyof CallCapabilities)[]) {
    can[key] = snapshot.status === 'active' && snapshot.can(CALL_COMMANDS[key]);
  }
  return can;
}

/** Why a flag the machine refuses is false: what the call offers and Teams allows, else its state. */
function reasonOf(key: keyof CallCapabilities, context: CallContext): CapabilityReason {
  const command = CALL_COMMANDS[key];
  if (command.type === 'TRANSFER') {
    const refusal = transferRefusal(context);
    // Before the port handed the call back, only the kind of call can tell.
    if (refusal && (context.handle || refusal === 'call_type')) return refusal as CapabilityReason;
  } else if (command.type === 'FEATURE' && context.handle) {
    const refusal = featureRefusal(context, command);
    if (refusal) return refusal as CapabilityReason;
  }
  const capability = PLATFORM_CAPABILITY_OF[key];
  const verdict = capability ? context.platform[capability] : undefined;
  return verdict && !verdict.allowed ? verdict.reason : 'state';
}

function reasonsOf(can: CallCapabilities, context: CallContext): CallCapabilityReasons {
  const reasons: { -readonly [K in keyof CallCapabilities]?: CapabilityReason } = {};
  for (const key of Object.keys(can) as (keyof CallCapabilities)[]) {
    if (!can[key]) reasons[key] = reasonOf(key, context);
  }
  return reasons;
}

function transferOf(progress: TransferProgress | null, previous: CallTransfer | null): CallTransfer | null {
  if (!progress) return null;
  const next: CallTransfer = {
    state: progress.state,
    target: shareShallow(previous?.target, progress.shown),
    error: progress.error ? shareShallow(previous?.error ?? undefined, progress.error.toJSON()) : null,
  };
  return shareShallow(previous ?? undefined, next);
}

const errorInfo = (
  error: { toJSON(): TeamsEndpointErrorInfo } | null,
  previous: TeamsEndpointErrorInfo | null,
) => (error ? shareShallow(previous ?? undefined, error.toJSON()) : null);

export interface CallUnitInternals {
  readonly call: Call;
  readonly status: () => CallStatus;
  readonly isFinal: () => boolean;
  /** Why the last control failed, for call waiting's own error. */
  readonly controlError: () => TeamsEndpointError | null;
  /** Sends any machine event, for the registry (a hold with its reason, a hang-up by sign-out). */
  readonly send: (event: CallEvent) => void;
  /** Hears every change of status, synchronously, as it happens: the registry's rules run on it. */
  readonly onStatus: (listener: (next: CallStatus, previous: CallStatus) => void) => () => void;
  readonly subscriberCount: () => number;
  /** Stops the machine and removes every listener; `whenEnded()` settles with the last snapshot. */
  readonly stop: () => void;
}

/** Runs one call machine and exposes it as an observable {@link Call}. */
export function createCallUnit(options: {
  readonly id: string;
  readonly machine: CallMachine;
  readonly input: Omit<CallInput, 'deps'> & { deps: Omit<CallInput['deps'], 'participants'> };
  readonly startedAt: number;
  /** Called whenever the call's state may have changed (the endpoint's snapshot includes it). */
  readonly onInvalidate: () => void;
  /** The endpoint the call belongs to: a consultative transfer joins two calls of one endpoint only. */
  readonly owner?: object;
}): CallUnitInternals {
  const participants = new ParticipantStore(() => store.invalidate());
  const actor: CallActor = createActor(options.machine, {
    input: { ...options.input, deps: { ...options.input.deps, participants } },
  });

  /** The machine snapshot `can` was last computed from: participant bursts leave it as it is. */
  let canFrom: CallActorSnapshot | undefined;
  const compute = (previous: CallSnapshot | undefined): CallSnapshot => {
    const snapshot = actor.getSnapshot();
    // Each flag is a transition of the machine: compute them only when the machine moved.
    const unchanged = previous !== undefined && snapshot === canFrom;
    const { context } = snapshot;
    const can = unchanged ? previous.can : shareShallow(previous?.can, capabilitiesOf(snapshot));
    const canReasons = unchanged
      ? previous.canReasons
      : shareShallow(previous?.canReasons, reasonsOf(can, context));
    canFrom = snapshot;
    const endReason = context.endReason || context.endedBy ? endReasonOf(context) : null;
    const next: CallSnapshot = {
      id: options.id,
      kind: context.kind,
      direction: context.kind === 'inbound' ? 'incoming' : 'outgoing',
      status: statusOf(snapshot),
      remote: shareShallow(previous?.remote, context.remote),
      callerResolution: context.callerResolution,
      threadId: context.threadId,
      isMuted: context.isMuted,
      isVideoOn: context.isVideoOn,
      isScreenSharingOn: context.isScreenSharingOn,
      localStreams: LOCAL_STREAMS[(context.isVideoOn ? 1 : 0) + (context.isScreenSharingOn ? 2 : 0)]!,
      startedAt: options.startedAt,
      connectedAt: context.connectedAt,
      endedAt: context.endedAt,
      endReason: endReason ? shareShallow(previous?.endReason ?? undefined, endReason) : null,
      outcome: context.outcome,
      error: errorInfo(context.error, previous?.error ?? null),
      controlError: errorInfo(context.controlError, previous?.controlError ?? null),
      participants: participants.snapshot,
      dominantSpeakers: participants.dominantSpeakers,
      optimalVideoCount: participants.optimalVideoCount,
      can,
      canReasons,
      transfer: transferOf(context.transfer, previous?.transfer ?? null),
      replacedBy: context.replacedBy,
    };
    return shareShallow(previous, next);
  };

  // The store is created before the actor starts so that the first transitions are observed.
  const store = createUnitStore<CallSnapshot>((previous) => compute(previous), options.onInvalidate);
  const statusListeners = createListenerSet<{ next: CallStatus; previous: CallStatus }>();
  let lastStatus: CallStatus | null = null;
  const subscription = actor.subscribe({
    next: (snapshot) => {
      store.invalidate();
      const next = statusOf(snapshot);
      const previous = lastStatus;
      lastStatus = next;
      if (previous !== null && previous !== next) statusListeners.emit({ next, previous });
    },
    error: () => store.invalidate(),
  });
  actor.start();
  lastStatus = statusOf(actor.getSnapshot());

  const send = (event: CallEvent) => actor.send(event);
  const isFinal = () => actor.getSnapshot().status !== 'active';
  /** Pending `whenEnded()` calls: settled, with the last snapshot, when the call ends or the unit stops. */
  const waiters = new Set<() => void>();
  let stopped = false;

  const call: Call = {
    id: options.id,
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    state$: store.state$,
    accept: () => send({ type: 'ACCEPT' }),
    reject: () => send({ type: 'REJECT' }),
    hangUp: () => send({ type: 'HANG_UP' }),
    mute: () => send({ type: 'MUTE' }),
    unmute: () => send({ type: 'UNMUTE' }),
    // The intent, not the confirmed state, decides: two quick toggles mute and unmute.
    toggleMute: () => send({ type: actor.getSnapshot().can({ type: 'MUTE' }) ? 'MUTE' : 'UNMUTE' }),
    hold: () => send({ type: 'HOLD' }),
    resume: () => send({ type: 'RESUME' }),
    sendDtmf: (tone) => send({ type: 'SEND_DTMF', tone: parseDtmfTone(tone) }),
    startVideo: () => send({ type: 'START_VIDEO' }),
    stopVideo: () => send({ type: 'STOP_VIDEO' }),
    startScreenSharing: () => send({ type: 'START_SCREEN_SHARING' }),
    stopScreenSharing: () => send({ type: 'STOP_SCREEN_SHARING' }),
    transfer: (to) => send(transferCommand(call, to, options.input.deps)),
    getParticipant: (participantId) => participants.get(participantId),
    subscribeParticipant: (participantId, listener) => participants.subscribe(participantId, listener),
    whenEnded: () =>
      new Promise<CallSnapshot>((resolve) => {
        if (stopped || isFinal()) {
          resolve(store.getSnapshot());
          return;
        }
        const settle = () => {
          stopWaiting();
          waiters.delete(settle);
          resolve(store.getSnapshot());
        };
        const stopWaiting = store.subscribe(() => {
          if (isFinal()) settle();
        });
        waiters.add(settle);
      }),
  };

  registerCallMedia(call, {
    handle: (): CallHandle | null => (isFinal() ? null : actor.getSnapshot().context.handle),
    isOver: () => stopped || isFinal(),
    streamOwner: (streamId) => participants.ownerOf(streamId),
    send,
    allows: (command) => !isFinal() && actor.getSnapshot().can(command),
    owner: options.owner ?? call,
  });

  return {
    call,
    status: () => statusOf(actor.getSnapshot()),
    isFinal,
    controlError: () => actor.getSnapshot().context.controlError,
    send,
    onStatus: (listener) => statusListeners.add(({ next, previous }) => listener(next, previous)),
    // Tiles subscribe to one participant each: a teardown check must see those listeners too.
    subscriberCount: () => store.subscriberCount + participants.watcherCount,
    stop: () => {
      if (stopped) return;
      stopped = true;
      subscription.unsubscribe();
      actor.stop();
      statusListeners.clear();
      for (const settle of [...waiters]) settle();
      store.close();
      participants.close();
    },
  };
}

const END_CAUSE_MESSAGES: Record<EndpointEndCause, string> = {
  sign_out: 'The call ended because you signed out.',
  dispose: 'The call ended because the app closed its Teams connection.',
};

/** The SDK's end reason in words; when sign-out or dispose ended the call, the message says so. */
function endReasonOf(context: CallContext): EndReason {
  const described = describeEndReason(context.endReason ?? undefined);
  return context.endedBy ? { ...described, message: END_CAUSE_MESSAGES[context.endedBy] } : described;
}

/**
 * The machine's TRANSFER command for a request, validated like a new call: throws `invalid_phone_number`,
 * `invalid_teams_user_id` or `invalid_argument` for anything else, before anything changes.
 */
function transferCommand(
  call: Call,
  to: TransferRequest,
  deps: Pick<CallInput['deps'], 'phoneNumberOptions' | 'self'>,
): CallCommand {
  if (typeof to !== 'object' || to === null) throw invalidTransfer('Say who to transfer the call to.');
  if ('phoneNumber' in to) {
    const phoneNumber = parsePhoneNumber(to.phoneNumber, deps.phoneNumberOptions);
    return {
      type: 'TRANSFER',
      target: { kind: 'phoneNumber', phoneNumber },
      shown: { kind: 'phoneNumber', phoneNumber },
    };
  }
  if ('teamsUserId' in to) {
    const userId = parseTeamsUserId(to.teamsUserId);
    if (userId === deps.self.id.toLowerCase()) {
      throw new TeamsEndpointError('invalid_teams_user_id', 'You cannot transfer a call to yourself.', {
        details: { reason: 'self' },
      });
    }
    return { type: 'TRANSFER', target: { kind: 'teamsUser', userId }, shown: { kind: 'teamsUser', userId } };
  }
  if ('call' in to) {
    const other = typeof to.call === 'object' && to.call !== null ? callMediaOf(to.call) : undefined;
    if (!other || to.call === call || other.owner !== callMediaOf(call)?.owner) {
      throw invalidTransfer('A call can be transferred only to another call of this endpoint.');
    }
    const handle = other.handle();
    if (!handle) throw invalidTransfer('The other call is not live.');
    return {
      type: 'TRANSFER',
      target: { kind: 'call', callId: handle.id },
      shown: { kind: 'call', callId: to.call.id },
    };
  }
  throw invalidTransfer('Transfer to a phone number, a Teams user or another call.');
}

function invalidTransfer(message: string): TeamsEndpointError {
  return new TeamsEndpointError('invalid_argument', message);
}
