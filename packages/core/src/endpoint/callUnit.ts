import { type Actor, type AnyStateMachine, createActor, type SnapshotFrom } from 'xstate';
import { parseDtmfTone } from '../domain/dtmf';
import { describeEndReason, type EndReason } from '../domain/endReason';
import type { TeamsEndpointErrorInfo } from '../errors';
import type { callMachineSetup } from '../machines/callMachineSetup';
import type {
  CallEvent,
  CallerResolution,
  CallInput,
  CallKind,
  CallOutcome,
  RemoteParty,
} from '../machines/callTypes';
import type { Participant } from '../ports/callingPort';
import { createUnitStore, type ObservableUnit, shareShallow } from '../store/observableUnit';
import { ParticipantStore } from '../store/participantStore';

/** Where a call is, as a UI shows it. */
export type CallStatus =
  | 'preparing'
  | 'connecting'
  | 'ringing'
  | 'early_media'
  | 'incoming'
  | 'accepting'
  | 'rejecting'
  | 'in_lobby'
  | 'connected'
  | 'on_hold'
  | 'remote_hold'
  | 'disconnecting'
  | 'ended'
  | 'failed';

/** Which actions make sense in the call's current status; bind buttons' `disabled` to these. */
export interface CallCapabilities {
  readonly accept: boolean;
  readonly reject: boolean;
  readonly hangUp: boolean;
  readonly mute: boolean;
  readonly hold: boolean;
  readonly resume: boolean;
  readonly sendDtmf: boolean;
  readonly video: boolean;
}

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
  readonly participants: readonly Participant[];
  readonly can: CallCapabilities;
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
  /** Resolves with the final snapshot once the call has ended or failed. */
  whenEnded(): Promise<CallSnapshot>;
}

type CallMachine = typeof callMachineSetup extends { createMachine: (...args: never[]) => infer M }
  ? M
  : AnyStateMachine;
type CallActorSnapshot = SnapshotFrom<CallMachine>;

const LIVE_STATUS: Record<string, CallStatus> = {
  connecting: 'connecting',
  ringing: 'ringing',
  earlyMedia: 'early_media',
  inLobby: 'in_lobby',
  connected: 'connected',
  onHold: 'on_hold',
  remoteHold: 'remote_hold',
  disconnecting: 'disconnecting',
};

function statusOf(snapshot: CallActorSnapshot): CallStatus {
  const value = snapshot.value as string | Record<string, string>;
  if (typeof value === 'string') {
    const top: Record<string, CallStatus> = {
      preparingChat: 'preparing',
      placing: 'connecting',
      rejecting: 'rejecting',
      ended: 'ended',
      failed: 'failed',
    };
    return top[value] ?? 'connecting';
  }
  if (value.live) return LIVE_STATUS[value.live] ?? 'connecting';
  if (value.offered) return value.offered === 'accepting' ? 'accepting' : 'incoming';
  return 'connecting';
}

function capabilitiesOf(status: CallStatus, kind: CallKind): CallCapabilities {
  const live = [
    'connecting',
    'ringing',
    'early_media',
    'in_lobby',
    'connected',
    'on_hold',
    'remote_hold',
  ].includes(status);
  return {
    accept: status === 'incoming',
    reject: status === 'incoming',
    hangUp: live || status === 'preparing' || status === 'accepting',
    mute: live,
    hold: status === 'connected',
    resume: status === 'on_hold',
    sendDtmf: (status === 'connected' || status === 'early_media') && kind !== 'meeting',
    video: status === 'connected',
  };
}

const errorInfo = (
  error: { toJSON(): TeamsEndpointErrorInfo } | null,
  previous: TeamsEndpointErrorInfo | null,
) => (error ? shareShallow(previous ?? undefined, error.toJSON()) : null);

export interface CallUnitInternals {
  readonly call: Call;
  readonly isFinal: () => boolean;
  readonly subscriberCount: () => number;
  readonly stop: () => void;
}

/** Runs one call machine and exposes it as an observable {@link Call}. */
export function createCallUnit(options: {
  readonly id: string;
  readonly machine: CallMachine;
  readonly input: Omit<CallInput, 'deps'> & { deps: Omit<CallInput['deps'], 'participants'> };
  readonly startedAt: number;
  /** Runs before ACCEPT is sent (call waiting: hold the other calls). */
  readonly beforeAccept?: () => void;
  /** Called whenever the call's state may have changed (the endpoint's snapshot includes it). */
  readonly onInvalidate: () => void;
}): CallUnitInternals {
  const participants = new ParticipantStore(() => store.invalidate());
  const actor = createActor(options.machine, {
    input: { ...options.input, deps: { ...options.input.deps, participants } },
  }) as Actor<CallMachine>;

  const compute = (previous: CallSnapshot | undefined): CallSnapshot => {
    const snapshot = actor.getSnapshot();
    const { context } = snapshot;
    const status = statusOf(snapshot);
    const endReason = context.endReason ? describeEndReason(context.endReason) : null;
    const next: CallSnapshot = {
      id: options.id,
      kind: context.kind,
      direction: context.kind === 'inbound' ? 'incoming' : 'outgoing',
      status,
      remote: shareShallow(previous?.remote, context.remote),
      callerResolution: context.callerResolution,
      threadId: context.threadId,
      isMuted: context.isMuted,
      isVideoOn: context.isVideoOn,
      startedAt: options.startedAt,
      connectedAt: context.connectedAt,
      endedAt: context.endedAt,
      endReason: endReason ? shareShallow(previous?.endReason ?? undefined, endReason) : null,
      outcome: context.outcome,
      error: errorInfo(context.error, previous?.error ?? null),
      controlError: errorInfo(context.controlError, previous?.controlError ?? null),
      participants: participants.snapshot,
      can: shareShallow(previous?.can, capabilitiesOf(status, context.kind)),
    };
    return shareShallow(previous, next);
  };

  // The store is created before the actor starts so that the first transitions are observed.
  const store = createUnitStore<CallSnapshot>((previous) => compute(previous), options.onInvalidate);
  const subscription = actor.subscribe({ next: () => store.invalidate(), error: () => store.invalidate() });
  actor.start();

  const send = (event: CallEvent) => {
    if (actor.getSnapshot().status === 'active') actor.send(event);
  };
  const isFinal = () => actor.getSnapshot().status !== 'active';
  /** Pending `whenEnded()` calls: settled, with the last snapshot, when the unit stops (dispose). */
  const waiters = new Set<() => void>();

  const call: Call = {
    id: options.id,
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    state$: store.state$,
    accept: () => {
      if (statusOf(actor.getSnapshot()) !== 'incoming') return;
      options.beforeAccept?.();
      send({ type: 'ACCEPT' });
    },
    reject: () => send({ type: 'REJECT' }),
    hangUp: () => send({ type: 'HANG_UP' }),
    mute: () => send({ type: 'MUTE' }),
    unmute: () => send({ type: 'UNMUTE' }),
    toggleMute: () => send({ type: actor.getSnapshot().context.isMuted ? 'UNMUTE' : 'MUTE' }),
    hold: () => send({ type: 'HOLD' }),
    resume: () => send({ type: 'RESUME' }),
    sendDtmf: (tone) => send({ type: 'SEND_DTMF', tone: parseDtmfTone(tone) }),
    startVideo: () => send({ type: 'START_VIDEO' }),
    stopVideo: () => send({ type: 'STOP_VIDEO' }),
    whenEnded: () =>
      new Promise<CallSnapshot>((resolve) => {
        const settle = () => {
          stopWaiting();
          waiters.delete(settle);
          resolve(store.getSnapshot());
        };
        const isOver = () => ['ended', 'failed'].includes(store.getSnapshot().status);
        const stopWaiting = store.subscribe(() => {
          if (isOver()) settle();
        });
        waiters.add(settle);
        if (isOver()) settle();
      }),
  };

  return {
    call,
    isFinal,
    subscriberCount: () => store.subscriberCount,
    stop: () => {
      subscription.unsubscribe();
      actor.stop();
      for (const settle of [...waiters]) settle();
    },
  };
}
