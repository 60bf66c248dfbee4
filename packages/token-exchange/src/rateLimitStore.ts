/** How many requests one key (a verified user, `tid/oid`) may make per fixed window. */
export interface RateLimitRule {
  /** Requests allowed per key and window. */
  readonly maxRequests: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

export type RateLimitDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Whole seconds until the key may try again, at least 1. */
      readonly retryAfterSeconds: number;
      /**
       * `limited`: this key used up its window. `capacity`: the in-memory store is full of keys that are
       * being limited, so a new key cannot be tracked and is refused until a window ends.
       */
      readonly reason: 'limited' | 'capacity';
    };

/**
 * Where the rate limiter counts. One store can be shared by several handler instances (processes,
 * machines) so that a user's limit holds across all of them: see `createRedisRateLimitStore`.
 *
 * `hit` counts one request of `key` in its current window and says whether it is allowed, atomically:
 * two instances hitting the same key at once never both get the last allowed request.
 * It may reject (the store is unreachable, or `signal` aborted); the handler then refuses the request with
 * `503 rate_limit_unavailable` rather than let it through unlimited.
 */
export interface RateLimitStore {
  hit(
    key: string,
    rule: RateLimitRule,
    options?: { readonly signal?: AbortSignal },
  ): Promise<RateLimitDecision>;
}

/** Whole seconds from `now` to `endsAt`, at least 1 (a `Retry-After` of 0 invites a tight loop). */
export function retryAfterSeconds(endsAt: number, now: number): number {
  return Math.max(1, Math.ceil((endsAt - now) / 1000));
}
