// The endpoint's lists over tiny fake ports that answer with crafted, hostile pages.
import { waitForSnapshot } from '@teams-endpoint/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { UNNAMED_PERSON } from '../domain/listItems';
import type { Customer, Page, Person, TeamsMeeting } from '../domain/people';
import { REMOTE_TEXT_MAX_LENGTH } from '../domain/remoteText';
import type { ContactsPort } from '../ports/contactsPort';
import type { GraphPort } from '../ports/graphPort';
import { createEndpointLists, currentWeek, type EndpointLists } from './endpointLists';
import type { ListUnit } from './listUnit';

const LONG = 'x'.repeat(10_000);
const CUT = `${'x'.repeat(REMOTE_TEXT_MAX_LENGTH - 1)}…`;
const CLASSIC_LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';
const SHORT_LINK = 'https://teams.microsoft.com/meet/284751936042?p=Xk7TqR2bWm9';

interface Ports {
  /** People pages by page token; `''` is the first page. */
  readonly people?: Readonly<Record<string, Page<Person>>>;
  readonly meetings?: readonly TeamsMeeting[];
  readonly customers?: readonly Customer[];
}

/** The lists over fake ports; `pageTokens` records each people request's token (`''` for the first page). */
function createLists(ports: Ports) {
  const pageTokens: string[] = [];
  const unused = () => Promise.reject(new Error('not used by the lists'));
  const graph: GraphPort = {
    listPeople: async ({ pageToken = '' } = {}) => {
      pageTokens.push(pageToken);
      return ports.people?.[pageToken] ?? { items: [] };
    },
    listMeetings: async () => ports.meetings ?? [],
    getPerson: unused,
    getPeople: unused,
    getOrCreateOneOnOneChat: unused,
  };
  const contacts: ContactsPort = {
    listCustomers: async () => ports.customers ?? [],
    findCustomerByPhoneNumber: unused,
  };
  const lists = createEndpointLists({ graph, contacts, now: () => Date.UTC(2024, 4, 15, 12) });
  created.push(lists);
  return { lists, pageTokens };
}

const created: EndpointLists[] = [];
afterEach(() => {
  for (const list of created.splice(0).flatMap((lists) => lists.all)) list.stop();
});

const loaded = <TItem, TQuery>(list: ListUnit<TItem, TQuery>) =>
  waitForSnapshot(list, (s) => s.status === 'loaded' || s.status === 'failed');

const meeting = (id: string, fields: Partial<TeamsMeeting> = {}): TeamsMeeting => ({
  id,
  subject: `Meeting ${id}`,
  start: '2024-05-15T09:00:00.000Z',
  end: '2024-05-15T09:30:00.000Z',
  joinUrl: CLASSIC_LINK,
  ...fields,
});

describe('meetings: only links that parseTeamsMeetingLink accepts', () => {
  it.each([
    [
      'a lookalike host',
      'https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
    ],
    ['a subdomain', 'https://evil.teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0'],
    ['javascript:', 'javascript:alert(document.cookie)//teams.microsoft.com/l/meetup-join/x/0'],
    ['http:', 'http://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a malformed link', 'https://teams.microsoft.com:99999/l/meetup-join/x'],
    ['a link with a bidi override', `https://teams.microsoft.com/l/meetup-join/19%3ameeting_\u202Eabc/0`],
    ['credentials', 'https://teams.microsoft.com@evil.example/l/meetup-join/19%3ameeting_abc%40thread.v2/0'],
    ['no link at all', ''],
  ])('leaves out a meeting with %s', async (_name, joinUrl) => {
    const { lists } = createLists({ meetings: [meeting('kept'), meeting('refused', { joinUrl })] });
    lists.meetings.list.load();
    const { items, status } = await loaded(lists.meetings.list);
    expect(status).toBe('loaded');
    expect(items.map((item) => item.id)).toEqual(['kept']);
  });

  it("keeps Teams links, each as the parsed link's href", async () => {
    const { lists } = createLists({
      meetings: [
        meeting('classic'),
        meeting('short', { joinUrl: SHORT_LINK }),
        meeting('upper-case host', {
          joinUrl: CLASSIC_LINK.replace('teams.microsoft.com', 'TEAMS.Microsoft.COM'),
        }),
      ],
    });
    lists.meetings.list.load();
    const { items } = await loaded(lists.meetings.list);
    expect(items.map((item) => item.joinUrl)).toEqual([CLASSIC_LINK, SHORT_LINK, CLASSIC_LINK]);
  });

  it('normalizes subject, location and organizer', async () => {
    const { lists } = createLists({
      meetings: [
        meeting('m1', {
          subject: 'Quarterly\u202E gnp.exe\n\treview',
          location: ' \u2066Room\u00A0\u00A04\u2069 ',
          organizer: 'Megan\u0000\u001B[31m Bowen',
        }),
        meeting('m2', { subject: LONG, location: '\u200F', organizer: '\n' }),
      ],
    });
    lists.meetings.list.load();
    const { items } = await loaded(lists.meetings.list);
    expect(items[0]).toMatchObject({
      subject: 'Quarterly gnp.exe review',
      location: 'Room 4',
      organizer: 'Megan[31m Bowen',
    });
    expect(items[1]?.subject).toBe(CUT);
    expect(items[1]).not.toHaveProperty('location');
    expect(items[1]).not.toHaveProperty('organizer');
  });
});

describe('people', () => {
  it('normalizes names, job titles and mail; an empty name falls back to the mail, the UPN, then a placeholder', async () => {
    const { lists } = createLists({
      people: {
        '': {
          items: [
            {
              id: 'p1',
              displayName: 'Megan\u202Eexe.txt',
              jobTitle: 'Sales\r\nlead',
              mail: ' megan@fabrikam.com ',
            },
            { id: 'p2', displayName: LONG },
            { id: 'p3', displayName: ' \u200E\u0000 ', mail: 'adele@fabrikam.com' },
            { id: 'p4', displayName: '\n', userPrincipalName: 'bruno@fabrikam.com' },
            { id: 'p5', displayName: '\u2067\u2069' },
          ],
        },
      },
    });
    lists.people.list.load('');
    const { items } = await loaded(lists.people.list);
    expect(items).toEqual([
      { id: 'p1', displayName: 'Meganexe.txt', jobTitle: 'Sales lead', mail: 'megan@fabrikam.com' },
      { id: 'p2', displayName: CUT },
      { id: 'p3', displayName: 'adele@fabrikam.com', mail: 'adele@fabrikam.com' },
      { id: 'p4', displayName: 'bruno@fabrikam.com', userPrincipalName: 'bruno@fabrikam.com' },
      { id: 'p5', displayName: UNNAMED_PERSON },
    ]);
  });

  it('lists an id once across and within pages: the first occurrence wins', async () => {
    const { lists } = createLists({
      people: {
        '': {
          items: [
            { id: 'a', displayName: 'Adele' },
            { id: 'b', displayName: 'Bruno' },
            { id: 'a', displayName: 'Adele again' },
          ],
          nextPageToken: 'page-2',
        },
        'page-2': {
          items: [
            { id: 'b', displayName: 'Bruno again' },
            { id: 'c', displayName: 'Chen' },
          ],
        },
      },
    });
    lists.people.list.load('');
    expect((await loaded(lists.people.list)).items.map((p) => p.displayName)).toEqual(['Adele', 'Bruno']);
    lists.people.list.loadMore();
    const { items, hasMore } = await waitForSnapshot(
      lists.people.list,
      (s) => s.status === 'loaded' && !s.hasMore,
    );
    expect(hasMore).toBe(false);
    expect(items.map((p) => p.displayName)).toEqual(['Adele', 'Bruno', 'Chen']);
  });

  it('stops with malformed_response at a page that points to itself, and asks for nothing more', async () => {
    const { lists, pageTokens } = createLists({
      people: {
        '': { items: [{ id: 'a', displayName: 'Adele' }], nextPageToken: 'loop' },
        loop: {
          items: [
            { id: 'a', displayName: 'Adele' },
            { id: 'b', displayName: 'Bruno' },
          ],
          nextPageToken: 'loop',
        },
      },
    });
    lists.people.list.load('');
    await loaded(lists.people.list);
    lists.people.list.loadMore();
    const stopped = await waitForSnapshot(lists.people.list, (s) => s.status === 'failed');
    expect(stopped).toMatchObject({
      hasMore: false,
      error: { code: 'malformed_response', retryable: false },
    });
    expect(stopped.items.map((p) => p.id)).toEqual(['a', 'b']);
    lists.people.list.loadMore();
    lists.people.list.retry();
    lists.people.list.ensureLoaded();
    expect(lists.people.list.getSnapshot()).toBe(stopped);
    expect(pageTokens).toEqual(['', 'loop']);
  });
});

describe('customers', () => {
  it('keeps only valid E.164 numbers, formatted ones normalized, and normalizes names and companies', async () => {
    const { lists } = createLists({
      customers: [
        { id: 'c1', name: 'Megan\u202Egnp.exe', phoneNumber: '+14255550101', company: 'Tailspin\nToys' },
        { id: 'c2', name: LONG, phoneNumber: '+1 (425) 555-0102' },
        { id: 'c3', name: 'No country code', phoneNumber: '425 555 0103' },
        { id: 'c4', name: 'Letters', phoneNumber: '+1 800 FLOWERS' },
        { id: 'c5', name: 'Too short', phoneNumber: '+1234' },
        { id: 'c6', name: 'Injected', phoneNumber: '+14255550106\u202E' },
        { id: 'c7', name: 'Not a string', phoneNumber: 14255550107 as unknown as string },
        { id: '', name: 'No id', phoneNumber: '+14255550108' },
        { id: 'c9', name: '\u0000', phoneNumber: '+14255550109', company: 'Coho Winery' },
        { id: 'c10', name: ' ', phoneNumber: '+14255550110' },
      ],
    });
    lists.customers.list.load();
    const { items, status } = await loaded(lists.customers.list);
    expect(status).toBe('loaded');
    expect(items).toEqual([
      { id: 'c1', name: 'Megangnp.exe', phoneNumber: '+14255550101', company: 'Tailspin Toys' },
      { id: 'c2', name: CUT, phoneNumber: '+14255550102' },
      { id: 'c9', name: 'Coho Winery', phoneNumber: '+14255550109', company: 'Coho Winery' },
      { id: 'c10', name: '+14255550110', phoneNumber: '+14255550110' },
    ]);
  });

  it('fails with malformed_response when the contacts port answers with something other than a list', async () => {
    const { lists } = createLists({ customers: { length: 1 } as unknown as Customer[] });
    lists.customers.list.load();
    expect((await loaded(lists.customers.list)).error?.code).toBe('malformed_response');
  });
});

describe('the lists together', () => {
  it('all holds the three lists, and resetting them empties each', async () => {
    const { lists } = createLists({ customers: [{ id: 'c1', name: 'Megan', phoneNumber: '+14255550101' }] });
    expect(lists.all).toEqual([lists.customers, lists.people, lists.meetings]);
    lists.customers.list.load();
    await loaded(lists.customers.list);
    for (const list of lists.all) list.reset();
    expect(lists.customers.list.getSnapshot()).toMatchObject({ status: 'idle', items: [] });
  });

  it('starts the meetings list on the current week, and refuses a range that ends before it starts', () => {
    const { lists } = createLists({});
    expect(lists.meetings.list.getSnapshot().query).toEqual(currentWeek(Date.UTC(2024, 4, 15, 12)));
    const { start, end } = currentWeek(Date.UTC(2024, 4, 15, 12));
    expect(() => lists.meetings.list.load({ start: end, end: start })).toThrowError(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});

describe('currentWeek', () => {
  it.each([
    ['a Wednesday', new Date(2024, 4, 15, 13, 30)],
    ['the Monday itself, at midnight', new Date(2024, 4, 13, 0, 0)],
    ['the Sunday, just before midnight', new Date(2024, 4, 19, 23, 59, 59, 999)],
  ])('runs from Monday 00:00 to the next Monday 00:00, local time, for %s', (_name, now) => {
    expect(currentWeek(now.getTime())).toEqual({ start: new Date(2024, 4, 13), end: new Date(2024, 4, 20) });
  });
});
