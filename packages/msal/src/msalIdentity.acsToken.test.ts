import { BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import type { TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  authResult,
  createExchangeRecorder,
  createFakeMsalClient,
  EXCHANGE_URL,
  makeAccount,
  signedInIdentity,
} from './fakeMsalClient.test-support';
import { createMsalIdentity } from './msalIdentity';
import { acsExchangeScopes } from './scopes';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const consentMissing = () =>
  new InteractionRequiredAuthError(
    'invalid_grant',
    'corr',
    'AADSTS65001: The user or administrator has not consented to use the application.',
    'consent_required',
  );

describe('getAcsToken', () => {
  it('refuses before sign-in, without any request', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const identity = createMsalIdentity({ client: createFakeMsalClient(), exchange: { url: EXCHANGE_URL } });

    expect(await typedRejection(identity.getAcsToken())).toMatchObject({ code: 'not_signed_in' });
    expect(exchange.requests).toHaveLength(0);
  });

  it('exchanges the Entra token for the ACS scopes, sent only as a bearer token, and caches the ACS token', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { client, identity } = await signedInIdentity();

    const first = await identity.getAcsToken();
    const second = await identity.getAcsToken();

    expect(first).toEqual({ token: exchange.issuedTokens[0], expiresOn: expect.any(Date) });
    expect(second).toBe(first);
    expect(client.acquireTokenSilent).toHaveBeenCalledTimes(1);
    expect(client.acquireTokenSilent).toHaveBeenCalledWith({
      scopes: [...acsExchangeScopes],
      account: makeAccount(),
      forceRefresh: false,
    });
    expect(exchange.requests).toHaveLength(1);
    const [request] = exchange.requests;
    const entraToken = client.issuedTokens.at(-1)!;
    expect(request?.headers.get('Authorization')).toBe(`Bearer ${entraToken}`);
    expect(new URL(request!.url).search).toBe('');
    expect(await request?.text()).toBe('');
  });

  it('shares one exchange between concurrent callers', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();

    const tokens = await Promise.all([
      identity.getAcsToken(),
      identity.getAcsToken(),
      identity.getAcsToken(),
    ]);

    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(exchange.requests).toHaveLength(1);
  });

  it('exchanges again on forceRefresh, with a fresh Entra token', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { client, identity } = await signedInIdentity();

    const first = await identity.getAcsToken();
    const forced = await identity.getAcsToken({ forceRefresh: true });

    expect(forced.token).not.toBe(first.token);
    expect(exchange.requests).toHaveLength(2);
    expect(client.acquireTokenSilent).toHaveBeenLastCalledWith(
      expect.objectContaining({ forceRefresh: true }),
    );
  });

  it('exchanges again when the cached token is within the refresh margin of expiry', async () => {
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const now = () => clock;
    const exchange = createExchangeRecorder(now, 60 * 60_000);
    server.use(exchange.handler);
    const { identity } = await signedInIdentity({
      now,
      refreshMarginMs: 5 * 60_000,
      client: createFakeMsalClient({ cachedAccounts: [makeAccount()], now }),
    });

    await identity.getAcsToken();
    clock += 54 * 60_000;
    await identity.getAcsToken();
    expect(exchange.requests).toHaveLength(1);
    clock += 2 * 60_000;
    await identity.getAcsToken();
    expect(exchange.requests).toHaveLength(2);
  });

  it('renews an Entra token that is about to expire before exchanging it, as the ACS token inherits its expiry', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockResolvedValueOnce(
      authResult(makeAccount(), acsExchangeScopes, 'entra-old-s3cr3t', new Date(Date.now() + 60_000)),
    );

    await identity.getAcsToken();

    expect(client.acquireTokenSilent).toHaveBeenCalledTimes(2);
    expect(client.acquireTokenSilent).toHaveBeenLastCalledWith(
      expect.objectContaining({ forceRefresh: true }),
    );
    expect(exchange.requests[0]?.headers.get('Authorization')).not.toContain('entra-old-s3cr3t');
  });

  it('names the ACS scopes in consent_required when the user has not consented, and sends nothing', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(consentMissing());

    const error = await typedRejection(identity.getAcsToken());

    expect(error).toMatchObject({ code: 'consent_required', retryable: false });
    expect(error.details.scopes).toEqual([...acsExchangeScopes]);
    expect(error.message).toContain('Teams.ManageCalls');
    expect(exchange.requests).toHaveLength(0);
  });

  it('maps other interaction-required errors to interaction_required, naming the scopes', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(
      new InteractionRequiredAuthError('login_required', 'corr'),
    );

    const error = await typedRejection(identity.getAcsToken());

    expect(error).toMatchObject({
      code: 'interaction_required',
      details: { msalErrorCode: 'login_required' },
    });
    expect(error.details.scopes).toEqual([...acsExchangeScopes]);
  });

  it('maps an MSAL network failure to a retryable network error', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(new BrowserAuthError('no_network_connectivity', 'corr'));

    expect(await typedRejection(identity.getAcsToken())).toMatchObject({ code: 'network', retryable: true });
  });

  it('retries a 401 once with a new Entra token, then reports token_expired', async () => {
    let answers = 0;
    server.use(
      http.post(EXCHANGE_URL, () => {
        answers += 1;
        return answers === 1
          ? HttpResponse.json({ error: { code: 'invalid_token', message: 'expired' } }, { status: 401 })
          : HttpResponse.json({
              token: 'acs-after-401',
              expiresOn: new Date(Date.now() + 3600_000).toISOString(),
            });
      }),
    );
    const { client, identity } = await signedInIdentity();

    await expect(identity.getAcsToken()).resolves.toMatchObject({ token: 'acs-after-401' });
    expect(client.acquireTokenSilent).toHaveBeenLastCalledWith(
      expect.objectContaining({ forceRefresh: true }),
    );

    server.use(
      http.post(EXCHANGE_URL, () =>
        HttpResponse.json({ error: { code: 'invalid_token', message: 'expired' } }, { status: 401 }),
      ),
    );
    expect(await typedRejection(identity.getAcsToken({ forceRefresh: true }))).toMatchObject({
      code: 'token_expired',
      retryable: true,
    });
  });

  it('passes exchange refusals through as typed errors', async () => {
    server.use(
      http.post(EXCHANGE_URL, () =>
        HttpResponse.json({ error: { code: 'tenant_not_allowed', message: 'no' } }, { status: 403 }),
      ),
    );
    const { identity } = await signedInIdentity();

    expect(await typedRejection(identity.getAcsToken())).toMatchObject({ code: 'tenant_not_allowed' });
  });

  it('uses a custom exchange function, checking what it returns', async () => {
    const exchange = vi.fn(async (entraToken: string, signal?: AbortSignal) => {
      expect(signal).toBeInstanceOf(AbortSignal);
      return { token: `acs-for-${entraToken.length}`, expiresOn: new Date(Date.now() + 3600_000) };
    });
    const { client, identity } = await signedInIdentity({ exchange });

    await expect(identity.getAcsToken()).resolves.toMatchObject({
      token: expect.stringMatching(/^acs-for-/),
    });
    expect(exchange).toHaveBeenCalledWith(client.issuedTokens.at(-1), expect.any(AbortSignal));

    exchange.mockResolvedValueOnce({ token: '', expiresOn: new Date(Date.now() + 3600_000) });
    expect(await typedRejection(identity.getAcsToken({ forceRefresh: true }))).toMatchObject({
      code: 'token_exchange_failed',
    });
    exchange.mockRejectedValueOnce(new Error('socket hang up'));
    expect(await typedRejection(identity.getAcsToken({ forceRefresh: true }))).toMatchObject({
      code: 'token_exchange_failed',
      retryable: true,
    });
  });

  it("lets one caller stop waiting without cancelling the others' exchange", async () => {
    let release: (() => void) | undefined;
    const exchange = createExchangeRecorder();
    server.use(
      http.post(EXCHANGE_URL, async ({ request }) => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return exchange.answer(request);
      }),
    );
    const { identity } = await signedInIdentity();
    const controller = new AbortController();

    const impatient = identity.getAcsToken({ signal: controller.signal });
    const patient = identity.getAcsToken();
    await vi.waitFor(() => expect(release).toBeDefined());
    controller.abort();
    release?.();

    expect(await typedRejection(impatient)).toMatchObject({ code: 'aborted' });
    await expect(patient).resolves.toMatchObject({ token: exchange.issuedTokens[0] });
  });

  it('keeps the other onAcsTokenRefreshed listeners and the token when one throws, and reports its error', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    const failure = new Error('listener bug');
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    try {
      const other = vi.fn();
      identity.onAcsTokenRefreshed(() => {
        throw failure;
      });
      const stop = identity.onAcsTokenRefreshed(other);
      const token = await identity.getAcsToken();
      expect(other).toHaveBeenCalledWith(token);
      expect(reportError).toHaveBeenCalledWith(failure);
      stop();
      await identity.getAcsToken({ forceRefresh: true });
      expect(other).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('createTokenRefresher hands the ACS credential the cached token string', async () => {
    const exchange = createExchangeRecorder();
    server.use(exchange.handler);
    const { identity } = await signedInIdentity();
    const refresher = identity.createTokenRefresher();

    const token = await refresher();
    expect(token).toBe(exchange.issuedTokens[0]);
    await expect(refresher(new AbortController().signal)).resolves.toBe(token);
    expect(exchange.requests).toHaveLength(1);
    const aborted = new AbortController();
    aborted.abort();
    expect(await typedRejection(refresher(aborted.signal))).toMatchObject({ code: 'aborted' });
  });
});

describe('tokens never leak', () => {
  it('no Entra or ACS token appears in any error message, detail or serialized error', async () => {
    const exchange = createExchangeRecorder();
    const { client, identity } = await signedInIdentity();
    const errors: TeamsEndpointError[] = [];
    const failures = [
      () => HttpResponse.json({ error: { code: 'invalid_token', message: 'x' } }, { status: 401 }),
      () => HttpResponse.json({ error: { code: 'tenant_not_allowed', message: 'x' } }, { status: 403 }),
      () =>
        HttpResponse.json(
          { error: { code: 'rate_limited' } },
          { status: 429, headers: { 'Retry-After': '5' } },
        ),
      () => HttpResponse.json({ error: { code: 'exchange_failed' } }, { status: 502 }),
      () => HttpResponse.json({ token: 42, expiresOn: 'later', echo: client.issuedTokens.at(-1) }),
      () => HttpResponse.error(),
    ];
    for (const answer of failures) {
      server.use(http.post(EXCHANGE_URL, answer));
      errors.push(await typedRejection(identity.getAcsToken()));
    }
    client.acquireTokenSilent.mockRejectedValueOnce(consentMissing());
    errors.push(await typedRejection(identity.getAcsToken()));
    server.use(exchange.handler);
    await identity.getAcsToken({ forceRefresh: true });

    const secrets = [...client.issuedTokens, ...exchange.issuedTokens, makeAccount().idToken!];
    expect(secrets.length).toBeGreaterThan(5);
    for (const error of errors) {
      const visible = `${error.message} ${String(error)} ${JSON.stringify(error.toJSON())} ${error.stack ?? ''}`;
      for (const secret of secrets) expect(visible).not.toContain(secret);
    }
  });
});
