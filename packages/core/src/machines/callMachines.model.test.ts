// Model-based tests: xstate/graph walks each call machine's own graph to every reachable state, and each
// generated path is replayed against the real endpoint over the simulated tenant, by acting as the user,
// the remote party or the SDK would. After every step, the call's public status must match the model.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { TestModel } from 'xstate/graph';
import type { Call, CallStatus } from '../endpoint/callUnit';
import type { TeamsEndpoint } from '../endpoint/createTeamsEndpoint';
import {
  createFabrikamEndpoint,
  type FabrikamEndpoint,
  settle,
  useGraphServer,
} from '../endpoint/fabrikamEndpoint.test-support';
import { TeamsEndpointError } from '../errors';
import type { CallPortStatus } from '../ports/callingPort';
import type { CallEvent } from './callTypes';
import { inboundCallMachine } from './inboundCallMachine';
import { joinMeetingMachine } from './joinMeetingMachine';
import { matchesStateKey, statesReached } from './modelPaths.test-support';
import { outboundPstnCallMachine } from './outboundPstnCallMachine';
import { outboundTeamsCallMachine } from './outboundTeamsCallMachine';

useGraphServer();

/** The public status each machine state must show: the oracle, written independently of the code. */
const EXPECTED_STATUS: Record<string, CallStatus> = {
  placing: 'connecting',
  preparingChat: 'preparing',
  'offered.ringing': 'incoming',
  'offered.accepting': 'accepting',
  rejecting: 'rejecting',
  'live.connecting': 'connecting',
  'live.ringing': 'ringing',
  'live.earlyMedia': 'early_media',
  'live.inLobby': 'in_lobby',
  'live.connected': 'connected',
  'live.onHold': 'on_hold',
  'live.remoteHold': 'remote_hold',
  'live.disconnecting': 'disconnecting',
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

type ModelEvent =
  | CallEvent
  | { type: `xstate.${'done' | 'error'}.actor.${string}`; output?: unknown; error?: unknown };

const failure = new TeamsEndpointError('call_failed', 'Simulated failure.');
const actorEvents = (id: string): ModelEvent[] => [
  { type: `xstate.done.actor.${id}`, output: { threadId: '19:x@unq.gbl.spaces' } },
  { type: `xstate.error.actor.${id}`, error: failure },
];
const liveEvents: ModelEvent[] = [
  ...PORT_STATUSES.map(
    (status): ModelEvent =>
      status === 'disconnected'
        ? { type: 'PORT.STATUS', status, endReason: { code: 0 } }
        : { type: 'PORT.STATUS', status },
  ),
  { type: 'HANG_UP' },
  { type: 'HOLD' },
  { type: 'RESUME' },
];

interface MachineCase {
  readonly name: string;
  readonly machine: AnyStateMachine;
  readonly kind: 'outbound_pstn' | 'outbound_teams' | 'inbound' | 'meeting';
  readonly events: ModelEvent[];
  readonly start: (endpoint: TeamsEndpoint, world: FabrikamEndpoint['world']) => Call;
}

const cases: MachineCase[] = [
  {
    name: 'outboundPstnCallMachine (use case 1)',
    machine: outboundPstnCallMachine,
    kind: 'outbound_pstn',
    events: [...actorEvents('placeCall'), ...liveEvents],
    start: (endpoint) => endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber),
  },
  {
    name: 'outboundTeamsCallMachine (use case 3)',
    machine: outboundTeamsCallMachine,
    kind: 'outbound_teams',
    events: [...actorEvents('prepareChat'), ...actorEvents('placeCall'), ...liveEvents],
    start: (endpoint) => endpoint.callTeamsUser(fabrikam.meganId),
  },
  {
    name: 'inboundCallMachine (use cases 2 and 4)',
    machine: inboundCallMachine,
    kind: 'inbound',
    events: [
      { type: 'ACCEPT' },
      { type: 'REJECT' },
      { type: 'CALLER_ENDED', endReason: { code: 487 } },
      ...actorEvents('acceptCall'),
      ...actorEvents('rejectCall'),
      ...liveEvents,
    ],
    start: (endpoint, world) => {
      world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
      return endpoint.getCall(endpoint.getSnapshot().calls.at(-1)!.id)!;
    },
  },
  {
    name: 'joinMeetingMachine (use case 5)',
    machine: joinMeetingMachine,
    kind: 'meeting',
    events: [...actorEvents('placeCall'), ...liveEvents],
    start: (endpoint) => endpoint.joinMeetingById('123456789012', 'pass1'),
  },
];

const leafStates = (machine: AnyStateMachine): string[] =>
  Object.keys(EXPECTED_STATUS).filter((key) => {
    try {
      const [head, tail] = key.split('.');
      const node = machine.root.states[head!];
      return (
        node !== undefined &&
        (tail === undefined ? Object.keys(node.states).length === 0 : tail in node.states)
      );
    } catch {
      return false;
    }
  });

/** "reaches live.onHold: placeCall done → PORT.STATUS connected → HOLD" */
function describePath(path: {
  state: unknown;
  steps: readonly { event: { type: string; status?: string } }[];
}): string {
  const value = (path.state as { value: unknown }).value;
  const name =
    typeof value === 'string'
      ? value
      : Object.entries(value as object)
          .map(([k, v]) => `${k}.${v}`)
          .join();
  const steps = path.steps
    .slice(1)
    .map(({ event }) =>
      event.type === 'PORT.STATUS'
        ? `port ${event.status}`
        : event.type.replace(
            /^xstate\.(done|error)\.actor\.(\w+)$/,
            (_, outcome, id) => `${id} ${outcome === 'done' ? 'done' : 'fails'}`,
          ),
    );
  return `reaches ${name}: ${steps.join(' → ') || '(initial)'}`;
}

describe.each(cases)('$name', ({ machine, kind, events, start }) => {
  // `createTestModel` refuses machines that invoke actors; the TestModel class itself traverses them fine,
  // because a pure transition never starts the invoked actors.
  const model = new TestModel(machine, {
    stateMatcher: matchesStateKey,
    input: {
      deps: { now: () => 0 },
      kind,
      remote: { kind: 'unknown' },
      target: { kind: 'phoneNumber', phoneNumber: '+1' },
    },
    events: events as never,
    // The flags that change what an event does are part of the state.
    serializeState: (state) => {
      const c = (state as unknown as { context: Record<string, unknown> }).context;
      return JSON.stringify([(state as { value: unknown }).value, c.hangUpRequested, c.callerGone]);
    },
  });
  const paths = model.getShortestPaths();

  it('reaches every state of the machine', () => {
    expect(statesReached(paths, leafStates(machine))).toEqual(leafStates(machine).sort());
  });

  it.each(paths.map((path) => [describePath(path), path] as const))('%s', async (_description, path) => {
    const types = path.steps.map((step) => step.event.type);
    const { world, endpoint } = await createFabrikamEndpoint({
      calling: { connectAcceptedCalls: false, hangUpDelayMs: 60_000 },
    });
    // The port's answers are held until the path says they arrive.
    const placing = world.calling.deferNext(kind === 'meeting' ? 'joinMeeting' : 'startCall');
    const accepting = world.calling.deferNext('accept');
    const rejecting = world.calling.deferNext('reject');
    // Graph runs for real over MSW: its failure is armed up front, and slowed down when the user hangs up first.
    if (types.includes('xstate.error.actor.prepareChat'))
      world.graph.faults.failNext({ status: 403, pathIncludes: '/chats' });
    if (kind === 'outbound_teams' && types[1] === 'HANG_UP') world.graph.faults.setLatency(50);

    const call = start(endpoint, world);
    const remote = () => world.calling.lastCall();
    const until = async (predicate: () => boolean) => {
      for (let i = 0; i < 200 && !predicate(); i++) await settle();
      expect(predicate()).toBe(true);
    };
    const status = () => call.getSnapshot().status;
    const watched = () => world.calling.remoteCalls.length > 0 && remote().listenerCount > 0;
    const settledTo =
      (...statuses: CallStatus[]) =>
      () =>
        statuses.includes(status());

    const states = Object.fromEntries(
      leafStates(machine).map((key) => [
        key,
        () => {
          expect(call.getSnapshot().status, `in state ${key}`).toBe(EXPECTED_STATUS[key]);
          if (key === 'ended') expect(call.getSnapshot().outcome).not.toBeNull();
          if (key === 'failed')
            expect(call.getSnapshot().error?.code).toBe(
              types.includes('xstate.error.actor.prepareChat') ? 'consent_required' : 'call_failed',
            );
        },
      ]),
    );

    await path.test({
      states,
      events: {
        'xstate.done.actor.placeCall': async () => {
          placing.resolve();
          await until(watched);
        },
        'xstate.error.actor.placeCall': async () => {
          placing.reject(failure);
          await until(settledTo('failed', 'ended'));
        },
        'xstate.done.actor.prepareChat': () => until(() => status() !== 'preparing'),
        'xstate.error.actor.prepareChat': () => until(settledTo('failed')),
        'xstate.done.actor.acceptCall': async () => {
          accepting.resolve();
          await until(watched);
        },
        'xstate.error.actor.acceptCall': async () => {
          accepting.reject(failure);
          await until(settledTo('failed', 'ended'));
        },
        'xstate.done.actor.rejectCall': async () => {
          rejecting.resolve();
          await until(settledTo('ended'));
        },
        'xstate.error.actor.rejectCall': async () => {
          rejecting.reject(failure);
          await until(settledTo('ended'));
        },
        'PORT.STATUS': async ({
          event,
        }: {
          event: { status: CallPortStatus; endReason?: { code: number } };
        }) => {
          remote().reportStatus(event.status, event.endReason);
          await settle();
        },
        HANG_UP: () => call.hangUp(),
        HOLD: async () => {
          call.hold();
          await settle();
        },
        RESUME: async () => {
          call.resume();
          await settle();
        },
        ACCEPT: () => call.accept(),
        REJECT: () => call.reject(),
        CALLER_ENDED: async () => {
          world.calling.incomingCalls.at(-1)!.callerHangsUp();
          await settle();
        },
      } as never,
    });
    for (const held of [placing, accepting, rejecting]) held.reject(failure);
    for (const remoteCall of world.calling.remoteCalls) remoteCall.end({ code: 0 });
    await endpoint.dispose();
  });
});
