import Database from 'better-sqlite3';
import {
  checkCustomerIds,
  checkCustomers,
  resolveE164,
  resolveTenantId,
  takenError,
  takenProblem,
  toCustomer,
} from './customerRecord';
import type { CustomerRepository } from './customerRepository';
import { CustomerDirectoryError, type CustomerImportProblem, unavailable } from './directoryError';
import { type PageRow, pageOf, type ResolvedListQuery, resolveListQuery } from './listQuery';
import { migrateSqlite } from './sqliteSchema';

export interface SqliteCustomerRepositoryOptions {
  /** The database file; created, with its schema, on first start. Its folder must exist. */
  filename: string;
  /** How long a write waits for another process's write to finish, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** The paging statement's four shapes: with or without a cursor, with or without a search. */
function listStatement(withCursor: boolean, withSearch: boolean): string {
  return `SELECT id, name, name_key, phone_number, company FROM directory_customers
    WHERE tenant_id = @tenantId
    ${withCursor ? 'AND (name_key, id) > (@afterNameKey, @afterId)' : ''}
    ${
      withSearch
        ? `AND (name_key LIKE @textPattern ESCAPE '\\' OR company_key LIKE @textPattern ESCAPE '\\'
             OR phone_number LIKE @phonePattern ESCAPE '\\')`
        : ''
    }
    ORDER BY name_key, id
    LIMIT @limit`;
}

/** The SQL of every statement, for the tests that check the plans use the indexes. */
export const SQLITE_STATEMENTS = {
  list: (withCursor: boolean, withSearch: boolean) => listStatement(withCursor, withSearch),
  findByPhoneNumber:
    'SELECT id, name, phone_number, company FROM directory_customers WHERE tenant_id = ? AND phone_number = ?',
} as const;

/**
 * The embedded default: one SQLite file (WAL), created and migrated on first start, with prepared statements
 * only. better-sqlite3 is synchronous, so each call holds the event loop for its query: fine for the
 * point lookups and 100-row pages this serves (microseconds), and the reason imports are one transaction.
 *
 * @example
 * ```ts
 * const repository = await createSqliteCustomerRepository({ filename: './customers.db' });
 * await repository.findByPhoneNumber(tenantId, '+14255550101');
 * ```
 */
export async function createSqliteCustomerRepository(
  options: SqliteCustomerRepositoryOptions,
): Promise<CustomerRepository> {
  const { filename, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS } = options;
  if (typeof filename !== 'string' || filename === '') {
    throw new TypeError('filename must be the path of the SQLite database file.');
  }
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0 || busyTimeoutMs > 600_000) {
    throw new TypeError('busyTimeoutMs must be a whole number of milliseconds, from 0 to 600 000.');
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(filename, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL never corrupts the file; a power cut may lose the last commits, which an import repeats.
    db.pragma('synchronous = NORMAL');
    migrateSqlite(db);
  } catch (error) {
    db?.close();
    throw unavailable('open its SQLite database', error);
  }
  const database = db;

  const listStatements = new Map<string, Database.Statement>(
    [false, true].flatMap((withCursor) =>
      [false, true].map((withSearch) => [
        `${withCursor}/${withSearch}`,
        database.prepare(listStatement(withCursor, withSearch)),
      ]),
    ),
  );
  const findByPhoneNumber = database.prepare(SQLITE_STATEMENTS.findByPhoneNumber);
  const findIdByPhoneNumber = database.prepare(
    'SELECT id FROM directory_customers WHERE tenant_id = ? AND phone_number = ?',
  );
  const hasId = database.prepare('SELECT 1 FROM directory_customers WHERE tenant_id = ? AND id = ?');
  const deleteById = database.prepare('DELETE FROM directory_customers WHERE tenant_id = ? AND id = ?');
  const insert = database.prepare(
    `INSERT INTO directory_customers (tenant_id, id, name, name_key, phone_number, company, company_key)
     VALUES (@tenantId, @id, @name, @nameKey, @phoneNumber, @company, @companyKey)`,
  );

  const importRows = database.transaction((tenantId: string, rows: ReturnType<typeof checkCustomers>) => {
    const ids = new Set(rows.map((row) => row.id));
    const problems: CustomerImportProblem[] = [];
    rows.forEach((row, index) => {
      const holder = findIdByPhoneNumber.get(tenantId, row.phoneNumber) as { id: string } | undefined;
      if (holder !== undefined && !ids.has(holder.id)) problems.push(takenProblem(index + 1));
    });
    if (problems.length > 0) throw takenError(problems);
    let updated = 0;
    for (const row of rows) {
      if (hasId.get(tenantId, row.id) !== undefined) updated += 1;
      deleteById.run(tenantId, row.id);
    }
    for (const row of rows) insert.run({ tenantId, ...row });
    return { imported: rows.length, created: rows.length - updated, updated };
  });
  const deleteRows = database.transaction((tenantId: string, ids: readonly string[]) =>
    ids.reduce((deleted, id) => deleted + deleteById.run(tenantId, id).changes, 0),
  );

  let closed = false;
  /** Runs one synchronous database call, with every failure as a `CustomerDirectoryError`. */
  const run = <T>(what: string, call: () => T): T => {
    if (closed) {
      throw new CustomerDirectoryError('directory_unavailable', 'The customer directory is closed.', {
        reason: 'closed',
      });
    }
    try {
      return call();
    } catch (error) {
      throw unavailable(what, error);
    }
  };

  return {
    async listCustomers(tenantId, listOptions) {
      const query = resolveListQuery(tenantId, listOptions);
      const rows = run('list customers', () =>
        listStatements.get(statementKey(query))!.all(parameters(query)),
      );
      return pageOf(rows as PageRow[], query);
    },

    async findByPhoneNumber(tenantId, phoneNumber) {
      const tenant = resolveTenantId(tenantId);
      const e164 = resolveE164(phoneNumber);
      const row = run('look up the phone number', () => findByPhoneNumber.get(tenant, e164));
      return row === undefined ? null : toCustomer(row as Parameters<typeof toCustomer>[0]);
    },

    async importCustomers(tenantId, customers) {
      const tenant = resolveTenantId(tenantId);
      const rows = checkCustomers(customers);
      return run('import the customers', () => importRows.immediate(tenant, rows));
    },

    async deleteCustomers(tenantId, ids) {
      const tenant = resolveTenantId(tenantId);
      const unique = checkCustomerIds(ids);
      return run('delete the customers', () => deleteRows.immediate(tenant, unique));
    },

    async close() {
      if (closed) return;
      closed = true;
      database.close();
    },
  };
}

function statementKey({ after, search }: ResolvedListQuery): string {
  return `${after !== undefined}/${search !== undefined}`;
}

function parameters({ tenantId, after, search, limit }: ResolvedListQuery): Record<string, unknown> {
  return {
    tenantId,
    limit: limit + 1,
    ...(after === undefined ? {} : { afterNameKey: after.nameKey, afterId: after.id }),
    ...(search === undefined ? {} : { textPattern: search.textPattern, phonePattern: search.phonePattern }),
  };
}
