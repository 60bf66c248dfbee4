// The contract every CallHistoryPort keeps, run against each implementation (the core's memory history and
// the IndexedDB one): the bound, the order, replacement by id, sanitizing, refusals that change nothing.
import {
  type CallHistoryEntry,
  type CallHistoryPort,
  TeamsEndpointError,
  toCallHistoryEntry,
} from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

export interface CallHistoryContractSubject {
  /** A new, empty history with this bound. */
  create(maxEntries: number): CallHistoryPort;
  /** Another instance over the same storage ("a reload"), when the implementation has storage. */
  reopen?(port: CallHistoryPort, maxEntries: number): CallHistoryPort;
  /** Releases what `create` opened. */
  close?(port: CallHistoryPort): void;
}

const PHONE = '+14255550101';
const USER = '8f0c2a9e-1b2c-4d5e-8f90-123456789abc';
const LINK = 'https://teams.microsoft.com/meet/21234567890?p=AbC123';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl';

export function historyEntry(overrides: Partial<CallHistoryEntry> = {}): CallHistoryEntry {
  return {
    id: 'entry-1',
    direction: 'outgoing',
    kind: 'outbound_pstn',
    remote: { kind: 'phoneNumber', phoneNumber: PHONE, displayName: 'Contoso Ltd' },
    startedAt: 1_700_000_000_000,
    durationMs: 42_000,
    outcome: 'completed',
    ...overrides,
  };
}

const remoteArbitrary: fc.Arbitrary<CallHistoryEntry['remote']> = fc.oneof(
  fc.constant({ kind: 'phoneNumber', phoneNumber: PHONE, displayName: 'Contoso' } as const),
  fc.constant({ kind: 'teamsUser', userId: USER } as const),
  fc.constant({ kind: 'meeting', meetingLink: LINK, subject: 'Weekly sync' } as const),
  fc.constant({ kind: 'unknown' } as const),
);

/** Valid entries with few ids and few start times, so that replacements and ties happen. */
export const entryArbitrary: fc.Arbitrary<CallHistoryEntry> = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  direction: fc.constantFrom('incoming', 'outgoing'),
  kind: fc.constantFrom('outbound_pstn', 'outbound_teams', 'inbound', 'meeting'),
  remote: remoteArbitrary,
  startedAt: fc.integer({ min: 0, max: 5 }),
  durationMs: fc.integer({ min: 0, max: 10_000 }),
  outcome: fc.constantFrom('completed', 'missed', 'declined', 'busy', 'no_answer', 'cancelled', 'failed'),
});

/**
 * The reference model, written independently of the implementations: after each add, the entry replaces any
 * with its id, and only the newest `maxEntries` stay (newest start first, ties by id, descending). An entry
 * dropped by the bound is gone for good.
 */
function expected(added: readonly CallHistoryEntry[], maxEntries: number): CallHistoryEntry[] {
  let kept: CallHistoryEntry[] = [];
  for (const entry of added) {
    kept = [...kept.filter((other) => other.id !== entry.id), entry]
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1))
      .slice(0, maxEntries);
  }
  return kept;
}

class SdkCall {
  readonly token = TOKEN;
  hangUp() {
    return this.token;
  }
}

export function callHistoryContract(name: string, subject: CallHistoryContractSubject): void {
  const withPort = async (maxEntries: number, run: (port: CallHistoryPort) => Promise<void>) => {
    const port = subject.create(maxEntries);
    try {
      await run(port);
    } finally {
      subject.close?.(port);
    }
  };

  describe(`${name}: the call history contract`, () => {
    it('any sequence of adds and clears keeps exactly the newest min(n, max) entries, newest first (property)', async () => {
      type Op = { type: 'add'; entry: CallHistoryEntry } | { type: 'clear' };
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 6 }),
          fc.array(
            fc.oneof(
              { weight: 6, arbitrary: entryArbitrary.map((entry): Op => ({ type: 'add', entry })) },
              { weight: 1, arbitrary: fc.constant<Op>({ type: 'clear' }) },
            ),
            { maxLength: 25 },
          ),
          async (maxEntries, ops) =>
            withPort(maxEntries, async (port) => {
              expect(port.maxEntries).toBe(maxEntries);
              let added: CallHistoryEntry[] = [];
              for (const op of ops) {
                if (op.type === 'clear') {
                  await port.clear();
                  added = [];
                } else {
                  await port.add(op.entry);
                  added.push(op.entry);
                }
                expect(await port.list()).toEqual(expected(added, maxEntries));
              }
            }),
        ),
        { numRuns: 60 },
      );
    }, 60_000);

    it('adds made at once keep the bound, and the newest win', async () => {
      await withPort(5, async (port) => {
        const entries = Array.from({ length: 20 }, (_, i) =>
          historyEntry({ id: `call-${String(i).padStart(2, '0')}`, startedAt: 1000 + ((i * 7) % 20) }),
        );
        await Promise.all(entries.map((entry) => port.add(entry)));
        // Distinct ids: whatever order the adds land in, the newest five stay.
        expect(await port.list()).toEqual(expected(entries, 5));
      });
    });

    it('stores only the known fields: a token, an SDK object or a function beside them is left out', async () => {
      await withPort(10, async (port) => {
        const polluted = {
          ...historyEntry(),
          token: TOKEN,
          call: new SdkCall(),
          hangUp: () => TOKEN,
          remote: { kind: 'phoneNumber', phoneNumber: PHONE, displayName: 'Contoso', accessToken: TOKEN },
        };
        await port.add(polluted as unknown as CallHistoryEntry);
        const [stored] = await port.list();
        expect(stored).toEqual(
          historyEntry({ remote: { kind: 'phoneNumber', phoneNumber: PHONE, displayName: 'Contoso' } }),
        );
        expect(Object.keys(stored!).sort()).toEqual(
          ['direction', 'durationMs', 'id', 'kind', 'outcome', 'remote', 'startedAt'].sort(),
        );
        expect(JSON.stringify(stored)).not.toContain(TOKEN);
      });
    });

    const bad: [string, unknown][] = [
      ['nothing', undefined],
      ['an SDK object', new SdkCall()],
      ['a function as a name', { ...historyEntry(), remote: { kind: 'unknown', displayName: () => 'x' } }],
      ['a class instance as the start', { ...historyEntry(), startedAt: new Date() }],
      ['an SDK object as the remote party', { ...historyEntry(), remote: new SdkCall() }],
      ['no id', { ...historyEntry(), id: '' }],
      [
        'a number that is not E.164',
        historyEntry({ remote: { kind: 'phoneNumber', phoneNumber: '555-CALL' } }),
      ],
      ['a Teams id that is not a GUID', historyEntry({ remote: { kind: 'teamsUser', userId: '../me' } })],
      [
        'a lookalike meeting host',
        historyEntry({
          remote: { kind: 'meeting', meetingLink: 'https://teams.microsoft.com.evil.example/meet/1' },
        }),
      ],
      ['a negative duration', historyEntry({ durationMs: -1 })],
      ['NaN as the start', historyEntry({ startedAt: Number.NaN })],
      ['an unknown outcome', { ...historyEntry(), outcome: 'exploded' }],
      ['an unknown direction', { ...historyEntry(), direction: 'sideways' }],
      ['an unknown kind', { ...historyEntry(), kind: 'fax' }],
    ];
    it.each(bad)('refuses %s with invalid_argument, and nothing changes', async (_name, entry) => {
      await withPort(10, async (port) => {
        await port.add(historyEntry({ id: 'kept' }));
        const before = await port.list();
        const error = await typedRejection(port.add(entry as CallHistoryEntry));
        expect(error.code).toBe('invalid_argument');
        expect(await port.list()).toEqual(before);
      });
    });

    it('an aborted signal rejects with aborted, and nothing changes', async () => {
      await withPort(10, async (port) => {
        const aborted = AbortSignal.abort();
        expect((await typedRejection(port.add(historyEntry(), { signal: aborted }))).code).toBe('aborted');
        expect((await typedRejection(port.list({ signal: aborted }))).code).toBe('aborted');
        await port.add(historyEntry());
        expect((await typedRejection(port.clear({ signal: aborted }))).code).toBe('aborted');
        expect(await port.list()).toHaveLength(1);
      });
    });

    it('normalizes text as remote text', async () => {
      await withPort(10, async (port) => {
        await port.add(
          historyEntry({ remote: { kind: 'unknown', displayName: '  Megan\u202Eexe\n Bowen ' } }),
        );
        expect((await port.list())[0]!.remote).toEqual({ kind: 'unknown', displayName: 'Meganexe Bowen' });
      });
    });

    it('refuses a bound that is not a whole number, 1 or more', () => {
      for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
        expect(() => subject.create(maxEntries)).toThrow(TeamsEndpointError);
      }
    });

    if (subject.reopen) {
      const reopen = subject.reopen;
      it('survives a reload: a new instance over the same storage lists the same entries', async () => {
        await withPort(3, async (port) => {
          for (let i = 0; i < 5; i++) await port.add(historyEntry({ id: `call-${i}`, startedAt: i }));
          const reloaded = reopen(port, 3);
          try {
            expect(await reloaded.list()).toEqual(
              [4, 3, 2].map((i) => toCallHistoryEntry(historyEntry({ id: `call-${i}`, startedAt: i }))),
            );
          } finally {
            subject.close?.(reloaded);
          }
        });
      });
    }
  });
}
