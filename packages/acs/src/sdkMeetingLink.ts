import { TeamsEndpointError } from '@teams-endpoint/core';

/**
 * The short-link pattern of the SDK 2.0.0 (`teamsMeetingShortUrlJoin.regexPattern` in its default ECS config),
 * matched against the whole link: `/meet/<id>`, optionally `?p=<passcode>`, and nothing after a `/` or `?`.
 */
const SDK_SHORT_LINK = /\/meet\/[^/?]+(\?p=[^/?]+)?$/;
const SHORT_PATH = /^\/meet\/([^/]+)\/?$/;

const linkError = (reason: string, message: string) =>
  new TeamsEndpointError('invalid_meeting_link', message, { details: { reason } });

/** The `context` of a classic link, when it is the JSON object the SDK parses. */
function readContext(url: URL): string | undefined {
  const context = url.searchParams.get('context');
  if (!context) return undefined;
  try {
    const parsed: unknown = JSON.parse(context);
    return typeof parsed === 'object' && parsed !== null ? context : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rewrites a meeting link that the core accepted into the form the Calling SDK 2.0.0 parses, or refuses it
 * with `invalid_meeting_link` when the SDK could not join it anyway. Read from the SDK's
 * `TeamsCallAgentImpl.createCall`, `isLongMeetingUrl`, `parseLongMeetingLink` and `isShortMeetingUrl`:
 *
 * - **Classic** `/l/meetup-join/<thread>/<message>`: the SDK takes the thread and message from the path and
 *   the organizer and tenant from `context`, parsing the whole query after `?context=` as JSON. A missing
 *   `context`, or any other query parameter, makes it refuse the link (400/40210). The port keeps the path and
 *   `context` only, which is all the SDK reads; without a `context` it refuses (`reason: 'missing_context'`).
 * - **Short** `/meet/<id>?p=<passcode>`: the SDK matches a pattern that allows nothing after the id but
 *   `?p=…`, so a trailing `/` or a parameter before `p` is refused (400/40210). The port rebuilds the link as
 *   `https://<host>/meet/<id>?p=<passcode>`.
 *
 * A link already in the SDK's form is passed on unchanged.
 *
 * @example
 * toSdkMeetingLink('https://teams.microsoft.com/meet/21234567890/?p=AbC123&anon=true');
 * // 'https://teams.microsoft.com/meet/21234567890?p=AbC123'
 */
export function toSdkMeetingLink(meetingLink: string): string {
  const url = new URL(meetingLink);
  const short = SHORT_PATH.exec(url.pathname);
  if (short) {
    if (SDK_SHORT_LINK.test(url.href)) return meetingLink;
    const passcode = url.searchParams.get('p');
    return `${url.origin}/meet/${short[1]}${passcode ? `?p=${encodeURIComponent(passcode)}` : ''}`;
  }
  const context = readContext(url);
  if (context === undefined) {
    throw linkError(
      'missing_context',
      'This Teams meeting link has no meeting context (the "?context=…" part), which Teams needs to find the meeting. Copy the whole link from the invitation.',
    );
  }
  if ([...url.searchParams.keys()].join() === 'context') return meetingLink;
  return `${url.origin}${url.pathname}?context=${encodeURIComponent(context)}`;
}
