import type { Database } from 'better-sqlite3';
import { schemaTooNew } from './directoryError';

/**
 * The schema, one step per version, never edited once released: a new version is a new step. Keys are
 * compared byte by byte (BINARY), as PostgreSQL's `COLLATE "C"` does, so that both order pages alike.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE directory_customers (
     tenant_id TEXT NOT NULL,
     id TEXT NOT NULL,
     name TEXT NOT NULL,
     name_key TEXT NOT NULL,
     phone_number TEXT NOT NULL,
     company TEXT,
     company_key TEXT,
     PRIMARY KEY (tenant_id, id)
   ) STRICT;
   -- Caller id: one index seek per lookup, and one customer per number in a tenant.
   CREATE UNIQUE INDEX directory_customers_by_phone_number ON directory_customers (tenant_id, phone_number);
   -- Keyset paging: a range scan in page order from the cursor's position.
   CREATE INDEX directory_customers_by_name ON directory_customers (tenant_id, name_key, id);`,
];

/**
 * Brings the file to the current schema, in one IMMEDIATE transaction so that two processes opening a new
 * file at once migrate it once. A file already at the current version is only read.
 */
export function migrateSqlite(db: Database): void {
  db.transaction(() => {
    const hasVersionTable = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'directory_schema_version'")
      .get();
    if (hasVersionTable === undefined) {
      db.exec(
        'CREATE TABLE directory_schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT',
      );
    }
    const { current } = db
      .prepare('SELECT coalesce(max(version), 0) AS current FROM directory_schema_version')
      .get() as { current: number };
    if (current > MIGRATIONS.length) throw schemaTooNew(current, MIGRATIONS.length);
    const recordVersion = db.prepare(
      'INSERT INTO directory_schema_version (version, applied_at) VALUES (?, ?)',
    );
    for (let version = current + 1; version <= MIGRATIONS.length; version += 1) {
      db.exec(MIGRATIONS[version - 1]!);
      recordVersion.run(version, new Date().toISOString());
    }
  }).immediate();
}
