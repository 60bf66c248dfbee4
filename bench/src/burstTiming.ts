import { deliver } from './callEventTap';
import { settle } from './simulatedTenant';
import { collectGarbage, median } from './stats';

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
  /**
   * Notifications received per burst: for each of the three subscribers of the call, then (video meeting)
   * for each tile's per-participant subscriber; for the captions, their one subscriber.
   */
  readonly notificationsPerSubscriber: readonly number[];
  readonly runs: number;
}

/** A component's subscription: where it listens, and what it reads when told. */
export interface Reader {
  readonly subscribe: (listener: () => void) => unknown;
  readonly read: () => unknown;
}

/** Readers of one unit, all subscribed to it. */
export const readersOf = (subscribe: Reader['subscribe'], reads: readonly (() => unknown)[]): Reader[] =>
  reads.map((read) => ({ subscribe, read }));

/**
 * One listener per reader, as one component per slice would subscribe. Returns their notification counts
 * and what each read last (which also keeps the reads from being optimized away).
 */
export function subscribeReaders(readers: readonly Reader[]) {
  const notifications = readers.map(() => 0);
  const lastRead: unknown[] = readers.map(() => undefined);
  readers.forEach(({ subscribe, read }, index) => {
    subscribe(() => {
      lastRead[index] = read();
      notifications[index]! += 1;
    });
  });
  return { notifications, lastRead };
}

/** Delivers a burst and waits for its batched notifications (both sides flush in one microtask). */
async function timeBurst<E>(listeners: ReadonlySet<(event: E) => void>, events: readonly E[]) {
  const start = performance.now();
  deliver(listeners, events);
  await Promise.resolve();
  return performance.now() - start;
}

/** One side of a burst: the core, or the baseline. `E` is what the port delivers (call events, caption results). */
export interface Side<E> {
  /** The listeners the port delivers to: the core's, or the baseline's. */
  readonly listeners: ReadonlySet<(event: E) => void>;
  /** Notifications each subscriber has received so far. */
  readonly notifications: readonly number[];
  readonly times: number[];
  readonly notifiedInBursts: number[];
}

export interface BurstOptions<E> {
  /** Delivered before each burst, untimed: puts the side back where the burst starts. */
  readonly reset: readonly E[];
  /**
   * Lets the port's asynchronous work finish after the reset and after the burst, untimed (views being
   * created or disposed). The time runs until the last subscriber is notified, views requested.
   */
  readonly settle: boolean;
}

/**
 * Runs core and baseline bursts alternately, so that both see the same machine state. With several variants
 * of the burst, run `n` delivers variant `n mod count` to both sides.
 */
export async function measureBurst<E>(
  name: string,
  variants: readonly (readonly E[])[],
  sides: { readonly core: Side<E>; readonly baseline: Side<E> },
  options: EventCostOptions,
  burst: BurstOptions<E>,
): Promise<BurstCost> {
  const { reset } = burst;
  for (let run = 0; run < options.warmUpRuns + options.runs; run += 1) {
    // Garbage from the warm-up is not billed to the first measured runs; later collections are part of the cost.
    if (run === options.warmUpRuns) collectGarbage();
    const events = variants[run % variants.length]!;
    for (const side of [sides.core, sides.baseline]) {
      if (reset.length > 0) {
        deliver(side.listeners, reset);
        await Promise.resolve();
      }
      if (burst.settle) await settle();
      const before = [...side.notifications];
      const time = await timeBurst(side.listeners, events);
      if (burst.settle) await settle();
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
    events: variants[0]!.length,
    coreMs,
    baselineMs,
    ratio: coreMs / baselineMs,
    notificationsPerSubscriber: sides.core.notifiedInBursts.map((count) => count / options.runs),
    runs: options.runs,
  };
}

export const side = <E>(
  listeners: ReadonlySet<(event: E) => void>,
  notifications: readonly number[],
): Side<E> => ({
  listeners,
  notifications,
  times: [],
  notifiedInBursts: notifications.map(() => 0),
});
