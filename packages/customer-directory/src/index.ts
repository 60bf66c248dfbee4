// The public API of @teams-endpoint/customer-directory. Everything a user may import is listed here by name;
// anything not listed is internal and may change without notice.

// The HTTP endpoints
export {
  type CustomerDirectoryHandler,
  type CustomerListResponse,
  type CustomerLookupResponse,
  createCustomerDirectoryHandler,
} from './customerDirectoryHandler';
export { deriveCustomerId } from './customerRecord';
// The repository port and its two implementations
export type { CustomerPage, CustomerRepository, ImportCustomersResult } from './customerRepository';
export {
  CustomerDirectoryError,
  type CustomerDirectoryErrorCode,
  type CustomerImportProblem,
} from './directoryError';
export type { CustomerDirectoryErrorBody, CustomerDirectoryErrorResponseCode } from './errorCodes';
export {
  CUSTOMERS_READ_SCOPE,
  type CustomerDirectoryAuthOptions,
  type CustomerDirectoryHandlerOptions,
  type CustomerDirectoryLogEvent,
} from './handlerOptions';
// CSV import
export { type ImportCustomersCsvOptions, importCustomersCsv } from './importCustomersCsv';
export type { ListCustomersOptions } from './listQuery';
export {
  createPostgresCustomerRepository,
  type PostgresCustomerRepositoryOptions,
} from './postgresCustomerRepository';
export {
  createSqliteCustomerRepository,
  type SqliteCustomerRepositoryOptions,
} from './sqliteCustomerRepository';
