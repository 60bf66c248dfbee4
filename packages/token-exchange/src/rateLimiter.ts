/** How many token exchanges one user may make per window. */
export interface RateLimitOptions {
  /** Exchanges allowed per user and window. */
  maxRequests: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /**
   * Most users tracked at once, which bounds memory. When more users than this are active in one
   * window, the oldest window is forgotten. Default 10 000.
   */
  maxTrackedUsers?: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = { maxRequests: 10, windowMs: 60_000 };

const DEFAULT_MAX_TRACKED_USERS = 10_000;

interface Window {
  startedAt: number;
  count: number;
}

/**
 * An in-memory fixed-window limiter. Windows are kept in a `Map` in the order they started, so
 * expired ones are always at the front and are dropped before any active one.
 */
export function createFixedWindowRateLimiter(
  { maxRequests, windowMs, maxTrackedUsers = DEFAULT_MAX_TRACKED_USERS }: RateLimitOptions,
  now: () => number = Date.now,
): (key: string) => RateLimitDecision {
  const windows = new Map<string, Window>();

  const makeRoom = (time: number) => {
    for (const [key, window] of windows) {
      if (time - window.startedAt < windowMs) break;
      windows.delete(key);
    }
    if (windows.size >= maxTrackedUsers) {
      const oldest = windows.keys().next().value;
      if (oldest !== undefined) windows.delete(oldest);
    }
  };

  return (key) => {
    const time = now();
    let window = windows.get(key);
    if (window === undefined || time - window.startedAt >= windowMs) {
      windows.delete(key);
      if (windows.size >= maxTrackedUsers) makeRoom(time);
      window = { startedAt: time, count: 0 };
      windows.set(key, window);
    }
    if (window.count >= maxRequests) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - time) / 1000)),
      };
    }
    window.count += 1;
    return { allowed: true };
  };
}
