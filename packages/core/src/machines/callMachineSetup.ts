import { and, assign, fromCallback, fromPromise, not, or, setup, stateIn } from 'xstate';
import { withTimeout } from '../async/abortable';
import { describeEndReason } from '../domain/endReason';
import { normalizeOptionalRemoteText } from '../domain/remoteText';
import { TeamsEndpointError, toTeamsEndpointError } from '../errors';
import type { PlatformCapability, TransferTarget } from '../ports/callFeatures';
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
import type { CallStatus } from './callStatus';
import type {
  CallContext,
  CallDeps,
  CallEvent,
  CallerResolution,
  CallInput,
  CallOutcome,
  EndpointEndCause,
  FeatureCommand,
  RemoteParty,
} from './callTypes';

function isMeetingLocator(target: CallTarget | MeetingLocator): target is MeetingLocator {
  return target.kind === 'link' || target.kind === 'id';
}

const timeoutError = (what: string) => () =>
  new TeamsEndpointError('timeout', `${what} took too long.`, { retryable: true });

/** A handle the port handed back after we stopped waiting for it: hang it up, so that no call is lost. */
function hangUpLate(handle: CallHandle): void {
  handle.hangUp().catch(() => undefined);
}

/**
 * The machine takes the handle a microtask after the port hands it back; a hang-up in between stops the actor
 * (aborting `signal`) and the handle would be dropped. XState aborts the signal only while it has not yet
 * delivered the result, so an abort from now on means the handle was never taken.
 */
function hangUpUnlessTaken(handle: CallHandle, signal: AbortSignal): void {
  if (signal.aborted) hangUpLate(handle);
  else signal.addEventListener('abort', () => hangUpLate(handle), { once: true });
}

/** Maps the calling port's events onto machine events; participant events go to the store beside the machine. */
const watchCall = fromCallback<CallEvent, { handle: CallHandle; deps: CallDeps }>(({ input, sendBack }) => {
  const { handle, deps } = input;
  const stop = handle.subscribe((event) => {
    if (deps.participants.apply(event)) return;
    if (event.type === 'status')
      sendBack({
        type: 'PORT.STATUS',
        status: event.status,
        ...(event.endReason ? { endReason: event.endReason } : {}),
      });
    else if (event.type === 'muted') sendBack({ type: 'PORT.MUTED', isMuted: event.isMuted });
    else if (event.type === 'video') sendBack({ type: 'PORT.VIDEO', isVideoOn: event.isVideoOn });
    else if (event.type === 'screenSharing')
      sendBack({ type: 'PORT.SCREEN', isScreenSharingOn: event.isScreenSharingOn });
    else if (event.type === 'capabilities')
      sendBack({ type: 'PORT.CAPABILITIES', capabilities: event.capabilities });
  });
  // Being transferred: the registry takes the new call at once, so that it is never lost.
  const stopTransfers = handle.features?.transfer?.onTransferred((transferred) =>
    sendBack({ type: 'PORT.TRANSFERRED', replacedBy: deps.adoptTransferred(transferred) }),
  );
  // Catch up with whatever happened before we subscribed.
  const state = handle.getState();
  deps.participants.reset(state);
  sendBack({ type: 'PORT.MUTED', isMuted: state.isMuted });
  sendBack({ type: 'PORT.VIDEO', isVideoOn: state.isVideoOn });
  sendBack({ type: 'PORT.SCREEN', isScreenSharingOn: state.isScreenSharingOn });
  sendBack({ type: 'PORT.CAPABILITIES', capabilities: state.capabilities ?? {} });
  sendBack({
    type: 'PORT.STATUS',
    status: state.status,
    ...(state.endReason ? { endReason: state.endReason } : {}),
  });
  return () => {
    stop();
    stopTransfers?.();
  };
});

/** Listens for the caller giving up before the call is answered here. */
const watchIncoming = fromCallback<CallEvent, { incoming: IncomingCallHandle }>(({ input, sendBack }) =>
  input.incoming.onEnded((endReason) => sendBack({ type: 'CALLER_ENDED', endReason })),
);

/**
 * Starts or joins the call. Leaving the state (a hang-up) aborts the port's start through its signal; a port
 * that hands back a call all the same has that call hung up at once.
 */
const placeCall = fromPromise<CallHandle, { calling: CallingPort; target: CallTarget | MeetingLocator }>(
  async ({ input, signal }) => {
    const handle = await (isMeetingLocator(input.target)
      ? input.calling.joinMeeting(input.target, { signal })
      : input.calling.startCall(input.target, { signal }));
    hangUpUnlessTaken(handle, signal);
    return handle;
  },
);

const prepareChat = fromPromise<OneOnOneChat, { deps: CallDeps; userId: string }>(({ input, signal }) =>
  withTimeout(
    (attempt) =>
      input.deps.graph.getOrCreateOneOnOneChat(input.deps.self.id, input.userId, { signal: attempt }),
    { timeoutMs: input.deps.requestTimeoutMs, signal, timeoutError: timeoutError('Creating the chat') },
  ),
);

/** Answers. Leaving the state aborts the answer; a call answered all the same is hung up at once. */
const acceptCall = fromPromise<CallHandle, { incoming: IncomingCallHandle }>(async ({ input, signal }) => {
  const handle = await input.incoming.accept({ signal });
  hangUpUnlessTaken(handle, signal);
  return handle;
});

const rejectCall = fromPromise<void, { incoming: IncomingCallHandle }>(({ input }) =>
  input.incoming.reject(),
);

const makeRoom = fromPromise<void, { deps: CallDeps }>(({ input, signal }) => input.deps.makeRoom(signal));

/** A blind or consultative transfer, bounded: it settles when the platform says it completed or failed. */
const transferCall = fromPromise<void, { deps: CallDeps; handle: CallHandle; target: TransferTarget }>(
  ({ input, signal }) =>
    withTimeout(
      (attempt) => {
        const transfer = input.handle.features?.transfer;
        if (!transfer) throw new TeamsEndpointError('invalid_call_state', 'This call cannot be transferred.');
        return transfer.transfer(input.target, { signal: attempt });
      },
      { timeoutMs: input.deps.transferTimeoutMs, signal, timeoutError: timeoutError('The transfer') },
    ),
);

/** One control request, bounded: a port that never answers counts as a failure. */
const sendControl = fromPromise<
  boolean,
  { deps: CallDeps; handle: CallHandle; op: Op | 'hold' | 'resume'; on: boolean }
>(async ({ input, signal }) => {
  const { handle, on } = input;
  const run = {
    mute: () => (on ? handle.mute() : handle.unmute()),
    video: () => (on ? handle.startVideo() : handle.stopVideo()),
    screen: () => (on ? handle.startScreenSharing() : handle.stopScreenSharing()),
    hold: () => handle.hold(),
    resume: () => handle.resume(),
  }[input.op];
  await withTimeout(() => run(), {
    timeoutMs: input.deps.controlTimeoutMs,
    signal,
    timeoutError: timeoutError(`The ${input.op} request`),
  });
  return on;
});

/** Caller id: a PSTN number through the vendor's contacts, a Teams user through Graph. Bounded. */
const resolveCaller = fromPromise<
  { remote: RemoteParty; resolution: CallerResolution },
  { deps: CallDeps; remote: RemoteParty }
>(({ input, signal }) =>
  withTimeout(
    async (attempt) => {
      const { deps, remote } = input;
      if (remote.kind === 'phoneNumber') {
        const customer = await deps.contacts.findCustomerByPhoneNumber(remote.phoneNumber, {
          signal: attempt,
        });
        const name = customer ? normalizeOptionalRemoteText(customer.name) : undefined;
        if (!customer || !name) return { remote, resolution: 'unknown' as const };
        // The vendor's record is untrusted too: only its known fields, its text normalized.
        const company = normalizeOptionalRemoteText(customer.company);
        return {
          remote: {
            ...remote,
            displayName: name,
            customer: {
              id: customer.id,
              name,
              phoneNumber: remote.phoneNumber,
              ...(company ? { company } : {}),
            },
          },
          resolution: 'resolved' as const,
        };
      }
      if (remote.kind === 'teamsUser') {
        const person = await deps.resolvePerson(remote.userId, attempt);
        const name = normalizeOptionalRemoteText(person.displayName);
        return name
          ? { remote: { ...remote, displayName: name }, resolution: 'resolved' as const }
          : { remote, resolution: 'unknown' as const };
      }
      return { remote, resolution: 'unknown' as const };
    },
    { timeoutMs: input.deps.requestTimeoutMs, signal, timeoutError: timeoutError('Looking up the caller') },
  ),
);

const ENDED_BY: Record<EndpointEndCause, CallOutcome> = { sign_out: 'signed_out', dispose: 'disposed' };

function outcomeAtEnd(context: CallContext, endReason: CallEndReasonCode | undefined): CallOutcome {
  if (context.endedBy) return ENDED_BY[context.endedBy];
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

/** The toggles that are intents: the microphone, the camera and the screen share. */
type Op = 'mute' | 'video' | 'screen';

/** Each toggle's confirmed state and the user's intent, in the context. */
const OP_KEYS = {
  mute: { actual: 'isMuted', intent: 'muteIntent' },
  video: { actual: 'isVideoOn', intent: 'videoIntent' },
  screen: { actual: 'isScreenSharingOn', intent: 'screenIntent' },
} as const satisfies Record<Op, { actual: keyof CallContext; intent: keyof CallContext }>;

type OpFields = {
  [K in Op]: Pick<CallContext, (typeof OP_KEYS)[K]['actual'] | (typeof OP_KEYS)[K]['intent']>;
};
const intentOf = (context: CallContext, op: Op) => context[OP_KEYS[op].intent];
const intentUpdate = (op: Op, on: boolean) => ({ [OP_KEYS[op].intent]: on }) as Partial<OpFields[Op]>;
const actualUpdate = (op: Op, on: boolean) => ({ [OP_KEYS[op].actual]: on }) as Partial<OpFields[Op]>;

/** Shared by every call machine: actors, guards and actions. */
export const callMachineSetup = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput,
    tags: {} as CallStatus,
  },
  actors: {
    watchCall,
    watchIncoming,
    placeCall,
    prepareChat,
    acceptCall,
    rejectCall,
    resolveCaller,
    makeRoom,
    sendControl,
    transferCall,
  },
  guards: {
    /** The port reports `status` (and, when `hold` is given, the user's last word was hold or resume). */
    hasStatus: ({ context }, params: { event: CallEvent; status: CallPortStatus; hold?: boolean }) =>
      (params.event.type === 'PORT.STATUS' || params.event.type === 'HANG_UP_FAILED') &&
      params.event.status === params.status &&
      (params.hold === undefined || context.holdIntent === params.hold),
    callerGone: ({ context }) => context.callerGone,
    callerGoneError: (_, params: { callerGone: boolean; error: unknown }) =>
      params.callerGone ||
      (params.error instanceof TeamsEndpointError && params.error.details.reason === 'caller_hung_up'),
    dtmfAllowed: ({ context }) => context.kind !== 'meeting',
    intends: ({ context }, params: { op: Op; on: boolean }) => intentOf(context, params.op) === params.on,
    /** A request just finished with `done`: the port now matches the user's last word. */
    settled: ({ context }, params: { op: Op; done: boolean }) => intentOf(context, params.op) === params.done,
    intendsHold: ({ context }) => context.holdIntent,
    roomNeeded: ({ context }) => context.deps.roomNeeded(),
    /** What Teams allows: a command the platform said nothing about is allowed as far as it goes. */
    platformAllows: ({ context }, params: { capability: PlatformCapability }) =>
      platformAllows(context, params.capability),
    /** A feature command: the call offers the feature, and the platform allows it. */
    featureAllowed: ({ context, event }) =>
      event.type === 'FEATURE' && featureRefusal(context, event) === null,
    transferAllowed: ({ context }) => transferRefusal(context) === null,
    endedByEndpoint: ({ event }) => event.type === 'HANG_UP' && event.reason !== undefined,
  },
  actions: {
    assignHandle: assign((_, params: { handle: CallHandle }) => ({ handle: params.handle })),
    assignError: assign(({ context }, params: { error: unknown }) => ({
      error: toTeamsEndpointError(params.error, 'call_failed', 'The call could not be placed.'),
      endedAt: context.deps.now(),
    })),
    requestHangUp: assign(({ context }, params: { reason: EndpointEndCause | undefined }) => ({
      hangUpRequested: true,
      endedBy: params.reason ?? context.endedBy,
    })),
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
    runFeature: ({ context, event, self }) => {
      const features = context.handle?.features;
      if (event.type !== 'FEATURE' || !features || !event.run) return;
      let request: Promise<void>;
      try {
        request = event.run(features);
      } catch (error) {
        request = Promise.reject(error);
      }
      request.catch((error: unknown) => {
        if (self.getSnapshot().status === 'active') {
          self.send({
            type: 'CONTROL_FAILED',
            error: toTeamsEndpointError(error, 'call_failed', `The ${event.feature} request failed.`),
          });
        }
      });
    },
    sendDtmf: ({ context, self }, params: { tone: DtmfTone }) => {
      context.handle?.sendDtmf(params.tone).catch((error: unknown) => {
        if (self.getSnapshot().status === 'active') {
          self.send({
            type: 'CONTROL_FAILED',
            error: toTeamsEndpointError(error, 'call_failed', 'Sending the key failed.'),
          });
        }
      });
    },
    /** A new command from the user: the message of an earlier failure is stale now. */
    clearControlError: assign({ controlError: null }),
    setIntent: assign((_, params: { op: Op; on: boolean }) => intentUpdate(params.op, params.on)),
    confirm: assign((_, params: { op: Op; on: boolean }) => actualUpdate(params.op, params.on)),
    /** The port reports a toggle by itself (muted by an organizer): with no request in flight, that is the intent. */
    adoptPortToggle: assign((_, params: { op: Op; on: boolean }) => ({
      ...actualUpdate(params.op, params.on),
      ...intentUpdate(params.op, params.on),
    })),
    /** A failed request: the intent falls back to what the port last confirmed. */
    controlFailed: assign(({ context }, params: { op: Op; error: unknown }) => ({
      controlError: toTeamsEndpointError(params.error, 'call_failed', `The ${params.op} request failed.`),
      ...intentUpdate(params.op, context[OP_KEYS[params.op].actual]),
    })),
    setHoldIntent: assign((_, params: { hold: boolean; reason?: TeamsEndpointError | undefined }) => ({
      holdIntent: params.hold,
      ...(params.reason ? { controlError: params.reason } : {}),
    })),
    holdFailed: assign((_, params: { error: unknown; op: 'hold' | 'resume' }) => ({
      controlError: toTeamsEndpointError(
        params.error,
        'call_failed',
        params.op === 'hold' ? 'Putting the call on hold failed.' : 'Resuming the call failed.',
      ),
      holdIntent: params.op === 'resume',
    })),
    markConnected: assign({
      connectedAt: ({ context }) => context.connectedAt ?? context.deps.now(),
      wasInLobby: false,
    }),
    recordEnd: assign(({ context }, params: { endReason: CallEndReasonCode | undefined }) => {
      const endReason = params.endReason ?? context.endReason ?? undefined;
      return {
        endReason: endReason ?? null,
        endedAt: context.deps.now(),
        outcome: outcomeAtEnd(context, endReason),
      };
    }),
    recordCancelled: assign(({ context }, params: { reason: EndpointEndCause | undefined }) => {
      const endedBy = params.reason ?? context.endedBy;
      return {
        endedBy,
        endReason: context.endReason ?? CANCELLED,
        endedAt: context.deps.now(),
        outcome: endedBy
          ? ENDED_BY[endedBy]
          : (context.outcome ?? (context.kind === 'inbound' ? ('missed' as const) : ('cancelled' as const))),
      };
    }),
    setOutcome: assign((_, params: { outcome: CallOutcome }) => ({ outcome: params.outcome })),
    /** The port refused to hang up: say so, and let the user try again. */
    recordHangUpFailure: assign(({ event }) =>
      event.type === 'HANG_UP_FAILED' ? { controlError: event.error, hangUpRequested: false } : {},
    ),
  },
});

export function initialCallContext({ input }: { input: CallInput }): CallContext {
  return {
    deps: input.deps,
    kind: input.kind,
    remote: input.remote,
    target: input.target ?? null,
    incoming: input.incoming ?? null,
    handle: input.handle ?? null,
    threadId: null,
    isMuted: false,
    muteIntent: false,
    isVideoOn: false,
    videoIntent: false,
    isScreenSharingOn: false,
    screenIntent: false,
    holdIntent: false,
    callerResolution: input.kind === 'inbound' || input.handle ? 'pending' : null,
    hangUpRequested: false,
    endedBy: null,
    callerGone: false,
    wasInLobby: false,
    connectedAt: null,
    endedAt: null,
    endReason: null,
    outcome: null,
    error: null,
    controlError: null,
    platform: {},
    transfer: null,
    replacedBy: null,
  };
}

/** Whether the platform allows a capability: it said so, or it said nothing. */
export function platformAllows(context: Pick<CallContext, 'platform'>, capability: PlatformCapability) {
  const verdict = context.platform[capability];
  return !verdict || verdict.allowed;
}

/**
 * Why a feature command is refused, outside of the call's state: the call does not offer the feature
 * (`unavailable`), or the platform refuses it (its reason); `null` when neither.
 */
export function featureRefusal(
  context: Pick<CallContext, 'platform' | 'handle'>,
  command: Pick<FeatureCommand, 'feature' | 'capability'>,
): string | null {
  // A port written before features existed offers none.
  if (!context.handle?.features?.[command.feature]) return 'unavailable';
  if (!command.capability) return null;
  const verdict = context.platform[command.capability];
  return verdict && !verdict.allowed ? verdict.reason : null;
}

/** Why this call cannot be transferred, outside of its state; `null` when it can. */
export function transferRefusal(context: Pick<CallContext, 'platform' | 'handle' | 'kind'>): string | null {
  if (context.kind === 'meeting') return 'call_type';
  return featureRefusal(context, { feature: 'transfer', capability: 'transfer' });
}

const status = (value: CallPortStatus, hold?: boolean) => ({
  type: 'hasStatus' as const,
  params: ({ event }: { event: CallEvent }) => ({
    event,
    status: value,
    ...(hold === undefined ? {} : { hold }),
  }),
});
const endReasonOf = ({ event }: { event: CallEvent }) => ({
  endReason:
    event.type === 'PORT.STATUS' || event.type === 'HANG_UP_FAILED' || event.type === 'CALLER_ENDED'
      ? event.endReason
      : undefined,
});
/** Records how the call ended, with the end reason the event carries. */
export const recordEnd = { type: 'recordEnd' as const, params: endReasonOf };
/** Consumes an event in a state, so that it does not reach the region's handler. */
const consume = { actions: [] };

/** Follows a status the port reports: an event, or the state read back after a failed hang-up. */
const followPortStatus = (extra: 'recordHangUpFailure' | null) => {
  const before = extra ? ([extra] as const) : ([] as const);
  const to = (value: CallPortStatus, target: string, connected = false) => ({
    guard: status(value),
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
    { guard: status('disconnected'), target: '#callEnded', actions: [...before, recordEnd] },
  ];
};

function hangUpReason(event: CallEvent): { reason: EndpointEndCause | undefined } {
  return { reason: event.type === 'HANG_UP' || event.type === 'FORCE_END' ? event.reason : undefined };
}
/** Shared with the machines' own states. */
export const requestHangUp = {
  type: 'requestHangUp' as const,
  params: ({ event }: { event: CallEvent }) => hangUpReason(event),
};
/** Shared with the machines' own states. */
export const recordCancelled = {
  type: 'recordCancelled' as const,
  params: ({ event }: { event: CallEvent }) => hangUpReason(event),
};
/** Shared with the machines' own states. */
export const assignError = {
  type: 'assignError' as const,
  params: ({ event }: { event: { error: unknown } }) => ({ error: event.error }),
};
/** Shared with the machines' own states. */
export const assignHandle = {
  type: 'assignHandle' as const,
  params: ({ event }: { event: { output: CallHandle } }) => ({ handle: event.output }),
};

/** Sign-out or dispose gave up waiting for the hang-up: end here, whatever the port says later. */
export const forceEnd = {
  FORCE_END: { target: '#callEnded', actions: [requestHangUp, recordEnd] },
} as const;

const inCall = (state: string) => stateIn(`#call.${state}`);

const controlRequest = (op: Op | 'hold' | 'resume', on: (context: CallContext) => boolean) => ({
  src: 'sendControl' as const,
  input: ({ context }: { context: CallContext }) => ({
    deps: context.deps,
    handle: context.handle!,
    op,
    on: on(context),
  }),
});

/**
 * The microphone or the camera. Commands are intents: one request is in flight at a time and, when it
 * settles, another goes out only if the user changed their mind meanwhile. The port sees at most one request
 * per intended change, and ends where the user's last word says.
 */
function deviceRequests(op: Op) {
  const intent = (context: CallContext) => intentOf(context, op);
  const confirm = {
    type: 'confirm' as const,
    params: ({ event }: { event: { output: boolean } }) => ({ op, on: event.output }),
  };
  return {
    /**
     * A command that changes the intent (`on`), allowed only where `allowed` holds and, for a command Teams
     * decides (`capability`), where the platform allows it.
     */
    change: (
      on: boolean,
      allowed: ReturnType<typeof stateIn>,
      capability: PlatformCapability | undefined,
      target?: 'requesting',
    ) => ({
      guard: and([
        { type: 'intends' as const, params: { op, on: !on } },
        allowed,
        ...(capability ? [{ type: 'platformAllows' as const, params: { capability } }] : []),
      ]),
      ...(target ? { target } : {}),
      actions: ['clearControlError' as const, { type: 'setIntent' as const, params: { op, on } }],
    }),
    invoke: {
      id: `${op}Request`,
      ...controlRequest(op, intent),
      onDone: [
        {
          guard: {
            type: 'settled' as const,
            params: ({ event }: { event: { output: boolean } }) => ({ op, done: event.output }),
          },
          target: 'idle',
          actions: confirm,
        },
        { target: 'requesting', reenter: true, actions: confirm },
      ],
      onError: {
        target: 'idle',
        actions: {
          type: 'controlFailed' as const,
          params: ({ event }: { event: { error: unknown } }) => ({ op, error: event.error }),
        },
      },
    },
  };
}

/** The microphone works in every live state but while hanging up. */
const microphoneUsable = not(inCall('disconnecting'));
/** Video and screen sharing start and stop only while connected. */
const connectedOnly = inCall('connected');

/** What the port reported for a toggle, from its event. */
const portToggle =
  (op: Op) =>
  ({ event }: { event: CallEvent }) => ({
    op,
    on:
      event.type === 'PORT.MUTED'
        ? event.isMuted
        : event.type === 'PORT.VIDEO'
          ? event.isVideoOn
          : event.type === 'PORT.SCREEN' && event.isScreenSharingOn,
  });

/**
 * One toggle's region: the microphone, the camera or the screen share. `on` and `off` are the commands that
 * turn it on and off (for the microphone: mute and unmute), accepted only where `usable` holds.
 */
function toggleRegion(
  op: Op,
  usable: ReturnType<typeof stateIn>,
  portEvent: 'PORT.MUTED' | 'PORT.VIDEO' | 'PORT.SCREEN',
  on: 'MUTE' | 'START_VIDEO' | 'START_SCREEN_SHARING',
  off: 'UNMUTE' | 'STOP_VIDEO' | 'STOP_SCREEN_SHARING',
  /** The one command of the two that Teams may forbid (unmuting, turning video on, sharing). */
  gated: { readonly command: 'on' | 'off'; readonly capability: PlatformCapability },
) {
  const requests = deviceRequests(op);
  const reported = portToggle(op);
  const onGate = gated.command === 'on' ? gated.capability : undefined;
  const offGate = gated.command === 'off' ? gated.capability : undefined;
  return callMachineSetup.createStateConfig({
    initial: 'idle',
    states: {
      idle: {
        on: {
          // Changed from elsewhere (muted by an organizer): with no request in flight, that is the intent now.
          [portEvent]: { actions: { type: 'adoptPortToggle', params: reported } },
          [on]: requests.change(true, usable, onGate, 'requesting'),
          [off]: requests.change(false, usable, offGate, 'requesting'),
        },
      },
      requesting: {
        invoke: requests.invoke,
        on: {
          [portEvent]: { actions: { type: 'confirm', params: reported } },
          [on]: requests.change(true, usable, onGate),
          [off]: requests.change(false, usable, offGate),
        },
      },
    },
  });
}

/**
 * Caller id, in parallel with the rest of the call, for calls that arrive (incoming, or transferred to us):
 * the other side's number through the vendor's contacts, a Teams user's name through Graph.
 */
export const resolveCallerInvoke = callMachineSetup.createStateConfig({
  invoke: {
    id: 'resolveCaller',
    src: 'resolveCaller',
    input: ({ context }) => ({ deps: context.deps, remote: context.remote }),
    onDone: {
      actions: assign({
        remote: ({ event }) => event.output.remote,
        callerResolution: ({ event }) => event.output.resolution,
      }),
    },
    onError: { actions: assign({ callerResolution: 'failed' }) },
  },
}).invoke;

/** Call waiting's `makeRoom`, awaited before a call answers or resumes. */
export const makeRoomInvoke = {
  id: 'makeRoom',
  src: 'makeRoom',
  input: ({ context }: { context: CallContext }) => ({ deps: context.deps }),
} as const;

/** Resuming failed (no room, or the port refused): back on hold, saying why. */
const resumeFailed = {
  target: '#call.onHold',
  actions: {
    type: 'holdFailed' as const,
    params: ({ event }: { event: { error: unknown } }) => ({ error: event.error, op: 'resume' as const }),
  },
};

/** Holding or resuming finished: go where the user's last word says. */
const afterHoldRequest = (held: boolean) =>
  held
    ? [{ guard: not('intendsHold'), target: 'resuming' }, { target: 'onHold' }]
    : [
        { guard: 'intendsHold' as const, target: 'holding' },
        { target: 'connected', actions: 'markConnected' as const },
      ];

/**
 * Connected-call behaviour, written once for every call machine, as three regions: the call itself
 * (following the port's call state, hold and resume as intents), the microphone and the camera. Its
 * `ended` target is the machine's own top-level `ended` state (`#callEnded`).
 */
export const liveCallState = callMachineSetup.createStateConfig({
  type: 'parallel',
  invoke: {
    id: 'watchCall',
    src: 'watchCall',
    input: ({ context }) => ({ handle: context.handle!, deps: context.deps }),
  },
  on: {
    CONTROL_FAILED: { actions: assign({ controlError: ({ event }) => event.error }) },
    'PORT.CAPABILITIES': { actions: assign({ platform: ({ event }) => event.capabilities }) },
    'PORT.TRANSFERRED': {
      actions: assign({ outcome: 'transferred', replacedBy: ({ event }) => event.replacedBy }),
    },
    FEATURE: {
      guard: and(['featureAllowed', inCall('connected')]),
      actions: ['clearControlError', 'runFeature'],
    },
  },
  states: {
    call: {
      id: 'call',
      initial: 'connecting',
      on: {
        'PORT.STATUS': followPortStatus(null),
        HANG_UP_FAILED: followPortStatus('recordHangUpFailure'),
        HANG_UP: { target: '.disconnecting', actions: [requestHangUp, 'hangUpHandle'] },
      },
      states: {
        connecting: { tags: 'connecting' },
        ringing: { tags: 'ringing' },
        earlyMedia: {
          tags: 'early_media',
          on: {
            SEND_DTMF: {
              guard: 'dtmfAllowed',
              actions: [
                'clearControlError',
                { type: 'sendDtmf', params: ({ event }) => ({ tone: event.tone }) },
              ],
            },
          },
        },
        inLobby: { tags: 'in_lobby', entry: assign({ wasInLobby: true }) },
        connected: {
          tags: 'connected',
          on: {
            'PORT.STATUS': [{ guard: status('connected'), ...consume }],
            HOLD: {
              target: 'holding',
              actions: [
                'clearControlError',
                {
                  type: 'setHoldIntent',
                  params: ({ event }) => ({ hold: true, reason: event.reason }),
                },
              ],
            },
            SEND_DTMF: {
              guard: 'dtmfAllowed',
              actions: [
                'clearControlError',
                { type: 'sendDtmf', params: ({ event }) => ({ tone: event.tone }) },
              ],
            },
          },
        },
        holding: {
          tags: 'holding',
          invoke: {
            id: 'holdRequest',
            ...controlRequest('hold', () => true),
            onDone: afterHoldRequest(true),
            onError: {
              target: 'connected',
              actions: {
                type: 'holdFailed',
                params: ({ event }) => ({ error: event.error, op: 'hold' as const }),
              },
            },
          },
          on: {
            // The port confirming the hold ends the request; a late "connected" is the state before it.
            'PORT.STATUS': [
              { guard: status('connected'), ...consume },
              { guard: status('local_hold', false), target: 'resuming' },
              { guard: status('local_hold'), target: 'onHold' },
            ],
            RESUME: {
              guard: 'intendsHold',
              actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: false } }],
            },
            HOLD: {
              guard: not('intendsHold'),
              actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: true } }],
            },
          },
        },
        onHold: {
          tags: 'on_hold',
          entry: assign({ holdIntent: true }),
          on: {
            'PORT.STATUS': [{ guard: status('local_hold'), ...consume }],
            RESUME: [
              {
                guard: 'roomNeeded',
                target: 'resuming',
                actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: false } }],
              },
              {
                target: 'resuming.requesting',
                actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: false } }],
              },
            ],
          },
        },
        resuming: {
          tags: 'resuming',
          initial: 'makingRoom',
          on: {
            'PORT.STATUS': [
              { guard: status('local_hold'), ...consume },
              { guard: status('connected', true), target: 'holding', actions: 'markConnected' },
            ],
          },
          states: {
            // Call waiting: the active call is held first, so that two calls are never active at once.
            makingRoom: {
              invoke: {
                ...makeRoomInvoke,
                onDone: 'requesting',
                onError: resumeFailed,
              },
              on: {
                // Nothing has reached the port yet: back on hold at once.
                HOLD: {
                  target: '#call.onHold',
                  actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: true } }],
                },
              },
            },
            requesting: {
              invoke: {
                id: 'resumeRequest',
                ...controlRequest('resume', () => false),
                onDone: afterHoldRequest(false).map((transition) => ({
                  ...transition,
                  target: `#call.${transition.target}`,
                })),
                onError: resumeFailed,
              },
              on: {
                HOLD: {
                  guard: not('intendsHold'),
                  actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: true } }],
                },
                RESUME: {
                  guard: 'intendsHold',
                  actions: ['clearControlError', { type: 'setHoldIntent', params: { hold: false } }],
                },
              },
            },
          },
        },
        remoteHold: { tags: 'remote_hold' },
        // Once hanging up, only the end counts: a late "connected" must not revive the call.
        disconnecting: {
          tags: 'disconnecting',
          on: {
            // A second hang-up sends nothing more and is not offered; one from sign-out or dispose still
            // records who ended the call.
            HANG_UP: [{ guard: 'endedByEndpoint', actions: requestHangUp }, consume],
            'PORT.STATUS': [
              { guard: status('disconnected'), target: '#callEnded', actions: recordEnd },
              consume,
            ],
          },
        },
      },
    },
    microphone: toggleRegion('mute', microphoneUsable, 'PORT.MUTED', 'MUTE', 'UNMUTE', {
      command: 'off',
      capability: 'unmute',
    }),
    camera: toggleRegion('video', connectedOnly, 'PORT.VIDEO', 'START_VIDEO', 'STOP_VIDEO', {
      command: 'on',
      capability: 'startVideo',
    }),
    screen: toggleRegion(
      'screen',
      connectedOnly,
      'PORT.SCREEN',
      'START_SCREEN_SHARING',
      'STOP_SCREEN_SHARING',
      { command: 'on', capability: 'startScreenSharing' },
    ),
    // Blind or consultative transfer of a 1:1 call, while connected or on hold.
    transfer: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            TRANSFER: {
              guard: and(['transferAllowed', or([inCall('connected'), inCall('onHold')])]),
              target: 'transferring',
              actions: [
                'clearControlError',
                assign({
                  transfer: ({ event }) => ({
                    state: 'transferring',
                    target: event.target,
                    shown: event.shown,
                    error: null,
                  }),
                }),
              ],
            },
          },
        },
        transferring: {
          invoke: {
            id: 'transferRequest',
            src: 'transferCall',
            input: ({ context }) => ({
              deps: context.deps,
              handle: context.handle!,
              target: context.transfer!.target,
            }),
            onDone: {
              target: 'transferred',
              actions: assign({
                transfer: ({ context }) => ({ ...context.transfer!, state: 'transferred' }),
                outcome: 'transferred',
              }),
            },
            onError: {
              target: 'idle',
              actions: assign(({ context, event }) => {
                const error = toTeamsEndpointError(event.error, 'call_failed', 'The transfer failed.');
                return {
                  transfer: { ...context.transfer!, state: 'failed' as const, error },
                  controlError: error,
                };
              }),
            },
          },
        },
        // The platform ends this call now; its outcome is `transferred`.
        transferred: {},
      },
    },
  },
});

/**
 * Waiting for the port to hand back the call (start or join). A hang-up leaves at once: the port's start is
 * aborted through its signal, the call ends `cancelled`, and a call the port hands back all the same is hung
 * up (see `placeCall`). So a port that never answers cannot hold the call in `connecting`.
 */
export const placingCallState = callMachineSetup.createStateConfig({
  tags: 'connecting',
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
    onDone: { target: 'live', actions: assignHandle },
    onError: { target: 'failed', actions: assignError },
  },
  on: { HANG_UP: { target: 'ended', actions: [requestHangUp, recordCancelled] } },
});

/** Every call machine's final states, with ids that nested states can target (`#callEnded`). */
export const endedState = callMachineSetup.createStateConfig({
  id: 'callEnded',
  type: 'final',
  tags: 'ended',
});
export const failedState = callMachineSetup.createStateConfig({
  id: 'callFailed',
  type: 'final',
  tags: 'failed',
});
