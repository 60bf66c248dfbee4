import type { Call, CallPortEvent, Participant } from '@teams-endpoint/core';
import { createParticipants } from '@teams-endpoint/testing';
import { type CallEventListener, deliver, tapCallEvents } from './callEventTap';
import { createPlainCallbacksBaseline } from './plainCallbacksBaseline';
import { createSimulatedTenant, joinConnectedMeeting } from './simulatedTenant';
import { collectGarbage, median } from './stats';

export const MEETING_SIZE = 1_000;
export const TOGGLES = 10_000;

export interface EventCostOptions {
  readonly warmUpRuns: number;
  readonly runs: number;
}

export interface BurstCost {
  readonly burst: string;
  readonly events: number;
  /** Median time of one burst, from the first event to the last subscriber notified. */
  readonly coreMs: number;
  readonly baselineMs: number;
  /** `coreMs / baselineMs`. */
  readonly ratio: number;
  /** For each of the three subscribers of the call: notifications received per burst. */
  readonly notificationsPerSubscriber: readonly number[];
  readonly runs: number;
}

export interface EventCostResult {
  readonly joins: BurstCost;
  readonly toggles: BurstCost;
}

/** The bursts of a large meeting, as the port reports them: one event per join, one per toggle. */
export function meetingBursts(participants: readonly Participant[] = createParticipants(MEETING_SIZE)) {
  const joins: CallPortEvent[] = participants.map((participant) => ({
    type: 'participantsAdded',
    participants: [participant],
  }));
  const leaveAll: CallPortEvent[] = [{ type: 'participantsRemoved', ids: participants.map((p) => p.id) }];
  // Speaking indicators flip on and off, and every third event is a mute change, across the whole meeting.
  const state = new Map(participants.map((p) => [p.id, p]));
  const toggles: CallPortEvent[] = Array.from({ length: TOGGLES }, (_, index) => {
    const current = state.get(participants[index % participants.length]!.id)!;
    const next =
      index % 3 === 2
        ? { ...current, isMuted: !current.isMuted }
        : { ...current, isSpeaking: !current.isSpeaking };
    state.set(next.id, next);
    return { type: 'participantChanged', participant: next };
  });
  return { joins, leaveAll, toggles };
}

/**
 * One listener per reader, as one component per slice would subscribe. Returns their notification counts
 * and what each read last (which also keeps the reads from being optimized away).
 */
function subscribeReaders(subscribe: (listener: () => void) => unknown, readers: readonly (() => unknown)[]) {
  const notifications = readers.map(() => 0);
  const lastRead: unknown[] = readers.map(() => undefined);
  readers.forEach((read, index) => {
    subscribe(() => {
      lastRead[index] = read();
      notifications[index]! += 1;
    });
  });
  return { notifications, lastRead };
}

/** Delivers a burst and waits for its batched notifications (both sides flush in one microtask). */
async function timeBurst(listeners: ReadonlySet<CallEventListener>, events: readonly CallPortEvent[]) {
  const start = performance.now();
  deliver(listeners, events);
  await Promise.resolve();
  return performance.now() - start;
}

interface Side {
  /** The listeners the port delivers to: the core's, or the baseline's. */
  readonly listeners: ReadonlySet<CallEventListener>;
  /** Notifications each of the three subscribers has received so far. */
  readonly notifications: readonly number[];
  readonly times: number[];
  readonly notifiedInBursts: number[];
}

/** Runs core and baseline bursts alternately, so that both see the same machine state. */
async function measureBurst(
  name: string,
  events: readonly CallPortEvent[],
  sides: { readonly core: Side; readonly baseline: Side },
  options: EventCostOptions,
  reset: readonly CallPortEvent[],
): Promise<BurstCost> {
  for (let run = 0; run < options.warmUpRuns + options.runs; run += 1) {
    // Garbage from the warm-up is not billed to the first measured runs; later collections are part of the cost.
    if (run === options.warmUpRuns) collectGarbage();
    for (const side of [sides.core, sides.baseline]) {
      if (reset.length > 0) {
        deliver(side.listeners, reset);
        await Promise.resolve();
      }
      const before = [...side.notifications];
      const time = await timeBurst(side.listeners, events);
      if (run < options.warmUpRuns) continue;
      side.times.push(time);
      side.notifications.forEach((count, i) => {
        side.notifiedInBursts[i]! += count - before[i]!;
      });
    }
  }
  const coreMs = median(sides.core.times);
  const baselineMs = median(sides.baseline.times);
  return {
    burst: name,
    events: events.length,
    coreMs,
    baselineMs,
    ratio: coreMs / baselineMs,
    notificationsPerSubscriber: sides.core.notifiedInBursts.map((count) => count / options.runs),
    runs: options.runs,
  };
}

const side = (listeners: ReadonlySet<CallEventListener>, notifications: readonly number[]): Side => ({
  listeners,
  notifications,
  times: [],
  notifiedInBursts: notifications.map(() => 0),
});

/**
 * Section 1. A meeting of 1,000 participants on the simulated tenant; the port delivers each burst to the
 * core, whose call has three subscribers, and the same events to the plain-callbacks baseline.
 */
export async function measureEventCost(options: EventCostOptions): Promise<EventCostResult> {
  let tap: ReturnType<typeof tapCallEvents> | undefined;
  const tenant = await createSimulatedTenant({
    wrapCalling: (calling) => {
      tap = tapCallEvents(calling);
      return tap.calling;
    },
  });
  const call: Call = await joinConnectedMeeting(tenant);
  const coreListeners = tap!.lastHandle().listeners;
  // Three subscribers: the status, the participant count and the participant list.
  const core = subscribeReaders(call.subscribe, [
    () => call.getSnapshot().status,
    () => call.getSnapshot().participants.length,
    () => call.getSnapshot().participants,
  ]);
  // The baseline has no status: its first subscriber reads the list too.
  const baseline = createPlainCallbacksBaseline();
  const plain = subscribeReaders(baseline.subscribe, [
    () => baseline.getParticipants(),
    () => baseline.getParticipants().length,
    () => baseline.getParticipants(),
  ]);

  const bursts = meetingBursts();
  const joins = await measureBurst(
    `${MEETING_SIZE.toLocaleString('en-US')} participants join`,
    bursts.joins,
    {
      core: side(coreListeners, core.notifications),
      baseline: side(baseline.portListeners, plain.notifications),
    },
    options,
    bursts.leaveAll,
  );
  // The meeting is full now (the last join burst stays), for the toggles.
  const toggles = await measureBurst(
    `${TOGGLES.toLocaleString('en-US')} mute/speaking toggles`,
    bursts.toggles,
    {
      core: side(coreListeners, core.notifications),
      baseline: side(baseline.portListeners, plain.notifications),
    },
    options,
    [],
  );
  // Both sides' list subscribers saw the full meeting last.
  const lists = [core.lastRead[2], plain.lastRead[2]] as (readonly unknown[] | undefined)[];
  if (lists.some((list) => list?.length !== MEETING_SIZE)) {
    throw new Error('A subscriber did not see the full meeting after the bursts.');
  }
  await tenant.endpoint.dispose();
  return { joins, toggles };
}
