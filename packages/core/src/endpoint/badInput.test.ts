// Bad input gets a clear typed error and changes nothing: no port is called, no call is created.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError, type TeamsEndpointErrorCode } from '../errors';
import type { TeamsEndpoint } from './createTeamsEndpoint';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const cases: [string, TeamsEndpointErrorCode, (endpoint: TeamsEndpoint) => unknown][] = [
  ['letters in a phone number', 'invalid_phone_number', (e) => e.callPhoneNumber('+1 425 CALL NOW')],
  ['a number without +', 'invalid_phone_number', (e) => e.callPhoneNumber('425 555 0123')],
  ['a too short number', 'invalid_phone_number', (e) => e.callPhoneNumber('+1 555')],
  ['a too long number', 'invalid_phone_number', (e) => e.callPhoneNumber('+1 425 555 0123 4567 89')],
  ['an empty number', 'invalid_phone_number', (e) => e.callPhoneNumber('   ')],
  [
    'a Teams id that is not a GUID',
    'invalid_teams_user_id',
    (e) => e.callTeamsUser('megan.bowen@fabrikam.example'),
  ],
  ['calling yourself', 'invalid_teams_user_id', (e) => e.callTeamsUser(fabrikam.me.id)],
  [
    'a lookalike meeting host',
    'invalid_meeting_link',
    (e) =>
      e.joinMeeting('https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting_x%40thread.v2/0'),
  ],
  [
    'a foreign meeting host',
    'invalid_meeting_link',
    (e) => e.joinMeeting('https://evil.example/l/meetup-join/19%3ameeting_x%40thread.v2/0'),
  ],
  [
    'an http meeting link',
    'invalid_meeting_link',
    (e) => e.joinMeeting('http://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0'),
  ],
  ['a javascript: link', 'invalid_meeting_link', (e) => e.joinMeeting('javascript:alert(1)')],
  ['a malformed link', 'invalid_meeting_link', (e) => e.joinMeeting('https://')],
  ['a meeting id with letters', 'invalid_meeting_id', (e) => e.joinMeetingById('12345abc', 'pass')],
  ['a missing passcode', 'invalid_meeting_id', (e) => e.joinMeetingById('123456789012', '')],
  [
    'a meetings range that ends before it starts',
    'invalid_argument',
    (e) => e.meetings.load({ start: new Date('2026-11-30'), end: new Date('2026-11-23') }),
  ],
];

describe('bad input', () => {
  it.each(cases)('refuses %s with %s and changes nothing', async (_name, code, act) => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const before = endpoint.getSnapshot();
    const meetingsBefore = endpoint.meetings.getSnapshot();
    const graphRequestsBefore = world.graph.requests.length;
    let thrown: unknown;
    try {
      act(endpoint);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TeamsEndpointError);
    expect((thrown as TeamsEndpointError).code).toBe(code);
    expect((thrown as TeamsEndpointError).message.length).toBeGreaterThan(10);
    await settle();
    expect(endpoint.getSnapshot()).toBe(before);
    expect(endpoint.meetings.getSnapshot()).toBe(meetingsBefore);
    expect(world.calling.methodCalls.startCall + world.calling.methodCalls.joinMeeting).toBe(0);
    expect(world.graph.requests.length).toBe(graphRequestsBefore);
  });

  it('refuses an invalid DTMF key on a live call without touching the port', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    await settle();
    expect(() => call.sendDtmf('<b>')).toThrowError(expect.objectContaining({ code: 'invalid_argument' }));
    expect(world.calling.methodCalls.sendDtmf).toBe(0);
  });

  it('refuses to call before sign-in with not_signed_in', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ signIn: false });
    expect(() => endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber)).toThrowError(
      expect.objectContaining({ code: 'not_signed_in' }),
    );
    expect(world.calling.methodCalls.startCall).toBe(0);
  });

  it('accepts national numbers when a default country calling code is configured', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({
      endpoint: { defaultCountryCallingCode: '1' },
    });
    endpoint.callPhoneNumber('(425) 555-0101');
    await settle();
    expect(world.calling.lastCall().target).toEqual({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
  });
});

describe('expired and refused tokens', () => {
  it('an expired ACS token fails sign-in with token_expired, and a retry with a fresh token works', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ signIn: false });
    world.identity.setTokenLifetime(-1_000);
    await expect(endpoint.signIn()).rejects.toMatchObject({ code: 'token_expired' });
    expect(endpoint.getSnapshot().session).toMatchObject({
      status: 'failed',
      error: { code: 'token_expired' },
    });
    world.identity.setTokenLifetime(60 * 60_000);
    await expect(endpoint.signIn()).resolves.toMatchObject({ id: fabrikam.me.id });
  });

  it('a tenant refused by the exchange surfaces tenant_not_allowed', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ signIn: false });
    world.identity.failNext(
      'getAcsToken',
      new TeamsEndpointError('tenant_not_allowed', 'Fabrikam is not allowed here.'),
    );
    await expect(endpoint.signIn()).rejects.toMatchObject({ code: 'tenant_not_allowed' });
    expect(world.calling.isConnected).toBe(false);
  });
});

describe('Graph faults reach the lists as typed errors', () => {
  it.each([
    [{ status: 429 as const, retryAfterSeconds: 0, times: 10 }, 'throttled'],
    [{ status: 503 as const, times: 10 }, 'service_error'],
    [{ status: 403 as const }, 'consent_required'],
  ])('people list with %o fails with %s, and retry recovers', async (failure, code) => {
    // Retries wait on a clock of their own, so the test does not sleep through the back-off.
    const { world, endpoint } = await createFabrikamEndpoint({ graphPort: { sleep: async () => undefined } });
    world.graph.faults.failNext({ ...failure, pathIncludes: '/users' });
    endpoint.people.load();
    const failed = await waitForList(endpoint, 'failed');
    expect(failed.error?.code).toBe(code);
    world.graph.faults.reset();
    endpoint.people.retry();
    expect((await waitForList(endpoint, 'loaded')).items.length).toBe(fabrikam.people.length);
  });

  it('malformed JSON from Graph fails the meetings list with malformed_response', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    world.graph.faults.malformedNext({ pathIncludes: 'calendarView' });
    endpoint.meetings.load();
    const { waitForSnapshot } = await import('@teams-endpoint/testing');
    const failed = await waitForSnapshot(endpoint.meetings, (s) => s.status === 'failed');
    expect(failed.error?.code).toBe('malformed_response');
  });
});

async function waitForList(endpoint: TeamsEndpoint, status: 'failed' | 'loaded') {
  const { waitForSnapshot } = await import('@teams-endpoint/testing');
  return waitForSnapshot(endpoint.people, (s) => s.status === status, 10_000);
}
