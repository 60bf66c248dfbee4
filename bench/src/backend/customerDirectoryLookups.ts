import type { Customer } from '@teams-endpoint/core';
import type { CustomerRepository } from '@teams-endpoint/customer-directory';
import { collectGarbage } from '../stats';
import {
  customerOf,
  type FixtureTenant,
  fixtureTenants,
  phoneNumberOf,
  SEARCHED_PHONE_PREFIX,
  SEARCHED_SURNAME,
  seededRandom,
  UNMATCHED_SEARCH,
  unassignedPhoneNumber,
} from './customerFixture';
import {
  type DirectoryBackendName,
  foldForSearch,
  type OpenedDirectory,
  openPostgresDirectory,
  openSqliteDirectory,
} from './directoryBackends';
import { type Latency, summarizeLatency } from './latency';

/** The two sizes of directory compared: the budget is the lookup p99 of the second over the first's. */
export const DIRECTORY_SIZES = [10_000, 1_000_000] as const;
/** Customers per `importCustomers` call. */
export const IMPORT_BATCH = 1_000;
/**
 * In the larger directory, the last customers of the largest tenant go through `importCustomers` after the
 * bulk fill: the import's own rate at that size.
 */
export const IMPORTED_TAIL = 10_000;
/** Customers generated and bulk-inserted at a time (one transaction each). */
const BULK_CHUNK = 100_000;
/** Phone lookups per directory size: 60 % hits, 20 % unassigned numbers, 20 % another tenant's numbers. */
export const LOOKUPS: Readonly<Record<DirectoryBackendName, number>> = { SQLite: 5_000, PostgreSQL: 2_000 };
/** Timed samples of each paging and search operation, per size. */
export const PAGE_SAMPLES = {
  'page: first': 50,
  'page: next (cursor)': 100,
  [`search: "${SEARCHED_SURNAME}" (1 in 60)`]: 10,
  [`search: "${SEARCHED_PHONE_PREFIX}" (number prefix)`]: 5,
  // Seconds at 1,000,000: once.
  'search: no match (reads the whole tenant)': 1,
} as const;
export type DirectoryOperation =
  | 'lookup: hit'
  | 'lookup: unassigned number'
  | "lookup: another tenant's number"
  | keyof typeof PAGE_SAMPLES;

export interface DirectoryFill {
  readonly customers: number;
  /** Through `importCustomers`, in batches of `IMPORT_BATCH`. */
  readonly importedRows: number;
  readonly importMs: number;
  /** Through the bulk path (the repository's INSERT, without its checks). */
  readonly bulkRows: number;
  readonly bulkMs: number;
}

export interface DirectorySize {
  readonly customers: number;
  readonly fill: DirectoryFill;
  readonly operations: readonly { operation: DirectoryOperation; samples: number; latency: Latency }[];
  /** Over every phone lookup, whatever its kind. */
  readonly lookup: Latency;
}

export type DirectoryBackendResult =
  | { readonly backend: DirectoryBackendName; readonly skipped: string }
  | {
      readonly backend: DirectoryBackendName;
      readonly skipped?: undefined;
      readonly sizes: readonly [DirectorySize, DirectorySize];
      /** Phone lookups made, over both sizes. */
      readonly lookups: number;
      /** Lookups whose answer was not the expected customer (or null), and pages out of order or not matching. */
      readonly wrongAnswers: number;
      /** Answers that were a row of another tenant than the one asked. */
      readonly otherTenantRows: number;
      readonly durationMs: number;
    };

export interface CustomerDirectoryResult {
  readonly backends: readonly DirectoryBackendResult[];
}

/** Table 8: the customer directory on SQLite and on PostgreSQL, with 10,000 and 1,000,000 customers. */
export async function measureCustomerDirectory(): Promise<CustomerDirectoryResult> {
  const sqlite = await measureBackend('SQLite', openSqliteDirectory);
  collectGarbage();
  const postgres = await measureBackend('PostgreSQL', openPostgresDirectory);
  return { backends: [sqlite, postgres] };
}

interface LookupCase {
  readonly kind: 'lookup: hit' | 'lookup: unassigned number' | "lookup: another tenant's number";
  readonly tenant: FixtureTenant;
  readonly phoneNumber: string;
  readonly expected: Customer | null;
}

async function measureBackend(
  backend: DirectoryBackendName,
  open: () => Promise<OpenedDirectory | { skip: string }>,
): Promise<DirectoryBackendResult> {
  const startedAt = performance.now();
  const opened: OpenedDirectory[] = [];
  try {
    while (opened.length < DIRECTORY_SIZES.length) {
      const directory = await open();
      if ('skip' in directory) return { backend, skipped: directory.skip };
      opened.push(directory);
    }
    const fills: DirectoryFill[] = [];
    for (const [index, customers] of DIRECTORY_SIZES.entries()) {
      fills.push(await fill(opened[index]!, customers, index > 0));
    }
    collectGarbage();
    const checks = { wrongAnswers: 0, otherTenantRows: 0 };
    const repositories = opened.map((directory) => directory.repository);
    const lookups = await measureLookups(repositories, LOOKUPS[backend], checks);
    const pages = await measurePages(repositories, checks);
    const sizes = DIRECTORY_SIZES.map((customers, index) => ({
      customers,
      fill: fills[index]!,
      operations: [...lookups.operations[index]!, ...pages[index]!],
      lookup: lookups.all[index]!,
    }));
    return {
      backend,
      sizes: [sizes[0]!, sizes[1]!],
      lookups: LOOKUPS[backend] * DIRECTORY_SIZES.length,
      ...checks,
      durationMs: performance.now() - startedAt,
    };
  } finally {
    for (const directory of opened) await directory.close();
  }
}

/**
 * The smaller directory entirely through `importCustomers`. The larger one through the bulk path, but for
 * the last `IMPORTED_TAIL` customers of its largest tenant, which go through `importCustomers` too.
 */
async function fill(directory: OpenedDirectory, customers: number, bulk: boolean): Promise<DirectoryFill> {
  const tenants = fixtureTenants(customers);
  /** Each tenant's customers from this index on go through `importCustomers`. */
  const importedFrom = tenants.map((tenant, position) =>
    !bulk ? 0 : position === 0 ? tenant.customers - IMPORTED_TAIL : tenant.customers,
  );
  let bulkRows = 0;
  let began = performance.now();
  for (const [position, tenant] of tenants.entries()) {
    for (let start = 0; start < importedFrom[position]!; start += BULK_CHUNK) {
      const rows = customersOf(tenant, start, Math.min(start + BULK_CHUNK, importedFrom[position]!));
      await directory.bulkInsert(tenant.tenantId, rows);
      bulkRows += rows.length;
    }
  }
  if (bulkRows > 0) await directory.analyze();
  const bulkMs = performance.now() - began;

  let importedRows = 0;
  let importMs = 0;
  for (const [position, tenant] of tenants.entries()) {
    for (let start = importedFrom[position]!; start < tenant.customers; start += IMPORT_BATCH) {
      const rows = customersOf(tenant, start, Math.min(start + IMPORT_BATCH, tenant.customers));
      began = performance.now();
      const result = await directory.repository.importCustomers(tenant.tenantId, rows);
      importMs += performance.now() - began;
      if (result.created !== rows.length) {
        throw new Error(`importCustomers created ${result.created} of ${rows.length} new customers.`);
      }
      importedRows += rows.length;
    }
  }
  return { customers, importedRows, importMs, bulkRows, bulkMs };
}

function customersOf(tenant: FixtureTenant, start: number, end: number): Customer[] {
  return Array.from({ length: end - start }, (_, offset) => customerOf(tenant, start + offset));
}

/** The lookups of one size: the same mix, drawn with the same seed, scaled to its tenants. */
function lookupCases(customers: number, count: number): LookupCase[] {
  const random = seededRandom(20_261_201);
  const [largest, ...smaller] = fixtureTenants(customers);
  return Array.from({ length: count }, (_, index): LookupCase => {
    const draw = index % 10;
    if (draw < 6) {
      // Hits: four in five at the largest tenant; the others at a smaller one, whose numbers the largest has too.
      const tenant = draw < 5 ? largest! : smaller[random(smaller.length)]!;
      const customer = customerOf(tenant, random(tenant.customers));
      return { kind: 'lookup: hit', tenant, phoneNumber: customer.phoneNumber, expected: customer };
    }
    if (draw < 8) {
      const tenant = draw === 6 ? largest! : smaller[random(smaller.length)]!;
      return {
        kind: 'lookup: unassigned number',
        tenant,
        phoneNumber: unassignedPhoneNumber(random(tenant.customers), random(1_000)),
        expected: null,
      };
    }
    // A number only the largest tenant has, asked at a smaller one.
    const tenant = smaller[random(smaller.length)]!;
    return {
      kind: "lookup: another tenant's number",
      tenant,
      phoneNumber: phoneNumberOf(tenant.customers + random(largest!.customers - tenant.customers)),
      expected: null,
    };
  });
}

const sameCustomer = (a: Customer | null, b: Customer | null) =>
  a === null || b === null
    ? a === b
    : a.id === b.id && a.name === b.name && a.phoneNumber === b.phoneNumber && a.company === b.company;

/** The sizes' lookups alternate, one by one, so that both see the same moments of a busy machine. */
async function measureLookups(
  repositories: readonly CustomerRepository[],
  count: number,
  checks: { wrongAnswers: number; otherTenantRows: number },
) {
  const cases = DIRECTORY_SIZES.map((customers) => lookupCases(customers, count));
  const durations = DIRECTORY_SIZES.map(() => new Map<LookupCase['kind'], number[]>());
  const all = DIRECTORY_SIZES.map(() => [] as number[]);
  // Warm-up: statements prepared, the first pages read.
  for (const [size, repository] of repositories.entries()) {
    for (const lookup of cases[size]!.slice(0, 100)) {
      await repository.findByPhoneNumber(lookup.tenant.tenantId, lookup.phoneNumber);
    }
  }
  for (let index = 0; index < count; index += 1) {
    for (const [size, repository] of repositories.entries()) {
      const lookup = cases[size]![index]!;
      const began = performance.now();
      const found = await repository.findByPhoneNumber(lookup.tenant.tenantId, lookup.phoneNumber);
      const duration = performance.now() - began;
      all[size]!.push(duration);
      const ofKind = durations[size]!.get(lookup.kind) ?? [];
      ofKind.push(duration);
      durations[size]!.set(lookup.kind, ofKind);
      if (!sameCustomer(found, lookup.expected)) checks.wrongAnswers += 1;
      if (found !== null && !found.id.startsWith(`${lookup.tenant.idPrefix}-`)) checks.otherTenantRows += 1;
    }
  }
  return {
    all: all.map((values) => summarizeLatency(values)),
    operations: durations.map((byKind) =>
      [...byKind].map(([operation, values]) => ({
        operation: operation as DirectoryOperation,
        samples: values.length,
        latency: summarizeLatency(values),
      })),
    ),
  };
}

/** Pages and searches at the largest tenant, each checked: in order, and only matching customers. */
async function measurePages(
  repositories: readonly CustomerRepository[],
  checks: { wrongAnswers: number; otherTenantRows: number },
) {
  const largest = DIRECTORY_SIZES.map((customers) => fixtureTenants(customers)[0]!);
  const cursors = DIRECTORY_SIZES.map((): string | null | undefined => undefined);
  const lastKeys = DIRECTORY_SIZES.map(() => '');
  const operations = DIRECTORY_SIZES.map(
    () => [] as { operation: DirectoryOperation; samples: number; latency: Latency }[],
  );
  const orderKey = (customer: Customer) => `${foldForSearch(customer.name)}\u0000${customer.id}`;

  const run = async (
    operation: keyof typeof PAGE_SAMPLES,
    page: (size: number) => { search?: string; cursor?: string },
    matches: (customer: Customer) => boolean,
    expectFull: boolean,
  ) => {
    const durations = DIRECTORY_SIZES.map(() => [] as number[]);
    for (let sample = 0; sample < PAGE_SAMPLES[operation]; sample += 1) {
      for (const [size, repository] of repositories.entries()) {
        const options = page(size);
        const began = performance.now();
        const result = await repository.listCustomers(largest[size]!.tenantId, options);
        durations[size]!.push(performance.now() - began);
        let previous = options.cursor === undefined ? '' : lastKeys[size]!;
        for (const customer of result.customers) {
          if (!matches(customer) || orderKey(customer) <= previous) checks.wrongAnswers += 1;
          if (!customer.id.startsWith(`${largest[size]!.idPrefix}-`)) checks.otherTenantRows += 1;
          previous = orderKey(customer);
        }
        if (expectFull !== (result.customers.length > 0 && result.nextCursor !== null))
          checks.wrongAnswers += 1;
        lastKeys[size] = previous;
        cursors[size] = result.nextCursor;
      }
    }
    for (const [size, values] of durations.entries()) {
      operations[size]!.push({ operation, samples: values.length, latency: summarizeLatency(values) });
    }
  };

  await run(
    'page: first',
    () => ({}),
    () => true,
    true,
  );
  // Walks the pages from the first one: each page follows the last one's cursor.
  cursors.fill(undefined);
  await run(
    'page: next (cursor)',
    (size) => ({ ...(cursors[size] ? { cursor: cursors[size]! } : {}) }),
    () => true,
    true,
  );
  await run(
    `search: "${SEARCHED_SURNAME}" (1 in 60)`,
    () => ({ search: SEARCHED_SURNAME }),
    (customer) => customer.name.endsWith(` ${SEARCHED_SURNAME}`),
    true,
  );
  await run(
    `search: "${SEARCHED_PHONE_PREFIX}" (number prefix)`,
    () => ({ search: SEARCHED_PHONE_PREFIX }),
    (customer) => customer.phoneNumber.startsWith(SEARCHED_PHONE_PREFIX),
    true,
  );
  await run(
    'search: no match (reads the whole tenant)',
    () => ({ search: UNMATCHED_SEARCH }),
    () => false,
    false,
  );
  return operations;
}
