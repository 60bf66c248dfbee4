import type { CallPortEvent, CallPortStatus, LobbyParticipant } from '@teams-endpoint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FakeCallingOptions } from './fakeCalling';
import { connectedCalling, featuresOf, liveMeeting, notifications } from './fakeCalling.test-support';
import { typedRejection } from './typedRejection';

const meetingLobby = async (options?: FakeCallingOptions) => {
  const { handle, remote } = await liveMeeting(await connectedCalling(options));
  return { handle, lobby: featuresOf(handle).lobby, remote };
};
const rosterIds = (handle: { getState(): { participants: readonly { id: string }[] } }) =>
  handle.getState().participants.map((participant) => participant.id);
const lobbyIds = (lobby: { getState(): { participants: readonly LobbyParticipant[] } }) =>
  lobby.getState().participants.map((person) => person.id);
const guest: LobbyParticipant = { id: '4:+14255550111', kind: 'phoneNumber', displayName: '<b>Dial-in</b>' };

describe('fake lobby', () => {
  it('lists people in the order they arrived', async () => {
    const { lobby, remote } = await meetingLobby();
    const first = remote.joinLobby(2);
    const second = remote.joinLobby([guest]);
    expect(second).toEqual([guest]);
    expect(lobby.getState().participants).toEqual([...first, guest]);
    expect(first[0]).toEqual({ id: expect.any(String), kind: 'teamsUser', displayName: expect.any(String) });
  });

  it('admit moves someone out of the lobby, then into the roster as a connected attendee', async () => {
    const { handle, lobby, remote } = await meetingLobby();
    remote.joinLobby([guest]);
    const events: CallPortEvent[] = [];
    const inLobbyWhenAdded: string[][] = [];
    handle.subscribe((event) => {
      events.push(event);
      if (event.type === 'participantsAdded') inLobbyWhenAdded.push(lobbyIds(lobby));
    });
    await lobby.admit(guest.id);
    expect(lobby.getState().participants).toEqual([]);
    expect(events).toEqual([
      {
        type: 'participantsAdded',
        participants: [
          expect.objectContaining({
            id: guest.id,
            kind: 'phoneNumber',
            displayName: guest.displayName,
            state: 'connected',
            role: 'attendee',
            isVideoOn: false,
          }),
        ],
      },
    ]);
    expect(inLobbyWhenAdded).toEqual([[]]);
    expect(rosterIds(handle)).toEqual([guest.id]);
  });

  it('admitting someone twice, or someone unknown, rejects with not_found', async () => {
    const { lobby, remote } = await meetingLobby();
    remote.joinLobby([guest]);
    await lobby.admit(guest.id);
    expect(await typedRejection(lobby.admit(guest.id))).toMatchObject({
      code: 'not_found',
      details: { reason: 'already_in_meeting', participantId: guest.id },
    });
    for (const id of ['8:orgid:nobody', '', '__proto__']) {
      expect(await typedRejection(lobby.admit(id))).toMatchObject({
        code: 'not_found',
        details: { reason: 'not_in_lobby' },
      });
    }
  });

  it('someone who left the lobby, or was turned away, can no longer be admitted', async () => {
    const { handle, lobby, remote } = await meetingLobby();
    const [left, rejected] = remote.joinLobby(2);
    remote.leaveLobby(left!.id);
    await lobby.reject(rejected!.id);
    for (const person of [left!, rejected!]) {
      expect((await typedRejection(lobby.admit(person.id))).code).toBe('not_found');
      expect((await typedRejection(lobby.reject(person.id))).code).toBe('not_found');
    }
    expect(rosterIds(handle)).toEqual([]);
    expect(lobby.getState().participants).toEqual([]);
  });

  it('admitAll admits everyone in one burst; with nobody waiting it changes nothing', async () => {
    const { handle, lobby, remote } = await meetingLobby();
    const events: CallPortEvent[] = [];
    handle.subscribe((event) => events.push(event));
    const seen = notifications(lobby);
    await lobby.admitAll();
    expect(events).toEqual([]);
    expect(seen.count).toBe(0);
    const waiting = remote.joinLobby(3);
    await lobby.admitAll();
    expect(events.filter((event) => event.type === 'participantsAdded')).toHaveLength(1);
    expect(rosterIds(handle)).toEqual(waiting.map((person) => person.id));
  });

  it('an attendee may not manage the lobby (forbidden, role); nor anyone once Teams denies it', async () => {
    const attendee = await meetingLobby({ meetingRole: 'attendee' });
    const [person] = attendee.remote.joinLobby(1);
    for (const command of [
      attendee.lobby.admit(person!.id),
      attendee.lobby.reject(person!.id),
      attendee.lobby.admitAll(),
    ]) {
      expect(await typedRejection(command)).toMatchObject({
        code: 'forbidden',
        details: { capability: 'manageLobby', reason: 'role' },
      });
    }
    expect(attendee.lobby.getState().participants).toEqual([person]);

    const organizer = await meetingLobby();
    organizer.remote.joinLobby(1);
    organizer.remote.setCapabilities({ manageLobby: { allowed: false, reason: 'meeting_option' } });
    expect((await typedRejection(organizer.lobby.admitAll())).details).toEqual({
      capability: 'manageLobby',
      reason: 'meeting_option',
    });
  });

  it.each<CallPortStatus>(['in_lobby', 'connecting', 'local_hold', 'remote_hold'])(
    'lobby commands while the call is %s reject with invalid_call_state',
    async (status) => {
      const { lobby, remote } = await meetingLobby();
      const [person] = remote.joinLobby(1);
      remote.reportStatus(status);
      for (const command of [lobby.admit(person!.id), lobby.reject(person!.id), lobby.admitAll()]) {
        expect(await typedRejection(command)).toMatchObject({
          code: 'invalid_call_state',
          details: { status },
        });
      }
      expect(lobby.getState().participants).toEqual([person]);
    },
  );

  it('nobody arrives twice, and only someone waiting can leave', async () => {
    const { lobby, remote } = await meetingLobby();
    remote.joinLobby([guest]);
    expect(() => remote.joinLobby([guest])).toThrow(/already/);
    await lobby.admit(guest.id);
    expect(() => remote.joinLobby([guest])).toThrow(/already/);
    expect(() => remote.leaveLobby(guest.id)).toThrow(/not in the lobby/);
    expect(() =>
      remote.joinLobby([
        { id: 'x', kind: 'unknown' },
        { id: 'x', kind: 'unknown' },
      ]),
    ).toThrow();
    expect(lobby.getState().participants).toEqual([]);
  });

  it('any interleaving of arrivals, departures, admits and rejects keeps lobby and roster disjoint and in order', async () => {
    type Step =
      | { readonly op: 'join'; readonly count: number }
      | { readonly op: 'leave' | 'admit' | 'reject' | 'admitUnknown'; readonly pick: number }
      | { readonly op: 'admitAll' };
    const pick = fc.nat({ max: 20 });
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ op: fc.constant('join' as const), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constantFrom('leave' as const, 'admit' as const, 'reject' as const), pick }),
      fc.record({ op: fc.constant('admitUnknown' as const), pick }),
      fc.record({ op: fc.constant('admitAll' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const { handle, lobby, remote } = await meetingLobby();
        const waiting: string[] = [];
        const admitted: string[] = [];
        const seenIds = new Set<string>();
        const check = () => {
          expect(lobbyIds(lobby)).toEqual(waiting);
          expect(rosterIds(handle)).toEqual(admitted);
        };
        // Disjoint at every notification too, not only between steps (a listener's throw would be swallowed).
        const overlaps: string[] = [];
        const disjoint = () => {
          const inRoster = new Set(rosterIds(handle));
          overlaps.push(...lobbyIds(lobby).filter((id) => inRoster.has(id)));
        };
        lobby.subscribe(disjoint);
        handle.subscribe(disjoint);
        for (const next of steps) {
          if (next.op === 'join') {
            for (const person of remote.joinLobby(next.count)) {
              waiting.push(person.id);
              seenIds.add(person.id);
            }
          } else if (next.op === 'admitAll') {
            await lobby.admitAll();
            admitted.push(...waiting.splice(0));
          } else if (next.op === 'admitUnknown') {
            const gone = [...seenIds].filter((id) => !waiting.includes(id));
            const id = gone[next.pick % Math.max(gone.length, 1)] ?? '8:orgid:never-seen';
            expect((await typedRejection(lobby.admit(id))).code).toBe('not_found');
          } else if (waiting.length > 0) {
            const id = waiting[next.pick % waiting.length]!;
            waiting.splice(waiting.indexOf(id), 1);
            if (next.op === 'admit') admitted.push(id);
            if (next.op === 'leave') remote.leaveLobby(id);
            else if (next.op === 'admit') await lobby.admit(id);
            else await lobby.reject(id);
          }
          check();
        }
        expect(overlaps).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
