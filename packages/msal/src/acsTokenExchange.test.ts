import { isTeamsEndpointError, type TeamsEndpointError } from '@teams-endpoint/core';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAcsTokenExchange } from './acsTokenExchange';
import { EXCHANGE_URL } from './fakeMsalClient.test-support';

const ENTRA_TOKEN = 'entra-access-token-s3cr3t';
const NOW = Date.parse('2026-03-02T09:00:00Z');
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const exchange = createHttpAcsTokenExchange({ url: EXCHANGE_URL, now: () => NOW });

function answer(status: number, body: string | JsonBodyType, headers: Record<string, string> = {}) {
  server.use(
    http.post(EXCHANGE_URL, () =>
      typeof body === 'string'
        ? new HttpResponse(body, { status, headers })
        : HttpResponse.json(body, { status, headers }),
    ),
  );
}

async function failure(promise: Promise<unknown>): Promise<TeamsEndpointError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the exchange to fail');
    },
    (reason: unknown) => reason,
  );
  if (!isTeamsEndpointError(error)) throw error;
  // Whatever went wrong, the Entra token is nowhere in what the caller can see or log.
  expect(JSON.stringify(error.toJSON())).not.toContain(ENTRA_TOKEN);
  expect(String(error)).not.toContain(ENTRA_TOKEN);
  return error;
}

describe('createHttpAcsTokenExchange', () => {
  it('posts the Entra token as a bearer token, with no body and no caching, and parses { token, expiresOn }', async () => {
    let seen: Request | undefined;
    server.use(
      http.post(EXCHANGE_URL, ({ request }) => {
        seen = request.clone();
        return HttpResponse.json({ token: 'acs-token-1', expiresOn: '2026-03-02T10:00:00.000Z' });
      }),
    );

    const token = await exchange(ENTRA_TOKEN);

    expect(token).toEqual({ token: 'acs-token-1', expiresOn: new Date('2026-03-02T10:00:00.000Z') });
    expect(seen?.headers.get('Authorization')).toBe(`Bearer ${ENTRA_TOKEN}`);
    expect(seen?.cache).toBe('no-store');
    expect(await seen?.text()).toBe('');
    expect(seen?.url).toBe(EXCHANGE_URL);
  });

  it('maps 401 to a retryable token_expired', async () => {
    answer(401, { error: { code: 'invalid_token', message: `bad token ${ENTRA_TOKEN}` } });
    const error = await failure(exchange(ENTRA_TOKEN));
    expect(error).toMatchObject({ code: 'token_expired', retryable: true });
    expect(error.details).toMatchObject({ status: 401, serverCode: 'invalid_token' });
  });

  it('maps 403 tenant_not_allowed to tenant_not_allowed, and user_not_allowed to forbidden', async () => {
    answer(403, { error: { code: 'tenant_not_allowed', message: 'Tenant is not on the allow-list.' } });
    expect(await failure(exchange(ENTRA_TOKEN))).toMatchObject({
      code: 'tenant_not_allowed',
      retryable: false,
    });

    answer(403, { error: { code: 'user_not_allowed', message: 'User is blocked.' } });
    expect(await failure(exchange(ENTRA_TOKEN))).toMatchObject({ code: 'forbidden', retryable: false });
  });

  it('maps 429 to a retryable throttled error carrying Retry-After', async () => {
    answer(429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'Retry-After': '42' });
    const error = await failure(exchange(ENTRA_TOKEN));
    expect(error).toMatchObject({ code: 'throttled', retryable: true });
    expect(error.details.retryAfterSeconds).toBe(42);
  });

  it.each([500, 502, 503])('maps %i to a retryable token_exchange_failed', async (status) => {
    answer(status, { error: { code: 'exchange_failed', message: 'ACS said no.' } });
    const error = await failure(exchange(ENTRA_TOKEN));
    expect(error).toMatchObject({ code: 'token_exchange_failed', retryable: true });
    expect(error.details.status).toBe(status);
  });

  it('maps 400 invalid_request to a non-retryable token_exchange_failed', async () => {
    answer(400, { error: { code: 'invalid_request', message: 'Missing bearer token.' } });
    expect(await failure(exchange(ENTRA_TOKEN))).toMatchObject({
      code: 'token_exchange_failed',
      retryable: false,
    });
  });

  it.each([
    ['not JSON', 'Bad gateway, have a nice day'],
    ['a JSON array', '[]'],
    ['no token', JSON.stringify({ expiresOn: '2026-03-02T10:00:00Z' })],
    ['an empty token', JSON.stringify({ token: '', expiresOn: '2026-03-02T10:00:00Z' })],
    ['a numeric expiry', JSON.stringify({ token: 'acs', expiresOn: 1767000000 })],
    ['an expiry without offset', JSON.stringify({ token: 'acs', expiresOn: '2026-03-02T10:00:00' })],
    ['an unreadable expiry', JSON.stringify({ token: 'acs', expiresOn: 'tomorrow-ish' })],
    ['an expiry in the past', JSON.stringify({ token: 'acs', expiresOn: '2026-03-02T08:00:00Z' })],
  ])('refuses a 200 answer with %s as token_exchange_failed', async (_, body) => {
    answer(200, body, { 'Content-Type': 'application/json' });
    const error = await failure(exchange(ENTRA_TOKEN));
    expect(error).toMatchObject({ code: 'token_exchange_failed', retryable: true });
    expect(error.message).not.toContain(body);
  });

  it('maps a network failure to a retryable network error', async () => {
    server.use(http.post(EXCHANGE_URL, () => HttpResponse.error()));
    expect(await failure(exchange(ENTRA_TOKEN))).toMatchObject({ code: 'network', retryable: true });
  });

  it('maps a cancelled request to aborted, and sends nothing when already cancelled', async () => {
    let requests = 0;
    const controller = new AbortController();
    server.use(
      http.post(EXCHANGE_URL, async () => {
        requests += 1;
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return HttpResponse.json({ token: 'late', expiresOn: '2026-03-02T10:00:00Z' });
      }),
    );
    expect(await failure(exchange(ENTRA_TOKEN, controller.signal))).toMatchObject({ code: 'aborted' });
    expect(await failure(exchange(ENTRA_TOKEN, controller.signal))).toMatchObject({ code: 'aborted' });
    expect(requests).toBe(1);
  });

  it('refuses URLs that would expose the bearer token', () => {
    for (const url of [
      'http://contoso.example/api/acs-token',
      'https://user:pass@contoso.example/api',
      'ftp://contoso.example/',
      'not a url',
    ]) {
      expect(() => createHttpAcsTokenExchange({ url }), url).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
    expect(() => createHttpAcsTokenExchange({ url: 'http://localhost:8787/api/acs-token' })).not.toThrow();
  });
});
