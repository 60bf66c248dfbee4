import { normalizeCustomer, normalizePerson, normalizeTeamsMeeting } from '../domain/listItems';
import type { Customer, Person, TeamsMeeting, TimeRange } from '../domain/people';
import { TeamsEndpointError } from '../errors';
import type { ContactsPort } from '../ports/contactsPort';
import type { GraphPort } from '../ports/graphPort';
import { createListUnit, type ListUnitInternals } from './listUnit';

export interface EndpointListsDeps {
  readonly graph: GraphPort;
  readonly contacts: ContactsPort;
  /** The clock, for the meetings list's default range. */
  readonly now: () => number;
}

/**
 * The endpoint's three lists. Each item is checked and its remote text normalized before it reaches a
 * snapshot (see `domain/listItems.ts`); an item that fails the check is left out of the list.
 */
export interface EndpointLists {
  /**
   * Use cases 1 and 2: the vendor's customers. A customer whose number is not a valid E.164 number is left
   * out; one written with formatting (`+1 (425) 555-0101`) is listed in E.164 (`+14255550101`).
   */
  readonly customers: ListUnitInternals<Customer, null>;
  /** Use case 3: the directory; the query is a search text, trimmed (`''` lists everyone). */
  readonly people: ListUnitInternals<Person, string>;
  /**
   * Use case 5: Teams meetings in a time range (default: the current week). A meeting whose join link
   * `parseTeamsMeetingLink` refuses (a lookalike host, `http:`, `javascript:`, `data:`, a malformed link) is
   * left out, exactly as Graph's non-Teams events are; `joinUrl` is the accepted link's `href`.
   */
  readonly meetings: ListUnitInternals<TeamsMeeting, TimeRange>;
  /** All three, for sign-out, teardown and leak checks. */
  readonly all: readonly ListUnitInternals<unknown, unknown>[];
}

/** The Monday 00:00 (local time) to Monday 00:00 week around `now`. */
export function currentWeek(now: number): TimeRange {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  const end = new Date(start);
  end.setDate(end.getDate() + 7);
  return { start, end };
}

/** The items `normalize` keeps, normalized; a port that answers with something other than an array is refused. */
function keepNormalized<T>(items: readonly T[], normalize: (item: T) => T | undefined, what: string): T[] {
  if (!Array.isArray(items)) {
    throw new TeamsEndpointError('malformed_response', `The list of ${what} is not a list.`);
  }
  return items.flatMap((item) => normalize(item) ?? []);
}

function checkRange(range: TimeRange): TimeRange {
  if (!(range.start instanceof Date) || !(range.end instanceof Date) || !(range.end > range.start)) {
    throw new TeamsEndpointError('invalid_argument', 'A meeting range needs a start before its end.');
  }
  return range;
}

/**
 * Creates the customers, people and meetings lists over the Graph and contacts ports.
 *
 * @example
 * const lists = createEndpointLists({ graph, contacts, now: Date.now });
 * lists.people.list.load('meg');
 * // on sign-out: for (const list of lists.all) list.reset();
 */
export function createEndpointLists(deps: EndpointListsDeps): EndpointLists {
  const { graph, contacts, now } = deps;
  const customers = createListUnit<Customer, null>(async (_query, _token, signal) => {
    const items = await contacts.listCustomers({ signal });
    return { items: keepNormalized(items, normalizeCustomer, 'customers') };
  }, null);
  const people = createListUnit<Person, string>(
    async (search, pageToken, signal) => {
      const page = await graph.listPeople({ search, ...(pageToken ? { pageToken } : {}), signal });
      const items = keepNormalized(page.items, normalizePerson, 'people');
      return page.nextPageToken === undefined ? { items } : { items, nextPageToken: page.nextPageToken };
    },
    '',
    { normalize: (query) => query.trim() },
  );
  const meetings = createListUnit<TeamsMeeting, TimeRange>(
    async (range, _token, signal) => {
      const items = await graph.listMeetings(range, { signal });
      return { items: keepNormalized(items, normalizeTeamsMeeting, 'meetings') };
    },
    currentWeek(now()),
    {
      normalize: checkRange,
      same: (a, b) => a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime(),
    },
  );
  return { customers, people, meetings, all: [customers, people, meetings] };
}
