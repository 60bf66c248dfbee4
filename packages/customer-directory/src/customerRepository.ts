import type { Customer } from '@teams-endpoint/core';
import type { ListCustomersOptions } from './listQuery';

/** One page of customers, in (case-folded name, id) order. */
export interface CustomerPage {
  readonly customers: readonly Customer[];
  /** Pass it as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** What an import did. `created + updated === imported`. */
export interface ImportCustomersResult {
  readonly imported: number;
  /** Customers whose id was new to the tenant. */
  readonly created: number;
  /** Customers whose id the tenant had: replaced by the row. */
  readonly updated: number;
}

/**
 * The customers of every tenant, each method scoped to one tenant: there is no method without a `tenantId`,
 * and no query reads another tenant's rows. In the HTTP handler the tenant is always the validated token's
 * `tid`. Every method rejects only with a `CustomerDirectoryError`.
 *
 * Implementations: {@link createSqliteCustomerRepository} (one file, the embedded default) and
 * {@link createPostgresCustomerRepository} (to scale out). One contract test suite runs against both.
 */
export interface CustomerRepository {
  /**
   * A page of the tenant's customers, ordered by case-folded name, then id (keyset paging: stable while rows
   * are added or removed between pages; a row present throughout is never skipped or repeated).
   *
   * @throws `invalid_tenant_id`, `invalid_search`, `invalid_limit`, `invalid_cursor` (malformed, or issued
   * for another tenant or another search) before any query; `directory_unavailable`.
   */
  listCustomers(tenantId: string, options?: ListCustomersOptions): Promise<CustomerPage>;

  /**
   * The tenant's customer with this E.164 number, or `null`: caller id for an inbound PSTN call.
   *
   * @throws `invalid_phone_number` for anything but E.164 (normalize with the core's `parsePhoneNumber`).
   */
  findByPhoneNumber(tenantId: string, phoneNumber: string): Promise<Customer | null>;

  /**
   * Upserts by (tenant, id), in one transaction: a row whose id the tenant has replaces that customer, any
   * other row adds one. A phone number belongs to at most one customer of a tenant, so the rows' ids and
   * numbers must be unique, and a number may not belong to one of the tenant's customers outside the rows
   * (customers in the rows may swap numbers). Otherwise nothing is imported.
   *
   * Names and companies are cleaned as remote text (control characters removed, whitespace collapsed).
   *
   * @throws `invalid_customers` with `problems` (rows numbered from 1; reason `taken` when a number belongs to
   * another customer); `invalid_tenant_id`; `directory_unavailable`.
   */
  importCustomers(tenantId: string, customers: readonly Customer[]): Promise<ImportCustomersResult>;

  /** Removes the tenant's customers with these ids; ids it does not have are ignored. Resolves with how many went. */
  deleteCustomers(tenantId: string, ids: readonly string[]): Promise<number>;

  /** Closes the database (or the pool this repository created). Calls after it reject with `directory_unavailable`. */
  close(): Promise<void>;
}
