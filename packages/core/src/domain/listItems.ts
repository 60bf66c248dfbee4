// The items of the customers, people and meetings lists, checked and normalized before they reach a
// snapshot. The Graph port and the vendor's contacts port are other parties: their text is untrusted, their
// links and numbers are validated here exactly as the user's own input is.
import { isTeamsEndpointError } from '../errors';
import { parseTeamsMeetingLink } from './meetingLink';
import type { Customer, Person, TeamsMeeting } from './people';
import { parsePhoneNumber } from './phoneNumber';
import { normalizeOptionalRemoteText, normalizeRemoteText } from './remoteText';

/** The name shown for a person whose display name, mail and user principal name are all empty. */
export const UNNAMED_PERSON = 'Unnamed user';

/** Whether `value` is an object with a non-empty string `id`: anything else cannot be listed. */
function hasId(value: unknown): value is { readonly id: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    (value as { id: string }).id !== ''
  );
}

/** The fields that are set, without the `undefined` ones (snapshots never hold an `undefined` key). */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** Runs `parse`, turning its typed error into `undefined`. */
function parsedOrUndefined<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (isTeamsEndpointError(error)) return undefined;
    throw error;
  }
}

/**
 * A colleague from Graph as the people list shows them: `displayName`, `jobTitle`, `mail` and
 * `userPrincipalName` normalized with {@link normalizeRemoteText}. A person whose display name normalizes to
 * `''` is shown by their mail, else their user principal name, else {@link UNNAMED_PERSON}. `undefined`
 * (left out of the list) for a person without an id.
 *
 * @example
 * normalizePerson({ id, displayName: 'Megan\u202Eexe.txt' }); // { id, displayName: 'Meganexe.txt' }
 * normalizePerson({ id, displayName: ' ', mail: 'megan@fabrikam.com' }).displayName; // 'megan@fabrikam.com'
 */
export function normalizePerson(person: Person): Person | undefined {
  if (!hasId(person)) return undefined;
  const mail = normalizeOptionalRemoteText(person.mail);
  const userPrincipalName = normalizeOptionalRemoteText(person.userPrincipalName);
  return defined({
    id: person.id,
    displayName: normalizeRemoteText(person.displayName) || mail || userPrincipalName || UNNAMED_PERSON,
    mail,
    jobTitle: normalizeOptionalRemoteText(person.jobTitle),
    userPrincipalName,
  });
}

/**
 * One of the vendor's customers as the customers list shows them: `phoneNumber` in E.164 (a number that
 * {@link parsePhoneNumber} refuses, such as one without a country code, leaves the customer out), `name`
 * and `company` normalized with {@link normalizeRemoteText}; a customer whose name normalizes to `''` is
 * shown by their company, else their number. `undefined` (left out of the list) without an id or a valid
 * number.
 *
 * @example
 * normalizeCustomer({ id, name: 'Megan', phoneNumber: '+1 (425) 555-0101' })?.phoneNumber; // '+14255550101'
 * normalizeCustomer({ id, name: 'Megan', phoneNumber: '555-0101' }); // undefined
 */
export function normalizeCustomer(customer: Customer): Customer | undefined {
  if (!hasId(customer)) return undefined;
  const phoneNumber = parsedOrUndefined(() => parsePhoneNumber(customer.phoneNumber));
  if (phoneNumber === undefined) return undefined;
  const company = normalizeOptionalRemoteText(customer.company);
  return defined({
    id: customer.id,
    name: normalizeRemoteText(customer.name) || company || phoneNumber,
    phoneNumber,
    company,
  });
}

/**
 * A Teams meeting as the meetings list shows it: `joinUrl` is the `href` of the link
 * {@link parseTeamsMeetingLink} accepted, and `subject`, `location` and `organizer` are normalized with
 * {@link normalizeRemoteText} (`subject` may be `''`). `undefined` (left out of the list, as Graph's
 * non-Teams events are) without an id or when the link is refused: a lookalike host, `http:`,
 * `javascript:`, `data:` or a malformed link.
 *
 * @example
 * normalizeTeamsMeeting({ ...meeting, joinUrl: 'https://teams.microsoft.com.evil.example/l/meetup-join/x/0' }); // undefined
 */
export function normalizeTeamsMeeting(meeting: TeamsMeeting): TeamsMeeting | undefined {
  if (!hasId(meeting)) return undefined;
  const link = parsedOrUndefined(() => parseTeamsMeetingLink(meeting.joinUrl));
  if (link === undefined) return undefined;
  return defined({
    id: meeting.id,
    subject: normalizeRemoteText(meeting.subject),
    start: meeting.start,
    end: meeting.end,
    joinUrl: link.href,
    location: normalizeOptionalRemoteText(meeting.location),
    organizer: normalizeOptionalRemoteText(meeting.organizer),
  });
}
