/** Stable machine-readable codes of {@link CustomerDirectoryError}. Never renamed once released. */
export type CustomerDirectoryErrorCode =
  /** The tenant id is not a GUID. */
  | 'invalid_tenant_id'
  /** The search text has control characters or is longer than 100 characters. */
  | 'invalid_search'
  /** The cursor is malformed, or was issued for another tenant or another search. */
  | 'invalid_cursor'
  /** The limit is not a whole number from 1 to 100. */
  | 'invalid_limit'
  /** The phone number is not in E.164 form (repository) or cannot be normalized to it (CSV). */
  | 'invalid_phone_number'
  /** Customers given to `importCustomers` or `deleteCustomers` failed validation: see `problems`. */
  | 'invalid_customers'
  /** The CSV text is not a valid customer file: see `problems`. */
  | 'invalid_csv'
  /** The database failed, timed out, was closed, or has a schema newer than this package. */
  | 'directory_unavailable';

/** What is wrong with one row of an import. */
export interface CustomerImportProblem {
  /** 1-based: the position in the rows given to `importCustomers`, or the CSV row (the header is row 1). */
  readonly row: number;
  /** The column at fault, when there is one. */
  readonly field?: 'id' | 'name' | 'phoneNumber' | 'company';
  /** Machine-readable: `missing`, `too_long`, `too_short`, `letters`, `duplicate`, `taken`, … */
  readonly reason: string;
  /** For a person; never repeats the row's values, so that it can be logged. */
  readonly message: string;
}

/**
 * The one error type the repositories, the CSV import and the CLI reject with. Its `message` never contains a
 * customer's phone number or a database's own message (which can quote the values of a row).
 *
 * @example
 * ```ts
 * try {
 *   await importCustomersCsv(repository, tenantId, csvText);
 * } catch (error) {
 *   if (error instanceof CustomerDirectoryError && error.code === 'invalid_csv') {
 *     for (const problem of error.problems) console.error(`row ${problem.row}: ${problem.message}`);
 *   }
 * }
 * ```
 */
export class CustomerDirectoryError extends Error {
  override readonly name = 'CustomerDirectoryError';
  readonly code: CustomerDirectoryErrorCode;
  /** A short machine-readable detail for a log, such as `too_long`, `SQLITE_BUSY` or `pg_57014`. */
  readonly reason: string;
  /** For `invalid_customers` and `invalid_csv`: every problem found, in row order. Otherwise empty. */
  readonly problems: readonly CustomerImportProblem[];

  constructor(
    code: CustomerDirectoryErrorCode,
    message: string,
    options: { reason?: string; problems?: readonly CustomerImportProblem[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = options.reason ?? code;
    this.problems = Object.freeze([...(options.problems ?? [])]);
  }
}

/**
 * Wraps a database failure. Only the driver's error code goes into `reason` (SQLite's `SQLITE_BUSY`,
 * PostgreSQL's SQLSTATE as `pg_57014`): their messages can quote a row's values, a phone number included.
 */
export function unavailable(what: string, cause: unknown, reason?: string): CustomerDirectoryError {
  if (cause instanceof CustomerDirectoryError) return cause;
  return new CustomerDirectoryError('directory_unavailable', `The customer directory could not ${what}.`, {
    reason: reason ?? driverErrorCode(cause),
    cause,
  });
}

const ERROR_CODE = /^[A-Za-z0-9_]{1,40}$/;

function driverErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !ERROR_CODE.test(code)) return 'database_error';
  // PostgreSQL's SQLSTATEs are five characters of digits and capitals; SQLite's codes start with SQLITE_.
  return /^[0-9A-Z]{5}$/.test(code) ? `pg_${code}` : code;
}

/** The database was migrated by a newer release of this package: refuse to start rather than guess. */
export function schemaTooNew(found: number, known: number): CustomerDirectoryError {
  return new CustomerDirectoryError(
    'directory_unavailable',
    `The database has schema version ${found}, newer than this package's ${known}: upgrade @teams-endpoint/customer-directory.`,
    { reason: 'schema_too_new' },
  );
}
