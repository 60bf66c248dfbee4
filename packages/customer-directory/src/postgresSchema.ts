import type { PoolClient } from 'pg';
import { schemaTooNew } from './directoryError';

/**
 * The schema, one step per version, never edited once released: a new version is a new step. Keys are
 * `COLLATE "C"` (byte order, as SQLite's BINARY) so that both databases order pages alike, whatever the
 * database's default collation.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE directory_customers (
     tenant_id text COLLATE "C" NOT NULL,
     id text COLLATE "C" NOT NULL,
     name text NOT NULL,
     name_key text COLLATE "C" NOT NULL,
     phone_number text COLLATE "C" NOT NULL,
     company text,
     company_key text COLLATE "C",
     PRIMARY KEY (tenant_id, id)
   );
   -- Caller id: one customer per number in a tenant, answered from the index alone (INCLUDE).
   CREATE UNIQUE INDEX directory_customers_by_phone_number
     ON directory_customers (tenant_id, phone_number) INCLUDE (id, name, company);
   -- Keyset paging: a range scan in page order from the cursor's position.
   CREATE INDEX directory_customers_by_name ON directory_customers (tenant_id, name_key, id);`,
];

/** Names the advisory lock that serializes migrations across every instance sharing the database. */
const MIGRATION_LOCK = 'teams-endpoint/customer-directory/migrations';

/**
 * Brings the database to the current schema in one transaction, under a transaction-level advisory lock: a
 * second instance starting at the same moment waits for the first, then finds the schema current. A database
 * already at the current version is only read. Bounded by `timeoutMs` (lock wait included).
 */
export async function migratePostgres(client: PoolClient, timeoutMs: number): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('statement_timeout', $1, true)", [String(timeoutMs)]);
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('directory_schema_version') IS NOT NULL AS exists",
    );
    if (rows[0]?.exists !== true) {
      await client.query(
        'CREATE TABLE directory_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
    }
    const current = (
      await client.query<{ current: number }>(
        'SELECT coalesce(max(version), 0)::int AS current FROM directory_schema_version',
      )
    ).rows[0]!.current;
    if (current > MIGRATIONS.length) throw schemaTooNew(current, MIGRATIONS.length);
    for (let version = current + 1; version <= MIGRATIONS.length; version += 1) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO directory_schema_version (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
