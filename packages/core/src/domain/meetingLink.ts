import { TeamsEndpointError } from '../errors';

/**
 * The hosts whose meeting links a Teams user can join through Azure Communication Services.
 * Compared exactly: subdomains and lookalikes are refused.
 *
 * @example
 * TEAMS_MEETING_HOSTS.includes(new URL(link).hostname);
 */
export const TEAMS_MEETING_HOSTS: readonly string[] = Object.freeze([
  'teams.microsoft.com',
  'teams.cloud.microsoft',
]);

/** A validated Teams meeting join link. */
export interface TeamsMeetingLink {
  /** `meetup-join`: the classic `/l/meetup-join/…` link; `meet`: the short `/meet/<id>?p=<passcode>` link. */
  readonly kind: 'meetup-join' | 'meet';
  /** The normalized link (`URL.href`): pass this, not the raw input, to the SDK. */
  readonly href: string;
  /** The lower-case host, one of {@link TEAMS_MEETING_HOSTS}. */
  readonly host: string;
  /** The numeric meeting id of a short link. */
  readonly meetingId?: string;
  /** The passcode of a short link. A secret: never log it. */
  readonly passcode?: string;
}

/** A meeting id and passcode, as typed by a person, validated and normalized. */
export interface MeetingIdAndPasscode {
  /** Digits only, 9–20 of them. */
  readonly meetingId: string;
  /** 1–20 letters or digits. A secret: never log it. */
  readonly passcode: string;
}

const MAX_LINK_LENGTH = 4096;
const CONSUMER_HOSTS: readonly string[] = ['teams.live.com'];
const GOVERNMENT_HOSTS: readonly string[] = ['gov.teams.microsoft.us', 'dod.teams.microsoft.us'];
/** Whitespace, control and invisible formatting characters (zero-width, bidi overrides, soft hyphen). */
const UNSAFE_CHARACTERS = /[\s\p{Cc}\p{Cf}]/u;
const CLASSIC_PATH = /^\/l\/meetup-join\/[^/]+\/\d+\/?$/;
const SHORT_PATH = /^\/meet\/([^/]*)\/?$/;
const MEETING_ID = /^\d{9,20}$/;
const PASSCODE = /^[A-Za-z0-9]{1,20}$/;
const PREVIEW_LENGTH = 40;
const EXPECTED_LINK =
  'Expected a Teams meeting link such as https://teams.microsoft.com/l/meetup-join/… or https://teams.microsoft.com/meet/<id>?p=<passcode>.';

/**
 * Validates a Teams meeting join link before it reaches the calling SDK.
 *
 * Accepts only `https:` links on {@link TEAMS_MEETING_HOSTS} (exact host match), without
 * credentials or an explicit port, in the classic `/l/meetup-join/<thread>/<n>` form or the short
 * `/meet/<meetingId>?p=<passcode>` form. The link itself is never echoed in error messages,
 * because it may carry a passcode.
 *
 * @throws {TeamsEndpointError} `invalid_meeting_link`, with `details.reason` one of `empty`, `too_long`,
 * `malformed`, `not_https`, `credentials`, `port`, `consumer_teams`, `government_cloud`, `foreign_host`,
 * `unknown_path`, `missing_passcode`.
 *
 * @example
 * const link = parseTeamsMeetingLink('https://teams.microsoft.com/meet/21234567890?p=AbC123');
 * // { kind: 'meet', host: 'teams.microsoft.com', meetingId: '21234567890', passcode: 'AbC123', href: … }
 */
export function parseTeamsMeetingLink(input: string): TeamsMeetingLink {
  if (typeof input === 'string' && input.length > MAX_LINK_LENGTH) {
    throw linkError(
      'too_long',
      `The meeting link is too long (${input.length} characters; at most ${MAX_LINK_LENGTH} are allowed). ${EXPECTED_LINK}`,
    );
  }
  if (typeof input !== 'string' || input.trim() === '') {
    throw linkError('empty', `A meeting link is required. ${EXPECTED_LINK}`);
  }
  const text = input.trim();
  if (UNSAFE_CHARACTERS.test(text)) {
    throw linkError(
      'malformed',
      `The meeting link contains spaces, line breaks or invisible characters. Copy the link again. ${EXPECTED_LINK}`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The parser's error repeats the whole input, passcode included, so it is not kept as the cause.
    throw linkError('malformed', `The meeting link is not a valid web address. ${EXPECTED_LINK}`);
  }

  if (url.protocol !== 'https:') {
    throw linkError(
      'not_https',
      `Meeting links must start with https://, but this one starts with ${preview(url.protocol)}. ${EXPECTED_LINK}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw linkError(
      'credentials',
      `The meeting link contains a user name or password before "@", which Teams links never do. ${EXPECTED_LINK}`,
    );
  }
  if (url.port !== '') {
    throw linkError(
      'port',
      `The meeting link names a port (:${url.port}), which Teams links never do. ${EXPECTED_LINK}`,
    );
  }

  const host = url.hostname;
  if (CONSUMER_HOSTS.includes(host)) {
    throw linkError(
      'consumer_teams',
      `The link is for a meeting in Teams (free) on ${host}. Joining it from a work or school Teams account is not supported.`,
    );
  }
  if (GOVERNMENT_HOSTS.includes(host)) {
    throw linkError(
      'government_cloud',
      `The link is for a meeting in a US government cloud (${host}). Azure Communication Services does not support Teams users there.`,
    );
  }
  if (!TEAMS_MEETING_HOSTS.includes(host)) {
    throw linkError(
      'foreign_host',
      `The link points to ${preview(host)}, which is not a Teams meeting host. Only links on ${TEAMS_MEETING_HOSTS.join(' and ')} can be joined.`,
    );
  }

  if (CLASSIC_PATH.test(url.pathname)) return { kind: 'meetup-join', href: url.href, host };

  const short = SHORT_PATH.exec(url.pathname);
  if (short === null) {
    throw linkError(
      'unknown_path',
      `The link is on ${host} but is not a meeting join link. ${EXPECTED_LINK}`,
    );
  }
  const meetingId = short[1] ?? '';
  if (!MEETING_ID.test(meetingId)) {
    throw linkError(
      'malformed',
      `The meeting id in the link is not valid: it must be 9 to 20 digits. Copy the link again. ${EXPECTED_LINK}`,
    );
  }
  const passcode = url.searchParams.get('p') ?? '';
  if (passcode === '') {
    throw linkError(
      'missing_passcode',
      'The short meeting link has no passcode (the "?p=…" part). Copy the whole link, or join with the meeting id and passcode.',
    );
  }
  if (!PASSCODE.test(passcode)) {
    throw linkError(
      'malformed',
      'The passcode in the meeting link is not valid: it must be 1 to 20 letters or digits.',
    );
  }
  return { kind: 'meet', href: url.href, host, meetingId, passcode };
}

/**
 * Validates a meeting id and passcode typed by a person (the `TeamsMeetingIdLocator` of the SDK).
 * Spaces in the meeting id are removed; the passcode is trimmed and kept case-sensitive.
 *
 * @throws {TeamsEndpointError} `invalid_meeting_id`, with `details.reason` `malformed` or `missing_passcode`.
 *
 * @example
 * parseMeetingIdAndPasscode('212 345 678 901', ' AbC123 '); // { meetingId: '212345678901', passcode: 'AbC123' }
 */
export function parseMeetingIdAndPasscode(meetingId: string, passcode: string): MeetingIdAndPasscode {
  const id = typeof meetingId === 'string' ? meetingId.replace(/\s/g, '') : '';
  if (!MEETING_ID.test(id)) {
    const found = id === '' ? 'none was given' : `got ${preview(id)}`;
    throw meetingIdError(
      'malformed',
      'meetingId',
      `The meeting id must be 9 to 20 digits, for example 212 345 678 901; ${found}.`,
    );
  }
  const code = typeof passcode === 'string' ? passcode.trim() : '';
  if (code === '') {
    throw meetingIdError(
      'missing_passcode',
      'passcode',
      'A passcode is required to join a meeting by its id. It is shown next to the meeting id in the invitation.',
    );
  }
  if (!PASSCODE.test(code)) {
    throw meetingIdError(
      'malformed',
      'passcode',
      'The passcode must be 1 to 20 letters or digits, as shown in the meeting invitation.',
    );
  }
  return { meetingId: id, passcode: code };
}

function linkError(reason: string, message: string): TeamsEndpointError {
  return new TeamsEndpointError('invalid_meeting_link', message, { details: { reason } });
}

/** `details.field` names the argument at fault, so that a form can show the error beside that field. */
function meetingIdError(
  reason: string,
  field: 'meetingId' | 'passcode',
  message: string,
): TeamsEndpointError {
  return new TeamsEndpointError('invalid_meeting_id', message, { details: { reason, field } });
}

/** Quotes a piece of input for a message, cut to a readable length. */
function preview(value: string): string {
  return JSON.stringify(value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value);
}
