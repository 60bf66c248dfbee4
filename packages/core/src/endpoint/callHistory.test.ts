// Call history (issue 15): every call that ends is recorded once, with the right outcome, through the
// history port; a failing or hanging port never breaks calling; redial places the same kind of call again.
// Only the network and the SDK are simulated (the Fabrikam world); the history port is the core's own memory
// history, wrapped where a test needs to see or break its requests.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallHistoryEntry } from '../domain/callHistoryEntry';
import { TeamsEndpointError } from '../errors';
import type { CallHistoryPort } from '../ports/callHistoryPort';
import { createMemoryCallHistory } from '../store/memoryCallHistory';
import type { Call } from './callUnit';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';

useGraphServer();

const customer = fabrikam.customers[0]!;
const LINK = 'https://teams.microsoft.com/meet/1234567890123?p=passcode1';

/** The memory history, with every `add` it was asked counted by entry id, and faults to inject. */
function observedHistory(maxEntries = 500) {
  const inner = createMemoryCallHistory({ maxEntries });
  const adds = new Map<string, number>();
  const faults = { failAdds: 0, hangAdds: false, failList: false };
  const port: CallHistoryPort = {
    maxEntries,
    list: (options) =>
      faults.failList
        ? Promise.reject(new TeamsEndpointError('service_error', 'The disk is gone.'))
        : inner.list(options),
    add: (entry, options) => {
      adds.set(entry.id, (adds.get(entry.id) ?? 0) + 1);
      if (faults.hangAdds) return new Promise<void>(() => {});
      if (faults.failAdds > 0) {
        faults.failAdds -= 1;
        return Promise.reject(new TeamsEndpointError('service_error', 'The disk is full.'));
      }
      return inner.add(entry, options);
    },
    clear: (options) => inner.clear(options),
  };
  return { port, adds, faults, stored: () => inner.list() };
}

async function historyWorld(options: { maxEntries?: number; endpoint?: Record<string, unknown> } = {}) {
  const history = observedHistory(options.maxEntries);
  let clock = 1_000_000;
  const fabrikamEndpoint = await createFabrikamEndpoint({
    endpoint: { history: history.port, now: () => clock, ...options.endpoint },
  });
  return {
    ...fabrikamEndpoint,
    history,
    advance: (ms: number) => {
      clock += ms;
    },
    items: () => fabrikamEndpoint.endpoint.history.getSnapshot().items,
  };
}

type World = Awaited<ReturnType<typeof historyWorld>>;

/** The one history entry of a call. */
function entryOf(world: World, call: Call): CallHistoryEntry {
  const entries = world.items().filter((entry) => entry.id.endsWith(`-${call.id}`));
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

describe('every call that ends is recorded once, with its outcome', () => {
  const outgoing: [string, 'busy' | 'no_answer' | 'decline' | 'not_found', string][] = [
    ['busy', 'busy', 'busy'],
    ['no one answered', 'no_answer', 'no_answer'],
    ['the other side declined', 'decline', 'declined'],
    ['the number was not found', 'not_found', 'failed'],
  ];
  it.each(outgoing)('an outgoing PSTN call: %s → %s', async (_name, script, outcome) => {
    const world = await historyWorld();
    world.world.calling.scriptNextOutbound(script);
    const call = world.endpoint.callPhoneNumber(customer.phoneNumber, { displayName: customer.name });
    await call.whenEnded();
    expect(entryOf(world, call)).toMatchObject({
      direction: 'outgoing',
      kind: 'outbound_pstn',
      remote: { kind: 'phoneNumber', phoneNumber: customer.phoneNumber, displayName: customer.name },
      startedAt: 1_000_000,
      durationMs: 0,
      outcome,
    });
    await settle();
    expect(await world.history.stored()).toEqual(world.items());
  });

  it('a connected call that is hung up: completed, with the time connected', async () => {
    const world = await historyWorld();
    world.world.calling.scriptNextOutbound('answer');
    const call = world.endpoint.callTeamsUser(fabrikam.meganId);
    await waitForSnapshot(call, (s) => s.status === 'connected');
    world.advance(65_000);
    call.hangUp();
    await call.whenEnded();
    expect(entryOf(world, call)).toMatchObject({
      direction: 'outgoing',
      kind: 'outbound_teams',
      remote: { kind: 'teamsUser', userId: fabrikam.meganId },
      durationMs: 65_000,
      outcome: 'completed',
    });
  });

  it('an outgoing call hung up before it connected: cancelled', async () => {
    const world = await historyWorld();
    world.world.calling.scriptNextOutbound('manual');
    const call = world.endpoint.callPhoneNumber(customer.phoneNumber);
    await waitForSnapshot(call, (s) => s.status === 'ringing' || s.status === 'connecting');
    call.hangUp();
    await call.whenEnded();
    expect(entryOf(world, call).outcome).toBe('cancelled');
  });

  it('a call that fails to start: failed', async () => {
    const world = await historyWorld();
    world.world.calling.failNext('startCall', new TeamsEndpointError('call_failed', 'No route.'));
    const call = world.endpoint.callPhoneNumber(customer.phoneNumber);
    expect((await call.whenEnded()).status).toBe('failed');
    expect(entryOf(world, call)).toMatchObject({ outcome: 'failed', durationMs: 0 });
  });

  it('an incoming call the caller gave up on: missed; one rejected here: declined', async () => {
    const world = await historyWorld();
    const seen = new Set<string>();
    const nextIncoming = async () => {
      await waitForSnapshot(world.endpoint, (s) =>
        s.calls.some((c) => c.status === 'incoming' && !seen.has(c.id)),
      );
      const snapshot = world.endpoint
        .getSnapshot()
        .calls.find((c) => c.status === 'incoming' && !seen.has(c.id))!;
      seen.add(snapshot.id);
      return world.endpoint.getCall(snapshot.id)!;
    };
    const ringing = world.world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: customer.phoneNumber,
    });
    const missed = await nextIncoming();
    ringing.callerHangsUp();
    await missed.whenEnded();
    world.world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    const rejected = await nextIncoming();
    rejected.reject();
    await rejected.whenEnded();
    expect(entryOf(world, missed)).toMatchObject({
      direction: 'incoming',
      kind: 'inbound',
      remote: { kind: 'phoneNumber', phoneNumber: customer.phoneNumber },
      outcome: 'missed',
    });
    expect(entryOf(world, rejected)).toMatchObject({
      direction: 'incoming',
      remote: { kind: 'teamsUser', userId: fabrikam.meganId },
      outcome: 'declined',
    });
  });

  it('a call the remote party transferred us out of: transferred, and the new call has its own entry', async () => {
    const world = await historyWorld();
    world.world.calling.scriptNextOutbound('answer');
    const call = world.endpoint.callPhoneNumber(customer.phoneNumber);
    await waitForSnapshot(call, (s) => s.status === 'connected');
    world.world.calling
      .lastCall()
      .transferUs({ kind: 'phoneNumber', phoneNumber: fabrikam.customers[1]!.phoneNumber });
    const ended = await call.whenEnded();
    const replacement = world.endpoint.getCall(ended.replacedBy!)!;
    replacement.hangUp();
    await replacement.whenEnded();
    expect(entryOf(world, call).outcome).toBe('transferred');
    expect(entryOf(world, replacement)).toMatchObject({
      kind: 'outbound_pstn',
      remote: { kind: 'phoneNumber', phoneNumber: fabrikam.customers[1]!.phoneNumber },
      outcome: 'completed',
    });
  });

  it('a meeting: its link and subject; calls that dispose ends are recorded and saved before it resolves', async () => {
    const world = await historyWorld();
    world.world.calling.scriptNextMeeting('admit');
    const meeting = world.endpoint.joinMeeting(LINK, { subject: 'Weekly sync' });
    await waitForSnapshot(meeting, (s) => s.status === 'connected');
    world.world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: customer.phoneNumber });
    await waitForSnapshot(world.endpoint, (s) => s.calls.some((c) => c.status === 'incoming'));
    world.advance(1_000);
    await world.endpoint.dispose();
    const stored = await world.history.stored();
    expect(stored.map((entry) => [entry.kind, entry.outcome])).toEqual([
      ['inbound', 'missed'],
      ['meeting', 'completed'],
    ]);
    expect(stored[1]).toMatchObject({
      remote: { kind: 'meeting', meetingLink: LINK, subject: 'Weekly sync' },
      durationMs: 1_000,
    });
    expect([...world.history.adds.values()]).toEqual([1, 1]);
  });
});

describe('the history unit', () => {
  it('lists new entries at once, newest first, within the bound; load merges what the port holds', async () => {
    const world = await historyWorld({ maxEntries: 3 });
    await world.history.port.add({
      id: 'earlier',
      direction: 'incoming',
      kind: 'inbound',
      remote: { kind: 'unknown' },
      startedAt: 5,
      durationMs: 0,
      outcome: 'missed',
    });
    const calls: Call[] = [];
    for (let i = 0; i < 4; i++) {
      world.world.calling.scriptNextOutbound('busy');
      const call = world.endpoint.callPhoneNumber(fabrikam.customers[i]!.phoneNumber);
      calls.push(call);
      await call.whenEnded();
      world.advance(10);
      expect(world.items()[0]!.id.endsWith(`-${call.id}`)).toBe(true);
    }
    expect(world.items()).toHaveLength(3);
    await world.endpoint.history.load();
    // The stored one is older than the three kept: the bound leaves it out.
    expect(world.endpoint.history.getSnapshot()).toMatchObject({ status: 'loaded', error: null });
    expect(world.items().map((entry) => entry.startedAt)).toEqual([1_000_030, 1_000_020, 1_000_010]);
    const before = world.endpoint.history.getSnapshot();
    expect(world.endpoint.history.getSnapshot()).toBe(before);
    await world.endpoint.history.clear();
    expect(world.items()).toEqual([]);
    expect(await world.history.stored()).toEqual([]);
  });

  it('a failing port: the call ends normally, the error is in the unit, and the next call is still recorded', async () => {
    const world = await historyWorld();
    world.history.faults.failAdds = 1;
    world.world.calling.scriptNextOutbound('answer');
    const first = world.endpoint.callPhoneNumber(customer.phoneNumber);
    await waitForSnapshot(first, (s) => s.status === 'connected');
    first.hangUp();
    expect(await first.whenEnded()).toMatchObject({ status: 'ended', outcome: 'completed' });
    await waitForSnapshot(world.endpoint.history, (s) => s.error !== null);
    expect(world.endpoint.history.getSnapshot().error).toMatchObject({
      code: 'service_error',
      details: { operation: 'add' },
    });
    expect(entryOf(world, first).outcome).toBe('completed');
    world.world.calling.scriptNextOutbound('busy');
    const second = world.endpoint.callPhoneNumber(customer.phoneNumber);
    await second.whenEnded();
    await settle();
    expect((await world.history.stored()).map((entry) => entry.id)).toEqual([entryOf(world, second).id]);

    world.history.faults.failList = true;
    await world.endpoint.history.load();
    expect(world.endpoint.history.getSnapshot()).toMatchObject({
      status: 'failed',
      error: { code: 'service_error', details: { operation: 'load' } },
    });
    expect(world.items()).toHaveLength(2);
  });

  it('a port that never answers: calls go on, and dispose still resolves (after the grace period)', async () => {
    const world = await historyWorld({ endpoint: { hangUpGraceMs: 5 } });
    world.history.faults.hangAdds = true;
    world.world.calling.scriptNextOutbound('answer');
    const call = world.endpoint.callPhoneNumber(customer.phoneNumber);
    await waitForSnapshot(call, (s) => s.status === 'connected');
    await world.endpoint.dispose();
    expect(world.history.adds.size).toBe(1);
    expect(world.endpoint.getSubscriberCount()).toBe(0);
    expect(world.world.calling.listenerCount()).toBe(0);
  });

  it('no token ever appears in the history, its snapshots or the port', async () => {
    const world = await historyWorld();
    const seen: unknown[] = [];
    world.endpoint.history.subscribe(() => seen.push(world.endpoint.history.getSnapshot()));
    world.world.calling.scriptNextOutbound('answer');
    const pstn = world.endpoint.callPhoneNumber(customer.phoneNumber);
    world.world.calling.scriptNextOutbound('answer');
    const teams = world.endpoint.callTeamsUser(fabrikam.meganId);
    world.world.calling.scriptNextMeeting('admit');
    const meeting = world.endpoint.joinMeeting(LINK);
    world.world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
    await settle();
    for (const call of [pstn, teams, meeting]) call.hangUp();
    await world.endpoint.signOut();
    await world.endpoint.history.load();
    const everything = JSON.stringify({
      seen,
      now: world.endpoint.history.getSnapshot(),
      stored: await world.history.stored(),
    });
    expect(world.world.identity.issuedTokens.length).toBeGreaterThan(0);
    for (const token of world.world.identity.issuedTokens) expect(everything).not.toContain(token);
    expect(world.items().length).toBe(4);
  });

  type Move =
    | 'place'
    | 'ring'
    | 'callerHangsUp'
    | 'answerAll'
    | 'hangUpAll'
    | 'portFails'
    | 'portHangs'
    | 'tick'
    | 'dispose';
  it('whatever calls end, ports fail and dispose do, no entry is lost and none is recorded twice (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom<Move>(
            'place',
            'ring',
            'callerHangsUp',
            'answerAll',
            'hangUpAll',
            'portFails',
            'portHangs',
            'tick',
            'dispose',
          ),
          { minLength: 1, maxLength: 10 },
        ),
        fc.constantFrom('answer', 'busy', 'no_answer', 'manual') as fc.Arbitrary<
          'answer' | 'busy' | 'no_answer' | 'manual'
        >,
        async (moves, script) => {
          const world = await historyWorld({ endpoint: { hangUpGraceMs: 5, maxEndedCalls: 100 } });
          const { endpoint, world: fake } = world;
          const callIds = new Set<string>();
          const remember = () => {
            for (const snapshot of endpoint.getSnapshot().calls) callIds.add(snapshot.id);
          };
          let disposed = false;
          for (const move of moves) {
            if (disposed) break;
            if (move === 'place') {
              fake.calling.scriptNextOutbound(script);
              endpoint.callPhoneNumber(fabrikam.customers[callIds.size % 4]!.phoneNumber);
            } else if (move === 'ring') {
              fake.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId });
            } else if (move === 'callerHangsUp') {
              for (const incoming of fake.calling.incomingCalls)
                if (incoming.status === 'ringing') incoming.callerHangsUp();
            } else if (move === 'answerAll' || move === 'hangUpAll') {
              for (const snapshot of endpoint.getSnapshot().calls) {
                const call = endpoint.getCall(snapshot.id);
                if (move === 'answerAll') call?.accept();
                else call?.hangUp();
              }
            } else if (move === 'portFails') world.history.faults.failAdds += 1;
            else if (move === 'portHangs') world.history.faults.hangAdds = !world.history.faults.hangAdds;
            else if (move === 'dispose') {
              remember();
              disposed = true;
              await endpoint.dispose();
            }
            await settle();
            remember();
          }
          if (!disposed) await endpoint.dispose();
          remember();
          const items = endpoint.history.getSnapshot().items;
          const recordedCalls = items.map((entry) => entry.id.slice(entry.id.lastIndexOf('call-')));
          // Every call is listed once, and the port was asked once per call.
          expect([...recordedCalls].sort()).toEqual([...callIds].sort());
          expect(new Set(recordedCalls).size).toBe(recordedCalls.length);
          expect(world.history.adds.size).toBe(callIds.size);
          for (const count of world.history.adds.values()) expect(count).toBe(1);
          for (const stored of await world.history.stored()) expect(items).toContainEqual(stored);
          expect(endpoint.getSubscriberCount()).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('redial', () => {
  async function endedEntry(world: World, place: () => Call) {
    const call = place();
    call.hangUp();
    await call.whenEnded();
    return entryOf(world, call);
  }

  it('redials a number with its name, a colleague by id, a meeting by its link', async () => {
    const world = await historyWorld();
    const { endpoint } = world;
    const pstn = await endedEntry(world, () =>
      endpoint.callPhoneNumber(customer.phoneNumber, { displayName: 'Contoso' }),
    );
    const teams = await endedEntry(world, () => endpoint.callTeamsUser(fabrikam.meganId));
    const meeting = await endedEntry(world, () => endpoint.joinMeeting(LINK, { subject: 'Weekly sync' }));

    await settle();
    const { startCall, joinMeeting } = world.world.calling.methodCalls;
    expect(endpoint.history.redial(pstn.id).getSnapshot()).toMatchObject({
      kind: 'outbound_pstn',
      remote: { kind: 'phoneNumber', phoneNumber: customer.phoneNumber, displayName: 'Contoso' },
    });
    expect(endpoint.history.redial(teams.id).getSnapshot()).toMatchObject({
      kind: 'outbound_teams',
      remote: { kind: 'teamsUser', userId: fabrikam.meganId },
    });
    expect(endpoint.history.redial(meeting.id).getSnapshot()).toMatchObject({
      kind: 'meeting',
      remote: { kind: 'meeting', meetingLink: LINK, subject: 'Weekly sync' },
    });
    await settle();
    expect(world.world.calling.methodCalls.startCall).toBe(startCall + 2);
    expect(world.world.calling.methodCalls.joinMeeting).toBe(joinMeeting + 1);
  });

  it('calls back an incoming caller', async () => {
    const world = await historyWorld();
    const ringing = world.world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: customer.phoneNumber,
    });
    await waitForSnapshot(world.endpoint, (s) => s.calls.some((c) => c.status === 'incoming'));
    ringing.callerHangsUp();
    await waitForSnapshot(world.endpoint.history, (s) => s.items.length === 1);
    const back = world.endpoint.history.redial(world.items()[0]!.id);
    expect(back.getSnapshot()).toMatchObject({
      direction: 'outgoing',
      kind: 'outbound_pstn',
      remote: { phoneNumber: customer.phoneNumber },
    });
  });

  it('an unknown id, a meeting joined by id, or a signed-out endpoint: a typed error, and nothing changes', async () => {
    const world = await historyWorld();
    const { endpoint } = world;
    const byId = await endedEntry(world, () => endpoint.joinMeetingById('123 456 789 012', 'pass12'));
    const pstn = await endedEntry(world, () => endpoint.callPhoneNumber(customer.phoneNumber));
    await settle();
    const before = {
      history: endpoint.history.getSnapshot(),
      endpoint: endpoint.getSnapshot(),
      startCalls: world.world.calling.methodCalls.startCall,
    };
    const attempt = (id: string) => {
      try {
        endpoint.history.redial(id);
      } catch (error) {
        return error as TeamsEndpointError;
      }
      throw new Error('redial did not throw');
    };
    expect(attempt('no-such-entry')).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'unknown_entry' },
    });
    expect(attempt(byId.id)).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'not_redialable' },
    });
    expect(byId.remote).not.toHaveProperty('passcode');
    await endpoint.signOut();
    const signedOut = { history: endpoint.history.getSnapshot(), endpoint: endpoint.getSnapshot() };
    // The same typed error the action itself throws.
    let direct: unknown;
    try {
      endpoint.callPhoneNumber(customer.phoneNumber);
    } catch (error) {
      direct = error;
    }
    expect(attempt(pstn.id)).toBeInstanceOf(TeamsEndpointError);
    expect(attempt(pstn.id).code).toBe((direct as TeamsEndpointError).code);
    await settle();
    expect(endpoint.history.getSnapshot()).toBe(signedOut.history);
    expect(endpoint.getSnapshot()).toBe(signedOut.endpoint);
    expect(before.history.items).toBe(signedOut.history.items);
    expect(world.world.calling.methodCalls.startCall).toBe(before.startCalls);
  });
});
