import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { isTeamsUserId, parseTeamsUserId } from './teamsUserId';

function thrown(run: () => unknown): TeamsEndpointError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TeamsEndpointError);
    return error as TeamsEndpointError;
  }
  throw new Error('expected a TeamsEndpointError, but nothing was thrown');
}

const GUID = '8f0c2a9e-1b2c-4d5e-8f90-123456789abc';
const UPPER = GUID.toUpperCase();

describe('parseTeamsUserId', () => {
  it.each<[string]>([
    [GUID],
    [UPPER],
    ['8f0C2a9E-1b2C-4d5E-8f90-123456789AbC'],
    [`  ${GUID}\n`],
    [`8:orgid:${GUID}`],
    [`8:orgid:${UPPER}`],
    [`8:ORGID:${GUID}`],
    [` 8:orgid:${GUID} `],
  ])('accepts %j', (input) => {
    expect(parseTeamsUserId(input)).toBe(GUID);
    expect(isTeamsUserId(input)).toBe(true);
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    [`8:dod:${GUID}`, 'unsupported_cloud'],
    [`8:gcch:${GUID}`, 'unsupported_cloud'],
    [`8:DOD:${GUID}`, 'unsupported_cloud'],
    [`8:teamsvisitor:${GUID}`, 'anonymous_user'],
    ['8:teamsvisitor:a1b2c3d4e5', 'anonymous_user'],
    [`{${GUID}}`, 'malformed'],
    [`8:orgid:{${GUID}}`, 'malformed'],
    [GUID.replaceAll('-', ''), 'malformed'],
    [GUID.slice(0, -1), 'malformed'],
    [`${GUID}0`, 'malformed'],
    [`${GUID}x`, 'malformed'],
    [GUID.replace('8f0c', '8g0c'), 'malformed'],
    [`8:orgid: ${GUID}`, 'malformed'],
    ['8:orgid:', 'malformed'],
    [`orgid:${GUID}`, 'malformed'],
    [`8:acs:${GUID}`, 'malformed'],
    [`28:orgid:${GUID}`, 'malformed'],
    ['4:+14255550123', 'malformed'],
    ['meganb@contoso.com', 'malformed'],
    [`urn:uuid:${GUID}`, 'malformed'],
    ['8f0c2a9e-1b2c-4d5e-8f90-123456789abc\u200B', 'malformed'],
    ['x'.repeat(100_000), 'malformed'],
  ])('refuses %j with reason %s', (input, reason) => {
    const error = thrown(() => parseTeamsUserId(input));
    expect(error.code).toBe('invalid_teams_user_id');
    expect(error.details).toEqual({ reason });
    expect(error.message.length).toBeLessThan(400);
    expect(isTeamsUserId(input)).toBe(false);
  });

  it('suggests removing braces', () => {
    expect(thrown(() => parseTeamsUserId(`{${GUID}}`)).message).toMatch(/braces/);
  });

  it('does not echo a very long input', () => {
    const error = thrown(() => parseTeamsUserId('y'.repeat(100_000)));
    expect(error.message).not.toContain('y'.repeat(41));
    expect(error.message).toContain('…');
  });
});
