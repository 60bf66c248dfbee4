import { TeamsEndpointError } from '../errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ACS raw id prefix of a Teams user in the public cloud. */
const PUBLIC_CLOUD_PREFIX = '8:orgid:';
/** ACS raw id prefixes of Teams users in government clouds, which ACS does not support for Teams users. */
const GOVERNMENT_CLOUD_PREFIXES: readonly string[] = ['8:dod:', '8:gcch:'];
/** ACS raw id prefix of an anonymous Teams meeting guest. */
const ANONYMOUS_PREFIX = '8:teamsvisitor:';
const PREVIEW_LENGTH = 40;
const EXPECTED =
  "Expected the user's Entra object id, a GUID such as 8f0c2a9e-1b2c-4d5e-8f90-123456789abc, or an ACS raw id such as 8:orgid:<guid>.";

/**
 * Validates the id of a Teams user in the public cloud and returns its lower-case GUID.
 *
 * Accepts the Entra object id (a GUID in any case, surrounding spaces ignored) and the ACS raw id
 * `8:orgid:<guid>`. Refuses government-cloud ids (`8:dod:`, `8:gcch:`), anonymous guests
 * (`8:teamsvisitor:`), GUIDs in braces and anything else.
 *
 * @throws {TeamsEndpointError} `invalid_teams_user_id`, with `details.reason` one of `empty`,
 * `unsupported_cloud`, `anonymous_user`, `malformed`.
 *
 * @example
 * parseTeamsUserId('8:orgid:8F0C2A9E-1B2C-4D5E-8F90-123456789ABC'); // '8f0c2a9e-1b2c-4d5e-8f90-123456789abc'
 */
export function parseTeamsUserId(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw userIdError('empty', `A Teams user id is required. ${EXPECTED}`);
  }
  const text = input.trim();
  const lower = text.toLowerCase();
  if (GOVERNMENT_CLOUD_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
    throw userIdError(
      'unsupported_cloud',
      `The Teams user id ${preview(text)} belongs to a government cloud (DoD or GCC High), where Azure Communication Services does not support Teams users. Only public-cloud users (8:orgid:) can be called.`,
    );
  }
  if (lower.startsWith(ANONYMOUS_PREFIX)) {
    throw userIdError(
      'anonymous_user',
      `The id ${preview(text)} is an anonymous Teams meeting guest, who cannot be called directly. ${EXPECTED}`,
    );
  }
  const guid = withoutPublicCloudPrefix(lower);
  if (!GUID.test(guid)) {
    const hint = /^\{.*\}$/.test(guid) ? ' Remove the braces around the GUID.' : '';
    throw userIdError('malformed', `${preview(text)} is not a Teams user id.${hint} ${EXPECTED}`);
  }
  return guid;
}

/**
 * Tells whether {@link parseTeamsUserId} would accept a value.
 *
 * @example
 * isTeamsUserId('8:orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc'); // true
 * isTeamsUserId('8:teamsvisitor:abc'); // false
 */
export function isTeamsUserId(value: string): boolean {
  return typeof value === 'string' && GUID.test(withoutPublicCloudPrefix(value.trim().toLowerCase()));
}

function withoutPublicCloudPrefix(lowerCaseId: string): string {
  return lowerCaseId.startsWith(PUBLIC_CLOUD_PREFIX)
    ? lowerCaseId.slice(PUBLIC_CLOUD_PREFIX.length)
    : lowerCaseId;
}

function userIdError(reason: string, message: string): TeamsEndpointError {
  return new TeamsEndpointError('invalid_teams_user_id', message, { details: { reason } });
}

/** Quotes a piece of user input for a message, cut to a readable length. */
function preview(value: string): string {
  return JSON.stringify(value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value);
}
