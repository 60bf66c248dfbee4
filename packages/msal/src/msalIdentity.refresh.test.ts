import type { AcsAccessToken, TeamsEndpointError } from '@teams-endpoint/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_REFRESH_RETRY_DELAY_MS, MIN_REFRESH_DELAY_MS } from './acsTokenSource';
import { createExchangeRecorder, EXCHANGE_URL, signedInIdentity } from './fakeMsalClient.test-support';

const MINUTE = 60_000;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  // MSW needs real microtasks and intervals; fake only what the refresh schedule uses.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
});
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** An exchange endpoint that fails with `status` and counts its requests, with their times. */
function failingExchange(status: number, headers: Record<string, string> = {}) {
  const times: number[] = [];
  server.use(
    http.post(EXCHANGE_URL, () => {
      times.push(Date.now());
      return HttpResponse.json(
        { error: { code: status === 403 ? 'tenant_not_allowed' : 'x' } },
        { status, headers },
      );
    }),
  );
  return times;
}

describe('proactive ACS token refresh', () => {
  it('refreshes refreshMarginMs before expiry, so callers never wait for an expired token', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    const refreshed: AcsAccessToken[] = [];
    identity.onAcsTokenRefreshed((token) => refreshed.push(token));

    const first = await identity.getAcsToken();
    await vi.advanceTimersByTimeAsync(54 * MINUTE);
    expect(exchange.requests).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1 * MINUTE);
    expect(exchange.requests).toHaveLength(2);
    expect(refreshed.map((t) => t.token)).toEqual([first.token, exchange.issuedTokens[1]]);
    expect(Date.now()).toBeLessThan(first.expiresOn.getTime());

    const current = await identity.getAcsToken();
    expect(current.token).toBe(exchange.issuedTokens[1]);
    expect(exchange.requests).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    expect(exchange.requests).toHaveLength(5);
    await identity.signOut();
  });

  it('backs off exponentially while the exchange fails: a bounded number of attempts, never a tight loop', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    const failures: TeamsEndpointError[] = [];
    identity.onAcsTokenRefreshFailed((error) => failures.push(error));
    const token = await identity.getAcsToken();

    const attempts = failingExchange(503);
    await vi.advanceTimersByTimeAsync(55 * MINUTE);
    expect(attempts).toHaveLength(1);
    const start = attempts[0]!;

    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    const gaps = attempts.slice(1).map((time, index) => time - attempts[index]!);
    expect(gaps).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(attempts.every((time) => time - start <= 10 * MINUTE)).toBe(true);
    expect(failures.map((error) => error.code)).toEqual(Array(5).fill('token_exchange_failed'));
    expect(failures.every((error) => error.retryable)).toBe(true);

    // The old token stays in use while it is valid; after it expires, callers get the error.
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    const later = attempts.slice(5).map((time, index) => time - attempts[index + 4]!);
    expect(later.every((gap) => gap === MAX_REFRESH_RETRY_DELAY_MS)).toBe(true);
    expect(Date.now()).toBeGreaterThan(token.expiresOn.getTime());
    await expect(identity.getAcsToken()).rejects.toMatchObject({ code: 'token_exchange_failed' });
    await identity.signOut();
  });

  it('waits at least Retry-After when throttled', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    await identity.getAcsToken();

    const attempts = failingExchange(429, { 'Retry-After': '600' });
    await vi.advanceTimersByTimeAsync(55 * MINUTE);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10 * MINUTE - 1);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toHaveLength(2);
    await identity.signOut();
  });

  it('stops retrying when the failure needs a person (tenant not allowed), and reports it once', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    const failures: string[] = [];
    identity.onAcsTokenRefreshFailed((error) => failures.push(error.code));
    await identity.getAcsToken();

    const attempts = failingExchange(403);
    await vi.advanceTimersByTimeAsync(2 * 60 * MINUTE);

    expect(attempts).toHaveLength(1);
    expect(failures).toEqual(['tenant_not_allowed']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never loops on tokens that are already inside the refresh margin', async () => {
    const exchange = createExchangeRecorder(Date.now, 2 * MINUTE);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    await identity.getAcsToken();

    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    // One exchange, then one every MIN_REFRESH_DELAY_MS (30 s): still refreshing, but never faster.
    expect(exchange.requests).toHaveLength(1 + (10 * MINUTE) / MIN_REFRESH_DELAY_MS);
    await identity.signOut();
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    const heard: string[] = [];
    const unsubscribe = identity.onAcsTokenRefreshed((token) => heard.push(token.token));
    await identity.getAcsToken();
    unsubscribe();

    await vi.advanceTimersByTimeAsync(56 * MINUTE);

    expect(exchange.requests).toHaveLength(2);
    expect(heard).toEqual([exchange.issuedTokens[0]]);
    await identity.signOut();
  });
});

describe('signOut', () => {
  it('clears the account and the cached tokens, stops every timer, and refreshes nothing afterwards', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    server.use(exchange.handler);
    const { client, identity } = await signedInIdentity();
    await identity.getAcsToken();
    await identity.getGraphToken(['User.Read']);
    expect(vi.getTimerCount()).toBe(1);

    await identity.signOut();

    expect(vi.getTimerCount()).toBe(0);
    expect(identity.getCurrentUser()).toBeNull();
    expect(client.setActiveAccount).toHaveBeenLastCalledWith(null);
    expect(client.clearCache).toHaveBeenCalledWith({
      account: expect.objectContaining({ username: expect.any(String) }),
    });
    expect(client.getAllAccounts()).toEqual([]);
    await expect(identity.getAcsToken()).rejects.toMatchObject({ code: 'not_signed_in' });
    await expect(identity.getGraphToken(['User.Read'])).rejects.toMatchObject({ code: 'not_signed_in' });
    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    expect(exchange.requests).toHaveLength(1);
  });

  it('drops an exchange still in flight, so its token is neither cached nor scheduled', async () => {
    const exchange = createExchangeRecorder(Date.now, 60 * MINUTE);
    let release: (() => void) | undefined;
    server.use(
      http.post(EXCHANGE_URL, async ({ request }) => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return exchange.answer(request);
      }),
    );
    const { identity } = await signedInIdentity();

    const pending = identity.getAcsToken();
    await vi.waitFor(() => expect(release).toBeDefined());
    await identity.signOut();
    release?.();

    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends the Entra session too with signOutMode: popup', async () => {
    const { client, identity } = await signedInIdentity({ signOutMode: 'popup' });

    await identity.signOut();

    expect(client.logoutPopup).toHaveBeenCalledWith({
      account: expect.objectContaining({ tenantId: expect.any(String) }),
    });
    expect(client.clearCache).not.toHaveBeenCalled();
  });

  it('clears local state even when the Entra sign-out popup fails, and says so', async () => {
    const { client, identity } = await signedInIdentity({ signOutMode: 'popup' });
    client.logoutPopup.mockRejectedValueOnce(new Error('popup closed'));

    await expect(identity.signOut()).rejects.toMatchObject({
      code: 'unknown',
      message: expect.stringMatching(/cleared/),
    });
    expect(identity.getCurrentUser()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });
});
