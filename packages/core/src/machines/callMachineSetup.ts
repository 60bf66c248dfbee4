import { assign, fromCallback, fromPromise, setup } from 'xstate';
import { describeEndReason } from '../domain/endReason';
import { type TeamsEndpointError, toTeamsEndpointError } from '../errors';
import type {
  CallEndReasonCode,
  CallHandle,
  CallingPort,
  CallPortStatus,
  CallTarget,
  DtmfTone,
  IncomingCallHandle,
  MeetingLocator,
} from '../ports/callingPort';
import type { OneOnOneChat } from '../ports/graphPort';
import type { ParticipantStore } from '../store/participantStore';
import type {
  CallContext,
  CallDeps,
  CallEvent,
  CallerResolution,
  CallInput,
  CallOutcome,
  RemoteParty,
} from './callTypes';

type ControlOp = 'mute' | 'unmute' | 'hold' | 'resume' | 'startVideo' | 'stopVideo';

function isMeetingLocator(target: CallTarget | MeetingLocator): target is MeetingLocator {
  return target.kind === 'link' || target.kind === 'id';
}

/** Maps the calling port's events onto machine events; participant events go to the store beside the machine. */
const watchCall = fromCallback<CallEvent, { handle: CallHandle; participants: ParticipantStore }>(
  ({ input, sendBack }) => {
    const { handle, participants } = input;
    const stop = handle.subscribe((event) => {
      if (participants.apply(event)) return;
      if (event.type === 'status')
        sendBack({ type: 'PORT.STATUS', status: event.status, endReason: event.endReason });
      else if (event.type === 'muted') sendBack({ type: 'PORT.MUTED', isMuted: event.isMuted });
      else if (event.type === 'video') sendBack({ type: 'PORT.VIDEO', isVideoOn: event.isVideoOn });
    });
    // Catch up with whatever happened before we subscribed.
    const state = handle.getState();
    participants.reset(state.participants);
    sendBack({ type: 'PORT.MUTED', isMuted: state.isMuted });
    sendBack({ type: 'PORT.VIDEO', isVideoOn: state.isVideoOn });
    sendBack({ type: 'PORT.STATUS', status: state.status, endReason: state.endReason });
    return stop;
  },
);

/** Listens for the caller giving up before the call is answered here. */
const watchIncoming = fromCallback<CallEvent, { incoming: IncomingCallHandle }>(({ input, sendBack }) =>
  input.incoming.onEnded((endReason) => sendBack({ type: 'CALLER_ENDED', endReason })),
);

const placeCall = fromPromise<CallHandle, { calling: CallingPort; target: CallTarget | MeetingLocator }>(
  ({ input, signal }) =>
    isMeetingLocator(input.target)
      ? input.calling.joinMeeting(input.target, { signal })
      : input.calling.startCall(input.target, { signal }),
);

const prepareChat = fromPromise<OneOnOneChat, { deps: CallDeps; userId: string }>(({ input, signal }) =>
  input.deps.graph.getOrCreateOneOnOneChat(input.deps.self.id, input.userId, { signal }),
);

const acceptCall = fromPromise<CallHandle, { incoming: IncomingCallHandle }>(({ input, signal }) =>
  input.incoming.accept({ signal }),
);

const rejectCall = fromPromise<void, { incoming: IncomingCallHandle }>(({ input }) =>
  input.incoming.reject(),
);

/** Caller id: a PSTN number through the vendor's contacts, a Teams user through Graph. */
const resolveCaller = fromPromise<
  { remote: RemoteParty; resolution: CallerResolution },
  { deps: CallDeps; remote: RemoteParty }
>(async ({ input, signal }) => {
  const { deps, remote } = input;
  if (remote.kind === 'phoneNumber') {
    const customer = await deps.contacts.findCustomerByPhoneNumber(remote.phoneNumber, { signal });
    return customer
      ? { remote: { ...remote, displayName: customer.name, customer }, resolution: 'resolved' }
      : { remote, resolution: 'unknown' };
  }
  if (remote.kind === 'teamsUser') {
    const person = await deps.resolvePerson(remote.userId, signal);
    return { remote: { ...remote, displayName: person.displayName }, resolution: 'resolved' };
  }
  return { remote, resolution: 'unknown' };
});

function outcomeAtEnd(context: CallContext, endReason: CallEndReasonCode | undefined): CallOutcome {
  if (context.outcome) return context.outcome;
  if (context.connectedAt !== null) {
    return describeEndReason(endReason).category === 'network_or_media' ? 'dropped' : 'completed';
  }
  if (context.kind === 'inbound') return 'missed';
  if (context.hangUpRequested) return 'cancelled';
  if (context.wasInLobby) return 'denied';
  return 'unanswered';
}

const CANCELLED: CallEndReasonCode = { code: 487 };

/** Shared by every call machine: actors, guards and actions. */
export const callMachineSetup = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput,
  },
  actors: { watchCall, watchIncoming, placeCall, prepareChat, acceptCall, rejectCall, resolveCaller },
  guards: {
    hasStatus: ({ event }, params: { status: CallPortStatus }) =>
      (event.type === 'PORT.STATUS' || event.type === 'HANG_UP_FAILED') && event.status === params.status,
    hangUpRequested: ({ context }) => context.hangUpRequested,
    callerGone: ({ context }) => context.callerGone,
    callerGoneError: ({ context, event }) => {
      const error = (event as { error?: unknown }).error as TeamsEndpointError | undefined;
      return context.callerGone || error?.details?.reason === 'caller_hung_up';
    },
  },
  actions: {
    assignHandle: assign({ handle: ({ event }) => (event as unknown as { output: CallHandle }).output }),
    assignError: assign({
      error: ({ event }) =>
        toTeamsEndpointError(
          (event as { error?: unknown }).error,
          'call_failed',
          'The call could not be placed.',
        ),
      endedAt: ({ context }) => context.deps.now(),
    }),
    requestHangUp: assign({ hangUpRequested: true }),
    hangUpHandle: ({ context, self }) => {
      const handle = context.handle;
      handle?.hangUp().catch((error: unknown) => {
        if (self.getSnapshot().status !== 'active') return;
        // The call is still up: follow the port back to its real state, so that hang-up can be tried again.
        const { status, endReason } = handle.getState();
        self.send({
          type: 'HANG_UP_FAILED',
          error: toTeamsEndpointError(error, 'call_failed', 'Hanging up failed.'),
          status,
          ...(endReason ? { endReason } : {}),
        });
      });
    },
    control: ({ context, self }, params: { op: ControlOp } | { op: 'sendDtmf'; tone: DtmfTone }) => {
      const handle = context.handle;
      if (!handle) return;
      const run = params.op === 'sendDtmf' ? handle.sendDtmf(params.tone) : handle[params.op]();
      run.catch((error: unknown) => {
        if (self.getSnapshot().status === 'active') {
          self.send({
            type: 'CONTROL_FAILED',
            error: toTeamsEndpointError(error, 'call_failed', `${params.op} failed.`),
          });
        }
      });
    },
    markConnected: assign({
      connectedAt: ({ context }) => context.connectedAt ?? context.deps.now(),
      wasInLobby: false,
    }),
    recordEnd: assign(({ context, event }) => {
      const endReason =
        event.type === 'PORT.STATUS' || event.type === 'CALLER_ENDED' || event.type === 'HANG_UP_FAILED'
          ? (event.endReason ?? null)
          : context.endReason;
      return {
        endReason,
        endedAt: context.deps.now(),
        outcome: outcomeAtEnd(context, endReason ?? undefined),
      };
    }),
    recordCancelled: assign(({ context }) => ({
      endReason: context.endReason ?? CANCELLED,
      endedAt: context.deps.now(),
      outcome: context.outcome ?? (context.kind === 'inbound' ? ('missed' as const) : ('cancelled' as const)),
    })),
    setOutcome: assign((_, params: { outcome: CallOutcome }) => ({ outcome: params.outcome })),
  },
});

export function initialCallContext({ input }: { input: CallInput }): CallContext {
  return {
    deps: input.deps,
    kind: input.kind,
    remote: input.remote,
    target: input.target ?? null,
    incoming: input.incoming ?? null,
    handle: null,
    threadId: null,
    isMuted: false,
    isVideoOn: false,
    callerResolution: input.kind === 'inbound' ? 'pending' : null,
    hangUpRequested: false,
    callerGone: false,
    wasInLobby: false,
    connectedAt: null,
    endedAt: null,
    endReason: null,
    outcome: null,
    error: null,
    controlError: null,
  };
}

const recordHangUpFailure = assign<CallContext, CallEvent, undefined, CallEvent, never>({
  controlError: ({ event }) => (event.type === 'HANG_UP_FAILED' ? event.error : null),
  hangUpRequested: false,
});

/** Follows a status the port reports (an event, or the state read back after a failed hang-up). */
const followPortStatus = (before: (typeof recordHangUpFailure)[] = []) => {
  const to = (status: CallPortStatus, target: string, connected = false) => ({
    guard: { type: 'hasStatus' as const, params: { status } },
    target,
    actions: [...before, ...(connected ? (['markConnected'] as const) : [])],
  });
  return [
    to('connecting', '.connecting'),
    to('ringing', '.ringing'),
    to('early_media', '.earlyMedia'),
    to('in_lobby', '.inLobby'),
    to('connected', '.connected', true),
    to('local_hold', '.onHold'),
    to('remote_hold', '.remoteHold'),
    to('disconnecting', '.disconnecting'),
    {
      guard: { type: 'hasStatus' as const, params: { status: 'disconnected' as const } },
      target: 'ended',
      actions: [...before, 'recordEnd' as const],
    },
  ];
};

/**
 * Connected-call behaviour, written once for every call machine: follows the port's call state, and handles
 * mute, hold, DTMF, video and hang-up. Its `ended` target is the machine's own top-level `ended` state.
 */
export const liveCallState = callMachineSetup.createStateConfig({
  invoke: {
    id: 'watchCall',
    src: 'watchCall',
    input: ({ context }) => ({ handle: context.handle!, participants: context.deps.participants }),
  },
  initial: 'connecting',
  on: {
    'PORT.STATUS': followPortStatus(),
    HANG_UP_FAILED: followPortStatus([recordHangUpFailure]),
    // A control that took effect clears the message of one that failed before.
    'PORT.MUTED': { actions: assign({ isMuted: ({ event }) => event.isMuted, controlError: null }) },
    'PORT.VIDEO': { actions: assign({ isVideoOn: ({ event }) => event.isVideoOn, controlError: null }) },
    CONTROL_FAILED: { actions: assign({ controlError: ({ event }) => event.error }) },
    MUTE: { actions: { type: 'control', params: { op: 'mute' } } },
    UNMUTE: { actions: { type: 'control', params: { op: 'unmute' } } },
    HANG_UP: { target: '.disconnecting', actions: ['requestHangUp', 'hangUpHandle'] },
  },
  states: {
    connecting: {},
    ringing: {},
    earlyMedia: {
      on: {
        SEND_DTMF: {
          actions: { type: 'control', params: ({ event }) => ({ op: 'sendDtmf', tone: event.tone }) },
        },
      },
    },
    inLobby: { entry: assign({ wasInLobby: true }) },
    connected: {
      on: {
        HOLD: { actions: { type: 'control', params: { op: 'hold' } } },
        SEND_DTMF: {
          actions: { type: 'control', params: ({ event }) => ({ op: 'sendDtmf', tone: event.tone }) },
        },
        START_VIDEO: { actions: { type: 'control', params: { op: 'startVideo' } } },
        STOP_VIDEO: { actions: { type: 'control', params: { op: 'stopVideo' } } },
      },
    },
    onHold: { on: { RESUME: { actions: { type: 'control', params: { op: 'resume' } } } } },
    remoteHold: {},
    // Once hanging up, only the end counts: a late "connected" must not revive the call.
    disconnecting: {
      on: {
        HANG_UP: {},
        'PORT.STATUS': [
          {
            guard: { type: 'hasStatus', params: { status: 'disconnected' } },
            target: '#callEnded',
            actions: 'recordEnd',
          },
          // Consumed here, so that it does not reach the parent's handler.
          { actions: [] },
        ],
      },
    },
  },
});

/**
 * Waiting for the port to hand back the call (start or join). A hang-up meanwhile is remembered, so that
 * the call is hung up the moment it exists: no call is ever lost.
 */
export const placingCallState = callMachineSetup.createStateConfig({
  invoke: {
    id: 'placeCall',
    src: 'placeCall',
    input: ({ context }) => {
      const target = context.target!;
      return {
        calling: context.deps.calling,
        target:
          target.kind === 'teamsUser' && context.threadId
            ? { ...target, threadId: context.threadId }
            : target,
      };
    },
    onDone: [
      { guard: 'hangUpRequested', target: 'live.disconnecting', actions: ['assignHandle', 'hangUpHandle'] },
      { target: 'live', actions: 'assignHandle' },
    ],
    onError: [
      { guard: 'hangUpRequested', target: 'ended', actions: 'recordCancelled' },
      { target: 'failed', actions: 'assignError' },
    ],
  },
  on: { HANG_UP: { actions: 'requestHangUp' } },
});

/** Every call machine's final states, with ids that nested states can target (`#callEnded`). */
export const endedState = callMachineSetup.createStateConfig({ id: 'callEnded', type: 'final' });
export const failedState = callMachineSetup.createStateConfig({ id: 'callFailed', type: 'final' });
