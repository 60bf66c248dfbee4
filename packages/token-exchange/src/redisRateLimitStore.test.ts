import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { startTestRedis } from '@teams-endpoint/testing/server';
import fc from 'fast-check';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { errorCode, exchangeRequest, useExchangeHarness } from './exchangeHarness.test-support';
import type { RateLimitRule } from './rateLimitStore';
import {
  createRedisRateLimitStore,
  RATE_LIMIT_SCRIPT,
  RATE_LIMIT_SCRIPT_SHA1,
  type RedisScriptClient,
} from './redisRateLimitStore';

const redis = await startTestRedis();
afterAll(() => redis.url && redis.stop());

// MSW intercepts Node's http, https and fetch, not raw sockets: ioredis's TCP connections reach Redis
// while the fake Entra and ACS answer over MSW (with `onUnhandledRequest: 'error'`, which never fires here).
const harness = useExchangeHarness();

const ALEX_OID = '4782e723-f4f4-4af3-a76e-25e3bab0d896';

const clients: Redis[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An ioredis client set to fail fast, as the store's documentation advises; connected before it is used. */
async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    commandTimeout: 2_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    ...options,
  });
  // Connection errors are also emitted as events; the commands' own rejections are what the tests check.
  client.on('error', () => {});
  clients.push(client);
  if (options.lazyConnect !== false) await client.connect();
  return client;
}

/** Each test counts under its own prefix, so tests sharing one Redis (REDIS_URL) never meet. */
const uniquePrefix = () => `teams-endpoint-test:${randomUUID()}:`;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server that accepts connections and swallows every byte without ever answering. */
async function silentServer(): Promise<{ port: number; received: () => string }> {
  let received = '';
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
  });
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, received: () => received };
}

describe('the client it takes', () => {
  it('is satisfied by an ioredis client as it is', () => {
    expectTypeOf<Redis>().toExtend<RedisScriptClient>();
  });

  it('refuses at construction an object that is not a Redis client', () => {
    expect(() => createRedisRateLimitStore({ client: {} as RedisScriptClient })).toThrow(TypeError);
  });
});

describe.skipIf(redis.url === undefined)('createRedisRateLimitStore on a real Redis', () => {
  const url = redis.url!;
  /** Two handler instances, each with its own client, counting 3 per minute in one Redis under one prefix. */
  const twoInstances = () => {
    const keyPrefix = uniquePrefix();
    return Promise.all(
      [1, 2].map(async () =>
        harness.createHandler({
          rateLimit: {
            maxRequests: 3,
            windowMs: 60_000,
            store: createRedisRateLimitStore({ client: await connectRedis(url), keyPrefix }),
          },
        }),
      ),
    );
  };

  it('holds one user’s limit across two handler instances that share one Redis', async () => {
    const handlers = await twoInstances();
    const megan = await harness.entra.issue();

    const results = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      results.push(await harness.send(handlers[attempt % 2]!, exchangeRequest(`Bearer ${megan}`)));
    }

    expect(results.map(({ status }) => status)).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    for (const { headers, body } of results.slice(3)) {
      expect(errorCode(body)).toBe('rate_limited');
      expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    expect(harness.acs.calls).toHaveLength(3);

    const alex = await harness.entra.issue({ claims: { oid: ALEX_OID } });
    expect((await harness.send(handlers[1]!, exchangeRequest(`Bearer ${alex}`))).status).toBe(200);
    expect((await harness.send(handlers[0]!, exchangeRequest(`Bearer ${alex}`))).status).toBe(200);
  });

  it('lets exactly maxRequests through when both instances are hit at once', async () => {
    const handlers = await twoInstances();
    const megan = await harness.entra.issue();

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, attempt) =>
        harness.send(handlers[attempt % 2]!, exchangeRequest(`Bearer ${megan}`)),
      ),
    );

    expect(results.filter(({ status }) => status === 200)).toHaveLength(3);
    expect(results.filter(({ status }) => status === 429)).toHaveLength(7);
    expect(harness.acs.calls).toHaveLength(3);
  });

  it('allows exactly maxRequests of many concurrent hits on one key from five clients', async () => {
    const pool = await Promise.all(Array.from({ length: 5 }, () => connectRedis(url)));

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 80 }),
        async (maxRequests, hits) => {
          const keyPrefix = uniquePrefix();
          const stores = pool.map((client) => createRedisRateLimitStore({ client, keyPrefix }));
          const rule: RateLimitRule = { maxRequests, windowMs: 60_000 };

          const decisions = await Promise.all(
            Array.from({ length: hits }, (_, index) =>
              stores[index % stores.length]!.hit('tenant/user', rule),
            ),
          );

          expect(decisions.filter((decision) => decision.allowed)).toHaveLength(Math.min(hits, maxRequests));
          for (const decision of decisions) {
            if (!decision.allowed)
              expect(decision).toEqual({ allowed: false, reason: 'limited', retryAfterSeconds: 60 });
          }
        },
      ),
      { numRuns: 40, examples: [[10, 50]] },
    );
  }, 30_000);

  it('forgets a window when it ends, and gives each key a TTL', async () => {
    const keyPrefix = uniquePrefix();
    const client = await connectRedis(url);
    const store = createRedisRateLimitStore({ client, keyPrefix });
    const rule: RateLimitRule = { maxRequests: 1, windowMs: 300 };
    const key = `${keyPrefix}tenant/user`;

    expect(await store.hit('tenant/user', rule)).toEqual({ allowed: true });
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    expect(await store.hit('tenant/user', rule)).toEqual({
      allowed: false,
      reason: 'limited',
      retryAfterSeconds: 1,
    });

    await vi.waitFor(async () => expect(await client.exists(key)).toBe(0), { timeout: 5_000, interval: 50 });

    expect(await store.hit('tenant/user', rule)).toEqual({ allowed: true });
    expect(await client.pttl(key)).toBeGreaterThan(0);
  });

  it('gives a TTL to a key found without one, so that it cannot count forever', async () => {
    const keyPrefix = uniquePrefix();
    const client = await connectRedis(url);
    await client.set(`${keyPrefix}tenant/user`, '7');

    const decision = await createRedisRateLimitStore({ client, keyPrefix }).hit('tenant/user', {
      maxRequests: 3,
      windowMs: 60_000,
    });

    expect(decision).toEqual({ allowed: false, reason: 'limited', retryAfterSeconds: 60 });
    expect(await client.pttl(`${keyPrefix}tenant/user`)).toBeGreaterThan(0);
  });

  it('sends the script whole when Redis does not have it cached, and Redis caches it again', async () => {
    const client = await connectRedis(url);
    expect(await client.script('LOAD', RATE_LIMIT_SCRIPT)).toBe(RATE_LIMIT_SCRIPT_SHA1);
    expect(createHash('sha1').update(RATE_LIMIT_SCRIPT).digest('hex')).toBe(RATE_LIMIT_SCRIPT_SHA1);
    // Other stores on this Redis fall back the same way; nothing else lives in the script cache.
    await client.script('FLUSH');

    const store = createRedisRateLimitStore({ client, keyPrefix: uniquePrefix() });

    expect(await store.hit('tenant/user', { maxRequests: 1, windowMs: 60_000 })).toEqual({ allowed: true });
    expect(await client.script('EXISTS', RATE_LIMIT_SCRIPT_SHA1)).toEqual([1]);
  });

  it('rejects with the signal’s reason, before sending anything when it is already aborted', async () => {
    const keyPrefix = uniquePrefix();
    const client = await connectRedis(url);
    const store = createRedisRateLimitStore({ client, keyPrefix });
    const reason = new Error('caller gave up');

    await expect(
      store.hit('tenant/user', { maxRequests: 1, windowMs: 60_000 }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(await client.exists(`${keyPrefix}tenant/user`)).toBe(0);
  });
});

describe('a Redis that cannot be asked', () => {
  /**
   * A server that accepts the connection and swallows every byte: ioredis 6 never finishes its handshake
   * (HELLO 3, CLIENT SETINFO) there, so the client never becomes ready, as with a hung Redis.
   */
  async function clientOfSilentServer(options: RedisOptions) {
    const silent = await silentServer();
    const client = await connectRedis(`redis://127.0.0.1:${silent.port}`, { lazyConnect: false, ...options });
    await vi.waitFor(() => expect(silent.received().toUpperCase()).toContain('HELLO'));
    return client;
  }

  it('rejects a hit still waiting for Redis as soon as its signal aborts', async () => {
    const client = await clientOfSilentServer({ enableOfflineQueue: true, commandTimeout: 60_000 });
    const store = createRedisRateLimitStore({ client, keyPrefix: uniquePrefix() });
    const controller = new AbortController();

    const hit = store.hit('tenant/user', { maxRequests: 1, windowMs: 60_000 }, { signal: controller.signal });
    controller.abort(new Error('gave up'));

    await expect(hit).rejects.toThrow('gave up');
  });

  it('makes the handler answer 503 rate_limit_unavailable when Redis is down, and not ask ACS', async () => {
    const client = await connectRedis(`redis://127.0.0.1:${await closedPort()}`, { lazyConnect: false });
    const handler = harness.createHandler({
      rateLimit: {
        maxRequests: 3,
        windowMs: 60_000,
        timeoutMs: 200,
        store: createRedisRateLimitStore({ client, keyPrefix: uniquePrefix() }),
      },
    });

    const { status, body, headers } = await harness.send(
      handler,
      exchangeRequest(`Bearer ${await harness.entra.issue()}`),
    );

    expect(status).toBe(503);
    expect(errorCode(body)).toBe('rate_limit_unavailable');
    expect(headers.get('retry-after')).toBe('1');
    expect(harness.acs.calls).toEqual([]);
    expect(harness.logEvents).toMatchObject([{ status: 503, reason: 'rate_limit_store_failed' }]);
  });

  it.each([
    {
      client: 'a fail-fast client (no offline queue): the command fails at once',
      options: { enableOfflineQueue: false },
      reason: 'rate_limit_store_failed',
    },
    {
      client: 'a client that queues commands until Redis answers: the handler stops waiting at timeoutMs',
      options: { enableOfflineQueue: true, commandTimeout: 60_000 },
      reason: 'rate_limit_timeout',
    },
  ])(
    'makes the handler answer 503 when Redis accepts but never answers, with $client',
    async ({ options, reason }) => {
      const client = await clientOfSilentServer(options);
      const handler = harness.createHandler({
        rateLimit: {
          maxRequests: 3,
          windowMs: 60_000,
          timeoutMs: 200,
          store: createRedisRateLimitStore({ client, keyPrefix: uniquePrefix() }),
        },
      });

      const { status, body } = await harness.send(
        handler,
        exchangeRequest(`Bearer ${await harness.entra.issue()}`),
      );

      expect(status).toBe(503);
      expect(errorCode(body)).toBe('rate_limit_unavailable');
      expect(harness.acs.calls).toEqual([]);
      expect(harness.logEvents).toMatchObject([{ status: 503, reason }]);
    },
  );
});
