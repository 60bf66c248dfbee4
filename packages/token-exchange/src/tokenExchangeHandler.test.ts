import {
  ACS_RESOURCE_APP_ID,
  CONTOSO_CLIENT_ID,
  FABRIKAM_TENANT_ID,
  MEGAN_OID,
  NORTHWIND_TENANT_ID,
  UNKNOWN_TENANT_ID,
} from '@teams-endpoint/testing/server';
import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import type { TokenExchangeErrorCode } from './errorCodes';
import {
  APP_ORIGIN,
  errorCode,
  exchangeRequest,
  FOREIGN_ORIGIN,
  useExchangeHarness,
  VICTIM_OID,
} from './exchangeHarness.test-support';

const harness = useExchangeHarness();
const { acs, createHandler, send, server } = harness;

describe('a valid Teams user token', () => {
  it('is exchanged for an ACS token for the oid in the token, not the one in the body', async () => {
    const token = await harness.entra.issue();

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
    expect(harness.entra.jwksRequests).toEqual([FABRIKAM_TENANT_ID]);
    expect(harness.logEvents).toEqual([
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
    const token = await harness.entra.issue({ version: '2.0' });

    const { status } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(200);
    expect(acs.calls.map((call) => call.body.userId)).toEqual([MEGAN_OID]);
  });

  it('accepts a v1.0 token requested for the ACS app id instead of its URI', async () => {
    const token = await harness.entra.issue({ claims: { aud: ACS_RESOURCE_APP_ID } });

    expect((await send(createHandler(), exchangeRequest(`Bearer ${token}`))).status).toBe(200);
  });

  it('accepts a token that expired within the clock skew', async () => {
    const token = await harness.entra.issue({ claims: { exp: Math.floor(Date.now() / 1000) - 30 } });

    expect((await send(createHandler(), exchangeRequest(`Bearer ${token}`))).status).toBe(200);
  });

  it('fetches each tenant’s keys once and caches them', async () => {
    const handler = createHandler({ rateLimit: false });
    const northwind = await harness.entra.issue({
      claims: { tid: NORTHWIND_TENANT_ID, iss: `https://sts.windows.net/${NORTHWIND_TENANT_ID}/` },
    });

    for (const token of [await harness.entra.issue(), await harness.entra.issue(), northwind, northwind]) {
      expect((await send(handler, exchangeRequest(`Bearer ${token}`))).status).toBe(200);
    }

    expect(harness.entra.jwksRequests).toEqual([FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID]);
  });

  it('accepts further scopes beside the two ACS ones, and idtyp user', async () => {
    const token = await harness.entra.issue({
      claims: { scp: 'User.Read Teams.ManageChats openid Teams.ManageCalls', idtyp: 'user' },
    });

    expect((await send(createHandler(), exchangeRequest(`Bearer ${token}`))).status).toBe(200);
  });

  it('with signatureValidation "acs", exchanges a valid token without fetching any key', async () => {
    const token = await harness.entra.issue();

    const { status, body } = await send(
      createHandler({ signatureValidation: 'acs' }),
      exchangeRequest(`Bearer ${token}`),
    );

    expect(status).toBe(200);
    expect(body).toEqual({ token: acs.tokenFor(MEGAN_OID), expiresOn: acs.expiresOn });
    expect(harness.entra.jwksRequests).toEqual([]);
  });

  it('works without an Origin header (server to server), with no CORS header', async () => {
    const token = await harness.entra.issue();

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
    /** Every claim is valid; only the signature is wrong. */
    signatureOnly?: true;
  }> = [
    {
      name: 'alg "none" (unsigned)',
      authorization: async () =>
        `Bearer ${harness.entra.remember(new UnsecuredJWT(harness.entra.claims()).encode())}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'HS256 signed with the public key as the HMAC secret',
      authorization: async () => {
        const token = await new SignJWT(harness.entra.claims())
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: harness.entra.kid })
          .sign(new TextEncoder().encode(harness.entra.publicKeyPem));
        return `Bearer ${harness.entra.remember(token)}`;
      },
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'RS384 instead of RS256',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ alg: 'RS384', signingKey: harness.entra.otherKeys.RS384 })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong audience (Microsoft Graph)',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { aud: 'https://graph.microsoft.com' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'audience as an array that includes ACS',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { aud: ['https://auth.msft.communication.azure.com', 'api://other'] } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong client id (v1.0 appid)',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { appid: '11111111-2222-4333-8444-555555555555' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong client id (v2.0 azp)',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ version: '2.0', claims: { azp: '11111111-2222-4333-8444-555555555555' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'v2.0 token whose client id is only in appid',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ version: '2.0', claims: { azp: undefined, appid: CONTOSO_CLIENT_ID } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'issuer of another (allowed) tenant than tid',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { iss: `https://sts.windows.net/${NORTHWIND_TENANT_ID}/` } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'v2.0 issuer on a v1.0 token',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { iss: `https://login.microsoftonline.com/${FABRIKAM_TENANT_ID}/v2.0` } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'unknown token version',
      authorization: async () => `Bearer ${await harness.entra.issue({ claims: { ver: undefined } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'expired beyond the clock skew',
      authorization: async () => `Bearer ${await harness.entra.issue({ claims: { exp: now() - 600 } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'not yet valid beyond the clock skew',
      authorization: async () => `Bearer ${await harness.entra.issue({ claims: { nbf: now() + 600 } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'tampered payload (oid swapped after signing)',
      authorization: async () => {
        const [header, payload, signature] = (await harness.entra.issue()).split('.');
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
        const forged = base64url.encode(JSON.stringify({ ...claims, oid: VICTIM_OID }));
        return `Bearer ${harness.entra.remember(`${header}.${forged}.${signature}`)}`;
      },
      status: 401,
      signatureOnly: true,
      code: 'invalid_token',
    },
    {
      name: 'signed by a key Entra never published, claiming its kid',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ signingKey: harness.entra.otherKeys.RS256 })}`,
      status: 401,
      signatureOnly: true,
      code: 'invalid_token',
    },
    {
      name: 'unknown kid',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ kid: 'rotated-away', signingKey: harness.entra.otherKeys.RS256 })}`,
      status: 401,
      signatureOnly: true,
      code: 'invalid_token',
    },
    {
      name: 'app-only token (roles, no scp)',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { scp: undefined, roles: ['Teams.ManageCalls'] } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'oid that is not a GUID',
      authorization: async () => `Bearer ${await harness.entra.issue({ claims: { oid: '../admin' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'scp without the ACS scopes (User.Read)',
      authorization: async () => `Bearer ${await harness.entra.issue({ claims: { scp: 'User.Read' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'scp with Teams.ManageCalls only',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { scp: 'Teams.ManageCalls' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'scp with both names run together',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { scp: 'Teams.ManageCallsTeams.ManageChats' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'scp with the names in another case',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { scp: 'teams.managecalls teams.managechats' } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'app token (idtyp app) that also carries the scopes in scp',
      authorization: async () =>
        `Bearer ${await harness.entra.issue({ claims: { idtyp: 'app', roles: ['Teams.ManageCalls'] } })}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'payload naming oid twice, signed by the tenant',
      authorization: async () => {
        const text = JSON.stringify(harness.entra.claims()).replace(/}$/, `,"oid":"${VICTIM_OID}"}`);
        return `Bearer ${await harness.entra.signPayloadText(text)}`;
      },
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'payload naming oid twice, once with an escaped letter',
      authorization: async () => {
        const text = JSON.stringify(harness.entra.claims()).replace(/}$/, `,"o\\u0069d":"${VICTIM_OID}"}`);
        return `Bearer ${await harness.entra.signPayloadText(text)}`;
      },
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'header naming alg twice',
      authorization: async () =>
        `Bearer ${await harness.entra.signPayloadText(
          JSON.stringify(harness.entra.claims()),
          `{"alg":"RS256","typ":"JWT","kid":"${harness.entra.kid}","alg":"none"}`,
        )}`,
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
        const token = await harness.entra.issue();
        return `Bearer ${token}, Bearer ${token}`;
      },
      status: 400,
      code: 'invalid_request',
    },
  ];

  it.each(cases)(
    '$name → $status $code, and ACS is not called',
    async ({ authorization, status, code, signatureOnly }) => {
      const result = await send(createHandler(), exchangeRequest(await authorization()));

      if (signatureOnly) {
        // What an operator looks for when Entra's tokens for ACS cannot be verified by third parties.
        expect(harness.logEvents).toEqual([
          expect.objectContaining({
            reason: 'valid_claims_bad_signature',
            detail: expect.stringMatching(/^ERR_/),
          }),
        ]);
      }
      expect(result.status).toBe(status);
      expect(errorCode(result.body)).toBe(code);
      expect(result.headers.get('www-authenticate')).toBe(`Bearer error="${code}"`);
      expect(result.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(acs.calls).toEqual([]);
      expect(harness.logEvents).toEqual([
        expect.objectContaining({ type: 'request_rejected', status, code }),
      ]);
    },
  );

  // The opt-in mode leaves the signature to ACS: every other check must hold all the same, and a token
  // whose signature alone is wrong reaches ACS, which refuses it (the fake ACS verifies as the service does).
  it.each(cases)(
    'with signatureValidation "acs": $name → refused',
    async ({ authorization, status, code, signatureOnly }) => {
      const handler = createHandler({ signatureValidation: 'acs' });
      const result = await send(handler, exchangeRequest(await authorization()));

      if (signatureOnly) {
        expect(result.status).toBe(502);
        expect(errorCode(result.body)).toBe('exchange_failed');
        expect(harness.logEvents).toEqual([expect.objectContaining({ reason: 'acs_status_401' })]);
        expect(acs.calls).toHaveLength(1);
      } else {
        expect(result.status).toBe(status);
        expect(errorCode(result.body)).toBe(code);
        expect(acs.calls).toEqual([]);
      }
      expect(harness.entra.jwksRequests).toEqual([]);
    },
  );

  it('refuses a disallowed tenant with 403 before fetching any key', async () => {
    const token = await harness.entra.issue({
      claims: { tid: UNKNOWN_TENANT_ID, iss: `https://sts.windows.net/${UNKNOWN_TENANT_ID}/` },
    });

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(403);
    expect(errorCode(body)).toBe('tenant_not_allowed');
    expect(harness.entra.jwksRequests).toEqual([]);
    expect(acs.calls).toEqual([]);
  });

  it('refuses a 100 kB header with 400 before parsing it or fetching any key', async () => {
    const token = await harness.entra.issue();
    const huge = `Bearer ${token}${'A'.repeat(100 * 1024)}`;

    const { status, body } = await send(createHandler(), exchangeRequest(huge));

    expect(status).toBe(400);
    expect(errorCode(body)).toBe('invalid_request');
    expect(harness.logEvents).toEqual([expect.objectContaining({ reason: 'authorization_too_large' })]);
    expect(harness.entra.jwksRequests).toEqual([]);
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
      exchangeRequest(`Bearer ${harness.entra.remember(new UnsecuredJWT(harness.entra.claims()).encode())}`),
    );
    await send(handler, exchangeRequest('Bearer a.b.c'));

    expect(harness.entra.jwksRequests).toEqual([]);
  });

  it('answers every error with a JSON { error: { code, message } } body', async () => {
    const { body } = await send(createHandler(), exchangeRequest('Basic x'));

    expect(body).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
  });
});

describe('failures around the exchange', () => {
  it('answers 502 exchange_failed when ACS fails, without retry noise or token in the log', async () => {
    server.use(acs.handler({ failWithStatus: 500 }));
    const token = await harness.entra.issue();

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(502);
    expect(errorCode(body)).toBe('exchange_failed');
    expect(acs.calls).toHaveLength(1);
    expect(harness.logEvents).toEqual([
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
    server.use(...harness.entra.handlers({ failWithStatus: 500 }));
    const token = await harness.entra.issue();

    const { status, body } = await send(createHandler(), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(502);
    expect(errorCode(body)).toBe('keys_unavailable');
    expect(acs.calls).toEqual([]);
  });

  it('answers 429 rate_limited with Retry-After once a user exceeds the limit', async () => {
    const handler = createHandler({ rateLimit: { maxRequests: 2, windowMs: 60_000 } });
    const token = await harness.entra.issue();

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let lastHeaders: Headers | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await send(handler, exchangeRequest(`Bearer ${token}`));
      statuses.push(result.status);
      retryAfter = result.headers.get('retry-after');
      lastHeaders = result.headers;
    }

    expect(statuses).toEqual([200, 200, 429]);
    // A page on another origin can read how long to wait only if the header is exposed to it.
    expect(lastHeaders?.get('access-control-expose-headers')).toBe('Retry-After, WWW-Authenticate');
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(acs.calls).toHaveLength(2);
  });

  it('limits each user separately', async () => {
    const handler = createHandler({ rateLimit: { maxRequests: 1, windowMs: 60_000 } });
    const megan = await harness.entra.issue();
    const alex = await harness.entra.issue({ claims: { oid: '4782e723-f4f4-4af3-a76e-25e3bab0d896' } });

    expect((await send(handler, exchangeRequest(`Bearer ${megan}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${alex}`))).status).toBe(200);
    expect((await send(handler, exchangeRequest(`Bearer ${megan}`))).status).toBe(429);
  });

  it('answers 403 user_not_allowed when authorizeUser refuses, after showing it the verified user', async () => {
    const authorizeUser = vi.fn(async () => false);
    const token = await harness.entra.issue();

    const { status, body } = await send(createHandler({ authorizeUser }), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(403);
    expect(errorCode(body)).toBe('user_not_allowed');
    expect(authorizeUser).toHaveBeenCalledWith(
      {
        tenantId: FABRIKAM_TENANT_ID,
        userId: MEGAN_OID,
        claims: expect.objectContaining({
          oid: MEGAN_OID,
          tid: FABRIKAM_TENANT_ID,
          appid: CONTOSO_CLIENT_ID,
        }),
      },
      { signal: expect.any(AbortSignal) },
    );
    expect(acs.calls).toEqual([]);
  });

  it('fails closed with 500 when authorizeUser throws', async () => {
    const token = await harness.entra.issue();
    const authorizeUser = () => {
      throw new Error(`database down while checking ${token}`);
    };

    const { status, body } = await send(createHandler({ authorizeUser }), exchangeRequest(`Bearer ${token}`));

    expect(status).toBe(500);
    expect(errorCode(body)).toBe('internal_error');
    expect(acs.calls).toEqual([]);
  });

  it('still answers when the logger throws', async () => {
    const token = await harness.entra.issue();
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
    const token = await harness.entra.issue();

    const { status, headers } = await send(
      createHandler(),
      exchangeRequest(`Bearer ${token}`, { origin: FOREIGN_ORIGIN }),
    );

    expect(status).toBe(403);
    expect(headers.get('access-control-allow-origin')).toBeNull();
    expect(acs.calls).toEqual([]);
    expect(harness.entra.jwksRequests).toEqual([]);
  });

  it('allows no origin by default', async () => {
    const token = await harness.entra.issue();

    const { status } = await send(
      createHandler({ allowedOrigins: undefined }),
      exchangeRequest(`Bearer ${token}`),
    );

    expect(status).toBe(403);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and Allow', async (method) => {
    const token = await harness.entra.issue();

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
