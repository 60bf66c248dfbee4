import type { Customer, Person, TeamsUser } from '@teams-endpoint/core';

/**
 * The fixture tenant "Fabrikam": the customer of the SaaS vendor Contoso in USE-CASES.md.
 *
 * Plain data only — no I/O. The Graph MSW handlers serve it, the fake identity signs in as `fabrikam.me`,
 * and the in-memory contacts port serves `fabrikam.customers`.
 * Every name, mail address and phone number is fictional (`fabrikam.example`, +1 425 555 01xx).
 */

const TENANT_ID = '6b4f3c1e-2d8a-4f7b-9c5e-0a1b2c3d4e5f';
const DOMAIN = 'fabrikam.example';

const ALICE_ID = '8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca';
const MEGAN_ID = 'e8b753b5-4117-464e-9a08-713e1ff266b3';
const MALLORY_ID = '9856f5d1-b3d8-437b-8b00-fee0d52c21d0';

/** Display name of the hostile directory entry: must always be rendered as text, never as markup. */
const HOSTILE_DISPLAY_NAME = `<img src=x onerror="alert('pwned')">Mallory <b>Hacker</b>`;

/** A calendar subject that must be rendered as text, never as markup. */
const HOSTILE_SUBJECT = `<script>alert('pwned')</script>Budget review`;

const person = (id: string, displayName: string, local: string, jobTitle?: string): Person => ({
  id,
  displayName,
  mail: `${local}@${DOMAIN}`,
  ...(jobTitle === undefined ? {} : { jobTitle }),
  userPrincipalName: `${local}@${DOMAIN}`,
});

const me: TeamsUser = {
  id: ALICE_ID,
  tenantId: TENANT_ID,
  displayName: 'Alice Anderson',
  userPrincipalName: `alice.anderson@${DOMAIN}`,
};

/**
 * The directory, in the order `GET /users` returns it. Alice is first and Megan second,
 * as in use case 3 (`response.body.value[1].displayName // "Megan Bowen"`).
 */
const people: readonly Person[] = [
  person(ALICE_ID, 'Alice Anderson', 'alice.anderson', 'Customer Success Manager'),
  person(MEGAN_ID, 'Megan Bowen', 'megan.bowen', 'Marketing Manager'),
  person('8a61fa2a-72c1-41cd-80e4-b998c634c9a4', 'Adele Vance', 'adele.vance', 'Retail Manager'),
  person('d37bccae-a064-47e4-a85d-59b886e86a88', 'Alex Wilber', 'alex.wilber', 'Marketing Assistant'),
  person('29aed0c9-a36e-4b51-94be-5d9e825c0cb5', 'Allan Deyoung', 'allan.deyoung', 'IT Admin'),
  person('76dfb34f-941d-4a9c-a0be-eef09b95fecc', 'Christie Cline', 'christie.cline', 'Buyer'),
  person('293c1350-ab90-4539-a9cc-a3162ee37477', 'Debra Berger', 'debra.berger', 'Administrative Assistant'),
  person('13418a88-663e-4463-bfed-a3f0eea7addd', 'Diego Siciliani', 'diego.siciliani', 'HR Manager'),
  person('1572d43c-b8c0-4e86-b7e5-81ec62db6886', 'Emily Braun', 'emily.braun', 'Budget Analyst'),
  person('edf44584-e914-4a55-9244-e20ac0c4c504', 'Enrico Cattaneo', 'enrico.cattaneo', 'Attorney'),
  person('8e22d967-547e-4d4f-a25a-633497a7d15b', 'Grady Archie', 'grady.archie', 'Designer'),
  person('f8807eb5-654a-4537-8bc4-3022b7f8521a', 'Henrietta Mueller', 'henrietta.mueller', 'Developer'),
  person('c6857a13-6e16-4753-be56-dc9688d0c77b', 'Irvin Sayers', 'irvin.sayers', 'Director'),
  person('71adef32-635b-47e9-8bd8-efaa52cb007b', 'Isaiah Langer', 'isaiah.langer', 'Sales Rep'),
  person('3bae23b5-7491-49b6-a98a-46095af392dd', 'Johanna Lorenz', 'johanna.lorenz', 'Senior Engineer'),
  person('65efcce9-b504-421d-b0a2-94d53dbdd4de', 'Joni Sherman', 'joni.sherman', 'Paralegal'),
  person('2e7fe626-4b54-4186-bf5d-8279821870b2', 'Lee Gu', 'lee.gu', 'Director'),
  person('42b8aea8-3bda-43a8-be80-ea8e92b4edc6', 'Lidia Holloway', 'lidia.holloway', 'Product Manager'),
  person('ac1ae906-c0c2-45b3-85b5-8035659d01ef', 'Lynne Robbins', 'lynne.robbins', 'Planner'),
  person('d259f0bf-b5de-4d07-bb16-e09e0da6a6b6', 'Miriam Graham', 'miriam.graham', 'Director'),
  person('35621b17-7ed5-4165-b890-360a7b8269c0', 'Nestor Wilke', 'nestor.wilke', 'Director'),
  person('cecd3c5a-28fd-47d3-b623-6972ae216deb', 'Patti Fernandez', 'patti.fernandez', 'President'),
  person('4bece8ba-3823-4800-a58c-c74b88b00510', 'Pradeep Gupta', 'pradeep.gupta', 'Accountant'),
  // Non-ASCII name.
  person('5bbf9180-435f-4098-9ddd-c42059ef3fbf', 'Zoë Ångström', 'zoe.angstrom', 'Research Scientist'),
  // Apostrophe and double quotes: exercises search escaping.
  person('eaa8bd6d-fe9d-4f02-9f01-4cdab8ba856c', "Seán O'Brien", 'sean.obrien', 'Support Engineer'),
  person(
    '91d40412-a5bd-4f03-a9fd-baa9eec7156c',
    'Robert "Bobby" Tables',
    'robert.tables',
    'Database Administrator',
  ),
  // A shared mailbox: no job title.
  {
    id: '281f39ab-16a1-471f-9eae-7116b9c49351',
    displayName: 'Fabrikam Reception',
    mail: `reception@${DOMAIN}`,
  },
  // Hostile display name: must be shown as text.
  person(MALLORY_ID, HOSTILE_DISPLAY_NAME, 'mallory.hacker', 'Contractor'),
];

/** Contoso's customers, served by the contacts port (use cases 1 and 2). Phone numbers are E.164. */
const customers: readonly Customer[] = [
  { id: 'cust-0001', name: 'Megan Customer', phoneNumber: '+14255550101', company: 'Tailspin Toys' },
  { id: 'cust-0002', name: 'Bruno Ortega', phoneNumber: '+14255550102', company: 'Wide World Importers' },
  { id: 'cust-0003', name: 'Chen Wei', phoneNumber: '+14255550103', company: 'Northwind Traders' },
  { id: 'cust-0004', name: 'Fatima Haddad', phoneNumber: '+14255550104', company: 'Adventure Works' },
  { id: 'cust-0005', name: 'Kenji Watanabe', phoneNumber: '+14255550105', company: 'Coho Winery' },
  { id: 'cust-0006', name: 'Olivia Brown', phoneNumber: '+14255550106' },
];

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

/** A calendar event in the shape `GET /me/calendar/calendarView` returns it (with `Prefer: outlook.timezone="UTC"`). */
export interface GraphCalendarEvent {
  readonly id: string;
  readonly subject: string;
  readonly start: { readonly dateTime: string; readonly timeZone: string };
  readonly end: { readonly dateTime: string; readonly timeZone: string };
  readonly isOnlineMeeting: boolean;
  readonly onlineMeetingProvider: string;
  readonly onlineMeeting: { readonly joinUrl: string } | null;
  readonly location: { readonly displayName: string };
  readonly organizer: { readonly emailAddress: { readonly name: string; readonly address: string } };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Graph's calendar date-time format: no offset, seven fractional digits (`2026-03-02T09:00:00.0000000`). */
export function toGraphDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.0000000`;
}

/** Monday 00:00 UTC of the week containing `date`. */
export function startOfWeekUtc(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

const classicJoinUrl = (threadKey: string, organizerId: string): string =>
  `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${threadKey}%40thread.v2/0?context=` +
  `%7b%22Tid%22%3a%22${TENANT_ID}%22%2c%22Oid%22%3a%22${organizerId}%22%7d`;

const organizer = (p: Person) => ({ emailAddress: { name: p.displayName, address: p.mail ?? '' } });

const byId = (id: string): Person => {
  const found = people.find((p) => p.id === id);
  if (!found) throw new Error(`fabrikam fixture: unknown person ${id}`);
  return found;
};

/**
 * One week of Alice's calendar, as raw Graph events, relative to `weekStart` (use Monday 00:00 UTC).
 *
 * Five Teams meetings (among them "Project Tailspin", one with a hostile `<script>` subject and one with a
 * short `teams.microsoft.com/meet/…` link), one event that is not an online meeting and one online meeting
 * from another provider (`skypeForConsumer`). The last two must be filtered out by the Graph port.
 * The list is deliberately not in start order.
 */
export function fabrikamCalendarWeek(weekStart: Date): GraphCalendarEvent[] {
  const base = weekStart.getTime();
  if (Number.isNaN(base)) throw new Error('fabrikamCalendarWeek: invalid weekStart');
  const week = weekStart.toISOString().slice(0, 10).replaceAll('-', '');
  const at = (day: number, hour: number, minute = 0) =>
    new Date(base + day * DAY_MS + (hour * 60 + minute) * 60_000);
  const event = (
    slug: string,
    subject: string,
    start: Date,
    minutes: number,
    online: { provider: string; joinUrl: string | null },
    location: string,
    organizerPerson: Person,
  ): GraphCalendarEvent => ({
    id: `AAMkAGZhYnJpa2FtLWNhbGVuZGFy.${week}.${slug}`,
    subject,
    start: { dateTime: toGraphDateTime(start), timeZone: 'UTC' },
    end: { dateTime: toGraphDateTime(new Date(start.getTime() + minutes * 60_000)), timeZone: 'UTC' },
    isOnlineMeeting: online.joinUrl !== null,
    onlineMeetingProvider: online.provider,
    onlineMeeting: online.joinUrl === null ? null : { joinUrl: online.joinUrl },
    location: { displayName: location },
    organizer: organizer(organizerPerson),
  });
  const megan = byId(MEGAN_ID);
  const alice = byId(ALICE_ID);
  const teams = (threadKey: string, organizerId: string) => ({
    provider: 'teamsForBusiness',
    joinUrl: classicJoinUrl(`${threadKey}${week}`, organizerId),
  });

  return [
    event(
      'customer-onboarding',
      'Customer onboarding: Tailspin Toys',
      at(3, 16),
      45,
      {
        provider: 'teamsForBusiness',
        joinUrl: 'https://teams.microsoft.com/meet/284751936042?p=Xk7TqR2bWm9',
      },
      'Microsoft Teams Meeting',
      alice,
    ),
    event(
      'project-tailspin',
      'Project Tailspin',
      at(0, 9),
      30,
      teams('NjY4YjQ3ZDQtZTM2Zi00ZGU3LWE1ZjAt', MEGAN_ID),
      'Microsoft Teams Meeting',
      megan,
    ),
    event(
      'lunch',
      'Lunch with Diego',
      at(2, 12),
      60,
      { provider: 'unknown', joinUrl: null },
      'Cafeteria, Building 4',
      byId('13418a88-663e-4463-bfed-a3f0eea7addd'),
    ),
    event(
      'weekly-sync',
      'Weekly team sync',
      at(1, 14),
      60,
      teams('ZjM4YzFhMjAtOTk2Ny00YjQ1LWJmNDgt', ALICE_ID),
      'Conference Room Rainier',
      alice,
    ),
    event(
      'supplier-call',
      'Call with supplier (Skype)',
      at(4, 11),
      30,
      { provider: 'skypeForConsumer', joinUrl: 'https://join.skype.com/fAbRiKaMsUpPlIeR' },
      'Skype',
      byId('2e7fe626-4b54-4186-bf5d-8279821870b2'),
    ),
    event(
      'budget-review',
      HOSTILE_SUBJECT,
      at(2, 10),
      60,
      teams('YjE2ZDk0NTEtODNhMC00YzZhLWE2NTkt', MALLORY_ID),
      'Microsoft Teams Meeting',
      byId(MALLORY_ID),
    ),
    event(
      'sprint-retro',
      'Sprint retrospective',
      at(4, 15, 30),
      60,
      teams('MmRlNzY0YjgtMWM1Yi00ZTFkLTk4NjMt', '3bae23b5-7491-49b6-a98a-46095af392dd'),
      'Microsoft Teams Meeting',
      byId('3bae23b5-7491-49b6-a98a-46095af392dd'),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Synthetic directory
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Aiden',
  'Beatriz',
  'Carlos',
  'Dana',
  'Elif',
  'Farah',
  'Gustav',
  'Hana',
  'Ines',
  'Jonas',
  'Kaveh',
  'Leila',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Samir',
  'Tamar',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zara',
  'Amara',
  'Bram',
  'Chiara',
  'Dmitri',
  'Esther',
  'Felix',
];
const LAST_NAMES = [
  'Abbott',
  'Bianchi',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Horvat',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quispe',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Underwood',
  'Varga',
  'Wagner',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Almeida',
  'Brennan',
  'Costa',
  'Dvorak',
  'Esposito',
  'Fontaine',
  'Gallagher',
];
const JOB_TITLES = [
  'Sales Rep',
  'Account Manager',
  'Support Engineer',
  'Developer',
  'Designer',
  'Analyst',
  'Buyer',
  'Planner',
];

/**
 * `count` deterministic synthetic people (same input → same output), for large-directory benchmarks.
 * Ids are valid GUIDs derived from the index; names repeat only after 1,056 people.
 */
export function createLargeDirectory(count: number): Person[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError('createLargeDirectory: count must be an integer ≥ 0');
  const result: Person[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const local = `${first}.${last}.${i}`.toLowerCase();
    result[i] = {
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      displayName: `${first} ${last}`,
      mail: `${local}@${DOMAIN}`,
      jobTitle: JOB_TITLES[i % JOB_TITLES.length]!,
      userPrincipalName: `${local}@${DOMAIN}`,
    };
  }
  return result;
}

/** The Fabrikam fixture tenant. */
export const fabrikam = {
  tenantId: TENANT_ID,
  domain: DOMAIN,
  /** Alice, the signed-in user of every use case. */
  me,
  people,
  /** Megan Bowen, Alice's colleague in use cases 3 and 4. */
  meganId: MEGAN_ID,
  /** The person whose display name is hostile HTML. */
  hostilePersonId: MALLORY_ID,
  hostileDisplayName: HOSTILE_DISPLAY_NAME,
  hostileSubject: HOSTILE_SUBJECT,
  customers,
  /** Alice's calendar for the week starting at `weekStart` (raw Graph events). */
  calendarWeek: fabrikamCalendarWeek,
} as const;
