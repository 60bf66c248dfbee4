// The client against the real directory server: `@teams-endpoint/customer-directory`'s handler over an
// in-memory SQLite repository, served through MSW. The token check is the one piece stood in for (a validator
// that knows two tokens), because Entra's signatures are the token exchange's tests to cover.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer } from '@teams-endpoint/core';
import {
  type CustomerRepository,
  createCustomerDirectoryHandler,
  createSqliteCustomerRepository,
} from '@teams-endpoint/customer-directory';
import { TokenRejection, type VerifiedTeamsUser } from '@teams-endpoint/token-exchange';
import { type HttpHandler, http } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  customers,
  directoryRejection,
  FIRST_TOKEN,
  REFRESHED_TOKEN,
  recordingTokenSource,
  useDirectoryServer,
} from './directoryServer.test-support';
import { createHttpContacts } from './httpContacts';

const ORIGIN = 'https://directory.contoso.test';
const FABRIKAM = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const NORTHWIND = '2b6c8a0f-9d3e-4c71-8f52-0a1b2c3d4e5f';
const MEGAN = 'e8b753b5-4117-464e-9a08-713e1ff266b3';

const server = useDirectoryServer();
const folder = mkdtempSync(join(tmpdir(), 'directory-client-'));
let repository: CustomerRepository;
let serveDirectory: HttpHandler;
/** The tokens the stand-in validator accepts; the first one expires when a test says so. */
let accepted = new Set([FIRST_TOKEN, REFRESHED_TOKEN]);

const user = (tenantId: string): VerifiedTeamsUser => ({
  tenantId,
  userId: MEGAN,
  claims: {
    tid: tenantId,
    oid: MEGAN,
    iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    aud: 'api://contoso-customers',
    exp: Math.floor(Date.now() / 1000) + 3600,
    ver: '2.0',
    scp: 'Customers.Read',
  },
});

const fabrikamCustomers: Customer[] = [
  { id: 'CUST-001', name: 'Megan Bowen', phoneNumber: '+14255550101', company: 'Fabrikam' },
  { id: 'CUST-002', name: 'Alex Wilber', phoneNumber: '+14255550102' },
  ...customers(1000, 250).map((customer) => ({ ...customer, id: `bulk-${customer.id}` })),
];

beforeAll(async () => {
  repository = await createSqliteCustomerRepository({ filename: join(folder, 'customers.db') });
  await repository.importCustomers(FABRIKAM, fabrikamCustomers);
  await repository.importCustomers(NORTHWIND, [
    { id: 'NW-1', name: 'Northwind Only', phoneNumber: '+14255550999' },
  ]);
  const handler = createCustomerDirectoryHandler({
    repository,
    basePath: '/api',
    auth: async (token) => {
      if (!accepted.has(token))
        throw new TokenRejection(401, 'invalid_token', 'The token is not valid.', 'exp');
      return user(FABRIKAM);
    },
  });
  serveDirectory = http.all(`${ORIGIN}/*`, ({ request }) => handler(request));
});

// Every test starts with only the directory's handler (the shared server drops handlers after each test).
beforeEach(() => server.use(serveDirectory));

afterAll(async () => {
  await repository.close();
  rmSync(folder, { recursive: true, force: true });
});

function contactsWith(options: { pageSize?: number; maxCustomers?: number } = {}) {
  const tokens = recordingTokenSource();
  return {
    contacts: createHttpContacts({
      baseUrl: `${ORIGIN}/api`,
      getAccessToken: tokens.getAccessToken,
      ...options,
    }),
    tokens,
  };
}

describe('createHttpContacts against @teams-endpoint/customer-directory', () => {
  it("lists every one of the tenant's customers across pages, and no other tenant's", async () => {
    const { contacts } = contactsWith({ pageSize: 40 });

    const list = await contacts.listCustomers();

    expect(list).toHaveLength(fabrikamCustomers.length);
    expect(new Set(list.map((customer) => customer.id))).toEqual(
      new Set(fabrikamCustomers.map((customer) => customer.id)),
    );
    expect(list.find((customer) => customer.id === 'NW-1')).toBeUndefined();
    expect(list.find((customer) => customer.id === 'CUST-001')).toEqual(fabrikamCustomers[0]);
  });

  it('stops at maxCustomers', async () => {
    const { contacts } = contactsWith({ maxCustomers: 120 });
    expect(await contacts.listCustomers()).toHaveLength(120);
  });

  it('searches by text with spaces and "&", and by the start of a number, page by page', async () => {
    await repository.importCustomers(FABRIKAM, [
      { id: 'CUST-003', name: 'Nestor & Sons', phoneNumber: '+442079460958' },
    ]);
    const { contacts } = contactsWith();

    expect((await contacts.searchCustomers('nestor & sons')).customers.map((c) => c.id)).toEqual([
      'CUST-003',
    ]);
    expect((await contacts.searchCustomers('+44 20')).customers.map((c) => c.id)).toEqual(['CUST-003']);

    const first = await contacts.searchCustomers('customer', { limit: 100 });
    expect(first.customers).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    const second = await contacts.searchCustomers('customer', { limit: 100, cursor: first.nextCursor });
    expect(second.customers.map((c) => c.id)).not.toContain(first.customers[0]?.id);
  });

  it('looks up a caller by E.164 number, and finds nobody for a stranger or another tenant', async () => {
    const { contacts } = contactsWith();
    expect(await contacts.findCustomerByPhoneNumber('+14255550101')).toEqual(fabrikamCustomers[0]);
    expect(await contacts.findCustomerByPhoneNumber('+14255550000')).toBeNull();
    expect(await contacts.findCustomerByPhoneNumber('+14255550999')).toBeNull();
  });

  it("maps the server's refusal of a cursor issued for another search to invalid_argument", async () => {
    const { contacts } = contactsWith();
    const page = await contacts.searchCustomers('customer', { limit: 1 });

    const otherSearch = await directoryRejection(
      contacts.searchCustomers('megan', { cursor: page.nextCursor, limit: 1 }),
    );
    expect(otherSearch).toMatchObject({
      code: 'invalid_argument',
      details: { status: 400, serverCode: 'invalid_cursor' },
    });
  });

  it('refreshes an expired token once, and gives token_expired when the new one is refused too', async () => {
    accepted = new Set([REFRESHED_TOKEN]);
    const { contacts, tokens } = contactsWith();
    expect(await contacts.findCustomerByPhoneNumber('+14255550101')).toEqual(fabrikamCustomers[0]);
    expect(tokens.requests.map((request) => request.forceRefresh)).toEqual([false, true]);

    accepted = new Set();
    const error = await directoryRejection(contactsWith().contacts.listCustomers());
    expect(error).toMatchObject({
      code: 'token_expired',
      details: { status: 401, serverCode: 'invalid_token' },
    });
    accepted = new Set([FIRST_TOKEN, REFRESHED_TOKEN]);
  });

  it('gets not_found for a baseUrl without the mount path', async () => {
    const contacts = createHttpContacts({
      baseUrl: ORIGIN,
      getAccessToken: recordingTokenSource().getAccessToken,
    });
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550101'));
    expect(error).toMatchObject({ code: 'not_found', details: { status: 404, serverCode: 'not_found' } });
  });
});
