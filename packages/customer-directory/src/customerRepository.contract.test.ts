import type { Customer } from '@teams-endpoint/core';
import { FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID } from '@teams-endpoint/testing/server';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMPANIES,
  comparePageOrder,
  expectedList,
  NAMES,
  PHONE_NUMBERS,
  searches,
  TENANTS,
  tenantRows,
  WOODGROVE_TENANT_ID,
} from './customerModel.test-support';
import type { CustomerRepository } from './customerRepository';
import { CustomerDirectoryError } from './directoryError';
import { POSTGRES_STATEMENTS } from './postgresCustomerRepository';
import { createRepositoryHarnesses, type RepositoryHarness } from './repositoryHarness.test-support';
import { SQLITE_STATEMENTS } from './sqliteCustomerRepository';

const harnesses = await createRepositoryHarnesses();
afterAll(async () => {
  await Promise.all(harnesses.map((harness) => harness.dispose()));
});

const MEGAN: Customer = { id: 'megan', name: 'Megan Bowen', phoneNumber: '+14255550101', company: 'Contoso' };
const ADELE: Customer = { id: 'adele', name: 'Adele Vance', phoneNumber: '+14255550102' };
const ALEX: Customer = { id: 'alex', name: 'alex Wilber', phoneNumber: '+442079460958', company: 'Fabrikam' };

/** Expects `promise` to reject with a `CustomerDirectoryError` of this code, and returns it. */
async function rejection(promise: Promise<unknown>, code: string): Promise<CustomerDirectoryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CustomerDirectoryError);
  expect((error as CustomerDirectoryError).code).toBe(code);
  return error as CustomerDirectoryError;
}

/** Every page of a list, following the cursors. */
async function listAll(
  repository: CustomerRepository,
  tenantId: string,
  options: { search?: string; limit?: number } = {},
): Promise<Customer[]> {
  const all: Customer[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages += 1) {
    const page = await repository.listCustomers(tenantId, { ...options, ...(cursor ? { cursor } : {}) });
    all.push(...page.customers);
    if (page.nextCursor === null) return all;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe.each(harnesses)('the $name customer repository', (harness: RepositoryHarness) => {
  describe.skipIf(harness.skip !== undefined)('contract', () => {
    let repository: CustomerRepository;
    beforeEach(async () => {
      await harness.empty();
      repository = await harness.open();
    });
    afterEach(async () => {
      await repository.close();
    });

    describe('migrations', () => {
      it('creates the schema on first start, at version 1', async () => {
        const versions = await harness.sql<{ version: number }>(
          'SELECT version FROM directory_schema_version',
        );
        expect(versions.map((row) => Number(row.version))).toEqual([1]);
        expect(await repository.listCustomers(FABRIKAM_TENANT_ID)).toEqual({
          customers: [],
          nextCursor: null,
        });
      });

      it('changes nothing when started again on a database at the current version, and keeps its rows', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN]);
        const before = await harness.schemaFingerprint();
        await repository.close();

        repository = await harness.open();

        expect(await harness.schemaFingerprint()).toEqual(before);
        expect(await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber)).toEqual(MEGAN);
      });

      it('migrates once when two instances start on a new database at the same moment', async () => {
        await harness.empty();
        const [first, second] = await Promise.all([harness.open(), harness.open()]);
        await first.importCustomers(FABRIKAM_TENANT_ID, [MEGAN]);

        expect(await second.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber)).toEqual(MEGAN);
        const versions = await harness.sql<{ version: number }>(
          'SELECT version FROM directory_schema_version',
        );
        expect(versions.map((row) => Number(row.version))).toEqual([1]);
        await Promise.all([first.close(), second.close()]);
      });

      it('refuses to start on a database migrated by a newer release', async () => {
        await harness.sql(
          `INSERT INTO directory_schema_version (version, applied_at) VALUES (99, ${harness.name === 'SQLite' ? "'2030-01-01'" : 'now()'})`,
        );

        const error = await rejection(harness.open(), 'directory_unavailable');
        expect(error.reason).toBe('schema_too_new');
      });
    });

    describe('import, list and lookup', () => {
      it('lists a tenant in case-folded name order, then id, with company only when there is one', async () => {
        const result = await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN, ADELE, ALEX]);

        expect(result).toEqual({ imported: 3, created: 3, updated: 0 });
        expect(await repository.listCustomers(FABRIKAM_TENANT_ID)).toEqual({
          customers: [ADELE, ALEX, MEGAN],
          nextCursor: null,
        });
      });

      it('finds a customer by E.164 number, and answers null for a number it does not have', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN, ALEX]);

        expect(await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, '+442079460958')).toEqual(ALEX);
        expect(await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, '+14255550199')).toBeNull();
      });

      it.each(['+1 425 555 0101', '14255550101', '+', '', '+0123456789', '+1234567890123456', "' OR 1=1 --"])(
        'refuses to look up %j: only E.164 reaches a query',
        async (phoneNumber) => {
          await rejection(
            repository.findByPhoneNumber(FABRIKAM_TENANT_ID, phoneNumber),
            'invalid_phone_number',
          );
        },
      );

      it('upserts by id: a known id is replaced, its old number freed; a new id is added', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN, ADELE]);
        const moved: Customer = { id: 'megan', name: 'Megan B.', phoneNumber: '+14255550177' };

        const result = await repository.importCustomers(FABRIKAM_TENANT_ID, [moved, ALEX]);

        expect(result).toEqual({ imported: 2, created: 1, updated: 1 });
        expect(await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber)).toBeNull();
        expect(await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, moved.phoneNumber)).toEqual(moved);
        expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([ADELE, ALEX, moved]);
      });

      it('lets customers of one import swap their numbers', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN, ADELE]);

        await repository.importCustomers(FABRIKAM_TENANT_ID, [
          { ...MEGAN, phoneNumber: ADELE.phoneNumber },
          { ...ADELE, phoneNumber: MEGAN.phoneNumber },
        ]);

        expect((await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, ADELE.phoneNumber))?.id).toBe('megan');
        expect((await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber))?.id).toBe('adele');
      });

      it("imports nothing when a number belongs to one of the tenant's customers outside the import", async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN]);

        const error = await rejection(
          repository.importCustomers(FABRIKAM_TENANT_ID, [
            ALEX,
            { ...ADELE, phoneNumber: MEGAN.phoneNumber },
          ]),
          'invalid_customers',
        );

        expect(error.problems).toEqual([
          expect.objectContaining({ row: 2, field: 'phoneNumber', reason: 'taken' }),
        ]);
        expect(error.message).not.toContain(MEGAN.phoneNumber);
        expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([MEGAN]);
      });

      it('checks every row first and imports nothing if any is bad, listing each problem with its row', async () => {
        const error = await rejection(
          repository.importCustomers(FABRIKAM_TENANT_ID, [
            MEGAN,
            { id: 'x1', name: '   ', phoneNumber: '+14255550103' },
            { id: 'x2', name: 'Too long'.repeat(30), phoneNumber: '+1 425 555 0104' },
            { id: 'megan', name: 'Twin', phoneNumber: MEGAN.phoneNumber },
            { id: 'bad id!', name: 'Bad id', phoneNumber: '+14255550105', company: 'c'.repeat(201) },
          ]),
          'invalid_customers',
        );

        expect(error.problems.map(({ row, field, reason }) => ({ row, field, reason }))).toEqual([
          { row: 2, field: 'name', reason: 'missing' },
          { row: 3, field: 'name', reason: 'too_long' },
          { row: 3, field: 'phoneNumber', reason: 'not_e164' },
          { row: 4, field: 'id', reason: 'duplicate' },
          { row: 4, field: 'phoneNumber', reason: 'duplicate' },
          { row: 5, field: 'id', reason: 'invalid' },
          { row: 5, field: 'company', reason: 'too_long' },
        ]);
        expect(await repository.listCustomers(FABRIKAM_TENANT_ID)).toEqual({
          customers: [],
          nextCursor: null,
        });
      });

      it('stores names and companies as clean text: control and bidi characters removed, whitespace collapsed', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [
          { id: 'n', name: '  Megan\u0000 \u202EBowen\n', phoneNumber: MEGAN.phoneNumber, company: ' \t ' },
          { id: 'm', name: '<b>Adele</b>', phoneNumber: ADELE.phoneNumber, company: '<script>x</script>' },
        ]);

        expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([
          { id: 'm', name: '<b>Adele</b>', phoneNumber: ADELE.phoneNumber, company: '<script>x</script>' },
          { id: 'n', name: 'Megan Bowen', phoneNumber: MEGAN.phoneNumber },
        ]);
      });

      it('deletes customers by id, ignoring ids the tenant does not have', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN, ADELE]);
        await repository.importCustomers(NORTHWIND_TENANT_ID, [MEGAN]);

        expect(await repository.deleteCustomers(FABRIKAM_TENANT_ID, ['megan', 'nobody', 'megan'])).toBe(1);

        expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([ADELE]);
        expect((await repository.listCustomers(NORTHWIND_TENANT_ID)).customers).toEqual([MEGAN]);
      });

      it('treats a tenant id in upper case as the same tenant, and refuses one that is not a GUID', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID.toUpperCase(), [MEGAN]);
        expect(await repository.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber)).toEqual(MEGAN);

        for (const tenantId of ['', '*', 'common', "' OR 1=1 --", `${FABRIKAM_TENANT_ID}x`]) {
          await rejection(repository.listCustomers(tenantId), 'invalid_tenant_id');
          await rejection(repository.findByPhoneNumber(tenantId, MEGAN.phoneNumber), 'invalid_tenant_id');
          await rejection(repository.importCustomers(tenantId, [ADELE]), 'invalid_tenant_id');
          await rejection(repository.deleteCustomers(tenantId, ['megan']), 'invalid_tenant_id');
        }
      });

      it('waits a bounded time for another writer, then fails with directory_unavailable; reads go on', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN]);
        const bounded = await harness.open({ waitMs: 200 });
        const release = await harness.holdWriteLock();
        try {
          const started = Date.now();
          const error = await rejection(
            bounded.importCustomers(FABRIKAM_TENANT_ID, [ADELE]),
            'directory_unavailable',
          );
          expect(Date.now() - started).toBeLessThan(5_000);
          expect(error.reason).toMatch(/^(SQLITE_BUSY|pg_57014)$/);
          expect(await bounded.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber)).toEqual(MEGAN);
        } finally {
          await release();
          await bounded.close();
        }
        expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([MEGAN]);
      });

      it('rejects every call after close with directory_unavailable', async () => {
        await repository.close();

        const error = await rejection(repository.listCustomers(FABRIKAM_TENANT_ID), 'directory_unavailable');
        expect(error.reason).toBe('closed');
        await rejection(
          repository.findByPhoneNumber(FABRIKAM_TENANT_ID, MEGAN.phoneNumber),
          'directory_unavailable',
        );
      });
    });

    describe('search and limits', () => {
      beforeEach(async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [
          MEGAN,
          ADELE,
          ALEX,
          { id: 'pct', name: '100% Pure', phoneNumber: '+14255550110' },
          { id: 'usc', name: 'bob_1', phoneNumber: '+14255550111' },
          { id: 'bsl', name: 'a\\b', phoneNumber: '+14255550112' },
          { id: 'plain', name: 'bobx1 ab 1000 Pure', phoneNumber: '+33145550113' },
        ]);
      });
      const ids = async (search: string) =>
        (await repository.listCustomers(FABRIKAM_TENANT_ID, { search })).customers.map(
          (customer) => customer.id,
        );

      it('finds a case-insensitive substring of the name or of the company', async () => {
        expect(await ids('MEGAN')).toEqual(['megan']);
        expect(await ids('vance')).toEqual(['adele']);
        expect(await ids('fabri')).toEqual(['alex']);
        expect(await ids('  wilber  ')).toEqual(['alex']);
      });

      it('finds the start of a phone number, with or without + and formatting', async () => {
        expect(await ids('+44')).toEqual(['alex']);
        expect(await ids('44 20')).toEqual(['alex']);
        expect(await ids('+1 (425) 555-011')).toEqual(['pct', 'bsl', 'usc']);
        expect(await ids('0101')).toEqual([]);
      });

      it('matches %, _ and \\ literally', async () => {
        expect(await ids('%')).toEqual(['pct']);
        expect(await ids('100%')).toEqual(['pct']);
        expect(await ids('b_1')).toEqual(['usc']);
        expect(await ids('_')).toEqual(['usc']);
        expect(await ids('\\')).toEqual(['bsl']);
        expect(await ids('a\\b')).toEqual(['bsl']);
      });

      it('treats an empty or blank search as none', async () => {
        expect(await ids('')).toHaveLength(7);
        expect(await ids('   ')).toHaveLength(7);
      });

      it.each([
        ['x'.repeat(101), 'too_long'],
        ['a\u0000b', 'control_characters'],
        ['line\nbreak', 'control_characters'],
      ])('refuses the search %j (%s)', async (search, reason) => {
        const error = await rejection(
          repository.listCustomers(FABRIKAM_TENANT_ID, { search }),
          'invalid_search',
        );
        expect(error.reason).toBe(reason);
      });

      it('takes a limit from 1 to 100, 50 by default', async () => {
        expect((await repository.listCustomers(FABRIKAM_TENANT_ID, { limit: 1 })).customers).toHaveLength(1);
        for (const limit of [0, 101, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
          await rejection(repository.listCustomers(FABRIKAM_TENANT_ID, { limit }), 'invalid_limit');
        }
        await repository.importCustomers(
          NORTHWIND_TENANT_ID,
          Array.from({ length: 120 }, (_, index) => ({
            id: `n${index}`,
            name: `Name ${String(index).padStart(3, '0')}`,
            phoneNumber: `+1206555${String(index).padStart(4, '0')}`,
          })),
        );
        const page = await repository.listCustomers(NORTHWIND_TENANT_ID);
        expect(page.customers).toHaveLength(50);
        expect((await repository.listCustomers(NORTHWIND_TENANT_ID, { limit: 100 })).customers).toHaveLength(
          100,
        );
        expect(await listAll(repository, NORTHWIND_TENANT_ID, { limit: 100 })).toHaveLength(120);
      });
    });

    describe('cursors', () => {
      beforeEach(async () => {
        for (const tenantId of [FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID]) {
          await repository.importCustomers(tenantId, [MEGAN, ADELE, ALEX]);
        }
      });

      it("refuses another tenant's cursor, even one at the same position", async () => {
        const { nextCursor } = await repository.listCustomers(NORTHWIND_TENANT_ID, { limit: 1 });

        const error = await rejection(
          repository.listCustomers(FABRIKAM_TENANT_ID, { limit: 1, cursor: nextCursor! }),
          'invalid_cursor',
        );
        expect(error.reason).toBe('other_tenant_or_search');
      });

      it('refuses the cursor of another search, and of no search', async () => {
        const searched = await repository.listCustomers(FABRIKAM_TENANT_ID, { search: 'a', limit: 1 });
        const unsearched = await repository.listCustomers(FABRIKAM_TENANT_ID, { limit: 1 });

        await rejection(
          repository.listCustomers(FABRIKAM_TENANT_ID, { search: 'e', cursor: searched.nextCursor! }),
          'invalid_cursor',
        );
        await rejection(
          repository.listCustomers(FABRIKAM_TENANT_ID, { cursor: searched.nextCursor! }),
          'invalid_cursor',
        );
        await rejection(
          repository.listCustomers(FABRIKAM_TENANT_ID, { search: 'a', cursor: unsearched.nextCursor! }),
          'invalid_cursor',
        );
        // The same search, typed in another case, is the same search.
        const next = await repository.listCustomers(FABRIKAM_TENANT_ID, {
          search: 'A',
          cursor: searched.nextCursor!,
        });
        expect(next.customers.length).toBeGreaterThan(0);
      });

      it.each([
        ['not base64url', '!!!'],
        ['empty JSON', Buffer.from('{}').toString('base64url')],
        ['wrong version', Buffer.from('[2,"x","a","b"]').toString('base64url')],
        ['injection in the key', Buffer.from(`[1,"x","' OR 1=1 --","megan"]`).toString('base64url')],
        ['padding', `${Buffer.from('[1]').toString('base64url')}=`],
        ['too long', 'A'.repeat(5_000)],
        ['NUL', 'WzEsIngiLCJhIiwiYiJd\u0000'],
      ])('refuses a cursor that is %s', async (_, cursor) => {
        await rejection(repository.listCustomers(FABRIKAM_TENANT_ID, { cursor }), 'invalid_cursor');
      });
    });

    describe('hostile text', () => {
      const INJECTIONS = [
        "' OR 1=1 --",
        "'; DROP TABLE directory_customers; --",
        "'; DROP TABLE customers; --",
        '"; DELETE FROM directory_customers; --',
        "Robert'); DROP TABLE directory_customers;--",
        '%',
        '_',
        '\\',
        "\\'",
        '%_\\%',
        'a\u0000b',
        'O\'Brien "the" `great`',
      ];

      it('stores names and companies with quotes, wildcards and SQL literally, and finds them literally', async () => {
        const rows = INJECTIONS.map((text, index) => ({
          id: `inj${index}`,
          name: text,
          company: text,
          phoneNumber: PHONE_NUMBERS[index]!,
        }));
        await repository.importCustomers(FABRIKAM_TENANT_ID, [
          ...rows,
          { ...ADELE, phoneNumber: '+14255550199' },
        ]);
        await repository.importCustomers(NORTHWIND_TENANT_ID, [MEGAN]);

        const stored = await listAll(repository, FABRIKAM_TENANT_ID);
        expect(stored).toHaveLength(rows.length + 1);
        expect(stored.find((customer) => customer.id === 'inj1')?.name).toBe(
          "'; DROP TABLE directory_customers; --",
        );
        // NUL is a control character: removed from stored text, refused in a search.
        expect(stored.find((customer) => customer.id === 'inj10')?.name).toBe('ab');
        for (const search of INJECTIONS.filter((text) => !text.includes('\u0000'))) {
          const found = await listAll(repository, FABRIKAM_TENANT_ID, { search });
          expect(found.map((customer) => customer.id).sort()).toEqual(
            expectedList(stored, search)
              .map((customer) => customer.id)
              .sort(),
          );
          expect(found.every((customer) => customer.id !== 'adele')).toBe(true);
        }
        await rejection(listAll(repository, FABRIKAM_TENANT_ID, { search: 'a\u0000b' }), 'invalid_search');
        // Half a surrogate pair is not text: cleaned to U+FFFD, as stored names are, so it matches nothing.
        expect(await listAll(repository, FABRIKAM_TENANT_ID, { search: '\ud83d' })).toEqual([]);

        const counted = await harness.sql<{ count: number }>(
          'SELECT count(*) AS count FROM directory_customers',
        );
        expect(Number(counted[0]?.count)).toBe(rows.length + 2);
        expect((await repository.listCustomers(NORTHWIND_TENANT_ID)).customers).toEqual([MEGAN]);
      });

      it('refuses ids and phone numbers that carry SQL, and leaves the table intact', async () => {
        await repository.importCustomers(FABRIKAM_TENANT_ID, [MEGAN]);
        for (const text of INJECTIONS) {
          await rejection(
            repository.importCustomers(FABRIKAM_TENANT_ID, [
              { id: text, name: 'x', phoneNumber: '+14255550150' },
            ]),
            'invalid_customers',
          );
          await rejection(
            repository.importCustomers(FABRIKAM_TENANT_ID, [{ id: 'y', name: 'x', phoneNumber: text }]),
            'invalid_customers',
          );
          await rejection(repository.findByPhoneNumber(FABRIKAM_TENANT_ID, text), 'invalid_phone_number');
          await rejection(repository.deleteCustomers(FABRIKAM_TENANT_ID, [text]), 'invalid_customers');
          await rejection(repository.listCustomers(FABRIKAM_TENANT_ID, { cursor: text }), 'invalid_cursor');
        }
        expect((await repository.listCustomers(FABRIKAM_TENANT_ID)).customers).toEqual([MEGAN]);
      });
    });

    describe('query plans', () => {
      // Enough rows in several tenants that the planners choose as they would for a real directory.
      beforeEach(async () => {
        for (const [tenant, tenantId] of TENANTS.entries()) {
          await repository.importCustomers(
            tenantId,
            Array.from({ length: 3_000 }, (_, index) => ({
              id: `t${tenant}c${index}`,
              name: `${NAMES[index % NAMES.length]} ${index}`,
              phoneNumber: `+1${tenant + 2}0655${String(index).padStart(5, '0')}`,
              ...(index % 3 === 0 ? { company: COMPANIES[index % 5] } : {}),
            })),
          );
        }
      });

      it('looks a number up through the (tenant, phone number) index', async () => {
        const sql =
          harness.name === 'SQLite'
            ? SQLITE_STATEMENTS.findByPhoneNumber
            : POSTGRES_STATEMENTS.findByPhoneNumber;
        const plan = await harness.explain(sql, [FABRIKAM_TENANT_ID, MEGAN.phoneNumber]);
        expect(plan).toContain('directory_customers_by_phone_number');
        expect(plan).not.toMatch(/SCAN directory_customers\b|Seq Scan/);
      });

      it.each([
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ])(
        'pages (cursor: %s, search: %s) through the (tenant, name key, id) index, without sorting',
        async (withCursor, withSearch) => {
          const sqlite = harness.name === 'SQLite';
          const sql = sqlite
            ? SQLITE_STATEMENTS.list(withCursor, withSearch)
            : POSTGRES_STATEMENTS.list(withCursor, withSearch);
          const values = sqlite
            ? [
                {
                  tenantId: FABRIKAM_TENANT_ID,
                  limit: 51,
                  ...(withCursor ? { afterNameKey: 'm', afterId: 'x' } : {}),
                  ...(withSearch ? { textPattern: '%a%', phonePattern: null } : {}),
                },
              ]
            : [
                FABRIKAM_TENANT_ID,
                51,
                ...(withCursor ? ['m', 'x'] : []),
                ...(withSearch ? ['%a%', null] : []),
              ];
          const plan = await harness.explain(sql, values);
          expect(plan).toContain('directory_customers_by_name');
          expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
          if (withCursor) expect(plan).toMatch(/\(name_key,\s?id\)\s?>\s?(ROW)?\(/);
        },
      );
    });

    describe('properties', () => {
      it('a tenant sees exactly its own rows, through list, search, paging and lookup, whatever the others hold', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.tuple(tenantRows(), tenantRows(), tenantRows()),
            searches,
            fc.integer({ min: 1, max: 7 }),
            async (rowsOfTenants, search, limit) => {
              await harness.clear();
              await Promise.all(
                TENANTS.map((tenantId, index) => repository.importCustomers(tenantId, rowsOfTenants[index]!)),
              );
              for (const [index, tenantId] of TENANTS.entries()) {
                const own = rowsOfTenants[index]!;
                const listed = await listAll(repository, tenantId, {
                  ...(search === undefined ? {} : { search }),
                  limit,
                });
                expect(listed).toEqual(expectedList(own, search));
                for (const phoneNumber of PHONE_NUMBERS.slice(0, 6)) {
                  const found = await repository.findByPhoneNumber(tenantId, phoneNumber);
                  expect(found).toEqual(own.find((row) => row.phoneNumber === phoneNumber) ?? null);
                }
              }
            },
          ),
          { numRuns: harness.name === 'SQLite' ? 200 : 60, interruptAfterTimeLimit: 40_000 },
        );
      }, 60_000);

      it("a cursor never crosses tenants: another tenant's cursor is refused, never answered with rows", async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.tuple(tenantRows(), tenantRows()),
            searches,
            fc.integer({ min: 1, max: 4 }),
            async ([fabrikamRows, northwindRows], search, limit) => {
              await harness.clear();
              await repository.importCustomers(FABRIKAM_TENANT_ID, fabrikamRows);
              await repository.importCustomers(NORTHWIND_TENANT_ID, northwindRows);
              const options = { ...(search === undefined ? {} : { search }), limit };
              const { nextCursor } = await repository.listCustomers(NORTHWIND_TENANT_ID, options);
              if (nextCursor === null) return;
              await rejection(
                repository.listCustomers(FABRIKAM_TENANT_ID, { ...options, cursor: nextCursor }),
                'invalid_cursor',
              );
              await rejection(
                repository.listCustomers(WOODGROVE_TENANT_ID, { ...options, cursor: nextCursor }),
                'invalid_cursor',
              );
            },
          ),
          { numRuns: 60, interruptAfterTimeLimit: 30_000 },
        );
      }, 60_000);

      it('pages concatenated are the full sorted list, with no duplicate and no gap', async () => {
        await fc.assert(
          fc.asyncProperty(
            tenantRows(25),
            searches,
            fc.integer({ min: 1, max: 6 }),
            async (rows, search, limit) => {
              await harness.clear();
              await repository.importCustomers(FABRIKAM_TENANT_ID, rows);
              const pages: Customer[][] = [];
              let cursor: string | undefined;
              do {
                const page = await repository.listCustomers(FABRIKAM_TENANT_ID, {
                  ...(search === undefined ? {} : { search }),
                  ...(cursor === undefined ? {} : { cursor }),
                  limit,
                });
                pages.push([...page.customers]);
                expect(page.customers.length).toBeLessThanOrEqual(limit);
                cursor = page.nextCursor ?? undefined;
                if (cursor !== undefined) expect(page.customers).toHaveLength(limit);
              } while (cursor !== undefined);
              expect(pages.flat()).toEqual(expectedList(rows, search));
            },
          ),
          { numRuns: harness.name === 'SQLite' ? 200 : 60, interruptAfterTimeLimit: 40_000 },
        );
      }, 60_000);

      it('pages stay consistent while rows are added and removed between fetches', async () => {
        const change = fc.record({
          add: fc.array(
            fc.record({
              name: fc.constantFrom('alice', 'Bob', 'bob', 'Émile', 'zz', 'm', 'Megan'),
              company: fc.constantFrom('Contoso', undefined),
            }),
            { maxLength: 3 },
          ),
          remove: fc.array(fc.nat(), { maxLength: 3 }),
        });
        let added = 0;
        await fc.assert(
          fc.asyncProperty(
            tenantRows(20),
            fc.array(change, { minLength: 1, maxLength: 8 }),
            fc.integer({ min: 1, max: 4 }),
            async (initial, changes, limit) => {
              await harness.clear();
              await repository.importCustomers(FABRIKAM_TENANT_ID, initial);
              const present = new Map(initial.map((row) => [row.id, row]));
              const everRemoved = new Set<string>();
              /** Rows added after the cursor's position while paging went on: they must be listed. */
              const addedAhead = new Set<string>();
              const seen: Customer[] = [];
              let cursor: string | undefined;
              let step = 0;
              do {
                const page = await repository.listCustomers(FABRIKAM_TENANT_ID, {
                  limit,
                  ...(cursor === undefined ? {} : { cursor }),
                });
                // Every row of a page exists at the time of its fetch.
                for (const customer of page.customers) expect(present.get(customer.id)).toEqual(customer);
                seen.push(...page.customers);
                cursor = page.nextCursor ?? undefined;

                // Changes between fetches, one per gap while there are any, so that paging ends.
                const { add, remove } = changes[step] ?? { add: [], remove: [] };
                step += 1;
                const ids = [...present.keys()];
                const removed = [
                  ...new Set(remove.map((index) => ids[index % Math.max(ids.length, 1)]!)),
                ].filter(Boolean);
                await repository.deleteCustomers(FABRIKAM_TENANT_ID, removed);
                for (const id of removed) {
                  present.delete(id);
                  everRemoved.add(id);
                }
                const fresh = add.map(({ name, company }) => {
                  added += 1;
                  const customer: Customer = {
                    id: `new${added}`,
                    name,
                    phoneNumber: `+1999${String(added).padStart(8, '0')}`,
                  };
                  return company === undefined ? customer : { ...customer, company };
                });
                await repository.importCustomers(FABRIKAM_TENANT_ID, fresh);
                const position = seen.at(-1);
                for (const row of fresh) {
                  present.set(row.id, row);
                  if (
                    cursor !== undefined &&
                    (position === undefined || comparePageOrder(row, position) > 0)
                  ) {
                    addedAhead.add(row.id);
                  }
                }
              } while (cursor !== undefined);

              // Strictly increasing in page order: no duplicate, and nothing before the cursor comes back.
              for (let index = 1; index < seen.length; index += 1) {
                expect(comparePageOrder(seen[index - 1]!, seen[index]!)).toBeLessThan(0);
              }
              // A row present from the first fetch to the last is never skipped, nor one added ahead of the cursor.
              const seenIds = new Set(seen.map((customer) => customer.id));
              for (const id of [...initial.map((row) => row.id), ...addedAhead]) {
                if (!everRemoved.has(id)) expect(seenIds.has(id)).toBe(true);
              }
            },
          ),
          { numRuns: harness.name === 'SQLite' ? 200 : 60, interruptAfterTimeLimit: 40_000 },
        );
      }, 60_000);
    });
  });
});
