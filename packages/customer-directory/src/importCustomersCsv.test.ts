import { FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID } from '@teams-endpoint/testing/server';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveCustomerId } from './customerRecord';
import type { CustomerRepository } from './customerRepository';
import { CustomerDirectoryError } from './directoryError';
import { importCustomersCsv } from './importCustomersCsv';
import { createRepositoryHarnesses, type RepositoryHarness } from './repositoryHarness.test-support';

const harnesses = await createRepositoryHarnesses();
afterAll(async () => {
  await Promise.all(harnesses.map((harness) => harness.dispose()));
});

async function refusal(promise: Promise<unknown>): Promise<CustomerDirectoryError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CustomerDirectoryError);
  expect((error as CustomerDirectoryError).code).toBe('invalid_csv');
  return error as CustomerDirectoryError;
}

describe.each(harnesses)('importCustomersCsv into $name', (harness: RepositoryHarness) => {
  describe.skipIf(harness.skip !== undefined)('import', () => {
    let repository: CustomerRepository;
    beforeEach(async () => {
      await harness.empty();
      repository = await harness.open();
    });
    afterEach(() => repository.close());
    const listed = async (tenantId = FABRIKAM_TENANT_ID) =>
      (await repository.listCustomers(tenantId)).customers;

    it('imports name, phoneNumber and company, normalizing numbers to E.164, with ids derived from them', async () => {
      const csv =
        'name,phoneNumber,company\nMegan Bowen,+1 (425) 555-0101,Contoso\nAdele Vance,+14255550102,\n';

      expect(await importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv)).toEqual({
        imported: 2,
        created: 2,
        updated: 0,
      });

      expect(await listed()).toEqual([
        { id: deriveCustomerId('+14255550102'), name: 'Adele Vance', phoneNumber: '+14255550102' },
        {
          id: deriveCustomerId('+14255550101'),
          name: 'Megan Bowen',
          phoneNumber: '+14255550101',
          company: 'Contoso',
        },
      ]);
    });

    it('updates instead of duplicating when the same file is imported again', async () => {
      await importCustomersCsv(repository, FABRIKAM_TENANT_ID, 'name,phoneNumber\nMegan,+14255550101\n');

      const again = await importCustomersCsv(
        repository,
        FABRIKAM_TENANT_ID,
        'name,phoneNumber\nMegan Bowen,+14255550101\n',
      );

      expect(again).toEqual({ imported: 1, created: 0, updated: 1 });
      expect((await listed()).map((customer) => customer.name)).toEqual(['Megan Bowen']);
    });

    it('takes the columns in any order and case, an id column, and a derived id where its cell is empty', async () => {
      const csv =
        'Company,ID,PhoneNumber,NAME\r\nContoso,CUST-1,+14255550101,Megan\r\n,,+14255550102,Adele\r\n';

      await importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv);

      expect(await listed()).toEqual([
        { id: deriveCustomerId('+14255550102'), name: 'Adele', phoneNumber: '+14255550102' },
        { id: 'CUST-1', name: 'Megan', phoneNumber: '+14255550101', company: 'Contoso' },
      ]);
    });

    it('reads national numbers with defaultCountryCallingCode', async () => {
      await importCustomersCsv(repository, FABRIKAM_TENANT_ID, 'name,phoneNumber\nAlex,020 7946 0958\n', {
        defaultCountryCallingCode: '44',
      });

      expect((await listed())[0]?.phoneNumber).toBe('+442079460958');
    });

    it('treats text as data: trimmed, control characters removed, markup and SQL kept as text', async () => {
      const csv = [
        'name,phoneNumber,company',
        '"  Megan\u0000\u0007 Bowen\t ",\u0000+14255550101 ,<script>alert(1)</script>',
        `"'; DROP TABLE directory_customers; --",+14255550102,"' OR 1=1 --"`,
        '"100% _real_ \\ name",+14255550103,',
      ].join('\n');

      await importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv);

      expect((await listed()).map(({ name, company }) => ({ name, company }))).toEqual([
        { name: "'; DROP TABLE directory_customers; --", company: "' OR 1=1 --" },
        { name: '100% _real_ \\ name', company: undefined },
        { name: 'Megan Bowen', company: '<script>alert(1)</script>' },
      ]);
      const counted = await harness.sql<{ count: number }>(
        'SELECT count(*) AS count FROM directory_customers',
      );
      expect(Number(counted[0]?.count)).toBe(3);
    });

    it('checks every row first and imports nothing if one is bad, listing each problem by spreadsheet row', async () => {
      await importCustomersCsv(repository, NORTHWIND_TENANT_ID, 'name,phoneNumber\nKept,+14255550101\n');
      const csv = [
        'name,phoneNumber,company,id',
        'Megan,+14255550101,,',
        ',+14255550102,,',
        'Letters,1-800-FLOWERS,,',
        '',
        'Short,+1234,,',
        'No plus,4255550105,,',
        'Twin,+1 425 555 0101,,',
        `${'x'.repeat(201)},+14255550107,,`,
        'Fields,+14255550108',
        "Bad id,+14255550109,,' OR 1=1 --",
        'Dup id,+14255550110,,A-1',
        'Dup id again,+14255550111,,A-1',
        'Injected number,"\'; DROP TABLE customers; --",,',
        'Null number,+1425555\u00000112,,',
      ].join('\n');

      const error = await refusal(importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv));

      expect(error.problems.map(({ row, field, reason }) => ({ row, field, reason }))).toEqual([
        { row: 3, field: 'name', reason: 'missing' },
        { row: 4, field: 'phoneNumber', reason: 'letters' },
        { row: 6, field: 'phoneNumber', reason: 'too_short' },
        { row: 7, field: 'phoneNumber', reason: 'missing_plus' },
        { row: 8, field: 'phoneNumber', reason: 'duplicate' },
        { row: 8, field: 'id', reason: 'duplicate' },
        { row: 9, field: 'name', reason: 'too_long' },
        { row: 10, field: undefined, reason: 'wrong_field_count' },
        { row: 11, field: 'id', reason: 'invalid' },
        { row: 13, field: 'id', reason: 'duplicate' },
        { row: 14, field: 'phoneNumber', reason: 'letters' },
      ]);
      expect(error.message).toMatch(
        /^Nothing was imported: 11 problems on rows 3, 4, 6, 7, 8, 9, 10, 11, 13, 14\.$/,
      );
      expect(JSON.stringify(error.problems)).not.toMatch(/4255550|FLOWERS|DROP/);
      expect(await listed()).toEqual([]);
      expect((await listed(NORTHWIND_TENANT_ID)).map((customer) => customer.name)).toEqual(['Kept']);
    });

    it("refuses a number that belongs to another of the tenant's customers, naming the file's row", async () => {
      await repository.importCustomers(FABRIKAM_TENANT_ID, [
        { id: 'crm-1', name: 'Megan', phoneNumber: '+14255550101' },
      ]);

      const error = await refusal(
        importCustomersCsv(
          repository,
          FABRIKAM_TENANT_ID,
          'name,phoneNumber\nAdele,+14255550102\n\nAlex,+14255550101\n',
        ),
      );

      expect(error.reason).toBe('taken');
      expect(error.problems).toEqual([
        expect.objectContaining({ row: 4, field: 'phoneNumber', reason: 'taken' }),
      ]);
      expect((await listed()).map((customer) => customer.id)).toEqual(['crm-1']);
    });

    it.each([
      ['an empty file', '', 'empty'],
      ['a header only', 'name,phoneNumber\n', 'no_rows'],
      ['an unknown column', 'name,phoneNumber,email\nM,+14255550101,m@x\n', 'unknown_column'],
      ['no phoneNumber column', 'name,company\nM,C\n', 'missing_column'],
      ['a column twice', 'name,phoneNumber,Name\nM,+14255550101,N\n', 'duplicate_column'],
      ['an unterminated quote', 'name,phoneNumber\n"M,+14255550101\n', 'unterminated_quote'],
    ])('refuses %s', async (_, csv, reason) => {
      const error = await refusal(importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv));
      expect(error.reason).toBe(reason);
      expect(await listed()).toEqual([]);
    });

    it('refuses a file larger than maxBytes, or with more rows than maxRows, before reading it all', async () => {
      const csv = `name,phoneNumber\n${Array.from({ length: 10 }, (_, index) => `N${index},+1425555${String(index).padStart(4, '0')}`).join('\n')}`;

      expect(
        (await refusal(importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv, { maxBytes: 100 }))).reason,
      ).toBe('too_large');
      expect(
        (await refusal(importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv, { maxRows: 9 }))).reason,
      ).toBe('too_many_rows');
      expect(await importCustomersCsv(repository, FABRIKAM_TENANT_ID, csv, { maxRows: 10 })).toEqual(
        expect.objectContaining({ imported: 10 }),
      );
    });

    it('refuses a tenant id that is not a GUID, and options that make no sense', async () => {
      await expect(
        importCustomersCsv(repository, 'fabrikam', 'name,phoneNumber\nM,+14255550101\n'),
      ).rejects.toThrow(expect.objectContaining({ code: 'invalid_tenant_id' }));
      await expect(
        importCustomersCsv(repository, FABRIKAM_TENANT_ID, 'name,phoneNumber\n', {
          defaultCountryCallingCode: '+1',
        }),
      ).rejects.toThrow(TypeError);
    });
  });
});
