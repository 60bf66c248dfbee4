import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { parseMeetingIdAndPasscode, parseTeamsMeetingLink, TEAMS_MEETING_HOSTS } from './meetingLink';

function thrown(run: () => unknown): TeamsEndpointError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TeamsEndpointError);
    return error as TeamsEndpointError;
  }
  throw new Error('expected a TeamsEndpointError, but nothing was thrown');
}

const THREAD = '19%3ameeting_NjQ0ZDU2YjQtMTI0Mi00YzM4LWI3ZjQtNzQ0ZTY4MjNmYzYw%40thread.v2';
const CONTEXT =
  'context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%228f0c2a9e-1b2c-4d5e-8f90-123456789abc%22%7d';
const CLASSIC = `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}`;
const SHORT = 'https://teams.microsoft.com/meet/21234567890?p=AbC123';

describe('TEAMS_MEETING_HOSTS', () => {
  it('lists exactly the two supported hosts and cannot be changed', () => {
    expect(TEAMS_MEETING_HOSTS).toEqual(['teams.microsoft.com', 'teams.cloud.microsoft']);
    expect(Object.isFrozen(TEAMS_MEETING_HOSTS)).toBe(true);
  });
});

describe('parseTeamsMeetingLink', () => {
  it.each<[string, string, string]>([
    [CLASSIC, CLASSIC, 'teams.microsoft.com'],
    [`  ${CLASSIC}\n`, CLASSIC, 'teams.microsoft.com'],
    [
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`,
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`,
      'teams.microsoft.com',
    ],
    [
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0/`,
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0/`,
      'teams.microsoft.com',
    ],
    [
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/1234567890123?${CONTEXT}`,
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/1234567890123?${CONTEXT}`,
      'teams.microsoft.com',
    ],
    [
      `https://teams.cloud.microsoft/l/meetup-join/${THREAD}/0?${CONTEXT}`,
      `https://teams.cloud.microsoft/l/meetup-join/${THREAD}/0?${CONTEXT}`,
      'teams.cloud.microsoft',
    ],
    [`HTTPS://TEAMS.MICROSOFT.COM/l/meetup-join/${THREAD}/0?${CONTEXT}`, CLASSIC, 'teams.microsoft.com'],
    [
      `https://Teams.Cloud.Microsoft/l/meetup-join/${THREAD}/0`,
      `https://teams.cloud.microsoft/l/meetup-join/${THREAD}/0`,
      'teams.cloud.microsoft',
    ],
    [`https://teams.microsoft.com:443/l/meetup-join/${THREAD}/0?${CONTEXT}`, CLASSIC, 'teams.microsoft.com'],
  ])('accepts the classic link %j', (input, href, host) => {
    const link = parseTeamsMeetingLink(input);
    expect(link).toEqual({ kind: 'meetup-join', href, host });
    expect(Object.hasOwn(link, 'meetingId')).toBe(false);
    expect(Object.hasOwn(link, 'passcode')).toBe(false);
  });

  it.each<[string, string, string, string, string]>([
    [SHORT, SHORT, 'teams.microsoft.com', '21234567890', 'AbC123'],
    [` ${SHORT} `, SHORT, 'teams.microsoft.com', '21234567890', 'AbC123'],
    [
      'HTTPS://TEAMS.MICROSOFT.COM/meet/21234567890?p=AbC123',
      SHORT,
      'teams.microsoft.com',
      '21234567890',
      'AbC123',
    ],
    [
      'https://teams.microsoft.com/meet/21234567890/?p=AbC123&anon=true',
      'https://teams.microsoft.com/meet/21234567890/?p=AbC123&anon=true',
      'teams.microsoft.com',
      '21234567890',
      'AbC123',
    ],
    [
      'https://teams.cloud.microsoft/meet/123456789?p=x',
      'https://teams.cloud.microsoft/meet/123456789?p=x',
      'teams.cloud.microsoft',
      '123456789',
      'x',
    ],
    [
      `https://teams.microsoft.com/meet/12345678901234567890?p=${'Z9'.repeat(10)}`,
      `https://teams.microsoft.com/meet/12345678901234567890?p=${'Z9'.repeat(10)}`,
      'teams.microsoft.com',
      '12345678901234567890',
      'Z9'.repeat(10),
    ],
  ])('accepts the short link %j', (input, href, host, meetingId, passcode) => {
    expect(parseTeamsMeetingLink(input)).toEqual({ kind: 'meet', href, host, meetingId, passcode });
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\n\t', 'empty'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=${'a'.repeat(4096)}`, 'too_long'],
    [' '.repeat(4097), 'too_long'],
    ['not a link', 'malformed'],
    [`teams.microsoft.com/l/meetup-join/${THREAD}/0`, 'malformed'],
    ['https://', 'malformed'],
    ['https://[::1', 'malformed'],
    ['https://teams.microsoft.com:99999/l/meetup-join/x/0', 'malformed'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD} /0`, 'malformed'],
    [`https://teams.microsoft.com/l/meetup-join/\n${THREAD}/0`, 'malformed'],
    [`https://teams.microsoft.com/l/meetup-join/\t${THREAD}/0`, 'malformed'],
    [`https://teams.micro\u00ADsoft.com/l/meetup-join/${THREAD}/0`, 'malformed'],
    [`https://teams.micro\u200Bsoft.com/l/meetup-join/${THREAD}/0`, 'malformed'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/0\u202E`, 'malformed'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/0\u0000`, 'malformed'],
    [`http://teams.microsoft.com/l/meetup-join/${THREAD}/0`, 'not_https'],
    ['javascript:alert(1)', 'not_https'],
    ['JavaScript:alert(document.cookie)//https://teams.microsoft.com/l/meetup-join/x/0', 'not_https'],
    ['data:text/html,<script>alert(1)</script>', 'not_https'],
    ['file:///etc/passwd', 'not_https'],
    ['ftp://teams.microsoft.com/l/meetup-join/x/0', 'not_https'],
    ['msteams://teams.microsoft.com/l/meetup-join/x/0', 'not_https'],
    ['wss://teams.microsoft.com/l/meetup-join/x/0', 'not_https'],
    [`https://user:pass@teams.microsoft.com/l/meetup-join/${THREAD}/0`, 'credentials'],
    [`https://user@teams.microsoft.com/l/meetup-join/${THREAD}/0`, 'credentials'],
    [`https://teams.microsoft.com@evil.example/l/meetup-join/${THREAD}/0`, 'credentials'],
    [`https://teams.microsoft.com:8443/l/meetup-join/${THREAD}/0`, 'port'],
    [`https://teams.microsoft.com:80/l/meetup-join/${THREAD}/0`, 'port'],
    ['https://teams.live.com/meet/9876543210987?p=abc', 'consumer_teams'],
    [`https://TEAMS.LIVE.COM/l/meetup-join/${THREAD}/0`, 'consumer_teams'],
    [`https://gov.teams.microsoft.us/l/meetup-join/${THREAD}/0`, 'government_cloud'],
    [`https://dod.teams.microsoft.us/l/meetup-join/${THREAD}/0`, 'government_cloud'],
    ['https://teams.microsoft.com.evil.example/l/meetup-join/x', 'foreign_host'],
    ['https://evil.example/?u=https://teams.microsoft.com/l/meetup-join/x', 'foreign_host'],
    [`https://evil-teams.microsoft.com/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://www.teams.microsoft.com/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://a.teams.cloud.microsoft/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://microsoft.com/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://teams.microsoft.com./l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://teams.micros\u043Eft.com/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://xn--teams-microsft-sbh.com/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://teams.xn--microsft-sbh.com/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://13.107.64.2/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://[2603:1063::1]/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://teams.microsoft.us/l/meetup-join/${THREAD}/0`, 'foreign_host'],
    [`https://${'a'.repeat(200)}.example/l/meetup-join/x/0`, 'foreign_host'],
    ['https://teams.microsoft.com/', 'unknown_path'],
    ['https://teams.microsoft.com/l/chat/0/0?users=someone@contoso.com', 'unknown_path'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}`, 'unknown_path'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/x`, 'unknown_path'],
    [`https://teams.microsoft.com/l/meetup-join/${THREAD}/0/extra`, 'unknown_path'],
    ['https://teams.microsoft.com/l/meetup-join//0', 'unknown_path'],
    [`https://teams.microsoft.com/_#/l/meetup-join/${THREAD}/0`, 'unknown_path'],
    [`https://teams.microsoft.com/L/MEETUP-JOIN/${THREAD}/0`, 'unknown_path'],
    ['https://teams.microsoft.com/meet', 'unknown_path'],
    ['https://teams.microsoft.com/meet/21234567890/extra?p=abc', 'unknown_path'],
    ['https://teams.microsoft.com/meet/21234567890', 'missing_passcode'],
    ['https://teams.microsoft.com/meet/21234567890?p=', 'missing_passcode'],
    ['https://teams.microsoft.com/meet/21234567890?pwd=abc', 'missing_passcode'],
    ['https://teams.microsoft.com/meet/?p=abc', 'malformed'],
    ['https://teams.microsoft.com/meet/12345678?p=abc', 'malformed'],
    ['https://teams.microsoft.com/meet/123456789012345678901?p=abc', 'malformed'],
    ['https://teams.microsoft.com/meet/abc123456789?p=abc', 'malformed'],
    ['https://teams.microsoft.com/meet/212%20345%20678?p=abc', 'malformed'],
    ['https://teams.microsoft.com/meet/21234567890?p=abc%20def', 'malformed'],
    ['https://teams.microsoft.com/meet/21234567890?p=abc+def', 'malformed'],
    ['https://teams.microsoft.com/meet/21234567890?p=%3Cscript%3E', 'malformed'],
    [`https://teams.microsoft.com/meet/21234567890?p=${'a'.repeat(21)}`, 'malformed'],
  ])('refuses %j with reason %s', (input, reason) => {
    const error = thrown(() => parseTeamsMeetingLink(input));
    expect(error.code).toBe('invalid_meeting_link');
    expect(error.details).toEqual({ reason });
    expect(error.message.length).toBeLessThan(300);
  });

  it('refuses a 100 kB string without echoing it', () => {
    const input = `https://teams.microsoft.com/l/meetup-join/${'x'.repeat(100_000)}/0`;
    const error = thrown(() => parseTeamsMeetingLink(input));
    expect(error.details).toEqual({ reason: 'too_long' });
    expect(error.message).not.toContain('x'.repeat(41));
    expect(error.message.length).toBeLessThan(300);
  });

  it('never echoes the link or its passcode', () => {
    for (const input of [
      'https://evil.example/meet/21234567890?p=SeCrEt99',
      'https://teams.microsoft.com:99999/meet/21234567890?p=SeCrEt99',
      'https://teams.microsoft.com/meet/1?p=SeCrEt99',
      'https://teams.microsoft.com/meet/21234567890?p=SeCrEt99!',
      'http://teams.microsoft.com/meet/21234567890?p=SeCrEt99',
    ]) {
      const error = thrown(() => parseTeamsMeetingLink(input));
      expect(error.message).not.toContain('SeCrEt99');
      expect(error.cause).toBeUndefined();
      expect(JSON.stringify(error)).not.toContain('SeCrEt99');
    }
  });

  it('cuts a long foreign host in the message', () => {
    const error = thrown(() => parseTeamsMeetingLink(`https://${'a'.repeat(200)}.example/l/meetup-join/x/0`));
    expect(error.message).not.toContain('a'.repeat(41));
    expect(error.message).toContain('…');
  });

  it('explains the consumer and government cloud refusals', () => {
    expect(
      thrown(() => parseTeamsMeetingLink('https://teams.live.com/meet/9876543210987?p=abc')).message,
    ).toMatch(/not supported/);
    expect(
      thrown(() => parseTeamsMeetingLink(`https://gov.teams.microsoft.us/l/meetup-join/${THREAD}/0`)).message,
    ).toMatch(/government cloud/);
  });
});

describe('parseMeetingIdAndPasscode', () => {
  it.each<[string, string, string, string]>([
    ['212345678901', 'AbC123', '212345678901', 'AbC123'],
    ['212 345 678 901', ' AbC123 ', '212345678901', 'AbC123'],
    [' 212\u00A0345 678 901\t', 'x9', '212345678901', 'x9'],
    ['123456789', 'a', '123456789', 'a'],
    ['12345678901234567890', 'A'.repeat(20), '12345678901234567890', 'A'.repeat(20)],
  ])('accepts %j with passcode %j', (meetingId, passcode, expectedId, expectedPasscode) => {
    expect(parseMeetingIdAndPasscode(meetingId, passcode)).toEqual({
      meetingId: expectedId,
      passcode: expectedPasscode,
    });
  });

  it.each<[string, string, string, 'meetingId' | 'passcode']>([
    ['', 'abc', 'malformed', 'meetingId'],
    ['   ', 'abc', 'malformed', 'meetingId'],
    ['', '', 'malformed', 'meetingId'],
    ['12345678', 'abc', 'malformed', 'meetingId'],
    ['123456789012345678901', 'abc', 'malformed', 'meetingId'],
    ['212-345-678-901', 'abc', 'malformed', 'meetingId'],
    ['212.345.678.901', 'abc', 'malformed', 'meetingId'],
    ['meeting 212345678901', 'abc', 'malformed', 'meetingId'],
    ['１２３４５６７８９', 'abc', 'malformed', 'meetingId'],
    ['١٢٣٤٥٦٧٨٩', 'abc', 'malformed', 'meetingId'],
    ['9'.repeat(100_000), 'abc', 'malformed', 'meetingId'],
    ['212345678901', '', 'missing_passcode', 'passcode'],
    ['212345678901', '   ', 'missing_passcode', 'passcode'],
    ['212345678901', 'abc def', 'malformed', 'passcode'],
    ['212345678901', 'abc-def', 'malformed', 'passcode'],
    ['212345678901', 'A'.repeat(21), 'malformed', 'passcode'],
    ['212345678901', 'pässcode', 'malformed', 'passcode'],
    ['212345678901', '<script>', 'malformed', 'passcode'],
    ['212345678901', 'x'.repeat(100_000), 'malformed', 'passcode'],
  ])('refuses %j with passcode %j as %s, naming the %s field', (meetingId, passcode, reason, field) => {
    const error = thrown(() => parseMeetingIdAndPasscode(meetingId, passcode));
    expect(error.code).toBe('invalid_meeting_id');
    expect(error.details).toEqual({ reason, field });
    expect(error.message.length).toBeLessThan(200);
  });

  it('never echoes the passcode', () => {
    const error = thrown(() => parseMeetingIdAndPasscode('212345678901', 'SeCrEt-99'));
    expect(error.message).not.toContain('SeCrEt');
  });
});
