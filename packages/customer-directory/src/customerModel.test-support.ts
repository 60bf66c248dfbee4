import type { Customer } from '@teams-endpoint/core';
import { FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID } from '@teams-endpoint/testing/server';
import fc from 'fast-check';
import { foldForSearch } from './customerRecord';

/** A third customer of Contoso's, beside the testing kit's Fabrikam and Northwind. */
export const WOODGROVE_TENANT_ID = '3c9d4f2a-6b1e-4a7c-9d8e-2f0a1b3c4d5e';
export const TENANTS = [FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID, WOODGROVE_TENANT_ID] as const;

/** UTF-8 byte order, which is how both databases compare keys. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The order of a page: case-folded name, then id. */
export function comparePageOrder(a: Customer, b: Customer): number {
  return compareKeys(foldForSearch(a.name), foldForSearch(b.name)) || compareKeys(a.id, b.id);
}

/** What `search` must find, as a model: substring of the folded name or company, or an E.164 prefix. */
export function matchesSearch(customer: Customer, search: string | undefined): boolean {
  const text = search?.trim().replace(/\s+/g, ' ') ?? '';
  if (text === '') return true;
  const key = foldForSearch(text);
  if (foldForSearch(customer.name).includes(key)) return true;
  if (customer.company !== undefined && foldForSearch(customer.company).includes(key)) return true;
  const digits = /^\+?(\d{1,15})$/.exec(text.replace(/[ \u00A0.()-]/g, ''))?.[1];
  return digits !== undefined && customer.phoneNumber.startsWith(`+${digits}`);
}

/** The tenant's customers that a search must list, in page order. */
export function expectedList(rows: readonly Customer[], search?: string): Customer[] {
  return rows.filter((customer) => matchesSearch(customer, search)).sort(comparePageOrder);
}

/**
 * Names that collide once case-folded, share prefixes, hold LIKE's wildcards and SQL's quotes, and leave
 * ASCII, so that ties and byte order are exercised. All are already clean remote text.
 */
export const NAMES = [
  'alice',
  'Alice',
  'ALICE',
  'Alicia',
  'Émile',
  'émile',
  'Zoë',
  'zoe',
  'bob_1',
  'bob%1',
  'bob\\1',
  "O'Brien",
  'Robert"); DROP TABLE directory_customers; --',
  "' OR 1=1 --",
  'Ünal',
  'İpek',
  'Straße',
  '佐藤',
  '😀 Smile',
  'zz',
];
export const COMPANIES = ['Contoso', 'Fabrikam', 'Northwind Traders', '100% Pure', 'under_score', undefined];
/** Few numbers, so that tenants share them. */
export const PHONE_NUMBERS = Array.from(
  { length: 12 },
  (_, index) => `+1425555${String(100 + index).padStart(4, '0')}`,
);

/** Rows of one tenant: unique ids and phone numbers, names and companies from the pools above. */
export const tenantRows = (maxLength = 15): fc.Arbitrary<Customer[]> =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.constantFrom(...Array.from({ length: 30 }, (_, index) => `c${index}`)),
        name: fc.constantFrom(...NAMES),
        phoneNumber: fc.constantFrom(...PHONE_NUMBERS),
        company: fc.constantFrom(...COMPANIES),
      }),
      { maxLength, selector: (row) => row.id },
    )
    .map((rows) => {
      const seen = new Set<string>();
      return rows
        .filter((row) => !seen.has(row.phoneNumber) && seen.add(row.phoneNumber))
        .map(({ company, ...row }) => (company === undefined ? row : { ...row, company }));
    });

/** Searches worth asking: pieces of the names and companies, wildcards, phone prefixes, injections. */
export const searches: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'ali',
    'ALI',
    'émile',
    'É',
    'zo',
    'bob_',
    '_',
    '%',
    '\\',
    "'",
    '"',
    ' OR 1=1',
    'straße',
    'i̇',
  ),
  fc.constantFrom('+1425', '1 425 555', '+1 (425) 555-01', '4255550', '+', '+44'),
  fc.constantFrom('contoso', 'TRADERS', '100%', 'under_'),
  fc.constantFrom(...NAMES.map((name) => Array.from(name))).chain((codePoints) =>
    fc
      .tuple(fc.nat(codePoints.length), fc.nat(codePoints.length))
      // Cut between code points: half of a surrogate pair is not text anyone types.
      .map(([a, b]) => codePoints.slice(Math.min(a, b), Math.max(a, b)).join('')),
  ),
);
