// Call lifetimes over random interleavings (DESIGN.md, "Races resolve deterministically" and "Disposing the
// endpoint or a call stops its actors and removes every SDK listener"): whatever the ports answer, and
// whenever, a hang-up, a sign-out or a dispose ends every call, and says why.
import { createGraphPort } from '@teams-endpoint/graph';
import {
  createFabrikamWorld,
  type FabrikamWorld,
  fabrikam,
  type FakeQueue,
  waitForSnapshot,
} from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abortedError, TeamsEndpointError } from '../errors';
import type { CallingPort, CallTarget, MeetingLocator } from '../ports/callingPort';
import type { GraphPort, OneOnOneChat } from '../ports/graphPort';
import type { SignalOption } from '../ports/identityPort';
import type { Call, CallSnapshot } from './callUnit';
import { createTeamsEndpoint, type TeamsEndpoint, type TeamsEndpointOptions } from './createTeamsEndpoint';
import { server, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const FINAL_STATUSES: readonly string[] = ['ended', 'failed'];
const isFinal = (snapshot: CallSnapshot) => FINAL_STATUSES.includes(snapshot.status);
const portError = () => new TeamsEndpointError('service_error', 'The port said no.', { retryable: true });

/** Lets `count` microtasks run: a "moment" between two events, finer than `settle()`. */
async function ticks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve();
}

/** Lets every port and notification finish what it will do without a test's help. */
async function quiesce(): Promise<void> {
  for (let i = 0; i < 8; i++) await settle();
}

/** Whether `promise` settled once the ports have done everything they will do without the test. */
async function settlesByItself<T>(promise: Promise<T>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await quiesce();
  return settled;
}

/** A port that drops the AbortSignal of its start methods: its start completes whatever happens. */
function ignoringSignals(calling: CallingPort): CallingPort {
  return new Proxy(calling, {
    get: (target, key) => {
      if (key === 'startCall') return (callTarget: CallTarget) => target.startCall(callTarget);
      if (key === 'joinMeeting') return (locator: MeetingLocator) => target.joinMeeting(locator);
      return Reflect.get(target, key, target);
    },
  });
}

/**
 * Holds every chat creation of the real Graph port until the test lets it through (the request then goes to
 * the mocked Graph) or makes it fail; `honoursSignal: false` is a port that drops the signal.
 */
function gatedChats(graph: GraphPort, honoursSignal: boolean) {
  const waiting: { go: () => void; fail: (error: unknown) => void }[] = [];
  const next = () => {
    const entry = waiting.shift();
    if (!entry) throw new Error('No chat creation is waiting.');
    return entry;
  };
  const port = new Proxy(graph, {
    get: (target, key) => {
      if (key !== 'getOrCreateOneOnOneChat') return Reflect.get(target, key, target);
      return (selfId: string, userId: string, options?: SignalOption): Promise<OneOnOneChat> => {
        const signal = honoursSignal ? options?.signal : undefined;
        return new Promise<void>((go, fail) => {
          const entry = { go, fail };
          waiting.push(entry);
          signal?.addEventListener('abort', () => {
            waiting.splice(waiting.indexOf(entry), 1);
            fail(abortedError());
          });
        }).then(() => target.getOrCreateOneOnOneChat(selfId, userId, signal ? { signal } : {}));
      };
    },
  });
  return {
    port,
    get pending() {
      return waiting.length;
    },
    resolveNext: () => next().go(),
    rejectNext: (error: unknown) => next().fail(error),
  };
}

async function endpointOver(
  world: FabrikamWorld,
  overrides: Partial<TeamsEndpointOptions> = {},
): Promise<TeamsEndpoint> {
  server.resetHandlers();
  server.use(...world.graph.handlers);
  const endpoint = createTeamsEndpoint({
    identity: world.identity,
    calling: world.calling,
    contacts: world.contacts,
    graph: createGraphPort({ identity: world.identity }),
    hangUpGraceMs: 1,
    ...overrides,
  });
  await endpoint.signIn();
  return endpoint;
}

type OutgoingKind = 'pstn' | 'teams' | 'meetingLink' | 'meetingId';
const OUTGOING_KINDS: readonly OutgoingKind[] = ['pstn', 'teams', 'meetingLink', 'meetingId'];
const meetingLink = fabrikam.calendarWeek(new Date()).find((event) => event.onlineMeeting)!.onlineMeeting!
  .joinUrl;

/** Places the `index`th distinct outgoing call of a kind (distinct, so that none is a double click). */
function placeOutgoing(endpoint: TeamsEndpoint, kind: OutgoingKind, index = 0): Call {
  switch (kind) {
    case 'pstn':
      return endpoint.callPhoneNumber(`+1425555${(1000 + index).toString()}`);
    case 'teams':
      return endpoint.callTeamsUser(fabrikam.people[2 + index]!.id);
    case 'meetingLink':
      return endpoint.joinMeeting(meetingLink);
    case 'meetingId':
      return endpoint.joinMeetingById(`12345678${(9000 + index).toString()}`, 'pass1');
  }
}

/** What a port request does: answers before the hang-up, after it, or never; by resolving or rejecting. */
const portAnswer = fc.record({
  when: fc.constantFrom('before', 'after', 'never'),
  how: fc.constantFrom('resolve', 'reject'),
});

const settleHeld = (queue: { pending: number; resolveNext(): void; rejectNext(error: never): void }, how: string) => {
  if (queue.pending === 0) return;
  if (how === 'resolve') queue.resolveNext();
  else queue.rejectNext(portError() as never);
};

describe('hang-up while the port is starting the call', () => {
  const scenario = fc.record({
    kind: fc.constantFrom(...OUTGOING_KINDS),
    ignoresSignal: fc.boolean(),
    chat: portAnswer,
    start: portAnswer,
    remote: fc.constantFrom('none', 'ring', 'answer'),
    gaps: fc.array(fc.nat(6), { minLength: 5, maxLength: 5 }),
    hangUpTwice: fc.boolean(),
  });

  it('ends cancelled at once (or as it really went), leaves no remote call live, and a redial is a new call', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const world = createFabrikamWorld();
        const startMethod = s.kind === 'pstn' || s.kind === 'teams' ? 'startCall' : 'joinMeeting';
        const starts: FakeQueue = world.calling.holdAll(startMethod);
        const chats = gatedChats(createGraphPort({ identity: world.identity }), !s.ignoresSignal);
        const endpoint = await endpointOver(world, {
          calling: s.ignoresSignal ? ignoringSignals(world.calling) : world.calling,
          graph: chats.port,
        });
        const [g0, g1, g2, g3, g4] = s.gaps as [number, number, number, number, number];

        const call = placeOutgoing(endpoint, s.kind);
        await ticks(g0);
        let chatDone = s.kind !== 'teams';
        if (s.kind === 'teams' && s.chat.when === 'before') {
          settleHeld(chats, s.chat.how);
          chatDone = s.chat.how === 'resolve';
          await ticks(g1);
        }
        let startAnswered = false;
        if (chatDone && s.start.when === 'before') {
          // The chat goes through the mocked Graph first: wait until the port was asked to start the call.
          await waitForSnapshot(call, (snapshot) => snapshot.status !== 'preparing');
          settleHeld(starts, s.start.how);
          startAnswered = true;
          await ticks(g2);
          const remote = world.calling.remoteCalls[0];
          if (remote && s.remote === 'ring') remote.ring();
          if (remote && s.remote === 'answer') remote.answer();
          await ticks(g3);
        }

        const before = call.getSnapshot();
        call.hangUp();
        if (s.hangUpTwice) call.hangUp();
        const after = call.getSnapshot();
        if (!startAnswered && before.status !== 'failed') {
          // The port has not answered: the call ends here and now, without waiting for it.
          expect(after).toMatchObject({ status: 'ended', outcome: 'cancelled' });
        }
        if (before.status === 'failed') expect(after).toBe(before);

        await ticks(g4);
        if (s.kind === 'teams' && s.chat.when === 'after') settleHeld(chats, s.chat.how);
        if (s.start.when === 'after') settleHeld(starts, s.start.how);
        const ended = call.whenEnded();
        expect(await settlesByItself(ended)).toBe(true);
        const expected =
          before.status === 'failed'
            ? { status: 'failed' }
            : { status: 'ended', outcome: before.status === 'connected' ? 'completed' : 'cancelled' };
        expect(await ended).toMatchObject(expected);

        // Every call the port handed back, in time or late, was hung up exactly once and is not listened to.
        for (const remote of world.calling.remoteCalls) {
          expect(remote.state.status).toBe('disconnected');
          expect(remote.hangUpCount).toBe(1);
          expect(remote.listenerCount).toBe(0);
        }
        if (!chatDone) expect(world.calling.methodCalls.startCall).toBe(0);

        const redial = placeOutgoing(endpoint, s.kind);
        expect(redial).not.toBe(call);
        expect(redial.id).not.toBe(call.id);
        expect(isFinal(redial.getSnapshot())).toBe(false);
        expect(endpoint.getCall(redial.id)).toBe(redial);

        await endpoint.dispose();
        // Starts that ignored the abort complete now: even after dispose, what they hand back is hung up.
        starts.release();
        await quiesce();
        expect(world.calling.remoteCalls.every((remote) => remote.state.status === 'disconnected')).toBe(true);
        expect(world.calling.listenerCount()).toBe(0);
      }),
      { numRuns: 120 },
    );
  });
});
