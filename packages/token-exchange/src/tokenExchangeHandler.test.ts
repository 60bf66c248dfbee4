import {
  ACS_CONNECTION_STRING,
  ACS_RESOURCE_APP_ID,
  CONTOSO_CLIENT_ID,
  createFakeAcs,
  createFakeEntra,
  FABRIKAM_TENANT_ID,
  type FakeEntra,
  MEGAN_OID,
  NORTHWIND_TENANT_ID,
  UNKNOWN_TENANT_ID,
} from '@teams-endpoint/testing/server';
import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenExchangeErrorCode } from './errorCodes';
import type { TokenExchangeHandlerOptions, TokenExchangeLogEvent } from './options';
import { createTokenExchangeHandler } from './tokenExchangeHandler';

const APP_ORIGIN = 'https://app.contoso.com';
const FOREIGN_ORIGIN = 'https://evil.example';
const ENDPOINT_URL = 'https://tokens.contoso.com/api/acs-token';
/** An object id the attacker would like a token for; it must never reach ACS. */
const VICTIM_OID = '0d6f3c1e-5b2a-4e8f-9c7d-1a2b3c4d5e6f';

const server = setupServer();
const acs = createFakeAcs();
let entra: FakeEntra;
let logEvents: TokenExchangeLogEvent[];

beforeAll(async () => {
  entra = await createFakeEntra();
  server.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => {
  server.resetHandlers(...entra.handlers(), acs.handler());
  entra.jwksRequests.length = 0;
  acs.calls.length = 0;
  logEvents = [];
});
afterEach(() => {
  // No log line ever carries an Entra token or an ACS token.
  const logged = JSON.stringify(logEvents);
  for (const token of entra.issuedTokens) expect(logged).not.toContain(token);
  expect(logged).not.toContain('acs-token-for-');
});
afterAll(() => server.close());

function createHandler(overrides: Partial<TokenExchangeHandlerOptions> = {}) {
  return createTokenExchangeHandler({
    connectionString: ACS_CONNECTION_STRING,
    clientId: CONTOSO_CLIENT_ID,
    allowedTenantIds: [FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID],
    allowedOrigins: [APP_ORIGIN],
    identityClientOptions: { retryOptions: { maxRetries: 0 } },
    logger: (event) => logEvents.push(event),
    ...overrides,
  } as TokenExchangeHandlerOptions);
}

function exchangeRequest(
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

/** Sends a request and checks what every response must satisfy. */
async function send(handler: (request: Request) => Promise<Response>, request: Request) {
  const response = await handler(request);
  const text = await response.text();
  expect(response.headers.get('cache-control')).toBe('no-store');
  for (const token of entra.issuedTokens) expect(text).not.toContain(token);
  if (response.status !== 200) expect(text).not.toContain('acs-token-for-');
  const body = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  return { status: response.status, headers: response.headers, body };
}

function errorCode(body: Record<string, unknown> | undefined): TokenExchangeErrorCode | undefined {
  return (body?.error as { code?: TokenExchangeErrorCode } | undefined)?.code;
}

describe('a valid Teams user token', () => {
  it('is exchanged for an ACS token for the oid in the token, not the one in the body', async () => {
    const token = await entra.issue();

    const { status, body, headers } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(200);
    expect(body).toEqual({ token: acs.tokenFor(MEGAN_OID), expiresOn: acs.expiresOn });
    expect(headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(acs.calls).toEqual([
      {
        path: '/teamsUser/:exchangeAccessToken',
        apiVersion: '2023-10-01',
        signed: true,
        body: { token, appId: CONTOSO_CLIENT_ID, userId: MEGAN_OID },
      },
    ]);
    expect(entra.jwksRequests).toEqual([FABRIKAM_TENANT_ID]);
    expect(logEvents).toEqual([
      {
        level: 'info',
        type: 'token_exchanged',
        status: 200,
        tenantId: FABRIKAM_TENANT_ID,
        userId: MEGAN_OID,
      },
    ]);
  });

  it('accepts a v2.0 token (aud = the ACS app id, azp, v2.0 issuer)', async () => {
    const token = await entra.issue({ version: '2.0' });

    const { status } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(200);
    expect(acs.calls.map((call) => call.body.userId)).toEqual([MEGAN_OID]);
  });

  it('accepts a v1.0 token requested for the ACS app id instead of its URI', async () => {
    const token = await entra.issue({ claims: { aud: ACS_RESOURCE_APP_ID } });

    expect((await send(createHandler(), exchangeRequest(`Bearer ${token}`))).status).toBe(200);
  });

  it('accepts a token that expired within the clock skew', async () => {
    const token = await entra.issue({ claims: { exp: Math.floor(Date.now() / 1000) - 30 } });

    expect((await send(createHandler(), exchangeRequest(`Bearer ${token}`))).status).toBe(200);
  });

  it('fetches each tenant’s keys once and caches them', async () => {
    const handler = createHandler({ rateLimit: false });
    const northwind = await entra.issue({
      claims: { tid: NORTHWIND_TENANT_ID, iss: `https://sts.windows.net/${NORTHWIND_TENANT_ID}/` },
    });

    for (const token of [await entra.issue(), await entra.issue(), northwind, northwind]) {
      expect((await send(handler, exchangeRequest(`Bearer ${token}`))).status).toBe(200);
    }

    expect(entra.jwksRequests).toEqual([FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID]);
  });

  it('works without an Origin header (server to server), with no CORS header', async () => {
    const token = await entra.issue();

    const { status, headers } = await send(
      createHandler(),
      exchangeRequest(`Bearer ${token}`, { origin: null }),
    );

    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('hostile and broken requests', () => {
  const now = () => Math.floor(Date.now() / 1000);

  const cases: Array<{
    name: string;
    authorization: () => Promise<string>;
    status: number;
    code: TokenExchangeErrorCode;
  }> = [
    {
      name: 'alg "none" (unsigned)',
      authorization: async () => `Bearer ${entra.remember(new UnsecuredJWT(entra.claims()).encode())}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'HS256 signed with the public key as the HMAC secret',
      authorization: async () => {
        const token = await new SignJWT(entra.claims())
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: entra.kid })
          .sign(new TextEncoder().encode(entra.publicKeyPem));
        return `Bearer ${entra.remember(token)}`;
      },
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'RS384 instead of RS256',
      authorization: async () =>
        `Bearer ${await entra.issue({ alg: 'RS384', signingKey: entra.otherKeys.RS384 })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong audience (Microsoft Graph)',
      authorization: async () =>
        `Bearer ${await entra.issue({ claims: { aud: 'https://graph.microsoft.com' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'audience as an array that includes ACS',
      authorization: async () =>
        `Bearer ${await entra.issue({ claims: { aud: ['https://auth.msft.communication.azure.com', 'api://other'] } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong client id (v1.0 appid)',
      authorization: async () =>
        `Bearer ${await entra.issue({ claims: { appid: '11111111-2222-4333-8444-555555555555' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong client id (v2.0 azp)',
      authorization: async () =>
        `Bearer ${await entra.issue({ version: '2.0', claims: { azp: '11111111-2222-4333-8444-555555555555' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'v2.0 token whose client id is only in appid',
      authorization: async () =>
        `Bearer ${await entra.issue({ version: '2.0', claims: { azp: undefined, appid: CONTOSO_CLIENT_ID } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'issuer of another (allowed) tenant than tid',
      authorization: async () =>
        `Bearer ${await entra.issue({ claims: { iss: `https://sts.windows.net/${NORTHWIND_TENANT_ID}/` } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'v2.0 issuer on a v1.0 token',
      authorization: async () =>
        `Bearer ${await entra.issue({ claims: { iss: `https://login.microsoftonline.com/${FABRIKAM_TENANT_ID}/v2.0` } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'unknown token version',
      authorization: async () => `Bearer ${await entra.issue({ claims: { ver: undefined } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'expired beyond the clock skew',
      authorization: async () => `Bearer ${await entra.issue({ claims: { exp: now() - 600 } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'not yet valid beyond the clock skew',
      authorization: async () => `Bearer ${await entra.issue({ claims: { nbf: now() + 600 } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'tampered payload (oid swapped after signing)',
      authorization: async () => {
        const [header, payload, signature] = (await entra.issue()).split('.');
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
        const forged = base64url.encode(JSON.stringify({ ...claims, oid: VICTIM_OID }));
        return `Bearer ${entra.remember(`${header}.${forged}.${signature}`)}`;
      },
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'signed by a key Entra never published, claiming its kid',
      authorization: async () => `Bearer ${await entra.issue({ signingKey: entra.otherKeys.RS256 })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'unknown kid',
      authorization: async () =>
        `Bearer ${await entra.issue({ kid: 'rotated-away', signingKey: entra.otherKeys.RS256 })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'app-only token (roles, no scp)',
      authorization: async () =>
        `Bearer ${await entra.issue({ claims: { scp: undefined, roles: ['Teams.ManageCalls'] } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'oid that is not a GUID',
      authorization: async () => `Bearer ${await entra.issue({ claims: { oid: '../admin' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'garbage token',
      authorization: async () => 'Bearer bm90LWEtand0',
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'garbage three-part token',
      authorization: async () => 'Bearer a.b.c',
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'garbage header (characters a bearer token cannot hold)',
      authorization: async () => 'Bearer <script>alert(1)</script>',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'Basic scheme',
      authorization: async () => `Basic ${btoa('megan:password')}`,
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'Bearer with no token',
      authorization: async () => 'Bearer ',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'two Authorization headers',
      authorization: async () => {
        const token = await entra.issue();
        return `Bearer ${token}, Bearer ${token}`;
      },
      status: 400,
      code: 'invalid_request',
    },
  ];

  it.each(cases)('$name → $status $code, and ACS is not called', async ({ authorization, status, code }) => {
    const result = await send(createHandler(), exchangeRequest(await authorization()));

    expect(result.status).toBe(status);
    expect(errorCode(result.body)).toBe(code);
    expect(result.headers.get('www-authenticate')).toBe(`Bearer error="${code}"`);
    expect(result.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(acs.calls).toEqual([]);
    expect(logEvents).toEqual([expect.objectContaining({ type: 'request_rejected', status, code })]);
  });

  it('refuses a disallowed tenant with 403 before fetching any key', async () => {
    const token = await entra.issue({
      claims: { tid: UNKNOWN_TENANT_ID, iss: `https://sts.windows.net/${UNKNOWN_TENANT_ID}/` },
    });

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(403);
    expect(errorCode(body)).toBe('tenant_not_allowed');
    expect(entra.jwksRequests).toEqual([]);
    expect(acs.calls).toEqual([]);
  });

  it('refuses a 100 kB header with 400 before parsing it or fetching any key', async () => {
    const token = await entra.issue();
    const huge = `Bearer ${token}${'A'.repeat(100 * 1024)}`;

    const { status, body } = await send(createHandler(), exchangeRequest(huge));

    expect(status).toBe(400);
    expect(errorCode(body)).toBe('invalid_request');
    expect(logEvents).toEqual([expect.objectContaining({ reason: 'authorization_too_large' })]);
    expect(entra.jwksRequests).toEqual([]);
  });

  it('refuses a missing Authorization header with 400 and a bare Bearer challenge', async () => {
    const { status, body, headers } = await send(createHandler(), exchangeRequest(null));

    expect(status).toBe(400);
    expect(errorCode(body)).toBe('invalid_request');
    expect(headers.get('www-authenticate')).toBe('Bearer');
  });

  it('never fetches keys for a token that can never pass (alg none, garbage)', async () => {
    const handler = createHandler();
    await send(
      handler,
      exchangeRequest(`Bearer ${entra.remember(new UnsecuredJWT(entra.claims()).encode())}`),
    );
    await send(handler, exchangeRequest('Bearer a.b.c'));

    expect(entra.jwksRequests).toEqual([]);
  });

  it('answers every error with a JSON { error: { code, message } } body', async () => {
    const { body } = await send(createHandler(), exchangeRequest('Basic x'));

    expect(body).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
  });
});

describe('failures around the exchange', () => {
  it('answers 502 exchange_failed when ACS fails, without retry noise or token in the log', async () => {
    server.use(acs.handler({ failWithStatus: 500 }));
    const token = await entra.issue();

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(502);
    expect(errorCode(body)).toBe('exchange_failed');
    expect(acs.calls).toHaveLength(1);
    expect(logEvents).toEqual([
      {
        level: 'error',
        type: 'request_rejected',
        status: 502,
        code: 'exchange_failed',
        reason: 'acs_status_500',
        tenantId: FABRIKAM_TENANT_ID,
        userId: MEGAN_OID,
      },
    ]);
  });

  it('answers 502 keys_unavailable when the tenant’s keys cannot be fetched', async () => {
    server.use(...entra.handlers({ failWithStatus: 500 }));
    const token = await entra.issue();

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(502);
    expect(errorCode(body)).toBe('keys_unavailable');
    expect(acs.calls).toEqual([]);
  });

  it('answers 429 rate_limited with Retry-After once a user exceeds the limit', async () => {
    const handler = createHandler({ rateLimit: { maxRequests: 2, windowMs: 60_000 } });
    const token = await entra.issue();

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await send(handler, exchangeRequest(`Bearer ${token}`));
      statuses.push(result.status);
      retryAfter = result.headers.get('retry-after');
    }

    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(acs.calls).toHaveLength(2);
  });

  it('limits each user separately', async () => {
    const handler = createHandler({ rateLimit: { maxRequests: 1, windowMs: 60_000 } });
    const megan = await entra.issue();
    const alex = await entra.issue({ claims: { oid: '4782e723-f4f4-4af3-a76e-25e3bab0d896' } });

    expect((await send(handler, exchangeRequest(`Bearer ${megan}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${alex}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${megan}`))).status).toBe(429);
  });

  it('answers 403 user_not_allowed when authorizeUser refuses, after showing it the verified user', async () => {
    const authorizeUser = vi.fn(async () => false);
    const token = await entra.issue();

    const { status, body } = await send(createHandler({ authorizeUser }), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(403);
    expect(errorCode(body)).toBe('user_not_allowed');
    expect(authorizeUser).toHaveBeenCalledWith({
      tenantId: FABRIKAM_TENANT_ID,
      userId: MEGAN_OID,
      claims: expect.objectContaining({ oid: MEGAN_OID, tid: FABRIKAM_TENANT_ID, appid: CONTOSO_CLIENT_ID }),
    });
    expect(acs.calls).toEqual([]);
  });

  it('fails closed with 500 when authorizeUser throws', async () => {
    const token = await entra.issue();
    const authorizeUser = () => {
      throw new Error(`database down while checking ${token}`);
    };

    const { status, body } = await send(createHandler({ authorizeUser }), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(500);
    expect(errorCode(body)).toBe('internal_error');
    expect(acs.calls).toEqual([]);
  });

  it('still answers when the logger throws', async () => {
    const token = await entra.issue();
    const logger = () => {
      throw new Error('log sink down');
    };

    expect((await send(createHandler({ logger }), exchangeRequest(`Bearer ${token}`))).status).toBe(200);
  });
});

describe('methods and CORS', () => {
  it('answers a preflight from an allowed origin with 204 and the CORS headers', async () => {
    const { status, headers } = await send(createHandler(), exchangeRequest(null, { method: 'OPTIONS' }));

    expect(status).toBe(204);
    expect(headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(headers.get('access-control-allow-methods')).toBe('POST');
    expect(headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(headers.get('access-control-allow-credentials')).toBeNull();
    expect(headers.get('vary')).toBe('Origin');
  });

  it('refuses a preflight from a foreign origin with 403 and no CORS header', async () => {
    const { status, body, headers } = await send(
      createHandler(),
      exchangeRequest(null, { method: 'OPTIONS', origin: FOREIGN_ORIGIN }),
    );

    expect(status).toBe(403);
    expect(errorCode(body)).toBe('origin_not_allowed');
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a POST from a foreign origin even with a valid token', async () => {
    const token = await entra.issue();

    const { status, headers } = await send(
      createHandler(),
      exchangeRequest(`Bearer ${token}`, { origin: FOREIGN_ORIGIN }),
    );

    expect(status).toBe(403);
    expect(headers.get('access-control-allow-origin')).toBeNull();
    expect(acs.calls).toEqual([]);
    expect(entra.jwksRequests).toEqual([]);
  });

  it('allows no origin by default', async () => {
    const token = await entra.issue();

    const { status } = await send(
      createHandler({ allowedOrigins: undefined }),
      exchangeRequest(`Bearer ${token}`),
    );

    expect(status).toBe(403);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and Allow', async (method) => {
    const token = await entra.issue();

    const { status, body, headers } = await send(
      createHandler(),
      exchangeRequest(`Bearer ${token}`, { method }),
    );

    expect(status).toBe(405);
    expect(errorCode(body)).toBe('method_not_allowed');
    expect(headers.get('allow')).toBe('OPTIONS, POST');
    expect(acs.calls).toEqual([]);
  });

  it('answers a plain OPTIONS without Origin with 204 and Allow', async () => {
    const { status, headers } = await send(
      createHandler(),
      exchangeRequest(null, { method: 'OPTIONS', origin: null }),
    );

    expect(status).toBe(204);
    expect(headers.get('allow')).toBe('OPTIONS, POST');
  });
});
