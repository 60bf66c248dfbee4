import {
  type RateLimitDecision,
  type RateLimitRule,
  type RateLimitStore,
  retryAfterSeconds,
} from './rateLimitStore';

/** How many token exchanges one user may make per window, and where they are counted. */
export interface RateLimitOptions extends RateLimitRule {
  /**
   * Where the counts live. Default: a store in this process's memory (`createMemoryRateLimitStore`),
   * which does not hold across instances; use `createRedisRateLimitStore` when several run.
   */
  store?: RateLimitStore;
  /**
   * Users the default in-memory store tracks at once, which bounds its memory (about 600 bytes each with
   * their `tid/oid` keys, measured on Node 20: 10 000 users take about 6 MB). Ignored when `store` is given.
   * Default 10 000.
   */
  maxTrackedUsers?: number;
  /** Longest wait for the store, in milliseconds; past it the request is refused with 503. Default 1 000. */
  timeoutMs?: number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitRule> = { maxRequests: 10, windowMs: 60_000 };

export const DEFAULT_MAX_TRACKED_USERS = 10_000;

interface Window {
  readonly startedAt: number;
  count: number;
}

export interface MemoryRateLimitStoreOptions {
  /** Most keys tracked at once. Default 10 000. */
  maxTrackedUsers?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Fixed windows in this process's memory, bounded by `maxTrackedUsers` without ever forgetting a key that
 * is being limited:
 * - windows that have not reached their limit live in `open`, in the order they started, so the expired
 *   ones are at its front;
 * - a window that reaches its limit moves to `limited`, where it stays until it ends.
 *
 * Room for a new key is made by dropping, in this order: expired open windows, expired limited windows,
 * then the oldest open window (that user's count restarts: the only leniency, and only under pressure).
 * A limited window is never dropped before it ends. When every tracked key is limited, a new key is
 * refused (`reason: 'capacity'`) until the first of those windows ends: the limiter fails closed.
 *
 * Each `hit` is O(1) but for the sweep of `limited`, which runs at most once per ending of its earliest
 * window.
 */
export function createMemoryRateLimitStore({
  maxTrackedUsers = DEFAULT_MAX_TRACKED_USERS,
  now = Date.now,
}: MemoryRateLimitStoreOptions = {}): RateLimitStore & {
  /** The same decision, synchronously. */
  take(key: string, rule: RateLimitRule): RateLimitDecision;
  /** How many keys are tracked now: never more than `maxTrackedUsers`. */
  readonly size: number;
} {
  const open = new Map<string, Window>();
  const limited = new Map<string, Window>();
  /** When the earliest limited window ends; no limited window can be swept before. */
  let limitedSweepAt = Number.POSITIVE_INFINITY;

  const sweepLimited = (time: number, windowMs: number) => {
    limitedSweepAt = Number.POSITIVE_INFINITY;
    for (const [key, window] of limited) {
      const endsAt = window.startedAt + windowMs;
      if (endsAt <= time) limited.delete(key);
      else limitedSweepAt = Math.min(limitedSweepAt, endsAt);
    }
  };

  /** Makes room for one more key; `false` when every tracked key is limited and none has ended. */
  const makeRoom = (time: number, windowMs: number): boolean => {
    for (const [key, window] of open) {
      if (open.size + limited.size < maxTrackedUsers || time - window.startedAt < windowMs) break;
      open.delete(key);
    }
    if (open.size + limited.size >= maxTrackedUsers && time >= limitedSweepAt) sweepLimited(time, windowMs);
    if (open.size + limited.size >= maxTrackedUsers) {
      const oldest = open.keys().next();
      if (oldest.done) return false;
      open.delete(oldest.value);
    }
    return true;
  };

  const take = (key: string, { maxRequests, windowMs }: RateLimitRule): RateLimitDecision => {
    const time = now();
    let window = open.get(key) ?? limited.get(key);
    if (window !== undefined && time - window.startedAt >= windowMs) {
      open.delete(key);
      limited.delete(key);
      window = undefined;
    }
    if (window === undefined) {
      if (open.size + limited.size >= maxTrackedUsers && !makeRoom(time, windowMs)) {
        return {
          allowed: false,
          reason: 'capacity',
          retryAfterSeconds: retryAfterSeconds(limitedSweepAt, time),
        };
      }
      window = { startedAt: time, count: 0 };
      open.set(key, window);
    }
    if (window.count >= maxRequests) {
      return {
        allowed: false,
        reason: 'limited',
        retryAfterSeconds: retryAfterSeconds(window.startedAt + windowMs, time),
      };
    }
    window.count += 1;
    if (window.count >= maxRequests) {
      open.delete(key);
      limited.set(key, window);
      limitedSweepAt = Math.min(limitedSweepAt, window.startedAt + windowMs);
    }
    return { allowed: true };
  };

  return {
    take,
    hit: async (key, rule) => take(key, rule),
    get size() {
      return open.size + limited.size;
    },
  };
}
