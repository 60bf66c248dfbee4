// Call lifetimes over random interleavings (DESIGN.md, "Races resolve deterministically" and "Disposing the
// endpoint or a call stops its actors and removes every SDK listener"): whatever the ports answer, and
// whenever, a hang-up, a sign-out or a dispose ends every call, and says why.
import { createGraphPort } from '@teams-endpoint/graph';
import {
  createFabrikamWorld,
  type FabrikamWorld,
  type FakeQueue,
  fabrikam,
  waitForSnapshot,
} from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abortedError, TeamsEndpointError } from '../errors';
import type { CallingPort, CallTarget, IncomingCallHandle, MeetingLocator } from '../ports/callingPort';
import type { ContactsPort } from '../ports/contactsPort';
import type { GraphPort, OneOnOneChat } from '../ports/graphPort';
import type { SignalOption } from '../ports/identityPort';
import type { Call, CallSnapshot } from './callUnit';
import { createTeamsEndpoint, type TeamsEndpoint, type TeamsEndpointOptions } from './createTeamsEndpoint';
import { server, settle, useGraphServer } from './fabrikamEndpoint.test-support';
import { remotePartyName } from './selectors';

useGraphServer();

/** Each property runs well under this; the margin is for a loaded machine. */
const PROPERTY_TIMEOUT_MS = 30_000;

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

/** A port that drops the AbortSignal of its start and accept methods: they complete whatever happens. */
function ignoringSignals(calling: CallingPort): CallingPort {
  const acceptIgnoringSignal = (incoming: IncomingCallHandle): IncomingCallHandle =>
    new Proxy(incoming, {
      get: (target, key) => (key === 'accept' ? () => target.accept() : Reflect.get(target, key, target)),
    });
  return new Proxy(calling, {
    get: (target, key) => {
      if (key === 'startCall') return (callTarget: CallTarget) => target.startCall(callTarget);
      if (key === 'joinMeeting') return (locator: MeetingLocator) => target.joinMeeting(locator);
      if (key === 'onIncomingCall') {
        return (listener: (incoming: IncomingCallHandle) => void) =>
          target.onIncomingCall((incoming) => listener(acceptIgnoringSignal(incoming)));
      }
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
const meetingLink = fabrikam.calendarWeek(new Date()).find((event) => event.onlineMeeting)!
  .onlineMeeting!.joinUrl;

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
  when: fc.oneof(
    { arbitrary: fc.constant('before'), weight: 2 },
    { arbitrary: fc.constantFrom('after', 'never'), weight: 2 },
  ),
  how: fc.constantFrom('resolve', 'reject'),
});

/** Lets the oldest held request through, or fails it; nothing happens when none is waiting. */
function settleHeld(requests: Pick<FakeQueue, 'pending' | 'resolveNext' | 'rejectNext'>, how: string): void {
  if (requests.pending === 0) return;
  if (how === 'resolve') requests.resolveNext();
  else requests.rejectNext(portError());
}

describe('hang-up while the port is starting the call', () => {
  const scenario = fc.record({
    kind: fc.constantFrom(...OUTGOING_KINDS),
    ignoresSignal: fc.boolean(),
    chat: portAnswer,
    start: portAnswer,
    remote: fc.constantFrom('none', 'none', 'ring', 'answer'),
    // Microtasks between the steps; the port's answer reaches the machine some microtasks after it is given.
    gaps: fc.array(fc.nat(8), { minLength: 5, maxLength: 5 }),
    hangUpTwice: fc.boolean(),
  });

  it(
    'ends cancelled at once (or as it really went), leaves no remote call live, and a redial is a new call',
    async () => {
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
            if (remote && s.remote !== 'none') {
              if (s.remote === 'ring') remote.ring();
              else remote.answer();
              await ticks(g3);
            }
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
          expect(world.calling.remoteCalls.every((remote) => remote.state.status === 'disconnected')).toBe(
            true,
          );
          expect(world.calling.listenerCount()).toBe(0);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('at every moment between the port handing back the call and the hang-up, that call is hung up', async () => {
    // The machine takes the handle a few microtasks after the port answers; a hang-up may fall in between.
    // The port ignores the abort, so it always hands the call back.
    for (let moment = 0; moment <= 8; moment++) {
      const world = createFabrikamWorld();
      const starts = world.calling.holdAll('startCall');
      const endpoint = await endpointOver(world, { calling: ignoringSignals(world.calling) });
      const call = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
      starts.resolveNext(); // the port answers…
      await ticks(moment);
      call.hangUp(); // …and the user hangs up `moment` microtasks later
      expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'cancelled' });
      await quiesce();
      expect(world.calling.remoteCalls.map((remote) => [moment, remote.state.status])).toEqual([
        [moment, 'disconnected'],
      ]);
      await endpoint.dispose();
    }
  });

  it('at every moment between the port answering an incoming call and the hang-up, that call is hung up', async () => {
    for (let moment = 0; moment <= 8; moment++) {
      const world = createFabrikamWorld();
      const accepts = world.calling.holdAll('accept');
      const endpoint = await endpointOver(world, { calling: ignoringSignals(world.calling) });
      world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
      await settle();
      const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
      call.accept();
      accepts.resolveNext(); // the port answers…
      await ticks(moment);
      call.hangUp(); // …and the user hangs up `moment` microtasks later
      expect(isFinal(await call.whenEnded())).toBe(true);
      await quiesce();
      expect(world.calling.remoteCalls.map((remote) => [moment, remote.state.status])).toEqual([
        [moment, 'disconnected'],
      ]);
      await endpoint.dispose();
    }
  });
});

/**
 * The live states a call can be in when the endpoint ends it. Those named after a request (`placing`,
 * `preparing`, `holding`, `accepting`, `rejecting`, `disconnecting`) wait on a port that never answers it.
 */
type LiveState =
  | 'placing'
  | 'preparing'
  | 'ringing'
  | 'early_media'
  | 'connected'
  | 'holding'
  | 'on_hold'
  | 'in_lobby'
  | 'incoming'
  | 'accepting'
  | 'rejecting'
  | 'disconnecting';
const LIVE_STATES: readonly LiveState[] = [
  'placing',
  'preparing',
  'ringing',
  'early_media',
  'connected',
  'holding',
  'on_hold',
  'in_lobby',
  'incoming',
  'accepting',
  'rejecting',
  'disconnecting',
];

/** Brings a new call (the `index`th of the run, so that each has its own target) into `state`. */
async function callIn(world: FabrikamWorld, endpoint: TeamsEndpoint, state: LiveState, index: number) {
  const newRemote = async () => {
    const known = world.calling.remoteCalls.length;
    await settle();
    return world.calling.remoteCalls[known]!;
  };
  const incomingCall = async () => {
    world.calling.simulateIncomingCall(
      index % 2 === 0
        ? { kind: 'phoneNumber', phoneNumber: `+1206555${(1000 + index).toString()}` }
        : { kind: 'teamsUser', userId: fabrikam.people[2 + index]!.id },
    );
    await settle();
    return endpoint.getCall(endpoint.getSnapshot().calls.at(-1)!.id)!;
  };
  switch (state) {
    case 'placing':
      world.calling.deferNext('startCall'); // the port never hands the call back
      return placeOutgoing(endpoint, 'pstn', index);
    case 'preparing':
      world.graph.faults.hangNext({ pathIncludes: '/chats' }); // Graph never creates the chat
      return placeOutgoing(endpoint, 'teams', index);
    case 'in_lobby': {
      const call = placeOutgoing(endpoint, 'meetingId', index);
      (await newRemote()).putInLobby();
      return call;
    }
    case 'incoming':
      return incomingCall();
    case 'accepting':
    case 'rejecting': {
      const call = await incomingCall();
      world.calling.deferNext(state === 'accepting' ? 'accept' : 'reject'); // the port never answers
      if (state === 'accepting') call.accept();
      else call.reject();
      await settle();
      return call;
    }
    default: {
      const call = placeOutgoing(endpoint, 'pstn', index);
      const remote = await newRemote();
      if (state === 'ringing' || state === 'early_media') {
        if (state === 'ringing') remote.ring();
        else remote.earlyMedia();
        await settle();
        return call;
      }
      remote.answer();
      await settle();
      if (state === 'holding') world.calling.deferNext('hold'); // the port never confirms the hold
      if (state === 'on_hold' || state === 'holding') call.hold();
      if (state === 'disconnecting') {
        world.calling.deferNext('hangUp'); // the user hangs up; the port never finishes
        call.hangUp();
      }
      await settle();
      return call;
    }
  }
}

/** The status a call in each state shows; call waiting may have held a connected call meanwhile. */
const STATUS_IN: Record<LiveState, readonly string[]> = {
  placing: ['connecting'],
  preparing: ['preparing'],
  ringing: ['ringing'],
  early_media: ['early_media'],
  connected: ['connected', 'on_hold'],
  holding: ['holding'],
  on_hold: ['on_hold'],
  in_lobby: ['in_lobby'],
  incoming: ['incoming'],
  accepting: ['accepting'],
  rejecting: ['rejecting'],
  disconnecting: ['disconnecting'],
};

const SIGNED_OUT_MESSAGE = /because you signed out/;
const DISPOSED_MESSAGE = /because the app closed its Teams connection/;

/** `whenEnded()` of a call, with whether it has settled yet. */
function watchEnd(call: Call) {
  const watched = { call, settled: false };
  call.whenEnded().then(() => {
    watched.settled = true;
  });
  return watched;
}

/** Subscribers an app forgot to remove: dispose must close them all. */
type Forgotten = 'endpoint' | 'endpoint$' | 'call' | 'call$' | 'people' | 'customers' | 'meetings';
function subscribeForever(endpoint: TeamsEndpoint, unit: Forgotten, call: Call | undefined): void {
  const noop = () => {};
  if (unit === 'endpoint') endpoint.subscribe(noop);
  if (unit === 'endpoint$') endpoint.state$.subscribe(noop);
  if (unit === 'call') call?.subscribe(noop);
  if (unit === 'call$') call?.state$.subscribe(noop);
  if (unit === 'people' || unit === 'customers' || unit === 'meetings') endpoint[unit].subscribe(noop);
}

const callsInRandomStates = fc.array(fc.constantFrom(...LIVE_STATES), { minLength: 1, maxLength: 5 });
const waitMoments = fc.array(
  fc.record({
    call: fc.nat(),
    moment: fc.constantFrom('beforeEnd', 'duringEnd', 'afterEnd'),
  }),
  { maxLength: 8 },
);

describe('dispose ends every call and leaves nothing behind', () => {
  const scenario = fc.record({
    states: callsInRandomStates,
    hangUpsNeverComplete: fc.boolean(),
    rejectsNeverComplete: fc.boolean(),
    waits: waitMoments,
    forgotten: fc.array(
      fc.record({
        unit: fc.constantFrom<Forgotten>(
          'endpoint',
          'endpoint$',
          'call',
          'call$',
          'people',
          'customers',
          'meetings',
        ),
        call: fc.nat(),
      }),
      { maxLength: 6 },
    ),
    gap: fc.nat(4),
    disposeTwice: fc.boolean(),
  });

  it(
    'every whenEnded() settles, every call ends disposed, no subscriber and no port listener is left',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const world = createFabrikamWorld();
          const endpoint = await endpointOver(world);
          const calls: Call[] = [];
          const watched: ReturnType<typeof watchEnd>[] = [];
          for (const [index, state] of s.states.entries()) {
            const call = await callIn(world, endpoint, state, index);
            watched.push(watchEnd(call)); // called right after the call was created
            calls.push(call);
          }
          const pick = (index: number) => calls[index % calls.length]!;
          for (const { unit, call } of s.forgotten) subscribeForever(endpoint, unit, pick(call));
          for (const wait of s.waits)
            if (wait.moment === 'beforeEnd') watched.push(watchEnd(pick(wait.call)));
          if (s.hangUpsNeverComplete) world.calling.holdAll('hangUp');
          if (s.rejectsNeverComplete) world.calling.holdAll('reject');
          const liveAtDispose = calls.filter((call) => !isFinal(call.getSnapshot()));

          // Two quick disposes (two components unmounting): whichever one the app awaits, it means done.
          let disposing = endpoint.dispose();
          if (s.disposeTwice) disposing = endpoint.dispose();
          await ticks(s.gap);
          for (const wait of s.waits)
            if (wait.moment === 'duringEnd') watched.push(watchEnd(pick(wait.call)));
          await disposing;
          // Done means done, at once: no live call, no subscriber, no port listener.
          expect(calls.map((call) => call.getSnapshot()).filter((snapshot) => !isFinal(snapshot))).toEqual(
            [],
          );
          expect(endpoint.getSubscriberCount()).toBe(0);
          expect(world.calling.listenerCount()).toBe(0);
          for (const wait of s.waits) if (wait.moment === 'afterEnd') watched.push(watchEnd(pick(wait.call)));
          await ticks(2);

          expect(watched.filter((w) => !w.settled).map((w) => w.call.getSnapshot())).toEqual([]);
          for (const call of calls) {
            expect(FINAL_STATUSES).toContain(call.getSnapshot().status);
            expect(await call.whenEnded()).toBe(call.getSnapshot());
          }
          for (const call of liveAtDispose) {
            expect(call.getSnapshot()).toMatchObject({
              outcome: 'disposed',
              endReason: { message: expect.stringMatching(DISPOSED_MESSAGE) },
            });
          }
          expect(endpoint.getSnapshot().calls.every(isFinal)).toBe(true);
          expect(endpoint.getSubscriberCount()).toBe(0);
          expect(world.calling.listenerCount()).toBe(0);
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** The number of a call that rings while signing out. */
const LATE = '+12065559999';
const isLate = (call: CallSnapshot) => call.remote.kind === 'phoneNumber' && call.remote.phoneNumber === LATE;

describe('sign-out ends every call, saying so', () => {
  const scenario = fc.record({
    states: callsInRandomStates,
    hangUps: fc.constantFrom('complete', 'never', 'refused'),
    disconnectWaits: fc.boolean(),
    // A call rings `n` microtasks into sign-out, or once the calls have hung up and the agent disconnects.
    incomingDuringSignOut: fc.option(fc.oneof(fc.nat(3), fc.constant('whileDisconnecting' as const)), {
      nil: undefined,
    }),
    waits: waitMoments,
  });

  it(
    'every live call ends signed_out, also when the port never hangs up or refuses to',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const world = createFabrikamWorld();
          const endpoint = await endpointOver(world);
          const calls: Call[] = [];
          for (const [index, state] of s.states.entries())
            calls.push(await callIn(world, endpoint, state, index));
          const pick = (index: number) => calls[index % calls.length]!;
          const watched = s.waits.filter((w) => w.moment === 'beforeEnd').map((w) => watchEnd(pick(w.call)));
          if (s.hangUps === 'never') world.calling.holdAll('hangUp');
          if (s.hangUps === 'refused') world.calling.failNext('hangUp', portError(), 1_000);
          // A disconnect that waits keeps the agent from ending the calls: only the grace period can.
          const disconnects = s.disconnectWaits ? world.calling.holdAll('disconnect') : null;
          const liveAtSignOut = calls.filter((call) => !isFinal(call.getSnapshot()));

          const signingOut = endpoint.signOut();
          for (const wait of s.waits)
            if (wait.moment === 'duringEnd') watched.push(watchEnd(pick(wait.call)));
          const ringLate = () => {
            if (world.calling.isConnected)
              world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: LATE });
          };
          if (typeof s.incomingDuringSignOut === 'number') {
            await ticks(s.incomingDuringSignOut);
            ringLate();
          }
          if (disconnects) {
            const allEnded = Promise.all(liveAtSignOut.map((call) => call.whenEnded()));
            expect(await settlesByItself(allEnded)).toBe(true); // with the agent still connected
            expect(world.calling.methodCalls.disconnect).toBe(1);
            if (s.incomingDuringSignOut === 'whileDisconnecting') ringLate();
            disconnects.release();
          }
          await signingOut;
          // Nothing rings or talks once sign-out is done; a call that rang while signing out was never offered.
          expect(endpoint.getSnapshot().calls.filter((call) => !isFinal(call))).toEqual([]);
          expect(endpoint.getSnapshot().calls.filter(isLate)).toEqual([]);
          for (const wait of s.waits) if (wait.moment === 'afterEnd') watched.push(watchEnd(pick(wait.call)));
          await ticks(2);

          expect(watched.filter((w) => !w.settled).map((w) => w.call.getSnapshot())).toEqual([]);
          for (const call of liveAtSignOut) {
            expect(call.getSnapshot()).toMatchObject({
              status: expect.stringMatching(/^(ended|failed)$/),
              outcome: 'signed_out',
              endReason: { message: expect.stringMatching(SIGNED_OUT_MESSAGE) },
            });
          }
          expect(endpoint.getSnapshot().session.status).toBe('signed_out');
          await endpoint.dispose();
          expect(world.calling.listenerCount()).toBe(0);
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('end reasons, in each state', () => {
  it.each(LIVE_STATES)(
    'dispose while %s: outcome disposed, and the message says the app closed',
    async (state) => {
      const world = createFabrikamWorld();
      const endpoint = await endpointOver(world);
      const call = await callIn(world, endpoint, state, 0);
      expect(STATUS_IN[state]).toContain(call.getSnapshot().status);
      await endpoint.dispose();
      expect(call.getSnapshot()).toMatchObject({
        status: 'ended',
        outcome: 'disposed',
        endReason: { message: 'The call ended because the app closed its Teams connection.' },
      });
    },
  );

  it.each(LIVE_STATES)('sign-out while %s: outcome signed_out, and the message says so', async (state) => {
    const world = createFabrikamWorld();
    const endpoint = await endpointOver(world);
    const call = await callIn(world, endpoint, state, 0);
    expect(STATUS_IN[state]).toContain(call.getSnapshot().status);
    await endpoint.signOut();
    expect(call.getSnapshot()).toMatchObject({
      status: 'ended',
      outcome: 'signed_out',
      endReason: { message: 'The call ended because you signed out.' },
    });
    await endpoint.dispose();
  });

  it('sign-out: a call the port refuses to hang up ends after the grace, before the agent disconnects', async () => {
    const world = createFabrikamWorld();
    const endpoint = await endpointOver(world);
    const call = await callIn(world, endpoint, 'connected', 0);
    world.calling.failNext('hangUp', portError(), 1_000); // every hang-up is refused
    const disconnects = world.calling.holdAll('disconnect'); // and the agent does not go away
    const signingOut = endpoint.signOut();
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'signed_out' });
    expect(world.calling.isConnected).toBe(true);
    disconnects.release();
    await signingOut;
    await endpoint.dispose();
  });

  it('sign-out: a call that rings while signing out is not offered', async () => {
    const world = createFabrikamWorld();
    const endpoint = await endpointOver(world);
    const disconnects = world.calling.holdAll('disconnect');
    const signingOut = endpoint.signOut();
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    disconnects.release();
    await signingOut;
    expect(endpoint.getSnapshot().calls).toEqual([]);
    await endpoint.dispose();
    expect(world.calling.listenerCount()).toBe(0);
  });
});

describe('requests that never answer do not leave a call pending', () => {
  /** A contacts port whose lookups each answer, or never settle (not even on abort), as scripted. */
  function scriptedContacts(world: FabrikamWorld) {
    const script: ('answers' | 'never')[] = [];
    let asked = 0;
    const port: ContactsPort = {
      listCustomers: (options) => world.contacts.listCustomers(options),
      findCustomerByPhoneNumber: (phoneNumber, options) => {
        asked += 1;
        return script.shift() === 'never'
          ? new Promise<never>(() => {})
          : world.contacts.findCustomerByPhoneNumber(phoneNumber, options);
      },
    };
    return { port, script, asked: () => asked };
  }

  const colleagues = [fabrikam.meganId, fabrikam.people[2]!.id];
  const step = fc.record({
    // Colleagues ring most: a lookup that hung must not answer for the same colleague's next call.
    who: fc.oneof(
      { arbitrary: fc.constantFrom('customer', 'stranger', 'callColleague'), weight: 1 },
      { arbitrary: fc.constant('colleague'), weight: 1 },
    ),
    which: fc.nat(1),
    request: fc.constantFrom('answers', 'never'),
    displayName: fc.option(fc.constant('From the SDK'), { nil: undefined }),
  });

  it(
    'caller lookups end failed and show the number or a fallback; chat creation fails with timeout',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
          const world = createFabrikamWorld();
          const contacts = scriptedContacts(world);
          const endpoint = await endpointOver(world, { contacts: contacts.port, requestTimeoutMs: 20 });
          /** Colleagues whose name Graph has given (the endpoint caches it). */
          const known = new Set<string>();
          /** Colleagues whose 1:1 chat Graph has created. */
          const chats = new Set<number>();
          for (const { who, which, request, displayName } of steps) {
            if (who === 'callColleague') {
              // The Graph port keeps the chats it has: only a chat it does not have yet needs a request.
              const hangs = request === 'never' && !chats.has(which);
              if (hangs) world.graph.faults.hangNext({ pathIncludes: '/chats' });
              const call = endpoint.callTeamsUser(colleagues[which]!);
              const placed = await waitForSnapshot(call, (s) => s.status !== 'preparing');
              expect(placed).toMatchObject(
                hangs ? { status: 'failed', error: { code: 'timeout' } } : { status: 'connecting' },
              );
              if (!hangs) chats.add(which);
              call.hangUp();
              await call.whenEnded();
              continue;
            }
            const customer = fabrikam.customers[which]!;
            const colleague = fabrikam.people.find((person) => person.id === colleagues[which])!;
            const party =
              who === 'colleague'
                ? ({ kind: 'teamsUser', userId: colleague.id, displayName } as const)
                : ({
                    kind: 'phoneNumber',
                    phoneNumber: who === 'customer' ? customer.phoneNumber : `+1206555000${which}`,
                    displayName,
                  } as const);
            const hangs = request === 'never' && !(who === 'colleague' && known.has(colleague.id));
            if (who !== 'colleague') contacts.script.push(request);
            else if (hangs) world.graph.faults.hangNext({ pathIncludes: '/users/' });
            const asked = contacts.asked();
            world.calling.simulateIncomingCall(party);
            const call = endpoint.getCall(endpoint.getSnapshot().calls.at(-1)!.id)!;
            const rung = await waitForSnapshot(call, (s) => s.callerResolution !== 'pending');
            expect(rung.status).toBe('incoming');
            expect(contacts.asked()).toBe(asked + (who === 'colleague' ? 0 : 1));
            const fallback = displayName ?? (party.kind === 'phoneNumber' ? party.phoneNumber : 'Teams user');
            if (hangs) {
              expect(rung.callerResolution).toBe('failed');
              expect(remotePartyName(rung.remote)).toBe(fallback);
            } else if (who === 'stranger') {
              expect(rung.callerResolution).toBe('unknown');
              expect(remotePartyName(rung.remote)).toBe(fallback);
            } else {
              expect(rung.callerResolution).toBe('resolved');
              expect(remotePartyName(rung.remote)).toBe(
                who === 'customer' ? customer.name : colleague.displayName,
              );
              if (who === 'colleague') known.add(colleague.id);
            }
            call.reject();
            await call.whenEnded();
          }
          await endpoint.dispose();
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('a contacts lookup that never answers: the call rings on, showing the number', async () => {
    const world = createFabrikamWorld();
    const contacts = scriptedContacts(world);
    contacts.script.push('never');
    const endpoint = await endpointOver(world, { contacts: contacts.port, requestTimeoutMs: 20 });
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[0]!.phoneNumber,
    });
    const call = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    expect(call.getSnapshot().callerResolution).toBe('pending');
    const rung = await waitForSnapshot(call, (s) => s.callerResolution !== 'pending');
    expect(rung).toMatchObject({ status: 'incoming', callerResolution: 'failed', can: { accept: true } });
    expect(remotePartyName(rung.remote)).toBe(fabrikam.customers[0]!.phoneNumber);
    await endpoint.dispose();
  });

  it('a Graph lookup that never answers fails the resolution, and the next call from that person asks again', async () => {
    const world = createFabrikamWorld();
    const endpoint = await endpointOver(world, { requestTimeoutMs: 20 });
    world.graph.faults.hangNext({ pathIncludes: '/users/' });
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    const first = endpoint.getCall(endpoint.getSnapshot().calls[0]!.id)!;
    const rung = await waitForSnapshot(first, (s) => s.callerResolution !== 'pending');
    expect(rung).toMatchObject({ status: 'incoming', callerResolution: 'failed' });
    expect(remotePartyName(rung.remote)).toBe('Teams user');
    first.reject();
    // Graph answers again: a lookup the endpoint gave up on is not the answer for the next call.
    world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    const second = endpoint.getCall(endpoint.getSnapshot().calls[1]!.id)!;
    const resolved = await waitForSnapshot(second, (s) => s.callerResolution !== 'pending');
    expect(resolved).toMatchObject({ callerResolution: 'resolved', remote: { displayName: 'Megan Bowen' } });
    await endpoint.dispose();
  });

  it('chat creation that never answers: the Teams call fails with timeout instead of preparing forever', async () => {
    const world = createFabrikamWorld();
    const endpoint = await endpointOver(world, { requestTimeoutMs: 20 });
    world.graph.faults.hangNext({ pathIncludes: '/chats' });
    const call = endpoint.callTeamsUser(fabrikam.meganId);
    expect(call.getSnapshot().status).toBe('preparing');
    expect(await call.whenEnded()).toMatchObject({
      status: 'failed',
      error: { code: 'timeout', retryable: true },
    });
    expect(world.calling.methodCalls.startCall).toBe(0);
    await endpoint.dispose();
  });
});
