// Call waiting (DESIGN.md, "Truth lives in the machine"): at most one call is active at any moment,
// whichever event made a second one active. A property drives two to four calls through random interleavings
// of what the user, the remote parties and the port do, with every hold, resume and accept held until the
// run says the port answers it, and checks the rule after every step. Readable examples follow.
import {
  type FakeCalling,
  type FakeIncomingCall,
  type FakeQueue,
  type FakeRemoteCall,
  fabrikam,
} from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import type { Call, CallSnapshot, CallStatus } from './callUnit';
import type { TeamsEndpoint } from './createTeamsEndpoint';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

/** Long enough never to expire during a test: the port answers when the run says so, not a timer. */
const NO_TIMEOUTS = { controlTimeoutMs: 3_600_000, requestTimeoutMs: 3_600_000 };
const failure = (method: string) => new TeamsEndpointError('network', `Simulated: the ${method} failed.`);
const numbers = fabrikam.customers.map((customer) => customer.phoneNumber);

type HeldMethod = 'hold' | 'resume' | 'accept';
const HELD_METHODS: readonly HeldMethod[] = ['hold', 'resume', 'accept'];

/**
 * What happens next. `call` picks one of the calls the action applies to, modulo their number. The run then
 * lets everything settle, or with `ticks`, only that many microtasks (a click just as an answer arrives). A
 * failure always settles, so that the step that injected it is the step that shows what it did.
 */
type Action = Move & { readonly ticks?: number };
type Move =
  /** The user places an outgoing call; its remote party answers only when told. */
  | { readonly type: 'dial' }
  /** A PSTN call rings this endpoint. */
  | { readonly type: 'ring' }
  | { readonly type: 'accept' | 'reject' | 'hold' | 'resume'; readonly call: number }
  | {
      readonly type: 'remoteAnswers' | 'remoteHolds' | 'remoteResumes' | 'remoteHangsUp';
      readonly call: number;
    }
  /** The port answers the oldest waiting request of one of the methods that have one; `fail` injects a failure. */
  | { readonly type: 'portAnswers'; readonly pick: number; readonly fail: boolean };

const on = (type: Exclude<Action['type'], 'dial' | 'ring' | 'portAnswers'>, weight: number) => ({
  arbitrary: fc.nat({ max: 3 }).map((call): Action => ({ type, call })),
  weight,
});
const newCall = fc.constantFrom<Action>({ type: 'dial' }, { type: 'ring' });
const someAction: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: newCall, weight: 3 },
  on('remoteAnswers', 4),
  on('accept', 3),
  on('reject', 1),
  on('hold', 4),
  on('resume', 3),
  on('remoteHolds', 2),
  on('remoteResumes', 3),
  on('remoteHangsUp', 1),
  {
    arbitrary: fc
      .record({ pick: fc.nat({ max: 2 }), fail: fc.boolean() })
      .map(({ pick, fail }): Action => ({ type: 'portAnswers', pick, fail })),
    weight: 10,
  },
);
const action = fc
  .tuple(someAction, fc.option(fc.nat({ max: 4 }), { nil: undefined, freq: 3 }))
  .map(([next, ticks]): Action => (ticks === undefined ? next : { ...next, ticks }));
/** Every run starts with two calls, so that there is always something to wait. */
const scenario = fc.record({
  maxLiveCalls: fc.integer({ min: 2, max: 4 }),
  actions: fc
    .tuple(newCall, newCall, fc.array(action, { minLength: 1, maxLength: 40, size: 'max' }))
    .map(([first, second, rest]) => [first, second, ...rest]),
});

/** One call of the run: the endpoint's unit, and the fake's remote control of it once there is one. */
interface Line {
  readonly call: Call;
  readonly phoneNumber: string;
  readonly remote: () => FakeRemoteCall | undefined;
  /** An incoming call, before it is answered. */
  readonly incoming: FakeIncomingCall | undefined;
}

const isOver = (status: CallStatus) => status === 'ended' || status === 'failed';

/**
 * What the test itself knows, independently of the registry: which calls are connected again because the
 * port refused to hold them. A second active call is allowed only when every active call is one of those (a
 * hold failed, and so did the fallback hold): the documented limitation.
 */
class CallWaitingObserver {
  private statuses = new Map<string, CallStatus>();
  private readonly holdRefused = new Set<string>();

  constructor(private readonly endpoint: TeamsEndpoint) {}

  /** Checks the rules against what changed since the last look. */
  check(step: string, holdFailedThisStep: boolean): void {
    const calls = this.endpoint.getSnapshot().calls;
    const changes = calls.map((call) => ({ call, before: this.statuses.get(call.id) }));
    const refusedNow: string[] = [];
    for (const { call, before } of changes) {
      // Only a failed hold takes a call from `holding` back to `connected`.
      if (before === 'holding' && call.status === 'connected') {
        this.holdRefused.add(call.id);
        refusedNow.push(call.id);
      }
      if (call.status !== 'connected') this.holdRefused.delete(call.id);
    }
    for (const { call, before } of changes) {
      // An accept that could not make room leaves the call ringing, saying why. So does a resume whose
      // makeRoom failed; within this step only the refused hold can have done that.
      const refusedAccept = before === 'accepting' && call.status === 'incoming';
      const refusedResume = holdFailedThisStep && before === 'resuming' && call.status === 'on_hold';
      if (refusedAccept || refusedResume) {
        expect(call.controlError?.details.reason, `${step}: ${call.id} says why it did not go on`).toBe(
          'hold_failed',
        );
        if (refusedNow.length === 1) expect(call.controlError?.details.otherCallId).toBe(refusedNow[0]);
      }
    }
    const active = calls.filter((call) => call.status === 'connected');
    if (active.length > 1) {
      const limitation = active.every((call) => this.holdRefused.has(call.id) && call.controlError !== null);
      expect(
        limitation,
        `${step}: ${active.length} calls connected, and not only calls the port refused to hold that say so: ` +
          describeCalls(calls),
      ).toBe(true);
    }
    this.statuses = new Map(calls.map((call) => [call.id, call.status]));
  }
}

function describeCalls(calls: readonly CallSnapshot[]): string {
  return calls
    .map((call) => `${call.id}=${call.status}${call.controlError ? `(${call.controlError.code})` : ''}`)
    .join(' ');
}

/** Lets the port's answers and the machines' reactions run: they are promise jobs, no timers. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the actions, checking call waiting after each one: at once, then settled (or `ticks` later). */
async function runScenario(maxLiveCalls: number, actions: readonly Action[]): Promise<void> {
  const { world, endpoint } = await createFabrikamEndpoint({ endpoint: NO_TIMEOUTS });
  const calling = world.calling;
  const held = Object.fromEntries(HELD_METHODS.map((method) => [method, calling.holdAll(method)])) as Record<
    HeldMethod,
    FakeQueue
  >;
  const lines: Line[] = [];
  let dialled = 0;
  const live = () => lines.filter((line) => !isOver(line.call.getSnapshot().status));
  const observer = new CallWaitingObserver(endpoint);
  try {
    for (const [index, next] of actions.entries()) {
      const done = perform(next);
      const step = `step ${index}: ${done}`;
      const holdFailed = done === 'the port fails a hold';
      observer.check(step, holdFailed);
      if (next.ticks === undefined || done.startsWith('the port fails')) {
        await flush();
        observer.check(`${step}, settled`, holdFailed);
      } else {
        for (let tick = 0; tick < next.ticks; tick++) await Promise.resolve();
        observer.check(`${step}, ${next.ticks} microtasks later`, false);
      }
    }
    for (const queue of Object.values(held)) queue.release();
    await flush();
    observer.check('every request answered', false);
  } finally {
    for (const queue of Object.values(held)) queue.release();
    await endpoint.dispose();
  }

  /** Does what the action says, if it applies; returns what happened, for messages. */
  function perform(next: Action): string {
    if (next.type === 'dial' || next.type === 'ring') {
      if (live().length >= maxLiveCalls) return 'no room for another call';
      const busy = new Set(live().map((line) => line.phoneNumber));
      const phoneNumber = numbers.find((number) => !busy.has(number))!;
      if (next.type === 'dial') {
        // Outgoing calls reach the port in the order they are placed: the n-th is the n-th remote call.
        const ordinal = dialled++;
        const call = endpoint.callPhoneNumber(phoneNumber);
        const remote = () => calling.remoteCalls.filter((r) => r.direction === 'outgoing')[ordinal];
        lines.push({ call, phoneNumber, remote, incoming: undefined });
        return `${call.id} dials`;
      }
      const incoming = calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber });
      const call = endpoint.getCall(endpoint.getSnapshot().calls.at(-1)!.id)!;
      lines.push({ call, phoneNumber, remote: () => incoming.call, incoming });
      return `${call.id} rings`;
    }
    if (next.type === 'portAnswers') {
      const waiting = HELD_METHODS.filter((method) => held[method].pending > 0);
      const method = waiting[next.pick % Math.max(1, waiting.length)];
      if (!method) return 'the port has nothing to answer';
      if (next.fail) held[method].rejectNext(failure(method));
      else held[method].resolveNext();
      return `the port ${next.fail ? 'fails' : 'completes'} ${method === 'accept' ? 'an' : 'a'} ${method}`;
    }
    // The action applies to one of the calls it can apply to, so that most actions do something.
    const candidates = live().filter((line) => applies(next.type, line));
    const line = candidates[next.call % candidates.length];
    if (!line) return `nothing (no call to ${next.type})`;
    const remote = line.remote();
    switch (next.type) {
      case 'accept':
      case 'reject':
      case 'hold':
      case 'resume':
        line.call[next.type]();
        return `${line.call.id} ${next.type}`;
      case 'remoteAnswers':
        remote!.answer();
        return `the remote party of ${line.call.id} answers`;
      case 'remoteHolds':
        remote!.remoteHold();
        return `the remote party of ${line.call.id} holds`;
      case 'remoteResumes':
        remote!.remoteResume();
        return `the remote party of ${line.call.id} resumes`;
      case 'remoteHangsUp':
        if (remote) remote.remoteHangUp();
        else line.incoming!.callerHangsUp();
        return `the remote party of ${line.call.id} hangs up`;
    }
  }
}

/** Whether the user's command is allowed on the call, or the remote party can do that now. */
function applies(type: Exclude<Action['type'], 'dial' | 'ring' | 'portAnswers'>, line: Line): boolean {
  const remoteStatus = line.remote()?.state.status;
  switch (type) {
    case 'accept':
    case 'reject':
    case 'hold':
    case 'resume':
      return line.call.getSnapshot().can[type];
    case 'remoteAnswers':
      // Only a call still being placed can be answered by its remote party.
      return remoteStatus === 'connecting' || remoteStatus === 'ringing' || remoteStatus === 'early_media';
    case 'remoteHolds':
      return remoteStatus === 'connected';
    case 'remoteResumes':
      return remoteStatus === 'remote_hold';
    case 'remoteHangsUp':
      return remoteStatus === undefined
        ? line.incoming?.status === 'ringing'
        : remoteStatus !== 'disconnected';
  }
}

describe('call waiting: at most one active call (property)', () => {
  // The bound is the test runner's, for the whole property: no step waits on a clock.
  it('never shows two connected calls, whatever the user, the remote parties and the port do, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ maxLiveCalls, actions }) => {
        await runScenario(maxLiveCalls, actions);
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});

/** An outgoing call to `numbers[index]`, answered by its remote party; resolves once it is connected. */
async function connectedOutgoingCall(calling: FakeCalling, endpoint: TeamsEndpoint, index: number) {
  const call = endpoint.callPhoneNumber(numbers[index]!);
  await settle();
  const remote = calling.lastCall();
  remote.answer();
  await settle();
  return { call, remote };
}

/** A PSTN call from `numbers[index]` ringing this endpoint. */
async function ringingCall(calling: FakeCalling, endpoint: TeamsEndpoint, index: number) {
  const incoming = calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: numbers[index]! });
  await settle();
  const call = endpoint.getCall(endpoint.getSnapshot().calls.at(-1)!.id)!;
  return { call, incoming };
}

const statuses = (endpoint: TeamsEndpoint) => endpoint.getSnapshot().calls.map((call) => call.status);

describe('call waiting (examples)', () => {
  it('accepting a call during a call holds the first, and answers once the port has confirmed the hold', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { call: first } = await connectedOutgoingCall(world.calling, endpoint, 0);
    const { call: second } = await ringingCall(world.calling, endpoint, 1);

    second.accept();
    await settle();
    expect(statuses(endpoint)).toEqual(['holding', 'accepting']);
    expect(world.calling.methodCalls.accept).toBe(0);

    hold.resolveNext();
    await settle();
    expect(first.getSnapshot().status).toBe('on_hold');
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', controlError: null });
    expect(world.calling.methodCalls.accept).toBe(1);
  });

  it('an outgoing call answered after an accept holds the accepted call at once', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const outgoing = endpoint.callPhoneNumber(numbers[0]!);
    await settle();
    const dialled = world.calling.lastCall();
    const { call: accepted } = await ringingCall(world.calling, endpoint, 1);
    accepted.accept(); // nothing to make room for: the outgoing call is still connecting
    await settle();
    expect(statuses(endpoint)).toEqual(['connecting', 'connected']);

    dialled.answer();
    // In the same turn, before any port answer: the accepted call is on its way to hold.
    expect(statuses(endpoint)).toEqual(['connected', 'holding']);
    await settle();
    expect(outgoing.getSnapshot().status).toBe('connected');
    expect(accepted.getSnapshot().status).toBe('on_hold');
  });

  it('a remote party resuming a held call holds the call that is active meanwhile', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { call: first, remote: firstRemote } = await connectedOutgoingCall(world.calling, endpoint, 0);
    firstRemote.remoteHold();
    await settle();
    const { call: second } = await connectedOutgoingCall(world.calling, endpoint, 1);
    expect(statuses(endpoint)).toEqual(['remote_hold', 'connected']);

    firstRemote.remoteResume();
    expect(statuses(endpoint)).toEqual(['connected', 'holding']);
    await settle();
    expect(first.getSnapshot().status).toBe('connected');
    expect(second.getSnapshot().status).toBe('on_hold');
  });

  it('resuming a held call swaps: the active call is held first, then the held one resumes', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { call: first } = await connectedOutgoingCall(world.calling, endpoint, 0);
    const { call: second } = await connectedOutgoingCall(world.calling, endpoint, 1);
    hold.resolveNext(); // the first call, held when the second was answered
    await settle();
    expect(statuses(endpoint)).toEqual(['on_hold', 'connected']);

    first.resume();
    await settle();
    expect(statuses(endpoint)).toEqual(['resuming', 'holding']);
    expect(world.calling.methodCalls.resume).toBe(0);

    hold.resolveNext();
    await settle();
    expect(first.getSnapshot()).toMatchObject({ status: 'connected', controlError: null });
    expect(second.getSnapshot().status).toBe('on_hold');
    expect(world.calling.methodCalls.resume).toBe(1);
  });

  it('a swap whose hold fails leaves the held call on hold, saying why, and never asks the port to resume it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { call: first } = await connectedOutgoingCall(world.calling, endpoint, 0);
    const { call: second } = await connectedOutgoingCall(world.calling, endpoint, 1);
    hold.resolveNext();
    await settle();

    first.resume();
    await settle();
    hold.rejectNext(failure('hold'));
    await settle();
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', controlError: { code: 'network' } });
    expect(first.getSnapshot()).toMatchObject({
      status: 'on_hold',
      controlError: { code: 'call_failed', details: { reason: 'hold_failed', otherCallId: second.id } },
      can: { resume: true },
    });
    expect(world.calling.methodCalls.resume).toBe(0);
  });

  it('an accept whose hold fails leaves the call ringing, saying why, and never asks the port to answer it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { call: first } = await connectedOutgoingCall(world.calling, endpoint, 0);
    const { call: second } = await ringingCall(world.calling, endpoint, 1);

    second.accept();
    await settle();
    hold.rejectNext(failure('hold'));
    await settle();
    expect(first.getSnapshot()).toMatchObject({ status: 'connected', controlError: { code: 'network' } });
    expect(second.getSnapshot()).toMatchObject({
      status: 'incoming',
      controlError: { details: { reason: 'hold_failed', otherCallId: first.id } },
      can: { accept: true },
    });
    expect(world.calling.methodCalls.accept).toBe(0);
  });

  it('a call answered while the hold of the active one fails is held instead; if that fails too, both say so', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { call: first } = await connectedOutgoingCall(world.calling, endpoint, 0);
    const { call: second } = await connectedOutgoingCall(world.calling, endpoint, 1);
    expect(statuses(endpoint)).toEqual(['holding', 'connected']);

    hold.rejectNext(failure('hold'));
    await settle();
    expect(first.getSnapshot()).toMatchObject({ status: 'connected', controlError: { code: 'network' } });
    expect(second.getSnapshot()).toMatchObject({
      status: 'holding',
      controlError: { details: { reason: 'hold_failed', otherCallId: first.id } },
    });

    // The documented limitation: the fallback hold fails too, and both calls stay connected with errors.
    hold.rejectNext(failure('hold'));
    await settle();
    expect(statuses(endpoint)).toEqual(['connected', 'connected']);
    expect(second.getSnapshot().controlError).toMatchObject({ code: 'network' });
  });

  it("a call answered while the user's own hold is on its way is held instead when that hold fails", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { call: first } = await connectedOutgoingCall(world.calling, endpoint, 0);
    const outgoing = endpoint.callPhoneNumber(numbers[1]!);
    await settle();
    first.hold();
    world.calling.lastCall().answer(); // nothing to hold: the first call is no longer active
    await settle();
    expect(statuses(endpoint)).toEqual(['holding', 'connected']);

    hold.rejectNext(failure('hold'));
    await settle();
    expect(first.getSnapshot()).toMatchObject({ status: 'connected', controlError: { code: 'network' } });
    expect(outgoing.getSnapshot()).toMatchObject({
      status: 'holding',
      controlError: { details: { reason: 'hold_failed', otherCallId: first.id } },
    });
  });

  it('a third call that becomes active while a fallback hold fails is held too', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    await connectedOutgoingCall(world.calling, endpoint, 0);
    await connectedOutgoingCall(world.calling, endpoint, 1);
    hold.rejectNext(failure('hold')); // the first call stays connected; the second is held instead
    await settle();
    const third = await connectedOutgoingCall(world.calling, endpoint, 2); // holds the first
    expect(statuses(endpoint)).toEqual(['holding', 'holding', 'connected']);

    hold.rejectNext(failure('hold')); // the second call's fallback hold
    await settle();
    expect(statuses(endpoint)).toEqual(['holding', 'connected', 'holding']);
    expect(third.call.getSnapshot().controlError).toMatchObject({ details: { reason: 'hold_failed' } });
  });

  it('a call whose remote party resumed it while its fallback hold was on its way is held when that hold fails', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const hold = world.calling.holdAll('hold');
    const { remote: firstRemote } = await connectedOutgoingCall(world.calling, endpoint, 0);
    await connectedOutgoingCall(world.calling, endpoint, 1);
    hold.rejectNext(failure('hold')); // the first call stays connected; the second is held instead
    await settle();
    firstRemote.remoteHold();
    firstRemote.remoteResume(); // active again by itself: nothing to hold, the second call is holding
    await settle();
    expect(statuses(endpoint)).toEqual(['connected', 'holding']);

    hold.rejectNext(failure('hold')); // the second call's fallback hold
    await settle();
    expect(statuses(endpoint)).toEqual(['holding', 'connected']);
  });

  it('with `callWaiting: false`, accepting during a call holds nothing: both calls are connected', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ endpoint: { callWaiting: false } });
    await connectedOutgoingCall(world.calling, endpoint, 0);
    const { call: second } = await ringingCall(world.calling, endpoint, 1);
    second.accept();
    await settle();
    await connectedOutgoingCall(world.calling, endpoint, 2);
    expect(statuses(endpoint)).toEqual(['connected', 'connected', 'connected']);
    expect(world.calling.methodCalls.hold).toBe(0);
  });
});
