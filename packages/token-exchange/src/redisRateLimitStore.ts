import { type RateLimitRule, type RateLimitStore, retryAfterSeconds } from './rateLimitStore';

/**
 * The two commands the store sends, shaped as ioredis has them (`new Redis(...)` satisfies it as it is).
 * Typed here so that this package does not depend on a Redis client: bring your own.
 */
export interface RedisScriptClient {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}

export interface RedisRateLimitStoreOptions {
  /** An ioredis client, or anything with ioredis-shaped `evalsha` and `eval`. */
  client: RedisScriptClient;
  /** Prepended to each key (`tid/oid`). Default `teams-endpoint:rate-limit:`. */
  keyPrefix?: string;
}

/**
 * One hit, atomically: count it, start the window's TTL on its first hit (or if the key somehow has none, so
 * that no key can live forever), and return the count and the milliseconds left in the window.
 */
export const RATE_LIMIT_SCRIPT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** SHA-1 of `RATE_LIMIT_SCRIPT` (a test checks it with `SCRIPT LOAD`), literal: no hashing at run time. */
export const RATE_LIMIT_SCRIPT_SHA1 = 'a95f25d995f44d276eb78ae46962efc93fa2e671';

/**
 * A rate-limit store in Redis, so that a user's limit holds across every instance of the handler.
 *
 * Each key is one fixed window: its first hit sets a TTL of `windowMs`, and the key expires with its
 * window. Redis memory is therefore bounded by the users active within one window (about 200 bytes each:
 * 10 000 users take about 2 MB), and, unlike the in-memory store, no limited user is forgotten to make
 * room. That holds as long as Redis does not evict the keys early: set `maxmemory-policy noeviction` (a full
 * Redis then refuses the hit, and the handler answers 503) or `volatile-ttl` (Redis then evicts the keys
 * nearest their end first, so a window may end a little early). An `allkeys-*` or other `volatile-*` policy
 * can drop a limited user's key at any time, which restarts their count.
 *
 * Each hit is one Lua script, run atomically by Redis (`EVALSHA`, falling back to `EVAL` when Redis has lost
 * its script cache to a restart, a failover or `SCRIPT FLUSH`), so two instances hitting the same user at
 * once never both get the last allowed request. The script touches only the key it is given, as Redis
 * Cluster requires. The window is timed by Redis's clock, not the instances'.
 *
 * Configure the client to fail fast. The handler waits `rateLimit.timeoutMs` (default 1 s) for the store,
 * then answers `503 rate_limit_unavailable`; a client that queues commands while Redis is down piles them up
 * meanwhile and sends a burst when it comes back. Without its offline queue, ioredis refuses commands until
 * it is connected: connect before serving, or the first requests are answered 503.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createRedisRateLimitStore, createTokenExchangeHandler } from '@teams-endpoint/token-exchange';
 *
 * const redis = new Redis(process.env.REDIS_URL!, {
 *   commandTimeout: 500, // a command unanswered within 500 ms fails
 *   maxRetriesPerRequest: 1, // a command whose connection dropped fails after one reconnection attempt
 *   enableOfflineQueue: false, // while disconnected, commands fail at once instead of queueing
 *   lazyConnect: true,
 * });
 * await redis.connect();
 *
 * const handler = createTokenExchangeHandler({
 *   connectionString: process.env.ACS_CONNECTION_STRING!,
 *   clientId: '00000000-0000-0000-0000-000000000001',
 *   allowedTenantIds: ['00000000-0000-0000-0000-0000000000fa'],
 *   rateLimit: { maxRequests: 10, windowMs: 60_000, store: createRedisRateLimitStore({ client: redis }) },
 * });
 * ```
 */
export function createRedisRateLimitStore({
  client,
  keyPrefix = 'teams-endpoint:rate-limit:',
}: RedisRateLimitStoreOptions): RateLimitStore {
  if (typeof client?.evalsha !== 'function' || typeof client?.eval !== 'function') {
    throw new TypeError('client must be a Redis client with evalsha and eval, such as an ioredis client.');
  }
  if (typeof keyPrefix !== 'string') throw new TypeError('keyPrefix must be a string.');

  const runScript = async (key: string, windowMs: number): Promise<unknown> => {
    try {
      return await client.evalsha(RATE_LIMIT_SCRIPT_SHA1, 1, key, windowMs);
    } catch (error) {
      // A Redis that restarted, failed over or ran SCRIPT FLUSH no longer has the script: send it whole.
      // EVAL caches it again, so the next hit is an EVALSHA again.
      if (!isNoScriptError(error)) throw error;
      return client.eval(RATE_LIMIT_SCRIPT, 1, key, windowMs);
    }
  };

  return {
    async hit(key: string, { maxRequests, windowMs }: RateLimitRule, { signal } = {}) {
      signal?.throwIfAborted();
      const reply = await abortable(runScript(`${keyPrefix}${key}`, windowMs), signal);
      const [count, ttl] = parseReply(reply);
      if (count <= maxRequests) return { allowed: true };
      const now = Date.now();
      return { allowed: false, reason: 'limited', retryAfterSeconds: retryAfterSeconds(now + ttl, now) };
    },
  };
}

/**
 * Settles like `promise`, or rejects with `signal.reason` once it aborts. A command already sent cannot be
 * taken back: the hit may still count, which errs on the side of the limit.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/** `[count, ttl]` as integers; as strings too, from a client set to `stringNumbers`. */
function parseReply(reply: unknown): [count: number, ttl: number] {
  const [count, ttl] = Array.isArray(reply) && reply.length === 2 ? reply.map(toInteger) : [];
  if (count === undefined || ttl === undefined || count < 1) {
    throw new TypeError('Redis answered the rate-limit script with something other than [count, ttl].');
  }
  return [count, ttl];
}

function toInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}
