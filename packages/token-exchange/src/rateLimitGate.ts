import type { RateLimitRule, RateLimitStore } from './rateLimitStore';
import { TokenRejection } from './tokenRejection';

export interface RateLimitGateOptions extends RateLimitRule {
  readonly store: RateLimitStore;
  /** Longest wait for the store. */
  readonly timeoutMs: number;
}

/**
 * Counts a request against its key and throws the refusal: 429 `rate_limited` with `Retry-After`, or 503
 * `rate_limit_unavailable` when the store fails or does not answer within `timeoutMs`. A store that cannot
 * be asked never lets a request through unlimited.
 */
export function createRateLimitGate({
  store,
  timeoutMs,
  maxRequests,
  windowMs,
}: RateLimitGateOptions): (key: string, signal?: AbortSignal) => Promise<void> {
  const rule: RateLimitRule = { maxRequests, windowMs };
  return async (key, signal) => {
    const budget = AbortSignal.timeout(timeoutMs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let decision: Awaited<ReturnType<RateLimitStore['hit']>>;
    try {
      const hit = Promise.resolve(
        store.hit(key, rule, { signal: signal ? AbortSignal.any([signal, budget]) : budget }),
      );
      hit.catch(() => {});
      decision = await Promise.race([
        hit,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('rate-limit store timed out')), timeoutMs);
        }),
      ]);
    } catch {
      throw new TokenRejection(
        503,
        'rate_limit_unavailable',
        'The request could not be rate-limited; retry later.',
        budget.aborted ? 'rate_limit_timeout' : 'rate_limit_store_failed',
        { 'Retry-After': '1' },
      );
    } finally {
      clearTimeout(timer);
    }
    if (decision.allowed) return;
    throw new TokenRejection(
      429,
      'rate_limited',
      'Too many token requests; retry later.',
      decision.reason === 'capacity' ? 'rate_limit_capacity' : 'rate_limited',
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  };
}
