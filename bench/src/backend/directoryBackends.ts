import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer } from '@teams-endpoint/core';
import {
  type CustomerRepository,
  createPostgresCustomerRepository,
  createSqliteCustomerRepository,
} from '@teams-endpoint/customer-directory';
import { startTestPostgres } from '@teams-endpoint/testing/server';
import Database from 'better-sqlite3';
import pg from 'pg';

export type DirectoryBackendName = 'SQLite' | 'PostgreSQL';

/** A fresh, empty customer directory on one backend, and a bulk path into the same tables. */
export interface OpenedDirectory {
  readonly repository: CustomerRepository;
  /**
   * Inserts the customers of one tenant with the repository's own INSERT statement into the tables its
   * migration created, without the checks `importCustomers` makes row by row (the number taken by another
   * customer, the id to replace): for customers known to be new and valid. Not part of the package's API.
   */
  bulkInsert(tenantId: string, customers: readonly Customer[]): Promise<void>;
  /** What an operator runs after a bulk load (PostgreSQL's ANALYZE; autovacuum would, within a minute). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The version of the repositories' schema that `bulkInsert` writes (directory_customers, as migration 1
 * creates it). A newer schema stops the bench with a message, rather than filling columns it no longer has.
 */
const BULK_SCHEMA_VERSION = 1;

const INSERT_COLUMNS = 'tenant_id, id, name, name_key, phone_number, company, company_key';
/**
 * A search that matches nothing reads the whole tenant: seconds at 1,000,000 customers, which the default
 * `statementTimeoutMs` (5 s) would cut short on a busy machine.
 */
const SEARCH_TIMEOUT_MS = 60_000;
/** Rows per PostgreSQL statement of the bulk path (the repository's import sends 1,000). */
const POSTGRES_BULK_CHUNK = 20_000;

/** The package's `foldForSearch`: the key its pages are ordered by and its search matches. */
export const foldForSearch = (text: string): string => text.normalize('NFC').toLowerCase();

function storedColumns(tenantId: string, customer: Customer) {
  const company = customer.company ?? null;
  return [
    tenantId,
    customer.id,
    customer.name,
    foldForSearch(customer.name),
    customer.phoneNumber,
    company,
    company === null ? null : foldForSearch(company),
  ] as const;
}

function checkSchemaVersion(version: number | undefined): void {
  if (version !== BULK_SCHEMA_VERSION) {
    throw new Error(
      `The customer directory's schema is at version ${version}; the bench's bulk fill writes version ${BULK_SCHEMA_VERSION}. Update bench/src/backend/directoryBackends.ts.`,
    );
  }
}

/** A SQLite file in a temporary folder, removed on close. */
export async function openSqliteDirectory(): Promise<OpenedDirectory> {
  const dir = mkdtempSync(join(tmpdir(), 'teams-endpoint-bench-directory-'));
  const filename = join(dir, 'customers.db');
  let bulk: Database.Database | undefined;
  let repository: CustomerRepository | undefined;
  try {
    repository = await createSqliteCustomerRepository({ filename });
    // A second connection to the same file (WAL), as another process of the same server would have.
    bulk = new Database(filename);
    // This connection's page cache only (the repository's keeps SQLite's default): the bulk fill touches
    // every leaf of the name index, a few thousand places at once, more than the default 2 MB holds.
    bulk.pragma('cache_size = -262144');
    bulk.pragma('synchronous = OFF');
    const { version } = bulk
      .prepare('SELECT max(version) AS version FROM directory_schema_version')
      .get() as {
      version: number;
    };
    checkSchemaVersion(version);
  } catch (error) {
    bulk?.close();
    await repository?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const connection = bulk;
  const insert = connection.prepare(
    `INSERT INTO directory_customers (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = connection.transaction((tenantId: string, customers: readonly Customer[]) => {
    for (const customer of customers) insert.run(...storedColumns(tenantId, customer));
  });
  const opened = repository;
  return {
    repository: opened,
    bulkInsert: async (tenantId, customers) => insertAll.immediate(tenantId, customers),
    analyze: async () => {},
    close: async () => {
      connection.close();
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh PostgreSQL database from `startTestPostgres()`: in the server at `DATABASE_URL` (CI), else in a
 * cluster of its own; or why there is none (outside CI only: in CI it throws).
 */
export async function openPostgresDirectory(): Promise<OpenedDirectory | { skip: string }> {
  const server = await startTestPostgres();
  if (server.url === undefined) return { skip: server.skip };
  const client = new pg.Client({ connectionString: server.url });
  let repository: CustomerRepository | undefined;
  try {
    repository = await createPostgresCustomerRepository({
      connectionString: server.url,
      statementTimeoutMs: SEARCH_TIMEOUT_MS,
    });
    await client.connect();
    const { rows } = await client.query<{ version: number }>(
      'SELECT max(version)::int AS version FROM directory_schema_version',
    );
    checkSchemaVersion(rows[0]?.version);
  } catch (error) {
    await client.end().catch(() => {});
    await repository?.close();
    await server.stop();
    throw error;
  }
  const opened = repository;
  return {
    repository: opened,
    bulkInsert: async (tenantId, customers) => {
      await client.query('BEGIN');
      try {
        for (let start = 0; start < customers.length; start += POSTGRES_BULK_CHUNK) {
          const columns = customers
            .slice(start, start + POSTGRES_BULK_CHUNK)
            .map((customer) => storedColumns(tenantId, customer));
          await client.query(
            `INSERT INTO directory_customers (${INSERT_COLUMNS})
             SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
            [tenantId, ...[1, 2, 3, 4, 5, 6].map((column) => columns.map((row) => row[column]))],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    analyze: async () => {
      await client.query('ANALYZE directory_customers');
    },
    close: async () => {
      await client.end().catch(() => {});
      await opened.close();
      await server.stop();
    },
  };
}
