import type { RateLimitDecision, RateLimitRule, RateLimitStore } from './rateLimitStore';
import { TokenRejection } from './tokenRejection';
import { DeadlineExceeded, withDeadline } from './withDeadline';

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
    let decision: RateLimitDecision;
    try {
      decision = await withDeadline(
        (abortSignal) => store.hit(key, rule, { signal: abortSignal }),
        timeoutMs,
        signal,
      );
    } catch (error) {
      throw new TokenRejection(
        503,
        'rate_limit_unavailable',
        'The request could not be rate-limited; retry later.',
        error instanceof DeadlineExceeded ? 'rate_limit_timeout' : 'rate_limit_store_failed',
        { 'Retry-After': '1' },
      );
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
