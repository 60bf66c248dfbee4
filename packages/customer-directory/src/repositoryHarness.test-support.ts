import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres } from '@teams-endpoint/testing/server';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { CustomerRepository } from './customerRepository';
import { createPostgresCustomerRepository } from './postgresCustomerRepository';
import { createSqliteCustomerRepository } from './sqliteCustomerRepository';

/**
 * One real database behind the contract tests, SQLite or PostgreSQL. `open()` starts a repository on it, as
 * a server would; `sql()` reads it directly, to check what the repository left (the table intact, the schema
 * version); `empty()` removes every table, so that the next `open()` migrates a new database.
 */
export interface RepositoryHarness {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** Why this database cannot be had here; its tests are then skipped (never in CI). */
  readonly skip: string | undefined;
  /** `waitMs` bounds each wait: SQLite's busy timeout, PostgreSQL's statement timeout. */
  open(options?: { waitMs?: number }): Promise<CustomerRepository>;
  /** Holds the write lock of the customers table from another connection until the returned release. */
  holdWriteLock(): Promise<() => Promise<void>>;
  sql<Row = Record<string, unknown>>(statement: string, values?: readonly unknown[]): Promise<Row[]>;
  /** The query plan of a statement with these values, as text, once the planner's statistics are fresh. */
  explain(statement: string, values: readonly unknown[]): Promise<string>;
  /** The database's own record of its schema: it changes with any DDL. */
  schemaFingerprint(): Promise<unknown>;
  /** Where the database is: the SQLite file, or the PostgreSQL URL. */
  readonly location: string;
  /** Deletes every customer (cheap, between property runs). */
  clear(): Promise<void>;
  /** Drops every table. */
  empty(): Promise<void>;
  /** Closes what `open()` opened and stops the database. */
  dispose(): Promise<void>;
}

/** Both harnesses: a temporary SQLite file, and a fresh database from `startTestPostgres()`. */
export async function createRepositoryHarnesses(): Promise<RepositoryHarness[]> {
  return [createSqliteHarness(), await createPostgresHarness()];
}

export function createSqliteHarness(): RepositoryHarness {
  const dir = mkdtempSync(join(tmpdir(), 'customer-directory-'));
  const filename = join(dir, 'customers.db');
  const opened: CustomerRepository[] = [];
  const withDb = <T>(use: (db: Database.Database) => T): T => {
    const db = new Database(filename, { timeout: 5_000 });
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  const closeAll = async () => {
    await Promise.all(opened.splice(0).map((repository) => repository.close()));
  };
  return {
    name: 'SQLite',
    skip: undefined,
    location: filename,
    async schemaFingerprint() {
      return withDb((db) => ({
        // SQLite's schema cookie: incremented by every change to the schema.
        cookie: db.pragma('schema_version', { simple: true }),
        objects: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
        versions: db.prepare('SELECT * FROM directory_schema_version ORDER BY version').all(),
      }));
    },
    async open({ waitMs } = {}) {
      const repository = await createSqliteCustomerRepository({
        filename,
        ...(waitMs === undefined ? {} : { busyTimeoutMs: waitMs }),
      });
      opened.push(repository);
      return repository;
    },
    async sql<Row>(statement: string, values: readonly unknown[] = []) {
      return withDb((db) => {
        const prepared = db.prepare(statement);
        if (prepared.reader) return prepared.all(...values) as Row[];
        prepared.run(...values);
        return [];
      });
    },
    async explain(statement, values) {
      return withDb((db) => {
        db.exec('ANALYZE');
        return (db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...values) as { detail: string }[])
          .map((row) => row.detail)
          .join('\n');
      });
    },
    async clear() {
      withDb((db) => db.exec('DELETE FROM directory_customers'));
    },
    async holdWriteLock() {
      const db = new Database(filename);
      db.exec('BEGIN IMMEDIATE');
      return async () => {
        db.exec('ROLLBACK');
        db.close();
      };
    },
    async empty() {
      await closeAll();
      withDb((db) =>
        db.exec('DROP TABLE IF EXISTS directory_customers; DROP TABLE IF EXISTS directory_schema_version;'),
      );
    },
    async dispose() {
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createPostgresHarness(): Promise<RepositoryHarness> {
  const server = await startTestPostgres();
  if (server.url === undefined) {
    const fail = () => Promise.reject(new Error(server.skip));
    return {
      name: 'PostgreSQL',
      skip: server.skip,
      location: '',
      schemaFingerprint: fail,
      open: fail,
      sql: fail,
      explain: fail,
      clear: fail,
      holdWriteLock: fail,
      empty: fail,
      dispose: async () => {},
    };
  }
  const url = server.url;
  const admin = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  admin.on('error', () => {});
  const opened: CustomerRepository[] = [];
  const closeAll = async () => {
    await Promise.all(opened.splice(0).map((repository) => repository.close()));
  };
  return {
    name: 'PostgreSQL',
    skip: undefined,
    location: url,
    async schemaFingerprint() {
      const objects = await admin.query(
        `SELECT c.oid::int, c.relname, c.relkind, c.xmin::text FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname LIKE 'directory%' ORDER BY c.relname`,
      );
      const versions = await admin.query(
        'SELECT version, applied_at, xmin::text FROM directory_schema_version ORDER BY version',
      );
      return { objects: objects.rows, versions: versions.rows };
    },
    async open({ waitMs } = {}) {
      const repository = await createPostgresCustomerRepository({
        connectionString: url,
        ...(waitMs === undefined ? {} : { statementTimeoutMs: waitMs }),
      });
      opened.push(repository);
      return repository;
    },
    async sql<Row>(statement: string, values: readonly unknown[] = []) {
      return (await admin.query(statement, [...values])).rows as Row[];
    },
    async explain(statement, values) {
      await admin.query('ANALYZE directory_customers');
      const { rows } = await admin.query(`EXPLAIN ${statement}`, [...values]);
      return rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
    },
    async clear() {
      await admin.query('DELETE FROM directory_customers');
    },
    async holdWriteLock() {
      const client = await admin.connect();
      await client.query('BEGIN');
      await client.query('LOCK TABLE directory_customers IN EXCLUSIVE MODE');
      return async () => {
        await client.query('ROLLBACK');
        client.release();
      };
    },
    async empty() {
      await closeAll();
      await admin.query('DROP TABLE IF EXISTS directory_customers, directory_schema_version');
    },
    async dispose() {
      await closeAll();
      await admin.end();
      await server.stop();
    },
  };
}
