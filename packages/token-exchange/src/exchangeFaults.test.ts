import { ACS_ENDPOINT, FABRIKAM_TENANT_ID, MEGAN_OID } from '@teams-endpoint/testing/server';
import { delay, HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorCode, exchangeRequest, useExchangeHarness } from './exchangeHarness.test-support';
import type { RateLimitStore } from './rateLimitStore';

const harness = useExchangeHarness();
const { acs, createHandler, send, server } = harness;

const ACS_EXCHANGE = `${ACS_ENDPOINT}/teamsUser/:action`;
const JWKS = 'https://login.microsoftonline.com/:tenantId/discovery/v2.0/keys';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.useRealTimers();
});

describe('a logger that fails', () => {
  const failingLoggers: Array<[string, () => unknown]> = [
    [
      'throws',
      () => {
        throw new Error('log sink down');
      },
    ],
    [
      'returns a promise that rejects (a log shipper whose sink is down)',
      async () => Promise.reject(new Error('sink down')),
    ],
    [
      'returns a thenable whose then throws',
      () => ({
        // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point of this case
        then() {
          throw new Error('then');
        },
      }),
    ],
    [
      'returns an object whose then getter throws',
      () =>
        Object.defineProperty({}, 'then', {
          get() {
            throw new Error('getter');
          },
        }),
    ],
  ];

  // The weakness: only synchronous throws were caught, so a rejected promise crashed the process.
  it.each(failingLoggers)(
    'that %s changes no response and leaves no unhandled rejection',
    async (_, logger) => {
      const unhandled = vi.fn();
      process.on('unhandledRejection', unhandled);
      try {
        const handler = createHandler({ logger: logger as () => void });
        const token = await harness.entra.issue();

        expect((await send(handler, exchangeRequest(`Bearer ${token}`))).status).toBe(200);
        expect((await send(handler, exchangeRequest('Basic x'))).status).toBe(400);
        await sleep(20);
        expect(unhandled).not.toHaveBeenCalled();
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    },
  );
});

describe('an ACS that hangs or keeps failing', () => {
  // The weakness: a hung ACS held the request and its socket until the client gave up (330 s seen).
  it('answers 504 acs_timeout once acsTimeoutMs has passed, and logs it', async () => {
    server.use(http.post(ACS_EXCHANGE, async () => delay('infinite')));
    const token = await harness.entra.issue();

    const { status, body } = await send(
      createHandler({ acsTimeoutMs: 200 }),
      exchangeRequest(`Bearer ${token}`),
    );

    expect(status).toBe(504);
    expect(errorCode(body)).toBe('acs_timeout');
    expect(harness.logEvents).toEqual([
      {
        level: 'error',
        type: 'request_rejected',
        status: 504,
        code: 'acs_timeout',
        reason: 'acs_timeout',
        tenantId: FABRIKAM_TENANT_ID,
        userId: MEGAN_OID,
      },
    ]);
  });

  // The weakness: the identity client's retries ran on after any budget (about 5 s and 4 calls per request).
  it('keeps the identity client’s retries inside the budget: none is sent after the response', async () => {
    let calls = 0;
    server.use(
      http.post(ACS_EXCHANGE, () => {
        calls += 1;
        return HttpResponse.json({ error: { code: 'ServiceUnavailable' } }, { status: 503 });
      }),
    );
    const token = await harness.entra.issue();
    const handler = createHandler({
      acsTimeoutMs: 300,
      identityClientOptions: { retryOptions: { maxRetries: 50, retryDelayInMs: 40, maxRetryDelayInMs: 40 } },
    });

    const { status, body } = await send(handler, exchangeRequest(`Bearer ${token}`));
    const callsAtResponse = calls;
    await sleep(400);

    expect(status).toBe(504);
    expect(errorCode(body)).toBe('acs_timeout');
    expect(callsAtResponse).toBeGreaterThan(1);
    expect(calls).toBe(callsAtResponse);
  });

  it('still answers 502 exchange_failed when ACS refuses within the budget', async () => {
    server.use(acs.handler({ failWithStatus: 401 }));
    const token = await harness.entra.issue();

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(502);
    expect(errorCode(body)).toBe('exchange_failed');
    expect(harness.logEvents).toEqual([expect.objectContaining({ reason: 'acs_status_401' })]);
  });

  it.each([0, -1, 1.5, 600_001, Number.NaN])('refuses acsTimeoutMs %s at creation', (acsTimeoutMs) => {
    expect(() => createHandler({ acsTimeoutMs })).toThrow(/acsTimeoutMs/);
  });
});

describe('an authorizeUser hook that hangs', () => {
  it('fails the request with 500 after authorizeUserTimeoutMs, aborting its signal, and never calls ACS', async () => {
    let hookSignal: AbortSignal | undefined;
    const authorizeUser = (_user: unknown, { signal }: { signal: AbortSignal }) => {
      hookSignal = signal;
      return new Promise<boolean>(() => {});
    };
    const handler = createHandler({ authorizeUser, authorizeUserTimeoutMs: 100 });

    const { status, body } = await send(handler, exchangeRequest(`Bearer ${await harness.entra.issue()}`));

    expect(status).toBe(500);
    expect(errorCode(body)).toBe('internal_error');
    expect(hookSignal?.aborted).toBe(true);
    expect(acs.calls).toEqual([]);
    expect(harness.logEvents).toEqual([expect.objectContaining({ reason: 'authorize_user_timeout' })]);
  });
});

describe('a tenant whose signing keys cannot be fetched', () => {
  const failingJwks = () => {
    server.use(
      http.get(JWKS, ({ params }) => {
        harness.entra.jwksRequests.push(String(params.tenantId));
        return new HttpResponse(null, { status: 500 });
      }),
    );
  };

  // The weakness: every request naming the tenant fetched its keys again, and tenant ids are public.
  it('is fetched at most once per cool-down, however many requests name it, and the cool-down doubles', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    failingJwks();
    const handler = createHandler({ rateLimit: false });
    const token = await harness.entra.issue();
    const attempt = async () => (await send(handler, exchangeRequest(`Bearer ${token}`))).status;

    expect(await Promise.all(Array.from({ length: 10 }, attempt))).toEqual(Array(10).fill(502));
    for (let index = 0; index < 10; index += 1) expect(await attempt()).toBe(502);
    expect(harness.entra.jwksRequests).toHaveLength(1);
    expect(harness.logEvents.at(-1)).toMatchObject({ code: 'keys_unavailable', reason: 'keys_cooldown' });

    vi.advanceTimersByTime(10_000);
    expect(await attempt()).toBe(502);
    expect(harness.entra.jwksRequests).toHaveLength(2);
    // The second failure doubled the cool-down to 20 s.
    vi.advanceTimersByTime(10_000);
    expect(await attempt()).toBe(502);
    expect(harness.entra.jwksRequests).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(await attempt()).toBe(502);
    expect(harness.entra.jwksRequests).toHaveLength(3);

    // The endpoint recovers: after the cool-down, the keys are fetched and the token exchanged.
    server.resetHandlers(...harness.entra.handlers(), acs.handler());
    vi.advanceTimersByTime(40_000);
    expect(await attempt()).toBe(200);
    expect(harness.entra.jwksRequests).toHaveLength(4);
    expect(acs.calls).toHaveLength(1);
  });

  it('keeps cooling each tenant down on its own', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const handler = createHandler({ rateLimit: false });
    const fabrikam = await harness.entra.issue();
    failingJwks();

    expect((await send(handler, exchangeRequest(`Bearer ${fabrikam}`))).status).toBe(502);
    server.resetHandlers(...harness.entra.handlers(), acs.handler());
    const northwindTenant = '2b6c8a0f-9d3e-4c71-8f52-0a1b2c3d4e5f';
    const northwind = await harness.entra.issue({
      claims: { tid: northwindTenant, iss: `https://sts.windows.net/${northwindTenant}/` },
    });

    expect((await send(handler, exchangeRequest(`Bearer ${northwind}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${fabrikam}`))).status).toBe(502);
  });

  it('keeps serving cached keys during a cool-down that a failed refetch for an unknown kid opened', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const handler = createHandler({ rateLimit: false });
    expect((await send(handler, exchangeRequest(`Bearer ${await harness.entra.issue()}`))).status).toBe(200);
    failingJwks();
    // jose refetches for an unknown kid once its 30 s cool-down has passed.
    vi.advanceTimersByTime(31_000);
    const unknownKid = await harness.entra.issue({
      kid: 'rotated-in',
      signingKey: harness.entra.otherKeys.RS256,
    });

    expect((await send(handler, exchangeRequest(`Bearer ${unknownKid}`))).status).toBe(502);
    expect((await send(handler, exchangeRequest(`Bearer ${await harness.entra.issue()}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${unknownKid}`))).status).toBe(401);
    expect(harness.entra.jwksRequests).toHaveLength(2);
  });

  it('gives up on a key endpoint that hangs after keyFetch.timeoutMs, with 502', async () => {
    server.use(http.get(JWKS, async () => delay('infinite')));
    const token = await harness.entra.issue();

    const { status, body } = await send(
      createHandler({ keyFetch: { timeoutMs: 150 } }),
      exchangeRequest(`Bearer ${token}`),
    );

    expect(status).toBe(502);
    expect(errorCode(body)).toBe('keys_unavailable');
    expect(harness.logEvents).toEqual([expect.objectContaining({ reason: 'ERR_JWKS_TIMEOUT' })]);
  });

  it.each([
    { timeoutMs: 0 },
    { failureCooldownMs: 1.5 },
    { failureCooldownMs: 5_000, maxFailureCooldownMs: 1_000 },
  ])('refuses keyFetch %o at creation', (keyFetch) => {
    expect(() => createHandler({ keyFetch })).toThrow(/keyFetch/);
  });
});

describe('the rate limit', () => {
  const tokenFor = (oid: string) => harness.entra.issue({ claims: { oid } });
  const oid = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

  // The weakness: after maxTrackedUsers other users, a limited user was forgotten and got a fresh window.
  it('never forgets a user who is being limited, however many other users exchange tokens', async () => {
    const handler = createHandler({ rateLimit: { maxRequests: 1, windowMs: 60_000, maxTrackedUsers: 2 } });
    const megan = await harness.entra.issue();
    expect((await send(handler, exchangeRequest(`Bearer ${megan}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${megan}`))).status).toBe(429);

    for (let index = 0; index < 5; index += 1) {
      await send(handler, exchangeRequest(`Bearer ${await tokenFor(oid(index))}`));
    }

    const again = await send(handler, exchangeRequest(`Bearer ${megan}`));
    expect(again.status).toBe(429);
    expect(errorCode(again.body)).toBe('rate_limited');
    expect(acs.calls.filter((call) => call.body.userId === MEGAN_OID)).toHaveLength(1);
  });

  it('refuses a new user with 429 while every tracked user is limited (fails closed)', async () => {
    const handler = createHandler({ rateLimit: { maxRequests: 1, windowMs: 60_000, maxTrackedUsers: 1 } });
    await send(handler, exchangeRequest(`Bearer ${await harness.entra.issue()}`));

    const { status, headers } = await send(handler, exchangeRequest(`Bearer ${await tokenFor(oid(1))}`));

    expect(status).toBe(429);
    expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(harness.logEvents.at(-1)).toMatchObject({ reason: 'rate_limit_capacity' });
  });

  const brokenStores: Array<[string, RateLimitStore, string]> = [
    [
      'rejects',
      {
        hit: async () => {
          throw new Error('store down');
        },
      },
      'rate_limit_store_failed',
    ],
    ['never answers', { hit: () => new Promise(() => {}) }, 'rate_limit_timeout'],
    [
      'throws synchronously',
      {
        hit: () => {
          throw new Error('store down');
        },
      },
      'rate_limit_store_failed',
    ],
  ];

  it.each(brokenStores)('answers 503 when the store %s, without calling ACS', async (_, store, reason) => {
    const handler = createHandler({ rateLimit: { maxRequests: 5, windowMs: 60_000, store, timeoutMs: 100 } });

    const { status, body, headers } = await send(
      handler,
      exchangeRequest(`Bearer ${await harness.entra.issue()}`),
    );

    expect(status).toBe(503);
    expect(errorCode(body)).toBe('rate_limit_unavailable');
    expect(headers.get('retry-after')).toBe('1');
    expect(acs.calls).toEqual([]);
    expect(harness.logEvents).toEqual([expect.objectContaining({ status: 503, reason })]);
  });
});
