import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Customer } from '@teams-endpoint/core';
import {
  CONTOSO_CLIENT_ID,
  createFakeEntra,
  FABRIKAM_TENANT_ID,
  type FakeEntra,
  MEGAN_OID,
  NORTHWIND_TENANT_ID,
  UNKNOWN_TENANT_ID,
} from '@teams-endpoint/testing/server';
import { createEntraTokenValidator, toNodeHandler } from '@teams-endpoint/token-exchange';
import fc from 'fast-check';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerDirectoryHandler } from './customerDirectoryHandler';
import {
  expectedList,
  PHONE_NUMBERS,
  searches,
  TENANTS,
  tenantRows,
  WOODGROVE_TENANT_ID,
} from './customerModel.test-support';
import type { CustomerRepository } from './customerRepository';
import { CustomerDirectoryError } from './directoryError';
import type { CustomerDirectoryErrorResponseCode } from './errorCodes';
import type { CustomerDirectoryHandlerOptions, CustomerDirectoryLogEvent } from './handlerOptions';
import { createRepositoryHarnesses, type RepositoryHarness } from './repositoryHarness.test-support';

/** Contoso's own API, which the SPA requests a token for. */
const API_AUDIENCE = 'api://contoso-customers';
const API_APP_ID = '0b7c2f1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const APP_ORIGIN = 'https://app.contoso.com';
const BASE_URL = 'https://directory.contoso.com';

const MEGAN: Customer = { id: 'megan', name: 'Megan Bowen', phoneNumber: '+14255550101', company: 'Contoso' };
const ADELE: Customer = { id: 'adele', name: 'Adele Vance', phoneNumber: '+14255550102' };
/** Northwind's own customer on Megan's number: Fabrikam must never see it. */
const NORTHWIND_MEGAN: Customer = { id: 'nw-1', name: 'Northwind Secret', phoneNumber: '+14255550101' };

const harnesses = await createRepositoryHarnesses();
const sqlite = harnesses.find((harness) => harness.name === 'SQLite')!;
const server = setupServer();
let entra: FakeEntra;
let logEvents: CustomerDirectoryLogEvent[];

beforeAll(async () => {
  entra = await createFakeEntra();
  server.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => {
  server.resetHandlers(...entra.handlers());
  logEvents = [];
});
afterEach(() => {
  // No log line ever carries a token, a phone number, or a customer's name.
  const logged = JSON.stringify(logEvents);
  for (const token of entra.issuedTokens) expect(logged).not.toContain(token);
  expect(logged).not.toMatch(/\+?\d{7,}/);
  expect(logged).not.toContain('Megan Bowen');
});
afterAll(async () => {
  server.close();
  await Promise.all(harnesses.map((harness) => harness.dispose()));
});

/** A v1.0 token of Contoso's SPA for Contoso's API, for a user of `tenantId`. */
function issueToken(tenantId: string = FABRIKAM_TENANT_ID, claims: Record<string, unknown> = {}) {
  return entra.issue({
    claims: {
      aud: API_AUDIENCE,
      scp: 'Customers.Read',
      tid: tenantId,
      iss: `https://sts.windows.net/${tenantId}/`,
      ...claims,
    },
  });
}

/** The repository, recording every call: "not called" means no query at all. */
function recording(repository: CustomerRepository): CustomerRepository & { calls: string[] } {
  const calls: string[] = [];
  const record =
    <Args extends unknown[], Result>(name: string, method: (...args: Args) => Promise<Result>) =>
    (...args: Args) => {
      calls.push(name);
      return method(...args);
    };
  return {
    calls,
    listCustomers: record('listCustomers', repository.listCustomers),
    findByPhoneNumber: record('findByPhoneNumber', repository.findByPhoneNumber),
    importCustomers: record('importCustomers', repository.importCustomers),
    deleteCustomers: record('deleteCustomers', repository.deleteCustomers),
    close: () => repository.close(),
  };
}

function createHandler(
  repository: CustomerRepository,
  overrides: Partial<CustomerDirectoryHandlerOptions> = {},
) {
  return createCustomerDirectoryHandler({
    repository,
    auth: {
      clientId: CONTOSO_CLIENT_ID,
      audiences: [API_AUDIENCE, API_APP_ID],
      allowedTenantIds: [FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID, WOODGROVE_TENANT_ID],
    },
    allowedOrigins: [APP_ORIGIN],
    logger: (event) => {
      logEvents.push(event);
    },
    ...overrides,
  });
}

function request(
  path: string,
  {
    token,
    origin = APP_ORIGIN,
    method = 'GET',
  }: { token?: string | null; origin?: string | null; method?: string } = {},
) {
  const headers = new Headers();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (origin !== null) headers.set('Origin', origin);
  return new Request(`${BASE_URL}${path}`, { method, headers });
}

/** Sends a request and checks what every response must satisfy. */
async function send(handler: (request: Request) => Promise<Response>, sent: Request) {
  const response = await handler(sent);
  const text = await response.text();
  expect(response.headers.get('cache-control')).toBe('no-store');
  for (const token of entra.issuedTokens) expect(text).not.toContain(token);
  expect(text).not.toMatch(/at .*\.ts:\d+|node_modules|SqliteError|better-sqlite3/);
  const body = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  return { status: response.status, headers: response.headers, body };
}

function errorCode(
  body: Record<string, unknown> | undefined,
): CustomerDirectoryErrorResponseCode | undefined {
  return (body?.error as { code?: CustomerDirectoryErrorResponseCode } | undefined)?.code;
}

describe('the customer directory endpoints', () => {
  let repository: ReturnType<typeof recording>;
  let token: string;

  beforeEach(async () => {
    await sqlite.empty();
    const opened = await sqlite.open();
    await opened.importCustomers(FABRIKAM_TENANT_ID, [MEGAN, ADELE]);
    await opened.importCustomers(NORTHWIND_TENANT_ID, [NORTHWIND_MEGAN]);
    repository = recording(opened);
    token = await issueToken();
  });

  describe('GET /customers', () => {
    it("lists the token's tenant's customers, in name order, as JSON", async () => {
      const { status, body, headers } = await send(
        createHandler(repository),
        request('/customers', { token }),
      );

      expect(status).toBe(200);
      expect(body).toEqual({ customers: [ADELE, MEGAN], nextCursor: null });
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(logEvents).toEqual([
        {
          level: 'info',
          type: 'customers_listed',
          status: 200,
          tenantId: FABRIKAM_TENANT_ID,
          userId: MEGAN_OID,
          count: 2,
          searched: false,
          paged: false,
          durationMs: expect.any(Number),
        },
      ]);
    });

    it('pages with limit and the cursor it hands out, and searches', async () => {
      const handler = createHandler(repository);
      const first = await send(handler, request('/customers?limit=1', { token }));
      expect(first.body).toEqual({ customers: [ADELE], nextCursor: expect.any(String) });

      const second = await send(
        handler,
        request(`/customers?limit=1&cursor=${encodeURIComponent(first.body!.nextCursor as string)}`, {
          token,
        }),
      );
      expect(second.body).toEqual({ customers: [MEGAN], nextCursor: null });

      const searched = await send(handler, request('/customers?search=bow', { token }));
      expect(searched.body).toEqual({ customers: [MEGAN], nextCursor: null });
      const byNumber = await send(handler, request('/customers?search=%2B1%20425%20555%200102', { token }));
      expect(byNumber.body).toEqual({ customers: [ADELE], nextCursor: null });
    });

    it.each([
      ['limit=0', 'invalid_limit'],
      ['limit=101', 'invalid_limit'],
      ['limit=1.5', 'invalid_limit'],
      ['limit=abc', 'invalid_limit'],
      ['limit=050', 'invalid_limit'],
      ['limit=-1', 'invalid_limit'],
      ['limit=', 'invalid_limit'],
      ['limit=1e2', 'invalid_limit'],
      ['cursor=garbage', 'invalid_cursor'],
      [`cursor=${'A'.repeat(3_000)}`, 'invalid_cursor'],
      [`search=${'x'.repeat(101)}`, 'invalid_search'],
      ['search=a%00b', 'invalid_search'],
      ['search=a&search=b', 'invalid_query'],
      ['limit=1&limit=2', 'invalid_query'],
      [`tenantId=${NORTHWIND_TENANT_ID}`, 'invalid_query'],
      ['search=%E0%A4%A', 'invalid_query'],
      ['search=%ED%A0%80', 'invalid_query'],
    ])('refuses ?%s with 400 %s, before any query', async (query, code) => {
      const { status, body } = await send(
        createHandler(repository),
        request(`/customers?${query}`, { token }),
      );

      expect(status).toBe(400);
      expect(errorCode(body)).toBe(code);
      expect(repository.calls).toEqual([]);
    });

    it("refuses another tenant's cursor with 400 invalid_cursor, and shows none of its rows", async () => {
      await repository.importCustomers(NORTHWIND_TENANT_ID, [{ ...ADELE, id: 'nw-2' }]);
      const northwind = await send(
        createHandler(repository),
        request('/customers?limit=1', { token: await issueToken(NORTHWIND_TENANT_ID) }),
      );
      repository.calls.length = 0;

      const { status, body } = await send(
        createHandler(repository),
        request(`/customers?limit=1&cursor=${northwind.body!.nextCursor as string}`, { token }),
      );

      expect(status).toBe(400);
      expect(errorCode(body)).toBe('invalid_cursor');
      expect(repository.calls).toEqual([]);
    });

    it.each([
      "' OR 1=1 --",
      "'; DROP TABLE directory_customers; --",
      "'; DROP TABLE customers; --",
      '%',
      '_',
      '\\',
      '%25%27',
    ])('answers the search %j literally, and the table is intact', async (search) => {
      const { status, body } = await send(
        createHandler(repository),
        request(`/customers?search=${encodeURIComponent(search)}`, { token }),
      );

      expect(status).toBe(200);
      expect(body).toEqual({ customers: [], nextCursor: null });
      expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([ADELE, MEGAN]);
    });
  });

  describe('GET /customers/lookup', () => {
    it.each([
      ['+14255550101', 'a literal leading +'],
      ['%2B14255550101', 'an encoded +'],
      ['%2B1%20(425)%20555-0101', 'spaces and punctuation'],
      ['+1+425+555+0101', 'form-encoded spaces after a literal +'],
      ['%2B1.425.555.0101', 'dots'],
    ])('finds the customer of %s (%s)', async (phoneNumber) => {
      const { status, body } = await send(
        createHandler(repository),
        request(`/customers/lookup?phoneNumber=${phoneNumber}`, { token }),
      );

      expect(status).toBe(200);
      expect(body).toEqual({ customer: MEGAN });
      expect(repository.calls).toEqual(['findByPhoneNumber']);
    });

    it("answers null for a number that is not one of the tenant's customers", async () => {
      const { status, body } = await send(
        createHandler(repository),
        request('/customers/lookup?phoneNumber=%2B14255550199', { token }),
      );

      expect(status).toBe(200);
      expect(body).toEqual({ customer: null });
      expect(logEvents).toEqual([expect.objectContaining({ type: 'customer_looked_up', found: false })]);
    });

    it('reads national numbers with defaultCountryCallingCode', async () => {
      const handler = createHandler(repository, { defaultCountryCallingCode: '1' });

      const { body } = await send(
        handler,
        request('/customers/lookup?phoneNumber=(425)%20555-0101', { token }),
      );

      expect(body).toEqual({ customer: MEGAN });
    });

    it.each([
      ['letters', 'abc'],
      ['a vanity number', '1-800-FLOWERS'],
      ['too short', '%2B1234'],
      ['too long', '%2B1234567890123456'],
      ['empty', ''],
      ['only a plus', '%2B'],
      ['only a literal plus', '+'],
      ['Arabic-Indic digits', encodeURIComponent('+١٤٢٥٥٥٥٠١٠١')],
      ['fullwidth digits', encodeURIComponent('＋１４２５５５５０１０１')],
      ['a 10 kB string', '1'.repeat(10_240)],
      ['a NUL byte', '%2B1425555%000101'],
      ['SQL', encodeURIComponent("' OR 1=1 --")],
      ['a second plus', '%2B1%2B4255550101'],
      ['no country code', '4255550101'],
      ['a zero country code', '%2B04255550101'],
    ])('refuses %s with 400 invalid_phone_number, before any query', async (_, phoneNumber) => {
      const { status, body } = await send(
        createHandler(repository),
        request(`/customers/lookup?phoneNumber=${phoneNumber}`, { token }),
      );

      expect(status).toBe(400);
      expect(errorCode(body)).toBe('invalid_phone_number');
      expect(JSON.stringify(body)).not.toContain('1'.repeat(20));
      expect(repository.calls).toEqual([]);
    });

    it.each([
      ['no phoneNumber', '', 'invalid_phone_number'],
      ['a repeated phoneNumber', '?phoneNumber=%2B14255550101&phoneNumber=%2B14255550102', 'invalid_query'],
      ['an unknown parameter', '?phoneNumber=%2B14255550101&tenantId=x', 'invalid_query'],
    ])('refuses %s with 400, before any query', async (_, query, code) => {
      const { status, body } = await send(
        createHandler(repository),
        request(`/customers/lookup${query}`, { token }),
      );

      expect(status).toBe(400);
      expect(errorCode(body)).toBe(code);
      expect(repository.calls).toEqual([]);
    });
  });

  describe('authentication', () => {
    it.each([
      ['no Authorization header', null, 400, 'invalid_request', 'Bearer'],
      ['a Basic header', 'Basic dXNlcjpwYXNz', 400, 'invalid_request', 'Bearer error="invalid_request"'],
      ['a token that is not a JWT', 'Bearer not-a-jwt', 401, 'invalid_token', 'Bearer error="invalid_token"'],
    ])('refuses %s with %i %s', async (_, authorization, status, code, challenge) => {
      const headers = new Headers({ Origin: APP_ORIGIN });
      if (authorization !== null) headers.set('Authorization', authorization);

      const response = await send(
        createHandler(repository),
        new Request(`${BASE_URL}/customers`, { headers }),
      );

      expect(response.status).toBe(status);
      expect(errorCode(response.body)).toBe(code);
      expect(response.headers.get('www-authenticate')).toBe(challenge);
      expect(repository.calls).toEqual([]);
    });

    it.each([
      [
        'the ACS audience (a token for another API)',
        { aud: 'https://auth.msft.communication.azure.com' },
        401,
        'invalid_token',
        'aud',
      ],
      [
        'no Customers.Read scope',
        { scp: 'Teams.ManageCalls Teams.ManageChats' },
        401,
        'invalid_token',
        'scp',
      ],
      [
        'an expired lifetime',
        { exp: Math.floor(Date.now() / 1000) - 3_600 },
        401,
        'invalid_token',
        'expired',
      ],
      [
        'another client app',
        { appid: '11111111-2222-4333-8444-555555555555' },
        401,
        'invalid_token',
        'client_id',
      ],
      [
        'a tenant outside allowedTenantIds',
        { tid: UNKNOWN_TENANT_ID, iss: `https://sts.windows.net/${UNKNOWN_TENANT_ID}/` },
        403,
        'tenant_not_allowed',
        'tenant_not_allowed',
      ],
    ])('refuses a token with %s, and queries nothing', async (_, claims, status, code, reason) => {
      const refused = await issueToken(FABRIKAM_TENANT_ID, claims);

      for (const path of ['/customers', '/customers/lookup?phoneNumber=%2B14255550101']) {
        const response = await send(createHandler(repository), request(path, { token: refused }));
        expect(response.status).toBe(status);
        expect(errorCode(response.body)).toBe(code);
      }
      expect(repository.calls).toEqual([]);
      expect(logEvents[0]).toEqual(
        expect.objectContaining({ type: 'request_rejected', status, code, reason }),
      );
    });

    it('refuses a token signed with a key Entra never published', async () => {
      const forged = await entra.issue({
        claims: { aud: API_AUDIENCE, scp: 'Customers.Read' },
        signingKey: entra.otherKeys.RS256,
      });

      const { status } = await send(createHandler(repository), request('/customers', { token: forged }));

      expect(status).toBe(401);
      expect(repository.calls).toEqual([]);
    });

    it("answers 502 keys_unavailable when the tenant's keys cannot be fetched", async () => {
      server.resetHandlers(...entra.handlers({ failWithStatus: 500 }));

      const { status, body } = await send(createHandler(repository), request('/customers', { token }));

      expect(status).toBe(502);
      expect(errorCode(body)).toBe('keys_unavailable');
      expect(repository.calls).toEqual([]);
    });

    it('takes requiredScopes, and a validator built beforehand', async () => {
      const auth = {
        clientId: CONTOSO_CLIENT_ID,
        audiences: [API_AUDIENCE],
        allowedTenantIds: [FABRIKAM_TENANT_ID],
      };
      const scoped = createHandler(repository, { auth: { ...auth, requiredScopes: ['Customers.Lookup'] } });
      expect((await send(scoped, request('/customers', { token }))).status).toBe(401);
      const lookupToken = await issueToken(FABRIKAM_TENANT_ID, { scp: 'Customers.Lookup' });
      expect((await send(scoped, request('/customers', { token: lookupToken }))).status).toBe(200);

      const prebuilt = createHandler(repository, {
        auth: createEntraTokenValidator({ ...auth, requiredScopes: ['Customers.Read'] }),
      });
      expect((await send(prebuilt, request('/customers', { token }))).body).toEqual({
        customers: [ADELE, MEGAN],
        nextCursor: null,
      });
    });
  });

  describe('routes, methods and origins', () => {
    it.each(['/', '/customers/', '/customer', '/customers/lookup/x', '/customers/123', '/Customers'])(
      'answers %s with 404',
      async (path) => {
        const { status, body } = await send(createHandler(repository), request(path, { token }));
        expect(status).toBe(404);
        expect(errorCode(body)).toBe('not_found');
      },
    );

    it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'])('answers %s with 405 and Allow', async (method) => {
      const response = await createHandler(repository)(request('/customers', { token, method }));

      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, OPTIONS');
      expect(repository.calls).toEqual([]);
    });

    it('answers a preflight from an allowed origin', async () => {
      const response = await createHandler(repository)(request('/customers/lookup', { method: 'OPTIONS' }));

      expect(response.status).toBe(204);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      expect(headers).toEqual(
        expect.objectContaining({
          'access-control-allow-origin': APP_ORIGIN,
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': 'Authorization',
          'cache-control': 'no-store',
        }),
      );
    });

    it('refuses another origin with 403 and no CORS header, and serves a request without Origin', async () => {
      const foreign = await send(
        createHandler(repository),
        request('/customers', { token, origin: 'https://evil.example' }),
      );
      expect(foreign.status).toBe(403);
      expect(errorCode(foreign.body)).toBe('origin_not_allowed');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

      const serverToServer = await send(
        createHandler(repository),
        request('/customers', { token, origin: null }),
      );
      expect(serverToServer.status).toBe(200);
      expect(serverToServer.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('serves a Node http server through toNodeHandler, where a client sent the + of a number unencoded', async () => {
      server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
      const listener = createServer(toNodeHandler(createHandler(repository)));
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const { port } = listener.address() as AddressInfo;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/customers/lookup?phoneNumber=+14255550101`, {
          headers: { Authorization: `Bearer ${token}`, Origin: APP_ORIGIN },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.json()).toEqual({ customer: MEGAN });
      } finally {
        await new Promise((resolve) => listener.close(resolve));
      }
    });

    it('serves the endpoints under basePath', async () => {
      const handler = createHandler(repository, { basePath: '/api/directory' });

      expect((await send(handler, request('/api/directory/customers', { token }))).status).toBe(200);
      expect((await send(handler, request('/customers', { token }))).status).toBe(404);
    });

    it.each([
      ['an origin with a wildcard', { allowedOrigins: ['https://*.contoso.com'] }],
      ['an origin with a path', { allowedOrigins: ['https://app.contoso.com/'] }],
      ['a basePath with a trailing slash', { basePath: '/api/' }],
      ['a repository that is not one', { repository: {} as CustomerRepository }],
      ['a defaultCountryCallingCode with +', { defaultCountryCallingCode: '+1' }],
      ['a repositoryTimeoutMs of 0', { repositoryTimeoutMs: 0 }],
      [
        'auth for every tenant',
        { auth: { clientId: CONTOSO_CLIENT_ID, audiences: [API_AUDIENCE], allowedTenantIds: ['common'] } },
      ],
    ])('refuses to start with %s', (_, overrides) => {
      expect(() => createHandler(repository, overrides as Partial<CustomerDirectoryHandlerOptions>)).toThrow(
        TypeError,
      );
    });
  });

  describe('failures', () => {
    it('answers 503 directory_unavailable when the database is closed, with no detail to the client', async () => {
      await repository.close();

      const { status, body } = await send(createHandler(repository), request('/customers', { token }));

      expect(status).toBe(503);
      expect(body).toEqual({
        error: {
          code: 'directory_unavailable',
          message: 'The customer directory is unavailable. Try again later.',
        },
      });
      expect(logEvents).toEqual([
        expect.objectContaining({
          level: 'error',
          status: 503,
          reason: 'closed',
          tenantId: FABRIKAM_TENANT_ID,
        }),
      ]);
    });

    it('answers 503 for a repository that throws anything, and never shows its message or stack', async () => {
      const failing: CustomerRepository = {
        ...repository,
        listCustomers: async () => {
          throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db:5432 +14255550101');
        },
        findByPhoneNumber: async () => {
          throw new CustomerDirectoryError('directory_unavailable', 'down', { reason: 'pg_57014' });
        },
      };

      const listed = await send(createHandler(failing), request('/customers', { token }));
      const looked = await send(
        createHandler(failing),
        request('/customers/lookup?phoneNumber=%2B14255550101', { token }),
      );

      expect([listed.status, looked.status]).toEqual([503, 503]);
      expect(JSON.stringify([listed.body, looked.body])).not.toMatch(/hunter2|ECONNREFUSED|down/);
      expect(logEvents.map((event) => 'reason' in event && event.reason)).toEqual([
        'repository_error',
        'pg_57014',
      ]);
    });

    it('answers 503 when the repository does not answer within repositoryTimeoutMs', async () => {
      const hanging: CustomerRepository = { ...repository, findByPhoneNumber: () => new Promise(() => {}) };

      const { status } = await send(
        createHandler(hanging, { repositoryTimeoutMs: 50 }),
        request('/customers/lookup?phoneNumber=%2B14255550101', { token }),
      );

      expect(status).toBe(503);
      expect(logEvents).toEqual([expect.objectContaining({ reason: 'repository_timeout' })]);
    });

    it('answers as usual when the logger throws or its promise rejects', async () => {
      for (const logger of [
        () => {
          throw new Error('sink down');
        },
        () => Promise.reject(new Error('sink down')),
      ]) {
        const handler = createHandler(repository, { logger });
        expect((await send(handler, request('/customers', { token }))).status).toBe(200);
        expect((await send(handler, request('/nowhere', { token }))).status).toBe(404);
      }
    });
  });
});

describe.each(harnesses)('tenant isolation over HTTP, with $name', (harness: RepositoryHarness) => {
  describe.skipIf(harness.skip !== undefined)('property', () => {
    let repository: CustomerRepository;
    const tokens = new Map<string, string>();
    beforeAll(async () => {
      for (const tenantId of TENANTS) tokens.set(tenantId, await issueToken(tenantId));
    });
    beforeEach(async () => {
      await harness.empty();
      repository = await harness.open();
    });

    it('a token sees only its own tenant, through list, search, cursors and lookup, whatever the others hold', async () => {
      const handler = createHandler(repository, { logger: () => {} });
      const get = async (tenantId: string, path: string) => {
        const response = await handler(request(path, { token: tokens.get(tenantId)! }));
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(tenantRows(), tenantRows(), tenantRows()),
          searches,
          fc.integer({ min: 1, max: 5 }),
          async (rowsOfTenants, search, limit) => {
            await harness.clear();
            for (const [index, tenantId] of TENANTS.entries()) {
              await repository.importCustomers(tenantId, rowsOfTenants[index]!);
            }
            const query = `limit=${limit}${search === undefined ? '' : `&search=${encodeURIComponent(search)}`}`;
            const cursors = new Map<string, string>();
            for (const [index, tenantId] of TENANTS.entries()) {
              const listed: Customer[] = [];
              let cursor: string | null = null;
              do {
                const page = await get(
                  tenantId,
                  `/customers?${query}${cursor === null ? '' : `&cursor=${cursor}`}`,
                );
                expect(page.status).toBe(200);
                listed.push(...(page.body.customers as Customer[]));
                cursor = page.body.nextCursor as string | null;
                if (cursor !== null) cursors.set(tenantId, cursor);
              } while (cursor !== null);
              expect(listed).toEqual(expectedList(rowsOfTenants[index]!, search));

              for (const phoneNumber of PHONE_NUMBERS.slice(0, 4)) {
                const { body } = await get(
                  tenantId,
                  `/customers/lookup?phoneNumber=${encodeURIComponent(phoneNumber)}`,
                );
                expect(body.customer).toEqual(
                  rowsOfTenants[index]!.find((row) => row.phoneNumber === phoneNumber) ?? null,
                );
              }
            }
            // Each tenant's cursor, presented with another tenant's token, is refused.
            for (const [owner, cursor] of cursors) {
              for (const tenantId of TENANTS.filter((other) => other !== owner)) {
                const { status, body } = await get(tenantId, `/customers?${query}&cursor=${cursor}`);
                expect(status).toBe(400);
                expect(errorCode(body)).toBe('invalid_cursor');
              }
            }
          },
        ),
        { numRuns: harness.name === 'SQLite' ? 100 : 40, interruptAfterTimeLimit: 40_000 },
      );
    }, 60_000);
  });
});
