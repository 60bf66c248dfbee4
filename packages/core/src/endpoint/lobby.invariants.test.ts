// Lobby admission (issue 13): an organizer's lobby list, admit one, admit all, reject. A property drives random
// interleavings of people arriving and giving up, the organizer's clicks (double clicks included), the
// platform answering each held request (or failing it), and a policy change taking manageLobby away; after
// every step it checks:
// - the unit's list is the port's lobby, in order, and nobody is both in the lobby and in the roster;
// - the port never has two requests in flight for the same person, nor an admit-all beside another;
// - a command for someone not in the lobby throws `invalid_argument` and changes nothing;
// - a command outside `can` reaches no port method.
import type { FakeQueue, FakeRemoteCall } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';
import { callLobby } from './features/lobby';

useGraphServer();

const MEETING = 'https://teams.microsoft.com/meet/1234567890123?p=passcode1';
const NO_TIMEOUTS = { controlTimeoutMs: 3_600_000, requestTimeoutMs: 3_600_000 };
type Held = 'admit' | 'rejectFromLobby' | 'admitAll';
const HELD: readonly Held[] = ['admit', 'rejectFromLobby', 'admitAll'];

type Step =
  | { readonly type: 'arrive'; readonly count: number }
  | { readonly type: 'giveUp'; readonly pick: number }
  | { readonly type: 'admit' | 'reject'; readonly pick: number; readonly twice: boolean }
  | { readonly type: 'admitAll'; readonly twice: boolean }
  | { readonly type: 'answer'; readonly pick: number; readonly fail: boolean }
  | { readonly type: 'policy'; readonly allowed: boolean }
  | { readonly type: 'stranger' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3 }).map((count): Step => ({ type: 'arrive', count })), weight: 4 },
  { arbitrary: fc.nat(5).map((pick): Step => ({ type: 'giveUp', pick })), weight: 2 },
  {
    arbitrary: fc
      .record({
        type: fc.constantFrom('admit' as const, 'reject' as const),
        pick: fc.nat(5),
        twice: fc.boolean(),
      })
      .map((s): Step => s),
    weight: 5,
  },
  { arbitrary: fc.boolean().map((twice): Step => ({ type: 'admitAll', twice })), weight: 1 },
  {
    arbitrary: fc
      .record({ pick: fc.nat(2), fail: fc.boolean() })
      .map((s): Step => ({ type: 'answer', ...s })),
    weight: 5,
  },
  { arbitrary: fc.boolean().map((allowed): Step => ({ type: 'policy', allowed })), weight: 1 },
  { arbitrary: fc.constant<Step>({ type: 'stranger' }), weight: 1 },
);

async function organizerInMeeting() {
  const { world, endpoint } = await createFabrikamEndpoint({ endpoint: NO_TIMEOUTS });
  world.calling.scriptNextMeeting('admit');
  const call = endpoint.joinMeeting(MEETING);
  await settle();
  await settle();
  const remote: FakeRemoteCall = world.calling.lastCall();
  const held = Object.fromEntries(HELD.map((method) => [method, world.calling.holdAll(method)])) as Record<
    Held,
    FakeQueue
  >;
  return { world, endpoint, call, remote, held };
}

describe('lobby admission', () => {
  it('keeps the list true to the port and never asks twice about one person, whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const { world, endpoint, call, remote, held } = await organizerInMeeting();
        expect(call.getSnapshot().status).toBe('connected');
        const lobby = callLobby(call);
        const stop = lobby.subscribe(() => {});
        /** Who each held request is about, in arrival order per method (`*` for admit-all). */
        const inFlight: Record<Held, string[]> = { admit: [], rejectFromLobby: [], admitAll: [] };
        const countsBefore = () => ({ ...world.calling.methodCalls });
        for (const next of steps) {
          const waiting = lobby.getSnapshot().participants;
          const before = countsBefore();
          if (next.type === 'arrive') remote.joinLobby(next.count);
          else if (next.type === 'giveUp') {
            const person = waiting[next.pick % Math.max(1, waiting.length)];
            if (person) remote.leaveLobby(person.id);
          } else if (next.type === 'admit' || next.type === 'reject') {
            const person = waiting[next.pick % Math.max(1, waiting.length)];
            if (!person) continue;
            const allowed = lobby.getSnapshot().can[next.type] && !person.pending;
            for (let i = 0; i < (next.twice ? 2 : 1); i++) lobby[next.type](person.id);
            await settle();
            const method: Held = next.type === 'admit' ? 'admit' : 'rejectFromLobby';
            const sent = world.calling.methodCalls[method] - before[method];
            // One request per person, however many clicks; none outside can.
            expect(sent).toBe(allowed ? 1 : 0);
            if (sent) inFlight[method].push(person.id);
          } else if (next.type === 'admitAll') {
            const allowed = lobby.getSnapshot().can.admitAll && inFlight.admitAll.length === 0;
            lobby.admitAll();
            if (next.twice) lobby.admitAll();
            await settle();
            const sent = world.calling.methodCalls.admitAll - before.admitAll;
            expect(sent).toBe(allowed ? 1 : 0);
            if (sent) inFlight.admitAll.push('*');
          } else if (next.type === 'answer') {
            const withWork = HELD.filter((method) => held[method].pending > 0);
            const method = withWork[next.pick % Math.max(1, withWork.length)];
            if (!method) continue;
            if (next.fail) held[method].rejectNext(new TeamsEndpointError('service_error', 'Simulated.'));
            else held[method].resolveNext();
            inFlight[method].shift();
          } else if (next.type === 'policy') {
            remote.setCapabilities({
              manageLobby: next.allowed ? { allowed: true } : { allowed: false, reason: 'role' },
            });
          } else {
            const snapshot = lobby.getSnapshot();
            expect(() => lobby.admit('8:orgid:00000000-0000-4000-8000-00000000dead')).toThrow(
              TeamsEndpointError,
            );
            expect(() => lobby.reject(42 as never)).toThrow(/not in the lobby/);
            expect(lobby.getSnapshot()).toBe(snapshot);
          }
          await settle();
          // The unit's list is the port's lobby, in order; nobody is in the lobby and the roster at once.
          const shown = lobby.getSnapshot().participants.map((person) => person.id);
          const portLobby = remote.features.lobby!.getState().participants.map((person) => person.id);
          expect(shown).toEqual(portLobby);
          const roster = new Set(call.getSnapshot().participants.map((person) => person.id));
          expect(shown.filter((id) => roster.has(id))).toEqual([]);
          // No two requests in flight about one person.
          const people = [...inFlight.admit, ...inFlight.rejectFromLobby];
          expect(new Set(people).size).toBe(people.length);
          expect(inFlight.admitAll.length).toBeLessThanOrEqual(1);
          // Pending marks only people with a request in flight (or everyone during an admit-all).
          for (const person of lobby.getSnapshot().participants) {
            if (person.pending) expect(inFlight.admitAll.length > 0 || people.includes(person.id)).toBe(true);
          }
        }
        for (const method of HELD) held[method].release();
        stop();
        await endpoint.dispose();
        expect(world.calling.listenerCount()).toBe(0);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('admit all admits everyone waiting into the roster; reject removes one', async () => {
    const { call, remote, held } = await organizerInMeeting();
    for (const method of HELD) held[method].release();
    const lobby = callLobby(call);
    const stop = lobby.subscribe(() => {});
    const [first, second, third] = remote.joinLobby(3);
    await settle();
    expect(lobby.getSnapshot().participants.map((person) => person.id)).toEqual([
      first!.id,
      second!.id,
      third!.id,
    ]);
    lobby.reject(second!.id);
    await settle();
    expect(lobby.getSnapshot().participants.map((person) => person.id)).toEqual([first!.id, third!.id]);
    lobby.admitAll();
    await settle();
    await settle();
    expect(lobby.getSnapshot().participants).toEqual([]);
    const roster = call.getSnapshot().participants.map((person) => person.id);
    expect(roster).toEqual(expect.arrayContaining([first!.id, third!.id]));
    expect(roster).not.toContain(second!.id);
    stop();
  });
});
