import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './rateLimiter';

function fakeClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const perMinute = (maxRequests: number) => ({ maxRequests, windowMs: 60_000 });

describe('createMemoryRateLimitStore', () => {
  it('allows maxRequests per window, then says how long to wait', () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore({ now: clock.now });

    expect(store.take('megan', perMinute(2))).toEqual({ allowed: true });
    clock.advance(10_000);
    expect(store.take('megan', perMinute(2))).toEqual({ allowed: true });
    clock.advance(500);
    expect(store.take('megan', perMinute(2))).toEqual({
      allowed: false,
      reason: 'limited',
      retryAfterSeconds: 50,
    });
  });

  it('opens a new window once the old one has passed', () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore({ now: clock.now });
    const rule = { maxRequests: 1, windowMs: 1_000 };

    store.take('megan', rule);
    expect(store.take('megan', rule).allowed).toBe(false);
    clock.advance(1_000);
    expect(store.take('megan', rule).allowed).toBe(true);
  });

  it('counts each key separately, and answers through hit() as well', async () => {
    const store = createMemoryRateLimitStore({ now: fakeClock().now });
    const rule = { maxRequests: 1, windowMs: 1_000 };

    expect(await store.hit('megan', rule)).toEqual({ allowed: true });
    expect(await store.hit('alex', rule)).toEqual({ allowed: true });
    expect((await store.hit('megan', rule)).allowed).toBe(false);
  });

  it('never waits less than a second', () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore({ now: clock.now });
    const rule = { maxRequests: 1, windowMs: 1_000 };

    store.take('megan', rule);
    clock.advance(999);
    expect(store.take('megan', rule)).toEqual({ allowed: false, reason: 'limited', retryAfterSeconds: 1 });
  });

  // The weakness: the limiter forgot the oldest window whatever it held, so after maxTrackedUsers other
  // users a limited user got a fresh window.
  it('never forgets a user who is being limited, however many other users come', () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore({ maxTrackedUsers: 3, now: clock.now });
    const rule = perMinute(2);
    store.take('megan', rule);
    store.take('megan', rule);

    for (let user = 0; user < 10_000; user += 1) store.take(`user-${user}`, rule);

    expect(store.take('megan', rule)).toMatchObject({ allowed: false, reason: 'limited' });
    expect(store.size).toBeLessThanOrEqual(3);
  });

  it('makes room by dropping expired windows first, then the oldest unlimited one', () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore({ maxTrackedUsers: 2, now: clock.now });
    const rule = { maxRequests: 2, windowMs: 1_000 };

    store.take('a', rule);
    clock.advance(600);
    store.take('b', rule);
    clock.advance(600);
    // "a" has expired: it makes room, and "b" keeps its count.
    store.take('c', rule);
    store.take('b', rule);
    expect(store.take('b', rule)).toMatchObject({ allowed: false, reason: 'limited' });
    // "b" is limited and "c" is not: "c" is the one forgotten.
    store.take('d', rule);
    expect(store.take('b', rule)).toMatchObject({ allowed: false, reason: 'limited' });
    expect(store.take('c', rule)).toEqual({ allowed: true });
  });

  it('fails closed when every tracked user is limited: a new user waits for the first window to end', () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore({ maxTrackedUsers: 2, now: clock.now });
    const rule = { maxRequests: 1, windowMs: 10_000 };
    store.take('a', rule);
    clock.advance(3_000);
    store.take('b', rule);

    expect(store.take('c', rule)).toEqual({ allowed: false, reason: 'capacity', retryAfterSeconds: 7 });
    clock.advance(7_000);
    expect(store.take('c', rule)).toEqual({ allowed: true });
    expect(store.take('b', rule)).toMatchObject({ allowed: false, reason: 'limited' });
  });

  it('in any interleaving of users and time, stays bounded and keeps every limited user limited', () => {
    const event = fc.oneof(
      { arbitrary: fc.record({ key: fc.integer({ min: 0, max: 11 }) }), weight: 5 },
      { arbitrary: fc.record({ advance: fc.integer({ min: 1, max: 4_000 }) }), weight: 1 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(event, { maxLength: 300 }),
        (maxTrackedUsers, maxRequests, events) => {
          const clock = fakeClock();
          const store = createMemoryRateLimitStore({ maxTrackedUsers, now: clock.now });
          const rule = { maxRequests, windowMs: 5_000 };
          /** Per key, the time before which the store has promised to refuse it (from a `limited` answer). */
          const refusedUntil = new Map<number, number>();
          for (const step of events) {
            if ('advance' in step) {
              clock.advance(step.advance);
              continue;
            }
            const decision = store.take(`user-${step.key}`, rule);
            const promised = refusedUntil.get(step.key) ?? Number.NEGATIVE_INFINITY;
            if (clock.now() < promised) expect(decision).toMatchObject({ allowed: false, reason: 'limited' });
            if (!decision.allowed && decision.reason === 'limited') {
              // Retry-After is rounded up to whole seconds, so the window ends after (retryAfter - 1) s.
              refusedUntil.set(step.key, clock.now() + (decision.retryAfterSeconds - 1) * 1_000);
            }
            expect(store.size).toBeLessThanOrEqual(maxTrackedUsers);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
