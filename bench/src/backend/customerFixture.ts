import type { Customer } from '@teams-endpoint/core';
import { FABRIKAM_TENANT_ID, NORTHWIND_TENANT_ID } from '@teams-endpoint/testing/server';

/** A tenant of the directory and how many customers it has. */
export interface FixtureTenant {
  readonly tenantId: string;
  /** Starts each of its customers' ids, so that a row tells whose it is. */
  readonly idPrefix: string;
  readonly customers: number;
}

/** Most customers belong to one tenant; three smaller tenants have 2 % each. */
const SMALL_TENANT_SHARE = 0.02;
const SMALL_TENANTS = [
  { tenantId: NORTHWIND_TENANT_ID, idPrefix: 'northwind' },
  { tenantId: '3c9e1f7a-5b2d-4e8f-9a6c-1d0b2e3f4a5c', idPrefix: 'tailspin' },
  { tenantId: '9a4b6c8d-0e1f-4a2b-8c3d-5e6f7a8b9c0d', idPrefix: 'wingtip' },
] as const;

/** The tenants of a directory of `total` customers: Fabrikam with 94 %, three with 2 % each. */
export function fixtureTenants(total: number): FixtureTenant[] {
  const small = Math.round(total * SMALL_TENANT_SHARE);
  return [
    { tenantId: FABRIKAM_TENANT_ID, idPrefix: 'fabrikam', customers: total - small * SMALL_TENANTS.length },
    ...SMALL_TENANTS.map((tenant) => ({ ...tenant, customers: small })),
  ];
}

const GIVEN_NAMES = [
  'Aarav',
  'Adele',
  'Alex',
  'Amara',
  'Ana',
  'Ben',
  'Carlos',
  'Chen',
  'Dana',
  'Diego',
  'Elif',
  'Emma',
  'Fatima',
  'Grace',
  'Hana',
  'Ivan',
  'Jamal',
  'Jin',
  'Kofi',
  'Lena',
  'Lucas',
  'Maya',
  'Megan',
  'Mia',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Tariq',
  'Tom',
  'Uma',
  'Victor',
  'Wei',
  'Yara',
  'Yusuf',
  'Zara',
  'Ines',
  'Kai',
  'Leo',
  'Marta',
  'Nia',
  'Oscar',
  'Pia',
  'Ravi',
] as const;
const SURNAMES = [
  'Abara',
  'Adams',
  'Andersen',
  'Bauer',
  'Becker',
  'Bianchi',
  'Brown',
  'Castro',
  'Chen',
  'Costa',
  'Cruz',
  'Da Silva',
  'Dubois',
  'Eriksson',
  'Fischer',
  'Garcia',
  'Gomez',
  'Gupta',
  'Hansen',
  'Hoffmann',
  'Horvat',
  'Ibrahim',
  'Ito',
  'Jansen',
  'Jensen',
  'Johnson',
  'Kaya',
  'Khan',
  'Kim',
  'Kowalski',
  'Kumar',
  'Larsen',
  'Lee',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Muller',
  'Nagy',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Park',
  'Patel',
  'Perez',
  'Petrov',
  'Popescu',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Suzuki',
  'Tanaka',
  'Taylor',
  'Wagner',
  'Wang',
] as const;
const COMPANIES = ['Contoso', 'Litware', 'Adatum', 'Proseware', 'Lamna', 'Fourth Coffee', 'Relecloud'];

/** A surname found in 1 in 60 names, spread over the whole name order (names start with the given name). */
export const SEARCHED_SURNAME = 'Okafor';
/**
 * The start of 1,031 numbers of the largest tenant, the same ones in both sizes: customers 1,031 to 2,061
 * (`phoneNumberOf`). Pages are ordered by name, so these are spread over the whole order.
 */
export const SEARCHED_PHONE_PREFIX = '+44200001';
/** Matches no name, company or number: the search reads every row of the tenant. */
export const UNMATCHED_SEARCH = 'qqzzqq';

/** Spaced out, so that the numbers between two customers' are numbers nobody has. */
const PHONE_STRIDE = 97;

/**
 * The `index`-th number of a tenant, in E.164: +44 20 then nine digits, `index × 97 + 13`. The smaller
 * tenants' customers have the same numbers as the first customers of the largest (numbers are unique in
 * a tenant, not across tenants), so a lookup that crossed tenants would find a row.
 */
export function phoneNumberOf(index: number): string {
  return `+4420${String(index * PHONE_STRIDE + 13).padStart(9, '0')}`;
}

/** A number that no customer of any tenant has: between two customers' numbers. */
export function unassignedPhoneNumber(index: number, gap: number): string {
  return `+4420${String(index * PHONE_STRIDE + 13 + 1 + (gap % (PHONE_STRIDE - 1))).padStart(9, '0')}`;
}

/** The `index`-th customer of a tenant, as imported and as every lookup must return it. */
export function customerOf(tenant: FixtureTenant, index: number): Customer {
  const name = `${GIVEN_NAMES[index % GIVEN_NAMES.length]} ${SURNAMES[Math.floor(index / GIVEN_NAMES.length) % SURNAMES.length]}`;
  const id = `${tenant.idPrefix}-${String(index).padStart(7, '0')}`;
  const phoneNumber = phoneNumberOf(index);
  // A quarter without a company, as the repositories store one only when there is one.
  return index % 4 === 3
    ? { id, name, phoneNumber }
    : { id, name, phoneNumber, company: COMPANIES[index % COMPANIES.length]! };
}

/** A seeded generator of integers in [0, `below`): the same lookups on every run. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}
