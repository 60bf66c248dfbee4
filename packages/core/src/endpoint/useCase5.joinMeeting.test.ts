// Use case 5 (USE-CASES.md): Alice joins "Project Tailspin" from her calendar.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

describe('use case 5: join a Teams meeting', () => {
  it("loads this week's Teams meetings, joins one, waits in the lobby and is admitted", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();

    // Step 2: the calendar view of this week, Teams meetings only, sorted by start.
    endpoint.meetings.load();
    await waitForSnapshot(endpoint.meetings, (s) => s.status === 'loaded');
    const { items, status } = endpoint.meetings.getSnapshot();
    expect(status).toBe('loaded');
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.map((meeting) => meeting.start)).toEqual([...items.map((meeting) => meeting.start)].sort());
    expect(items.every((meeting) => meeting.joinUrl.startsWith('https://teams.microsoft.com/'))).toBe(true);
    const tailspin = items.find((meeting) => meeting.subject === 'Project Tailspin')!;
    expect(tailspin).toBeDefined();
    const request = world.graph.requests.find((r) => r.path === '/me/calendar/calendarView')!;
    expect(request.search.startDateTime).toBeDefined();
    expect(request.search.endDateTime).toBeDefined();

    // Step 3: join by the meeting's link.
    world.calling.scriptNextMeeting('manual');
    const call = endpoint.joinMeeting(tailspin.joinUrl, { subject: tailspin.subject });
    await settle();
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'link', meetingLink: tailspin.joinUrl });
    remote.putInLobby();
    await settle();
    expect(call.getSnapshot()).toMatchObject({
      status: 'in_lobby',
      remote: { kind: 'meeting', subject: 'Project Tailspin' },
    });
    remote.admit();
    await settle();
    expect(call.getSnapshot()).toMatchObject({ status: 'connected', can: { sendDtmf: false } });
    // DTMF is for PSTN and 1:1 calls: the machine refuses it here, so it never reaches the port.
    const before = call.getSnapshot();
    call.sendDtmf('5');
    await settle();
    expect(world.calling.methodCalls.sendDtmf).toBe(0);
    expect(remote.dtmfSent).toEqual([]);
    expect(call.getSnapshot()).toBe(before);

    // Step 4: other participants join, in one burst.
    remote.addParticipants(25);
    await settle();
    expect(call.getSnapshot().participants).toHaveLength(25);

    call.hangUp();
    expect(await call.whenEnded()).toMatchObject({ outcome: 'completed' });
  });

  it('is denied from the lobby: outcome denied', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.joinMeeting(
      fabrikam.calendarWeek(new Date()).find((event) => event.onlineMeetingProvider === 'teamsForBusiness')!
        .onlineMeeting!.joinUrl,
    );
    await settle();
    world.calling.lastCall().putInLobby();
    world.calling.lastCall().deny();
    expect(await call.whenEnded()).toMatchObject({ status: 'ended', outcome: 'denied' });
  });

  it('joins by meeting id and passcode', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.joinMeetingById('123 456 789 012', 'Ab3dE');
    await settle();
    expect(world.calling.lastCall().target).toEqual({
      kind: 'id',
      meetingId: '123456789012',
      passcode: 'Ab3dE',
    });
    world.calling.lastCall().admit();
    await settle();
    expect(call.getSnapshot().status).toBe('connected');
  });

  it('keeps hostile meeting subjects as plain data', async () => {
    const { endpoint } = await createFabrikamEndpoint();
    endpoint.meetings.load();
    await waitForSnapshot(endpoint.meetings, (s) => s.status === 'loaded');
    expect(endpoint.meetings.getSnapshot().items.map((meeting) => meeting.subject)).toContain(
      fabrikam.hostileSubject,
    );
  });
});
