import pg, { type Pool, type PoolConfig, type QueryConfig, type QueryResultRow } from 'pg';
import {
  checkCustomerIds,
  checkCustomers,
  resolveE164,
  resolveTenantId,
  type StoredCustomer,
  takenError,
  takenProblem,
  toCustomer,
} from './customerRecord';
import type { CustomerRepository } from './customerRepository';
import { CustomerDirectoryError, type CustomerImportProblem, unavailable } from './directoryError';
import { type PageRow, pageOf, type ResolvedListQuery, resolveListQuery } from './listQuery';
import { migratePostgres } from './postgresSchema';

export type PostgresCustomerRepositoryOptions = (
  | {
      /** `postgres://user:password@host:5432/database`. Keep it secret: it is never logged or echoed. */
      connectionString: string;
      /** More options of the pool this repository creates and `close()` ends, such as `max` or `ssl`. */
      poolOptions?: Omit<PoolConfig, 'connectionString'>;
      pool?: never;
    }
  | {
      /**
       * A pool of yours, which `close()` leaves open. Give it `statement_timeout` and an `'error'` listener
       * yourself: this repository bounds each query only on the client side (`query_timeout`).
       */
      pool: Pool;
      connectionString?: never;
      poolOptions?: never;
    }
) & {
  /** The longest a query may run, server side (`statement_timeout`), in ms. Default 5000. */
  statementTimeoutMs?: number;
  /** The longest wait for a connection, a new one or a free one from the pool, in ms. Default 5000. */
  connectionTimeoutMs?: number;
  /** The longest the migrations may take at start, the wait for another instance's included, in ms. Default 60 000. */
  migrationTimeoutMs?: number;
  /**
   * Told when an idle connection of the pool this repository created fails (the server restarted, say). The
   * pool drops that connection and opens a new one when needed. Without a listener, `pg` would crash the
   * process: the error is an `'error'` event. Default: ignored.
   */
  onPoolError?: (error: Error) => void;
};

const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_MIGRATION_TIMEOUT_MS = 60_000;
/** The client gives the server this long past `statement_timeout` to report its own cancel. */
const CLIENT_TIMEOUT_GRACE_MS = 1_000;
/** Rows per statement of an import: arrays, so one parameter per column whatever the count. */
const IMPORT_CHUNK = 1_000;

const COLUMNS = 'id, name, name_key, phone_number, company';

/**
 * The paging statement's four shapes: with or without a cursor, with or without a search. Placeholders are
 * numbered in the order of {@link listValues}, with none unused: PostgreSQL cannot type a parameter that
 * the statement does not mention.
 */
function listStatement(withCursor: boolean, withSearch: boolean): string {
  const search = withCursor ? 5 : 3;
  return `SELECT ${COLUMNS} FROM directory_customers
    WHERE tenant_id = $1
    ${withCursor ? 'AND (name_key, id) > ($3::text, $4::text)' : ''}
    ${
      withSearch
        ? `AND (name_key LIKE $${search}::text ESCAPE '\\' OR company_key LIKE $${search}::text ESCAPE '\\'
             OR phone_number LIKE $${search + 1}::text ESCAPE '\\')`
        : ''
    }
    ORDER BY name_key, id
    LIMIT $2`;
}

/** The SQL of every statement, for the tests that check the plans use the indexes. */
export const POSTGRES_STATEMENTS = {
  list: (withCursor: boolean, withSearch: boolean) => listStatement(withCursor, withSearch),
  findByPhoneNumber:
    'SELECT id, name, phone_number, company FROM directory_customers WHERE tenant_id = $1 AND phone_number = $2',
} as const;

/**
 * PostgreSQL, to scale out: a `pg` pool, parameterized queries only (the hot ones as named prepared
 * statements), the same schema as SQLite, migrated once at start under an advisory lock, so that instances
 * starting together are safe. Every wait is bounded: connecting, waiting for a free connection, each query.
 *
 * @example
 * ```ts
 * const repository = await createPostgresCustomerRepository({
 *   connectionString: process.env.DATABASE_URL!,
 *   poolOptions: { max: 20 },
 * });
 * ```
 */
export async function createPostgresCustomerRepository(
  options: PostgresCustomerRepositoryOptions,
): Promise<CustomerRepository> {
  const statementTimeoutMs = milliseconds(
    options.statementTimeoutMs,
    DEFAULT_STATEMENT_TIMEOUT_MS,
    'statementTimeoutMs',
  );
  const connectionTimeoutMs = milliseconds(
    options.connectionTimeoutMs,
    DEFAULT_CONNECTION_TIMEOUT_MS,
    'connectionTimeoutMs',
  );
  const migrationTimeoutMs = milliseconds(
    options.migrationTimeoutMs,
    DEFAULT_MIGRATION_TIMEOUT_MS,
    'migrationTimeoutMs',
  );
  const queryTimeoutMs = statementTimeoutMs + CLIENT_TIMEOUT_GRACE_MS;

  const ownsPool = options.pool === undefined;
  let pool: Pool;
  if (options.pool !== undefined) {
    pool = options.pool;
  } else {
    if (typeof options.connectionString !== 'string' || options.connectionString === '') {
      throw new TypeError('Pass either connectionString (a postgres:// URL) or pool.');
    }
    pool = new pg.Pool({
      ...options.poolOptions,
      connectionString: options.connectionString,
      connectionTimeoutMillis: connectionTimeoutMs,
      statement_timeout: statementTimeoutMs,
      query_timeout: queryTimeoutMs,
      // A transaction left open by a bug must not hold its locks forever.
      idle_in_transaction_session_timeout: Math.max(statementTimeoutMs * 2, 10_000),
      application_name: options.poolOptions?.application_name ?? 'teams-endpoint-customer-directory',
    });
    const onPoolError = options.onPoolError;
    pool.on('error', (error) => {
      try {
        onPoolError?.(error);
      } catch {
        // A listener that throws must not crash the process either.
      }
    });
  }

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => {});
    throw unavailable('connect to PostgreSQL', error, describePgError(error));
  }
  try {
    await migratePostgres(client, migrationTimeoutMs);
  } catch (error) {
    // A connection whose migration failed may be mid-transaction: destroy it rather than reuse it. Released
    // before the pool ends, which waits for every connection it lent.
    client.release(error instanceof Error ? error : true);
    if (ownsPool) await pool.end().catch(() => {});
    throw unavailable('migrate its PostgreSQL schema', error, describePgError(error));
  }
  client.release();

  let closed = false;
  const query = async <Row extends QueryResultRow>(what: string, config: QueryConfig): Promise<Row[]> => {
    checkOpen(closed);
    try {
      return (await pool.query<Row>({ ...config, query_timeout: queryTimeoutMs } as QueryConfig)).rows;
    } catch (error) {
      throw unavailable(what, error, describePgError(error));
    }
  };

  /** Runs `work` in one transaction on one connection; any failure rolls it back. */
  const transaction = async <T>(what: string, work: (run: typeof query) => Promise<T>): Promise<T> => {
    checkOpen(closed);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailable(what, error, describePgError(error));
    }
    const run = async <Row extends QueryResultRow>(step: string, config: QueryConfig): Promise<Row[]> => {
      try {
        return (await client.query<Row>({ ...config, query_timeout: queryTimeoutMs } as QueryConfig)).rows;
      } catch (error) {
        throw unavailable(step, error, describePgError(error));
      }
    };
    let broken: Error | undefined;
    try {
      await run(what, { text: 'BEGIN' });
      if (!ownsPool) {
        await run(what, {
          text: "SELECT set_config('statement_timeout', $1, true)",
          values: [String(statementTimeoutMs)],
        });
      }
      const result = await work(run);
      await run(what, { text: 'COMMIT' });
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  };

  return {
    async listCustomers(tenantId, listOptions) {
      const resolved = resolveListQuery(tenantId, listOptions);
      const withCursor = resolved.after !== undefined;
      const withSearch = resolved.search !== undefined;
      const rows = await query<PageRow>('list customers', {
        name: `directory_list_${withCursor ? 'after' : 'first'}_${withSearch ? 'search' : 'all'}`,
        text: listStatement(withCursor, withSearch),
        values: listValues(resolved),
      });
      return pageOf(rows, resolved);
    },

    async findByPhoneNumber(tenantId, phoneNumber) {
      const tenant = resolveTenantId(tenantId);
      const e164 = resolveE164(phoneNumber);
      const rows = await query<PageRow>('look up the phone number', {
        name: 'directory_find_by_phone_number',
        text: POSTGRES_STATEMENTS.findByPhoneNumber,
        values: [tenant, e164],
      });
      return rows[0] === undefined ? null : toCustomer(rows[0]);
    },

    async importCustomers(tenantId, customers) {
      const tenant = resolveTenantId(tenantId);
      const rows = checkCustomers(customers);
      return transaction('import the customers', (run) => importRows(run, tenant, rows));
    },

    async deleteCustomers(tenantId, ids) {
      const tenant = resolveTenantId(tenantId);
      const unique = checkCustomerIds(ids);
      return transaction('delete the customers', async (run) => {
        let deleted = 0;
        for (const chunk of chunks(unique)) {
          const removed = await run<{ id: string }>('delete the customers', {
            text: 'DELETE FROM directory_customers WHERE tenant_id = $1 AND id = ANY($2::text[]) RETURNING id',
            values: [tenant, chunk],
          });
          deleted += removed.length;
        }
        return deleted;
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end().catch(() => {});
    },
  };
}

type Run = <Row extends QueryResultRow>(step: string, config: QueryConfig) => Promise<Row[]>;

async function importRows(run: Run, tenantId: string, rows: readonly StoredCustomer[]) {
  const ids = new Set(rows.map((row) => row.id));
  const rowOfPhoneNumber = new Map(rows.map((row, index) => [row.phoneNumber, index + 1]));

  const problems: CustomerImportProblem[] = [];
  let updated = 0;
  for (const chunk of chunks(rows)) {
    const holders = await run<{ id: string; phone_number: string }>('import the customers', {
      text: 'SELECT id, phone_number FROM directory_customers WHERE tenant_id = $1 AND phone_number = ANY($2::text[])',
      values: [tenantId, chunk.map((row) => row.phoneNumber)],
    });
    for (const holder of holders) {
      if (!ids.has(holder.id)) problems.push(takenProblem(rowOfPhoneNumber.get(holder.phone_number)!));
    }
  }
  if (problems.length > 0) throw takenError(problems.sort((a, b) => a.row - b.row));

  for (const chunk of chunks(rows)) {
    const removed = await run<{ id: string }>('import the customers', {
      text: 'DELETE FROM directory_customers WHERE tenant_id = $1 AND id = ANY($2::text[]) RETURNING id',
      values: [tenantId, chunk.map((row) => row.id)],
    });
    updated += removed.length;
  }
  for (const chunk of chunks(rows)) {
    await run('import the customers', {
      text: `INSERT INTO directory_customers (tenant_id, id, name, name_key, phone_number, company, company_key)
             SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      values: [
        tenantId,
        chunk.map((row) => row.id),
        chunk.map((row) => row.name),
        chunk.map((row) => row.nameKey),
        chunk.map((row) => row.phoneNumber),
        chunk.map((row) => row.company),
        chunk.map((row) => row.companyKey),
      ],
    });
  }
  return { imported: rows.length, created: rows.length - updated, updated };
}

function listValues({ tenantId, limit, after, search }: ResolvedListQuery): unknown[] {
  return [
    tenantId,
    limit + 1,
    ...(after === undefined ? [] : [after.nameKey, after.id]),
    ...(search === undefined ? [] : [search.textPattern, search.phonePattern]),
  ];
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += IMPORT_CHUNK) {
    yield items.slice(start, start + IMPORT_CHUNK);
  }
}

function checkOpen(closed: boolean): void {
  if (closed) {
    throw new CustomerDirectoryError('directory_unavailable', 'The customer directory is closed.', {
      reason: 'closed',
    });
  }
}

/** `pg`'s own timeouts are plain errors without a code: named here, for the log. */
function describePgError(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  if (message === 'Query read timeout') return 'query_timeout';
  if (message.startsWith('timeout exceeded when trying to connect')) return 'connection_timeout';
  if (message === 'Connection terminated due to connection timeout') return 'connection_timeout';
  return undefined;
}

function milliseconds(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1 || resolved > 600_000) {
    throw new TypeError(`${name} must be a whole number of milliseconds, from 1 to 600 000.`);
  }
  return resolved;
}
