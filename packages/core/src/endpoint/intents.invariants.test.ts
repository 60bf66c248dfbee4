// Commands are intents (DESIGN.md, "Truth lives in the machine"): the machine coalesces repeated toggles, so
// the port sees at most one request per intended change, and ends where the user's last word says. A property
// drives one connected call through random commands while the port answers its held requests at random
// moments (now and then with a failure), and checks after every step against the test's own count of intent
// changes. Readable examples follow.
import type { FakeCalling, FakeCallingMethod, FakeQueue, FakeRemoteCall } from '@teams-endpoint/testing';
import { fabrikam, PLATFORM_REFUSALS } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import type { Call } from './callUnit';
import type { TeamsEndpoint } from './createTeamsEndpoint';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

/** Long enough never to expire during a test: the port answers when the run says so, not a timer. */
const NO_TIMEOUTS = { controlTimeoutMs: 3_600_000, requestTimeoutMs: 3_600_000 };
const number = fabrikam.customers[0]!.phoneNumber;

type Command =
  | 'toggleMute'
  | 'mute'
  | 'unmute'
  | 'startVideo'
  | 'stopVideo'
  | 'startScreenSharing'
  | 'stopScreenSharing'
  | 'hold'
  | 'resume';
type Device = 'microphone' | 'camera' | 'screen' | 'hold';
const DEVICES = ['microphone', 'camera', 'screen', 'hold'] as const;

/** Each port method, with the intent its requests carry out. */
const METHODS = {
  mute: 'microphone',
  unmute: 'microphone',
  startVideo: 'camera',
  stopVideo: 'camera',
  startScreenSharing: 'screen',
  stopScreenSharing: 'screen',
  hold: 'hold',
  resume: 'hold',
} as const satisfies Partial<Record<FakeCallingMethod, Device>>;
type HeldMethod = keyof typeof METHODS;
const HELD_METHODS = Object.keys(METHODS) as HeldMethod[];

/**
 * What happens next. The run then lets everything settle, or with `ticks`, only that many microtasks (a
 * double click, or a command just as an answer arrives). A failure always settles, so that the test knows
 * where the intent fell back to.
 */
type Action = Move & { readonly ticks?: number };
type Move =
  | { readonly type: 'command'; readonly command: Command }
  /** The port answers the oldest waiting request of one of the methods that have one; `fail` injects a failure. */
  | { readonly type: 'portAnswers'; readonly pick: number; readonly fail: boolean };

const move: fc.Arbitrary<Move> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom<Command>(
        'toggleMute',
        'mute',
        'unmute',
        'startVideo',
        'stopVideo',
        'startScreenSharing',
        'stopScreenSharing',
        'hold',
        'resume',
      )
      .map((command): Move => ({ type: 'command', command })),
    weight: 3,
  },
  {
    arbitrary: fc
      .record({
        pick: fc.nat({ max: 5 }),
        fail: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, fc.constant(true)),
      })
      .map(({ pick, fail }): Move => ({ type: 'portAnswers', pick, fail })),
    weight: 2,
  },
);
const action = fc
  .tuple(move, fc.option(fc.nat({ max: 4 }), { nil: undefined, freq: 3 }))
  .map(([next, ticks]): Action => (ticks === undefined ? next : { ...next, ticks }));
const actions = fc.array(action, { minLength: 1, maxLength: 40, size: 'max' });

/** The user's last word per intent, and how many times a command changed it: the test's own account. */
interface Intents {
  microphone: boolean;
  camera: boolean;
  screen: boolean;
  hold: boolean;
  readonly changes: Record<Device, number>;
}

/** What the port has done: muted, video on, held. */
function portState(remote: FakeRemoteCall): Record<Device, boolean> {
  return {
    microphone: remote.state.isMuted,
    camera: remote.state.isVideoOn,
    screen: remote.state.isScreenSharingOn,
    hold: remote.state.status === 'local_hold',
  };
}

/** Which intent a command sets, and to what; toggleMute follows the intent, not the confirmed state. */
function intentOf(command: Command, intents: Intents): { device: Device; on: boolean } {
  switch (command) {
    case 'toggleMute':
      return { device: 'microphone', on: !intents.microphone };
    case 'mute':
    case 'unmute':
      return { device: 'microphone', on: command === 'mute' };
    case 'startVideo':
    case 'stopVideo':
      return { device: 'camera', on: command === 'startVideo' };
    case 'startScreenSharing':
    case 'stopScreenSharing':
      return { device: 'screen', on: command === 'startScreenSharing' };
    case 'hold':
    case 'resume':
      return { device: 'hold', on: command === 'hold' };
  }
}

/**
 * Whether the call takes the command now, from its status and the test's intents: the microphone works
 * throughout a connected call, video and screen sharing start and stop only while connected, and hold and resume apply while
 * connected, holding, on hold or resuming. A command that would not change the intent is not taken.
 */
function takes(call: Call, command: Command, intents: Intents): boolean {
  const { status } = call.getSnapshot();
  const { device, on } = intentOf(command, intents);
  if (intents[device] === on) return false;
  if (device === 'camera' || device === 'screen') return status === 'connected';
  if (device === 'hold') {
    return on
      ? ['connected', 'holding', 'resuming'].includes(status)
      : ['holding', 'on_hold', 'resuming'].includes(status);
  }
  return true;
}

const requestsFor = (calling: FakeCalling, device: Device) =>
  HELD_METHODS.filter((method) => METHODS[method] === device).reduce(
    (sum, method) => sum + calling.methodCalls[method],
    0,
  );

/** Lets the port's answers and the machine's reactions run: they are promise jobs, no timers. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function connectedCall(calling: FakeCalling, endpoint: TeamsEndpoint) {
  const call = endpoint.callPhoneNumber(number);
  await flush();
  const remote = calling.lastCall();
  remote.answer();
  await flush();
  expect(call.getSnapshot().status).toBe('connected');
  return { call, remote };
}

async function runCommands(run: readonly Action[]): Promise<void> {
  const { world, endpoint } = await createFabrikamEndpoint({ endpoint: NO_TIMEOUTS });
  const calling = world.calling;
  const { call, remote } = await connectedCall(calling, endpoint);
  const held = Object.fromEntries(HELD_METHODS.map((method) => [method, calling.holdAll(method)])) as Record<
    HeldMethod,
    FakeQueue
  >;
  const intents: Intents = {
    microphone: false,
    camera: false,
    screen: false,
    hold: false,
    changes: { microphone: 0, camera: 0, screen: 0, hold: 0 },
  };
  /** A request failed and no command since has cleared its error. */
  let failureShown = false;
  /**
   * The SDK starts and stops a screen share only on a connected call (412/41071 and 412/41072,
   * `PLATFORM_REFUSALS`). A change the user asked for while a request was in flight goes out when that
   * request settles, and the platform refuses it if the call was put on hold meanwhile: that is a failure
   * too, and the intent falls back.
   */
  const notePlatformRefusal = () => {
    const error = call.getSnapshot().controlError;
    const refusals = [PLATFORM_REFUSALS.screenSharing.subCode, PLATFORM_REFUSALS.stopScreenSharing.subCode];
    // Checked after every step, whatever failed before it: until the user's next command clears the error,
    // no share request goes out (the intent fell back to what the port has), so the two agree.
    if (!refusals.includes(error?.details.subCode as number)) return;
    intents.screen = portState(remote).screen;
    failureShown = true;
  };

  /** After every step: no request beyond the intended changes, one at a time, and the snapshot follows the port. */
  const check = (step: string) => {
    for (const device of DEVICES) {
      expect(requestsFor(calling, device), `${step}: ${device} requests`).toBeLessThanOrEqual(
        intents.changes[device],
      );
      const inFlight = HELD_METHODS.filter((method) => METHODS[method] === device).reduce(
        (sum, method) => sum + held[method].pending,
        0,
      );
      expect(inFlight, `${step}: ${device} requests in flight`).toBeLessThanOrEqual(1);
    }
    const snapshot = call.getSnapshot();
    expect(snapshot.isMuted, `${step}: isMuted is what the port confirmed`).toBe(remote.state.isMuted);
    expect(snapshot.isVideoOn, `${step}: isVideoOn is what the port confirmed`).toBe(remote.state.isVideoOn);
    expect(snapshot.isScreenSharingOn, `${step}: isScreenSharingOn is what the port confirmed`).toBe(
      remote.state.isScreenSharingOn,
    );
    expect(
      snapshot.controlError !== null,
      `${step}: the error of a failed request shows until the next command`,
    ).toBe(failureShown);
  };

  try {
    for (const [index, next] of run.entries()) {
      let step = `step ${index}`;
      if (next.type === 'command') {
        const { device, on } = intentOf(next.command, intents);
        const taken = takes(call, next.command, intents);
        step += `: ${next.command} in ${call.getSnapshot().status}`;
        if (next.command !== 'toggleMute') {
          expect(call.getSnapshot().can[next.command], `${step}: can.${next.command}`).toBe(taken);
        }
        const before = { calls: { ...calling.methodCalls }, snapshot: call.getSnapshot() };
        call[next.command]();
        if (taken) {
          intents[device] = on;
          intents.changes[device] += 1;
          failureShown = false;
        } else {
          expect(calling.methodCalls, `${step}: a command that changes no intent sends nothing`).toEqual(
            before.calls,
          );
          expect(call.getSnapshot(), `${step}: and changes nothing`).toBe(before.snapshot);
        }
      } else {
        const waiting = HELD_METHODS.filter((method) => held[method].pending > 0);
        const method = waiting[next.pick % Math.max(1, waiting.length)];
        if (method) {
          step += `: the port ${next.fail ? 'fails' : 'completes'} ${method}`;
          if (next.fail)
            held[method].rejectNext(new TeamsEndpointError('network', `Simulated: ${method} failed.`));
          else held[method].resolveNext();
        }
        if (method && next.fail) {
          await flush();
          // A failed request: the intent falls back to what the port has, and the call says why.
          intents[METHODS[method]] = portState(remote)[METHODS[method]];
          failureShown = true;
        }
      }
      if (next.ticks === undefined) await flush();
      else for (let tick = 0; tick < next.ticks; tick++) await Promise.resolve();
      notePlatformRefusal();
      check(step);
    }

    for (const queue of Object.values(held)) queue.release();
    await flush();
    notePlatformRefusal();
    check('every request answered');
    // The port ends where the user's last word says (after a failure, where the port stayed).
    expect(portState(remote)).toEqual({
      microphone: intents.microphone,
      camera: intents.camera,
      screen: intents.screen,
      hold: intents.hold,
    });
    expect(call.getSnapshot()).toMatchObject({
      status: intents.hold ? 'on_hold' : 'connected',
      isMuted: intents.microphone,
      isVideoOn: intents.camera,
      isScreenSharingOn: intents.screen,
    });
  } finally {
    for (const queue of Object.values(held)) queue.release();
    await endpoint.dispose();
  }
}

describe('commands are intents (property)', () => {
  // The bound is the test runner's, for the whole property: no step waits on a clock.
  it('the port gets at most one request per intended change, one at a time, and ends where the last intent says', async () => {
    await fc.assert(
      fc.asyncProperty(actions, async (run) => {
        await runCommands(run);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('commands are intents (examples)', () => {
  it('a quick double toggleMute sends mute, then unmute, and ends unmuted', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { call, remote } = await connectedCall(world.calling, endpoint);
    const mute = world.calling.holdAll('mute');

    call.toggleMute();
    expect(call.getSnapshot().can).toMatchObject({ mute: false, unmute: true });
    call.toggleMute(); // before the port confirmed the mute
    await settle();
    expect(world.calling.methodCalls).toMatchObject({ mute: 1, unmute: 0 });

    mute.resolveNext();
    await settle();
    expect(world.calling.methodCalls).toMatchObject({ mute: 1, unmute: 1 });
    expect(remote.state.isMuted).toBe(false);
    expect(call.getSnapshot()).toMatchObject({ isMuted: false, can: { mute: true, unmute: false } });
  });

  it('three quick toggles send one mute: the port already matches the last word when it answers', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { call, remote } = await connectedCall(world.calling, endpoint);
    const mute = world.calling.holdAll('mute');

    call.toggleMute();
    call.toggleMute();
    call.toggleMute();
    mute.resolveNext();
    await settle();
    expect(world.calling.methodCalls).toMatchObject({ mute: 1, unmute: 0 });
    expect(remote.state.isMuted).toBe(true);
    expect(call.getSnapshot().isMuted).toBe(true);
  });

  it('repeated hold() sends one hold', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { call, remote } = await connectedCall(world.calling, endpoint);
    const hold = world.calling.holdAll('hold');

    call.hold();
    call.hold();
    await settle();
    call.hold();
    expect(call.getSnapshot()).toMatchObject({ status: 'holding', can: { hold: false, resume: true } });
    hold.resolveNext();
    await settle();
    call.hold();
    await settle();
    expect(world.calling.methodCalls).toMatchObject({ hold: 1, resume: 0 });
    expect(remote.state.status).toBe('local_hold');
    expect(call.getSnapshot().status).toBe('on_hold');
  });

  it('hold, then resume before the port confirmed the hold: one hold, one resume, and the call ends connected', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { call, remote } = await connectedCall(world.calling, endpoint);
    const hold = world.calling.holdAll('hold');

    call.hold();
    call.resume();
    call.hold();
    call.resume();
    hold.resolveNext();
    await settle();
    expect(world.calling.methodCalls).toMatchObject({ hold: 1, resume: 1 });
    expect(remote.state.status).toBe('connected');
    expect(call.getSnapshot().status).toBe('connected');
  });

  it('a failed mute leaves the intent where the port is, and says why', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const { call, remote } = await connectedCall(world.calling, endpoint);
    world.calling.failNext('mute', new TeamsEndpointError('network', 'Simulated: mute failed.'));

    call.mute();
    await settle();
    expect(remote.state.isMuted).toBe(false);
    expect(call.getSnapshot()).toMatchObject({
      isMuted: false,
      controlError: { code: 'network' },
      can: { mute: true, unmute: false },
    });
  });
});
