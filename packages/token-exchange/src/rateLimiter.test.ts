import { describe, expect, it } from 'vitest';
import { createFixedWindowRateLimiter } from './rateLimiter';

function fakeClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createFixedWindowRateLimiter', () => {
  it('allows maxRequests per window, then says how long to wait', () => {
    const clock = fakeClock();
    const take = createFixedWindowRateLimiter({ maxRequests: 2, windowMs: 60_000 }, clock.now);

    expect(take('megan')).toEqual({ allowed: true });
    clock.advance(10_000);
    expect(take('megan')).toEqual({ allowed: true });
    clock.advance(500);
    expect(take('megan')).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it('opens a new window once the old one has passed', () => {
    const clock = fakeClock();
    const take = createFixedWindowRateLimiter({ maxRequests: 1, windowMs: 1_000 }, clock.now);

    take('megan');
    expect(take('megan').allowed).toBe(false);
    clock.advance(1_000);
    expect(take('megan').allowed).toBe(true);
  });

  it('counts each key separately', () => {
    const take = createFixedWindowRateLimiter({ maxRequests: 1, windowMs: 1_000 }, fakeClock().now);

    expect(take('megan').allowed).toBe(true);
    expect(take('alex').allowed).toBe(true);
    expect(take('megan').allowed).toBe(false);
  });

  it('never waits less than a second', () => {
    const clock = fakeClock();
    const take = createFixedWindowRateLimiter({ maxRequests: 1, windowMs: 1_000 }, clock.now);

    take('megan');
    clock.advance(999);
    expect(take('megan')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('stays within maxTrackedUsers, dropping expired windows first, then the oldest', () => {
    const clock = fakeClock();
    const take = createFixedWindowRateLimiter(
      { maxRequests: 1, windowMs: 1_000, maxTrackedUsers: 2 },
      clock.now,
    );

    take('a');
    clock.advance(600);
    take('b');
    clock.advance(600);
    // "a" has expired: it makes room, and "b" keeps its count.
    take('c');
    expect(take('b').allowed).toBe(false);
    // Both "b" and "c" are active: the oldest, "b", is forgotten.
    take('d');
    expect(take('c').allowed).toBe(false);
    expect(take('b').allowed).toBe(true);
  });
});
