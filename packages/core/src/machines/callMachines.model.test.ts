// Model-based tests of the four call machines. xstate/graph walks each machine's own graph to every reachable
// state (the call region, the microphone, camera and screen-share regions, and the user's intents), and each generated
// path is replayed against a real call unit over the fake calling port, whose every answer is held until the
// path says it arrives. After every step:
// - the call's public status matches an oracle written independently of the machine;
// - each `can.X` equals whether the machine accepts X there, computed from the pure `transition()`;
// - every command outside `can` is issued, and reaches no port method and changes nothing.
import { createFakeCalling, type FakeCalling, type FakeQueue, fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, type AnyStateMachine, transition } from 'xstate';
import { TestModel } from 'xstate/graph';
import {
  CALL_COMMANDS,
  type CallCapabilities,
  type CallUnitInternals,
  createCallUnit,
} from '../endpoint/callUnit';
import { TeamsEndpointError } from '../errors';
import type { CallHandle, CallingPort, CallPortStatus, IncomingCallHandle } from '../ports/callingPort';
import type { GraphPort } from '../ports/graphPort';
import type { CallStatus } from './callStatus';
import type { CallEvent, CallKind } from './callTypes';
import { inboundCallMachine } from './inboundCallMachine';
import { joinMeetingMachine } from './joinMeetingMachine';
import { outboundPstnCallMachine } from './outboundPstnCallMachine';
import { outboundTeamsCallMachine } from './outboundTeamsCallMachine';

/** The public status each machine state must show: the oracle, written independently of the machine. */
const EXPECTED_STATUS: Record<string, CallStatus> = {
  placing: 'connecting',
  preparingChat: 'preparing',
  'offered.ringing': 'incoming',
  'offered.accepting': 'accepting',
  rejecting: 'rejecting',
  'live.call.connecting': 'connecting',
  'live.call.ringing': 'ringing',
  'live.call.earlyMedia': 'early_media',
  'live.call.inLobby': 'in_lobby',
  'live.call.connected': 'connected',
  'live.call.holding': 'holding',
  'live.call.onHold': 'on_hold',
  'live.call.resuming': 'resuming',
  'live.call.remoteHold': 'remote_hold',
  'live.call.disconnecting': 'disconnecting',
  ended: 'ended',
  failed: 'failed',
};

const PORT_STATUSES: CallPortStatus[] = [
  'connecting',
  'ringing',
  'early_media',
  'in_lobby',
  'connected',
  'local_hold',
  'remote_hold',
  'disconnecting',
  'disconnected',
];

const COMMAND_METHODS = {
  ACCEPT: (call) => call.accept(),
  REJECT: (call) => call.reject(),
  HANG_UP: (call) => call.hangUp(),
  MUTE: (call) => call.mute(),
  UNMUTE: (call) => call.unmute(),
  HOLD: (call) => call.hold(),
  RESUME: (call) => call.resume(),
  SEND_DTMF: (call) => call.sendDtmf('1'),
  START_VIDEO: (call) => call.startVideo(),
  STOP_VIDEO: (call) => call.stopVideo(),
  START_SCREEN_SHARING: (call) => call.startScreenSharing(),
  STOP_SCREEN_SHARING: (call) => call.stopScreenSharing(),
  TRANSFER: (call) => call.transfer({ phoneNumber: '+14255550199' }),
} satisfies Record<string, (call: CallUnitInternals['call']) => void>;
type CommandType = keyof typeof COMMAND_METHODS;

type ModelEvent =
  | CallEvent
  | { type: `xstate.${'done' | 'error'}.actor.${string}`; output?: unknown; error?: unknown };

const failure = new TeamsEndpointError('call_failed', 'Simulated failure.');

/**
 * The camera, the screen share and the transfer are regions independent of each other: walking them all at
 * once multiplies the graph and tests nothing more. Each machine is walked with the camera; the meeting
 * machine once more with the screen share instead, and the calls that can be transferred once more with the
 * transfer instead of either.
 */
type WalkedToggle = 'camera' | 'screen' | 'transfer';
const TRANSFER_STATES = ['live.transfer.transferring', 'live.transfer.transferred'];
const LEFT_OUT: Record<
  WalkedToggle,
  { commands: readonly string[]; requests: readonly string[]; regions: readonly string[] }
> = {
  camera: {
    commands: ['START_SCREEN_SHARING', 'STOP_SCREEN_SHARING', 'TRANSFER'],
    requests: ['screenRequest', 'transferRequest'],
    regions: ['live.screen.requesting', ...TRANSFER_STATES],
  },
  screen: {
    commands: ['START_VIDEO', 'STOP_VIDEO', 'TRANSFER'],
    requests: ['videoRequest', 'transferRequest'],
    regions: ['live.camera.requesting', ...TRANSFER_STATES],
  },
  transfer: {
    commands: ['START_VIDEO', 'STOP_VIDEO', 'START_SCREEN_SHARING', 'STOP_SCREEN_SHARING'],
    requests: ['videoRequest', 'screenRequest'],
    regions: ['live.camera.requesting', 'live.screen.requesting'],
  },
};

/** The feature commands (raise hand, lobby, …): their handles are absent here, so the machine refuses them. */
const isFeature = (command: CallEvent) => command.type === 'FEATURE';

/**
 * The events the model may send in a state. An actor's answer is offered only while that actor runs (an
 * answer nobody waits for would put the machine in its error status), and carries what was asked for.
 */
function modelEvents(state: AnyMachineSnapshot, walked: WalkedToggle): ModelEvent[] {
  const { context } = state;
  const left = LEFT_OUT[walked];
  const answers = (id: string, output?: unknown): ModelEvent[] =>
    id in state.children && !left.requests.includes(id)
      ? [
          { type: `xstate.done.actor.${id}`, output },
          { type: `xstate.error.actor.${id}`, error: failure },
        ]
      : [];
  return [
    ...Object.values(CALL_COMMANDS).filter(
      (command) => !left.commands.includes(command.type) && !isFeature(command),
    ),
    ...PORT_STATUSES.map(
      (status): ModelEvent =>
        status === 'disconnected'
          ? { type: 'PORT.STATUS', status, endReason: { code: 0 } }
          : { type: 'PORT.STATUS', status },
    ),
    { type: 'CALLER_ENDED', endReason: { code: 487 } },
    { type: 'FORCE_END', reason: 'dispose' },
    ...answers('placeCall', modelHandle(walked)),
    ...answers('prepareChat', { threadId: '19:chat@unq.gbl.spaces' }),
    ...answers('acceptCall', modelHandle(walked)),
    ...answers('rejectCall'),
    ...answers('makeRoom'),
    ...answers('holdRequest', true),
    ...answers('resumeRequest', false),
    // A device request always asks for the opposite of what the port last confirmed.
    ...answers('muteRequest', !context.isMuted),
    ...answers('videoRequest', !context.isVideoOn),
    ...answers('screenRequest', !context.isScreenSharingOn),
    ...answers('transferRequest'),
  ];
}

/** The handle the model's port hands back: with a transfer feature where the transfer is walked. */
const modelHandle = (walked: WalkedToggle) =>
  walked === 'transfer' ? { id: 'handle', features: { transfer: {} } } : { id: 'handle', features: {} };

/** "live.call.resuming" for `{ live: { call: { resuming: 'makingRoom' }, … } }`. */
function stateKey(value: unknown): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, unknown>;
  if ('offered' in record) {
    const offered = record.offered;
    return `offered.${typeof offered === 'string' ? offered : Object.keys(offered as object)[0]}`;
  }
  const call = (record.live as Record<string, unknown>).call;
  return `live.call.${typeof call === 'string' ? call : Object.keys(call as object)[0]}`;
}

/** Every state node of a machine, as dotted paths (`live.call.resuming.makingRoom`). */
function allStatePaths(machine: AnyStateMachine): string[] {
  const paths: string[] = [];
  const visit = (node: AnyStateMachine['root']) => {
    for (const child of Object.values(node.states)) {
      paths.push(child.path.join('.'));
      visit(child);
    }
  };
  visit(machine.root);
  return paths.sort();
}

function toStateValue(path: string): unknown {
  const parts = path.split('.');
  return parts.reduceRight<unknown>(
    (inner, part) => (inner === undefined ? part : { [part]: inner }),
    undefined,
  );
}

/** Whether the machine does anything with `command` in `state`: the oracle for `can`. */
function accepts(machine: AnyStateMachine, state: AnyMachineSnapshot, command: CallEvent): boolean {
  const [next, actions] = transition(machine, state, command as never);
  return (
    actions.length > 0 ||
    next.context !== state.context ||
    JSON.stringify(next.value) !== JSON.stringify(state.value)
  );
}

function expectedCan(machine: AnyStateMachine, state: AnyMachineSnapshot): CallCapabilities {
  const can = {} as Record<keyof CallCapabilities, boolean>;
  for (const [key, command] of Object.entries(CALL_COMMANDS) as [keyof CallCapabilities, CallEvent][]) {
    can[key] = state.status === 'active' && accepts(machine, state, command);
  }
  return can;
}

/** Lets the port's answers and the machine's reactions run: they are all promise jobs, no timers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const HELD_METHODS = [
  'startCall',
  'joinMeeting',
  'accept',
  'reject',
  'hold',
  'resume',
  'mute',
  'unmute',
  'startVideo',
  'stopVideo',
  'startScreenSharing',
  'stopScreenSharing',
] as const;

interface Deferred<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}
/** Answers held in arrival order, for the ports the rig writes itself (Graph's chat, call waiting). */
function queueOf<T>() {
  const waiting: Deferred<T>[] = [];
  return {
    next: (): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        waiting.push({ resolve, reject });
      }),
    resolveNext: (value: T) => waiting.shift()!.resolve(value),
    rejectNext: (error: unknown) => waiting.shift()!.reject(error),
  };
}

/** One call unit over the fake calling port; the port's, Graph's and call waiting's answers are all held. */
async function createRig(kind: CallKind, machine: AnyStateMachine, walked: WalkedToggle) {
  const fake: FakeCalling = createFakeCalling({ connectAcceptedCalls: false, hangUpDelayMs: 3_600_000 });
  // The call's features are the model's: a transfer whose answers are held where the transfer is walked,
  // none elsewhere (so that the transfer region stays out of those walks).
  const transfers = queueOf<void>();
  const withModelFeatures = (handle: CallHandle): CallHandle =>
    Object.assign(Object.create(handle) as CallHandle, {
      features:
        walked === 'transfer'
          ? { transfer: { transfer: () => transfers.next(), onTransferred: () => () => {} } }
          : {},
    });
  const calling: CallingPort = Object.assign(Object.create(fake) as CallingPort, {
    startCall: async (...args: Parameters<CallingPort['startCall']>) =>
      withModelFeatures(await fake.startCall(...args)),
    joinMeeting: async (...args: Parameters<CallingPort['joinMeeting']>) =>
      withModelFeatures(await fake.joinMeeting(...args)),
  });
  await fake.connect({
    getToken: async () => ({ token: 'test', expiresOn: new Date(Date.now() + 3_600_000) }),
  });
  const held = Object.fromEntries(HELD_METHODS.map((method) => [method, fake.holdAll(method)])) as Record<
    (typeof HELD_METHODS)[number],
    FakeQueue
  >;
  const chats = queueOf<{ threadId: string }>();
  const rooms = queueOf<void>();
  let incoming: IncomingCallHandle | undefined;
  const stopListening = fake.onIncomingCall((call) => {
    incoming = Object.assign(Object.create(call) as IncomingCallHandle, {
      accept: async (options?: Parameters<IncomingCallHandle['accept']>[0]) =>
        withModelFeatures(await call.accept(options)),
    });
  });
  const ringing =
    kind === 'inbound' ? fake.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId }) : null;
  stopListening();
  const graph = { getOrCreateOneOnOneChat: () => chats.next() } as Partial<GraphPort> as GraphPort;
  const unit = createCallUnit({
    id: 'call-1',
    machine: machine as never,
    input: {
      kind,
      remote: { kind: 'unknown' },
      ...(kind === 'inbound'
        ? { incoming: incoming! }
        : {
            target:
              kind === 'meeting'
                ? { kind: 'id', meetingId: '123456789012', passcode: 'pass1' }
                : kind === 'outbound_teams'
                  ? { kind: 'teamsUser', userId: fabrikam.meganId }
                  : { kind: 'phoneNumber', phoneNumber: '+14255550101' },
          }),
      deps: {
        calling,
        graph,
        contacts: { listCustomers: async () => [], findCustomerByPhoneNumber: () => new Promise(() => {}) },
        self: fabrikam.me,
        now: () => 0,
        resolvePerson: () => new Promise(() => {}),
        makeRoom: () => rooms.next(),
        roomNeeded: () => true,
        requestTimeoutMs: 3_600_000,
        controlTimeoutMs: 3_600_000,
        transferTimeoutMs: 3_600_000,
        phoneNumberOptions: {},
        adoptTransferred: () => 'call-2',
      },
    },
    startedAt: 0,
    onInvalidate: () => {},
  });
  const pendingOf = (...methods: (typeof HELD_METHODS)[number][]) =>
    held[methods.find((method) => held[method].pending > 0) ?? methods[0]!];
  return { fake, held, chats, rooms, transfers, unit, ringing, pendingOf };
}

interface MachineCase {
  readonly name: string;
  readonly machine: AnyStateMachine;
  readonly kind: CallKind;
  readonly walked: WalkedToggle;
}

const cases: MachineCase[] = [
  {
    name: 'outboundPstnCallMachine (use case 1)',
    machine: outboundPstnCallMachine,
    kind: 'outbound_pstn',
    walked: 'camera',
  },
  {
    name: 'outboundTeamsCallMachine (use case 3)',
    machine: outboundTeamsCallMachine,
    kind: 'outbound_teams',
    walked: 'camera',
  },
  {
    name: 'inboundCallMachine (use cases 2 and 4)',
    machine: inboundCallMachine,
    kind: 'inbound',
    walked: 'camera',
  },
  { name: 'joinMeetingMachine (use case 5)', machine: joinMeetingMachine, kind: 'meeting', walked: 'camera' },
  {
    name: 'outboundPstnCallMachine (use case 1), with the transfer',
    machine: outboundPstnCallMachine,
    kind: 'outbound_pstn',
    walked: 'transfer',
  },
  {
    name: 'inboundCallMachine (use cases 2 and 4), with the transfer',
    machine: inboundCallMachine,
    kind: 'inbound',
    walked: 'transfer',
  },
  {
    name: 'joinMeetingMachine (use case 5), with the screen share',
    machine: joinMeetingMachine,
    kind: 'meeting',
    walked: 'screen',
  },
];

function describeStep(event: ModelEvent): string {
  if (event.type === 'PORT.STATUS') return `port ${(event as { status: string }).status}`;
  return event.type.replace(/^xstate\.(done|error)\.actor\.(\w+)$/, (_, outcome, id) =>
    outcome === 'done' ? `${id} done` : `${id} fails`,
  );
}

describe.each(cases)('$name', ({ machine, kind, walked }) => {
  const model = new TestModel(machine, {
    input: {
      deps: { now: () => 0, roomNeeded: () => true },
      kind,
      remote: { kind: 'unknown' },
      target: { kind: 'phoneNumber', phoneNumber: '+14255550101' },
    },
    events: ((state: AnyMachineSnapshot) => modelEvents(state, walked)) as never,
    // The intents and flags that change what an event does are part of the state.
    serializeState: (state) => {
      const c = (state as AnyMachineSnapshot).context;
      return JSON.stringify([
        (state as AnyMachineSnapshot).status,
        (state as AnyMachineSnapshot).value,
        c.muteIntent,
        c.isMuted,
        c.videoIntent,
        c.isVideoOn,
        c.screenIntent,
        c.isScreenSharingOn,
        c.holdIntent,
        c.hangUpRequested,
        c.callerGone,
        c.endedBy,
      ]);
    },
  });
  const paths = model.getShortestPaths();

  it('reaches every state node of the machine (but the toggle left out of this walk)', () => {
    const expected = allStatePaths(machine).filter((path) => !LEFT_OUT[walked].regions.includes(path));
    const reached = expected.filter((path) =>
      paths.some((testPath) =>
        [...testPath.steps.map((step) => step.state), testPath.state].some((state) =>
          (state as AnyMachineSnapshot).matches(toStateValue(path) as never),
        ),
      ),
    );
    expect(reached).toEqual(expected);
  });

  it('every reachable state carries exactly one status tag, the one the oracle names', () => {
    for (const path of paths) {
      const state = path.state as AnyMachineSnapshot;
      const tags = [...state.tags];
      expect(tags, stateKey(state.value)).toEqual([EXPECTED_STATUS[stateKey(state.value)]]);
    }
  });

  it.each(
    paths.map((path) => {
      const steps = path.steps.slice(1).map(({ event }) => describeStep(event as ModelEvent));
      return [
        `${stateKey((path.state as AnyMachineSnapshot).value)}: ${steps.join(' → ') || '(initial)'}`,
        path,
      ];
    }),
  )('%s', async (_name, path) => {
    const rig = await createRig(kind, machine, walked);
    const { unit, fake, held } = rig;
    const remote = () => fake.lastCall();
    /** After every step: the status; in the state the path leads to, `can` and the refused commands too. */
    const check = async (state: AnyMachineSnapshot, final: boolean) => {
      await settle();
      const snapshot = unit.call.getSnapshot();
      const key = stateKey(state.value);
      expect(snapshot.status, `status in ${key}`).toBe(EXPECTED_STATUS[key]);
      if (!final) return;
      const can = expectedCan(machine, state);
      expect(snapshot.can, `can in ${key}`).toEqual(can);
      // Every command the machine refuses here is refused on the call too: no port call, no change.
      const before = { ...fake.methodCalls };
      for (const [flag, command] of Object.entries(CALL_COMMANDS) as [keyof CallCapabilities, CallEvent][]) {
        if (can[flag]) continue;
        if (isFeature(command)) unit.send(command);
        else COMMAND_METHODS[command.type as CommandType](unit.call);
      }
      await settle();
      expect(fake.methodCalls, `refused commands reach no port method in ${key}`).toEqual(before);
      expect(unit.call.getSnapshot(), `refused commands change nothing in ${key}`).toBe(snapshot);
    };

    const answer = (
      queue: { resolveNext(value?: never): void; rejectNext(error: unknown): void },
      ok: boolean,
    ) => (ok ? queue.resolveNext() : queue.rejectNext(failure));
    const steps = path.steps;
    await check(steps[0]!.state as AnyMachineSnapshot, steps.length === 1);
    for (const [index, step] of steps.entries()) {
      if (index === 0) continue;
      const event = step.event as ModelEvent;
      const done = event.type.startsWith('xstate.done.');
      const actor = event.type.replace(/^xstate\.(done|error)\.actor\./, '');
      if (event.type in COMMAND_METHODS) COMMAND_METHODS[event.type as CommandType](unit.call);
      else if (event.type === 'PORT.STATUS') {
        const { status, endReason } = event as { status: CallPortStatus; endReason?: { code: number } };
        remote().reportStatus(status, endReason);
      } else if (event.type === 'CALLER_ENDED') rig.ringing!.callerHangsUp();
      else if (event.type === 'FORCE_END') unit.send({ type: 'FORCE_END', reason: 'dispose' });
      else if (actor === 'placeCall') answer(held[kind === 'meeting' ? 'joinMeeting' : 'startCall'], done);
      else if (actor === 'prepareChat')
        done ? rig.chats.resolveNext({ threadId: '19:chat@unq.gbl.spaces' }) : rig.chats.rejectNext(failure);
      else if (actor === 'acceptCall') answer(held.accept, done);
      else if (actor === 'rejectCall') answer(held.reject, done);
      else if (actor === 'makeRoom') done ? rig.rooms.resolveNext() : rig.rooms.rejectNext(failure);
      else if (actor === 'holdRequest') answer(held.hold, done);
      else if (actor === 'resumeRequest') answer(held.resume, done);
      else if (actor === 'muteRequest') answer(rig.pendingOf('mute', 'unmute'), done);
      else if (actor === 'videoRequest') answer(rig.pendingOf('startVideo', 'stopVideo'), done);
      else if (actor === 'screenRequest')
        answer(rig.pendingOf('startScreenSharing', 'stopScreenSharing'), done);
      else if (actor === 'transferRequest')
        done ? rig.transfers.resolveNext() : rig.transfers.rejectNext(failure);
      else throw new Error(`No replay for ${event.type}`);
      await check(step.state as AnyMachineSnapshot, index === steps.length - 1);
    }
    for (const queue of Object.values(held)) queue.release();
    unit.stop();
    await fake.disconnect();
    expect(fake.listenerCount()).toBe(0);
  });
});
