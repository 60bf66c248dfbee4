import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCustomersCsv } from '@teams-endpoint/customer-directory';
import {
  ACS_CONNECTION_STRING,
  CONTOSO_CLIENT_ID,
  createFakeAcs,
  createFakeEntra,
  FABRIKAM_TENANT_ID,
  type FakeEntra,
  NORTHWIND_TENANT_ID,
  startTestRedis,
} from '@teams-endpoint/testing/server';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContosoServer, startContosoServer } from './contosoServer';
import { readServerConfig } from './serverConfig';

const API_URI = 'api://contoso-customers';
const APP_ORIGIN = 'http://localhost:5173';

const msw = setupServer();
const acs = createFakeAcs();
let entra: FakeEntra;
let folder: string;
const redis = await startTestRedis();

beforeAll(async () => {
  entra = await createFakeEntra();
  // Only Entra and ACS are simulated: requests to the server itself, on loopback, go through.
  msw.listen({ onUnhandledRequest: 'bypass' });
});
beforeEach(async () => {
  msw.resetHandlers(...entra.handlers(), acs.handler({ verifyToken: entra.verify }));
  acs.calls.length = 0;
  folder = await mkdtemp(join(tmpdir(), 'contoso-server-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterAll(async () => {
  msw.close();
  if (redis.url) await redis.stop();
});

const env = (overrides: Record<string, string> = {}) => ({
  ACS_CONNECTION_STRING,
  ENTRA_CLIENT_ID: CONTOSO_CLIENT_ID,
  ALLOWED_TENANT_IDS: `${FABRIKAM_TENANT_ID}, ${NORTHWIND_TENANT_ID}`,
  ALLOWED_ORIGINS: APP_ORIGIN,
  DIRECTORY_AUDIENCES: API_URI,
  PORT: '0',
  ...overrides,
});

async function start(
  overrides: Record<string, string> = {},
): Promise<{ contoso: ContosoServer; url: string }> {
  const contoso = await startContosoServer(readServerConfig(env(overrides), folder), {
    log: () => {},
    exchange: { identityClientOptions: { retryOptions: { maxRetries: 0 } } },
  });
  const address = contoso.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return { contoso, url: `http://127.0.0.1:${address.port}` };
}

const directoryToken = (tenantId = FABRIKAM_TENANT_ID) =>
  entra.issue({
    claims: {
      aud: API_URI,
      scp: 'Customers.Read',
      tid: tenantId,
      iss: `https://sts.windows.net/${tenantId}/`,
    },
  });

async function call(url: string, path: string, token: string, method = 'GET') {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Origin: APP_ORIGIN },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the Contoso dev server', () => {
  it('serves the exchange and the tenant-scoped directory on one port, on SQLite by default', async () => {
    const { contoso, url } = await start();
    try {
      const csv = await readFile(new URL('../customers.example.csv', import.meta.url), 'utf8');
      await importCustomersCsv(contoso.repository, FABRIKAM_TENANT_ID, csv);
      await contoso.repository.importCustomers(NORTHWIND_TENANT_ID, [
        { id: 'nw-1', name: 'Northwind Only', phoneNumber: '+14255550101' },
      ]);

      expect((await call(url, '/api/acs-token', await entra.issue(), 'POST')).status).toBe(200);

      const fabrikam = await call(url, '/api/customers', await directoryToken());
      expect(fabrikam.status).toBe(200);
      expect((fabrikam.body.customers as Array<{ name: string }>).map((customer) => customer.name)).toEqual([
        'Bruno Ortega',
        'Chen Wei',
        'Fatima Haddad',
        'Kenji Watanabe',
        'Megan Customer',
        'Olivia Brown',
      ]);
      const lookup = await call(
        url,
        '/api/customers/lookup?phoneNumber=%2B14255550101',
        await directoryToken(),
      );
      expect(lookup.body).toEqual({ customer: expect.objectContaining({ name: 'Megan Customer' }) });
      const northwind = await call(
        url,
        '/api/customers/lookup?phoneNumber=%2B14255550101',
        await directoryToken(NORTHWIND_TENANT_ID),
      );
      expect(northwind.body).toEqual({ customer: expect.objectContaining({ name: 'Northwind Only' }) });
    } finally {
      await contoso.close();
    }
  });

  it('keeps the two audiences apart: an ACS token is refused by the directory, a directory token by the exchange', async () => {
    const { contoso, url } = await start();
    try {
      expect((await call(url, '/api/customers', await entra.issue())).status).toBe(401);
      expect((await call(url, '/api/acs-token', await directoryToken(), 'POST')).status).toBe(401);
      expect(acs.calls).toEqual([]);
    } finally {
      await contoso.close();
    }
  });

  it('answers any other path with a JSON 404', async () => {
    const { contoso, url } = await start();
    try {
      const { status, body } = await call(url, '/api/nothing-here', await directoryToken());
      expect(status).toBe(404);
      expect(body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    } finally {
      await contoso.close();
    }
  });

  it('keeps the SQLite file across restarts: the customers are still there', async () => {
    const first = await start();
    await first.contoso.repository.importCustomers(FABRIKAM_TENANT_ID, [
      { id: 'c-1', name: 'Kept Customer', phoneNumber: '+14255550199' },
    ]);
    await first.contoso.close();

    const second = await start();
    try {
      const { body } = await call(second.url, '/api/customers', await directoryToken());
      expect(body.customers).toEqual([expect.objectContaining({ name: 'Kept Customer' })]);
    } finally {
      await second.contoso.close();
    }
  });

  it.skipIf(redis.url === undefined)(
    'counts the exchange’s rate limit in Redis when REDIS_URL is set',
    async () => {
      const { contoso, url } = await start({ REDIS_URL: redis.url ?? '' });
      try {
        const token = await entra.issue({ claims: { oid: crypto.randomUUID() } });
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 11; attempt += 1) {
          statuses.push((await call(url, '/api/acs-token', token, 'POST')).status);
        }
        expect(statuses).toEqual([...Array(10).fill(200), 429]);
      } finally {
        await contoso.close();
      }
    },
  );
});

describe('readServerConfig', () => {
  it('names every missing variable at once', () => {
    expect(() => readServerConfig({}, '/srv')).toThrow(
      /missing ACS_CONNECTION_STRING, ENTRA_CLIENT_ID, ALLOWED_TENANT_IDS, ALLOWED_ORIGINS, DIRECTORY_AUDIENCES/,
    );
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ SIGNATURE_VALIDATION: 'none' }, /SIGNATURE_VALIDATION/],
    [{ DIRECTORY_DATABASE_URL: 'mysql://db' }, /DIRECTORY_DATABASE_URL/],
  ])('refuses %o', (overrides, message) => {
    expect(() => readServerConfig(env(overrides), '/srv')).toThrow(message);
  });

  it('defaults to SQLite in data/customers.sqlite, and takes PostgreSQL from DIRECTORY_DATABASE_URL', () => {
    expect(readServerConfig(env(), '/srv').directory.database).toEqual({
      kind: 'sqlite',
      filename: '/srv/data/customers.sqlite',
    });
    expect(
      readServerConfig(env({ DIRECTORY_DATABASE_URL: 'postgres://db/customers' }), '/srv').directory.database,
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://db/customers',
    });
  });

  it('refuses to start with unsafe options, without repeating the connection string', async () => {
    const secret = 'endpoint=http://insecure.example/;accesskey=c2VjcmV0';
    const error = await startContosoServer(readServerConfig(env({ ACS_CONNECTION_STRING: secret }), folder), {
      log: () => {},
    }).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(/connectionString/);
    expect(error?.message).not.toContain('c2VjcmV0');
  });
});
