// Test support shared by the handler's tests: a simulated Entra (keys, tokens) and ACS on MSW, a handler
// factory with the test defaults, and `send`, which checks what every response must satisfy.
import {
  ACS_CONNECTION_STRING,
  CONTOSO_CLIENT_ID,
  createFakeAcs,
  createFakeEntra,
  FABRIKAM_TENANT_ID,
  type FakeEntra,
  NORTHWIND_TENANT_ID,
} from '@teams-endpoint/testing/server';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { TokenExchangeErrorCode } from './errorCodes';
import type { TokenExchangeHandlerOptions, TokenExchangeLogEvent } from './options';
import { createTokenExchangeHandler } from './tokenExchangeHandler';

export const APP_ORIGIN = 'https://app.contoso.com';
export const FOREIGN_ORIGIN = 'https://evil.example';
const ENDPOINT_URL = 'https://tokens.contoso.com/api/acs-token';
/** An object id the attacker would like a token for; it must never reach ACS. */
export const VICTIM_OID = '0d6f3c1e-5b2a-4e8f-9c7d-1a2b3c4d5e6f';

/**
 * Registers the MSW server and the per-test resets and leak checks of one test file, and returns what its
 * tests use. `entra` is ready once `beforeAll` has run.
 */
export function useExchangeHarness() {
  const server = setupServer();
  const acs = createFakeAcs();
  const harness = {
    server,
    acs,
    entra: undefined as unknown as FakeEntra,
    logEvents: [] as TokenExchangeLogEvent[],
    createHandler(overrides: Partial<TokenExchangeHandlerOptions> = {}) {
      return createTokenExchangeHandler({
        connectionString: ACS_CONNECTION_STRING,
        clientId: CONTOSO_CLIENT_ID,
        allowedTenantIds: [FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID],
        allowedOrigins: [APP_ORIGIN],
        identityClientOptions: { retryOptions: { maxRetries: 0 } },
        logger: (event) => {
          harness.logEvents.push(event);
        },
        ...overrides,
      } as TokenExchangeHandlerOptions);
    },
    /** Sends a request and checks what every response must satisfy: no-store, and no token in an error. */
    async send(handler: (request: Request) => Promise<Response>, request: Request) {
      const response = await handler(request);
      const text = await response.text();
      expect(response.headers.get('cache-control')).toBe('no-store');
      for (const token of harness.entra.issuedTokens) expect(text).not.toContain(token);
      if (response.status !== 200) expect(text).not.toContain('acs-token-for-');
      const body = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      return { status: response.status, headers: response.headers, body };
    },
  };

  beforeAll(async () => {
    harness.entra = await createFakeEntra();
    server.listen({ onUnhandledRequest: 'error' });
  });
  beforeEach(() => {
    server.resetHandlers(...harness.entra.handlers(), acs.handler({ verifyToken: harness.entra.verify }));
    harness.entra.jwksRequests.length = 0;
    acs.calls.length = 0;
    harness.logEvents = [];
  });
  afterEach(() => {
    // No log line ever carries an Entra token or an ACS token.
    const logged = JSON.stringify(harness.logEvents);
    for (const token of harness.entra.issuedTokens) expect(logged).not.toContain(token);
    expect(logged).not.toContain('acs-token-for-');
  });
  afterAll(() => server.close());

  return harness;
}

export function exchangeRequest(
  authorization: string | null,
  init: { origin?: string | null; method?: string } = {},
) {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  if (authorization !== null) headers.set('Authorization', authorization);
  const origin = init.origin === undefined ? APP_ORIGIN : init.origin;
  if (origin !== null) headers.set('Origin', origin);
  const method = init.method ?? 'POST';
  // The attacker also names another user in the body: it must be ignored.
  const body = method === 'GET' || method === 'HEAD' ? null : JSON.stringify({ userObjectId: VICTIM_OID });
  return new Request(ENDPOINT_URL, { method, headers, body });
}

export function errorCode(body: Record<string, unknown> | undefined): TokenExchangeErrorCode | undefined {
  return (body?.error as { code?: TokenExchangeErrorCode } | undefined)?.code;
}
