import { abortableDelay, withTimeout } from '../async/abortable';
import {
  type CallHistoryEntry,
  type CallHistoryOutcome,
  newestCallHistoryEntries,
  toCallHistoryEntry,
} from '../domain/callHistoryEntry';
import type { EndReasonCategory } from '../domain/endReason';
import { TeamsEndpointError, type TeamsEndpointErrorInfo, toTeamsEndpointError } from '../errors';
import type { CallOutcome } from '../machines/callTypes';
import type { CallHistoryPort } from '../ports/callHistoryPort';
import { createUnitStore, type ObservableUnit, shareShallow } from '../store/observableUnit';
import type { Call, CallSnapshot } from './callUnit';
import type { TeamsEndpoint } from './createTeamsEndpoint';

export type CallHistoryStatus = 'idle' | 'loading' | 'loaded' | 'failed';

/** The call history's state. `items` keeps its identity until the history changes. */
export interface CallHistorySnapshot {
  /** Where loading the stored history stands; calls that end are listed whatever it is. */
  readonly status: CallHistoryStatus;
  /** Newest first (by `startedAt`), at most the port's `maxEntries`, one entry per call. */
  readonly items: readonly CallHistoryEntry[];
  /**
   * The last load, save or clear of the port that failed, with `details.operation` (`load`, `add`, `clear`);
   * a load or clear that succeeds clears it. Calling goes on whatever the port does.
   */
  readonly error: TeamsEndpointErrorInfo | null;
}

/**
 * The calls that ended, as an observable list with redial. Each call that ends is listed at once and saved
 * through the history port; what the port already holds is listed after `load()`.
 *
 * @example
 * await endpoint.history.load();
 * endpoint.history.subscribe(() => render(endpoint.history.getSnapshot().items));
 * const call = endpoint.history.redial(endpoint.history.getSnapshot().items[0]!.id);
 */
export interface CallHistory extends ObservableUnit<CallHistorySnapshot> {
  /**
   * Reads the stored history (supersedes a load in flight) and merges it with the calls that ended since.
   * Resolves once loaded or failed (see `status` and `error`); never rejects.
   */
  load(): Promise<void>;
  /** Removes every entry from the port, then from `items`. Resolves once done or failed; never rejects. */
  clear(): Promise<void>;
  /**
   * Places the same kind of call again and returns it, as the endpoint's own action does: a number with
   * `callPhoneNumber` (with its name), a colleague with `callTeamsUser`, a meeting with `joinMeeting`. Throws
   * what that action throws (`not_connected`, `disposed`, …), or `invalid_argument` for an id not in `items`
   * (`details.reason: 'unknown_entry'`) and for an entry that cannot be called back: an unknown caller, a
   * meeting joined by id, whose passcode is not kept (`details.reason: 'not_redialable'`).
   */
  redial(entryId: string): Call;
}

export type CallHistoryDialer = Pick<TeamsEndpoint, 'callPhoneNumber' | 'callTeamsUser' | 'joinMeeting'>;

export interface CallHistoryUnitInternals {
  readonly history: CallHistory;
  /** Lists a call that ended and saves it; called once per call. */
  readonly record: (call: CallSnapshot) => void;
  /** Waits up to `graceMs` for saves in flight, then aborts them and closes the unit. */
  readonly stop: (graceMs: number) => Promise<void>;
  readonly subscriberCount: () => number;
}

export interface CallHistoryUnitOptions {
  readonly port: CallHistoryPort;
  readonly dial: CallHistoryDialer;
  readonly now: () => number;
  /** Bound on each port request. */
  readonly requestTimeoutMs: number;
}

type Operation = 'load' | 'add' | 'clear';

const FAILED: Record<Operation, string> = {
  load: 'The call history could not be read.',
  add: 'A call could not be saved to the call history.',
  clear: 'The call history could not be cleared.',
};

/** The call's outcome in the history's words; `dropped` (connected, then the network failed) is `failed`. */
const OUTCOMES: Partial<Record<CallOutcome, CallHistoryOutcome>> = {
  completed: 'completed',
  missed: 'missed',
  cancelled: 'cancelled',
  transferred: 'transferred',
  rejected: 'declined',
  denied: 'declined',
};

const UNANSWERED: Partial<Record<EndReasonCategory, CallHistoryOutcome>> = {
  busy: 'busy',
  no_answer: 'no_answer',
  declined: 'declined',
};

/** How an ended call went, in the history's words. */
export function callHistoryOutcomeOf(call: CallSnapshot): CallHistoryOutcome {
  const { outcome } = call;
  if (call.status === 'failed' || outcome === null) return 'failed';
  if (outcome === 'unanswered') return UNANSWERED[call.endReason?.category ?? 'unknown'] ?? 'failed';
  // Sign-out or dispose ended it: say how far it got.
  if (outcome === 'signed_out' || outcome === 'disposed') {
    if (call.connectedAt !== null) return 'completed';
    return call.direction === 'incoming' ? 'missed' : 'cancelled';
  }
  return OUTCOMES[outcome] ?? 'failed';
}

/** The history entry of an ended call: plain data copied from its snapshot, nothing else. */
export function callHistoryEntryOf(call: CallSnapshot, id: string, now: number): CallHistoryEntry {
  const { remote } = call;
  return toCallHistoryEntry({
    id,
    direction: call.direction,
    kind: call.kind,
    remote:
      remote.kind === 'phoneNumber'
        ? { ...remote, displayName: remote.displayName ?? remote.customer?.name }
        : remote,
    startedAt: call.startedAt,
    durationMs: call.connectedAt === null ? 0 : Math.max(0, (call.endedAt ?? now) - call.connectedAt),
    outcome: callHistoryOutcomeOf(call),
  });
}

/** Creates the endpoint's call history over its port. */
export function createCallHistoryUnit(options: CallHistoryUnitOptions): CallHistoryUnitInternals {
  const { port, dial, now } = options;
  // Call ids restart with each endpoint: this prefix keeps entry ids apart across endpoints and reloads.
  const instance = `${now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const lifetime = new AbortController();
  const pending = new Set<Promise<void>>();
  let status: CallHistoryStatus = 'idle';
  let items: readonly CallHistoryEntry[] = [];
  let error: TeamsEndpointError | null = null;
  let loading: AbortController | null = null;
  let stopped = false;

  const store = createUnitStore<CallHistorySnapshot>((previous) =>
    shareShallow(previous, {
      status,
      items,
      error: error ? shareShallow(previous?.error ?? undefined, error.toJSON()) : null,
    }),
  );

  const request = <T>(what: string, signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>) =>
    withTimeout(work, {
      timeoutMs: options.requestTimeoutMs,
      signal,
      timeoutError: () => new TeamsEndpointError('timeout', `${what} took too long.`, { retryable: true }),
    });

  const fail = (operation: Operation, cause: unknown) => {
    if (stopped) return;
    const typed = toTeamsEndpointError(cause);
    error = new TeamsEndpointError(typed.code, FAILED[operation], {
      cause: typed,
      retryable: typed.retryable,
      details: { ...typed.details, operation },
    });
    store.invalidate();
  };

  const record = (call: CallSnapshot) => {
    let entry: CallHistoryEntry;
    try {
      entry = callHistoryEntryOf(call, `${instance}-${call.id}`, now());
    } catch (cause) {
      fail('add', cause);
      return;
    }
    items = newestCallHistoryEntries([...items, entry], port.maxEntries);
    store.invalidate();
    const saving = request('Saving a call to the history', lifetime.signal, (signal) =>
      port.add(entry, { signal }),
    )
      .catch((cause: unknown) => fail('add', cause))
      .finally(() => pending.delete(saving));
    pending.add(saving);
  };

  const load = async () => {
    if (stopped) return;
    loading?.abort();
    const attempt = new AbortController();
    loading = attempt;
    status = 'loading';
    store.invalidate();
    try {
      const listed = await request('Reading the call history', attempt.signal, (signal) =>
        port.list({ signal }),
      );
      if (loading !== attempt) return;
      if (!Array.isArray(listed)) {
        throw new TeamsEndpointError('malformed_response', 'The stored call history is not a list.');
      }
      // A stored entry that fails the check is left out; calls that ended meanwhile are the newer word.
      const stored = listed.flatMap((entry: unknown) => {
        try {
          return [toCallHistoryEntry(entry)];
        } catch {
          return [];
        }
      });
      items = newestCallHistoryEntries([...stored, ...items], port.maxEntries);
      status = 'loaded';
      error = null;
    } catch (cause) {
      if (loading !== attempt) return;
      status = 'failed';
      fail('load', cause);
    } finally {
      if (loading === attempt) loading = null;
      store.invalidate();
    }
  };

  const clear = async () => {
    if (stopped) return;
    // A read in flight may have started before the clear: its answer would bring the entries back.
    if (loading) {
      loading.abort();
      loading = null;
      status = 'idle';
      store.invalidate();
    }
    const cleared = new Set(items);
    try {
      await request('Clearing the call history', lifetime.signal, (signal) => port.clear({ signal }));
      if (stopped) return;
      items = items.filter((entry) => !cleared.has(entry));
      status = 'loaded';
      error = null;
      store.invalidate();
    } catch (cause) {
      fail('clear', cause);
    }
  };

  const redial = (entryId: string): Call => {
    const entry = items.find((candidate) => candidate.id === entryId);
    if (!entry) {
      throw new TeamsEndpointError('invalid_argument', 'No call in the history has this id.', {
        details: { reason: 'unknown_entry' },
      });
    }
    const { remote } = entry;
    if (remote.kind === 'phoneNumber') {
      return dial.callPhoneNumber(remote.phoneNumber, optional('displayName', remote.displayName));
    }
    if (remote.kind === 'teamsUser') {
      return dial.callTeamsUser(remote.userId, optional('displayName', remote.displayName));
    }
    if (remote.kind === 'meeting' && remote.meetingLink) {
      return dial.joinMeeting(remote.meetingLink, optional('subject', remote.subject));
    }
    throw new TeamsEndpointError(
      'invalid_argument',
      remote.kind === 'meeting'
        ? 'This meeting was joined by id; its passcode is not kept. Join it again with the passcode.'
        : 'This caller cannot be called back: their number or id is unknown.',
      { details: { reason: 'not_redialable' } },
    );
  };

  return {
    history: {
      getSnapshot: store.getSnapshot,
      subscribe: store.subscribe,
      state$: store.state$,
      load,
      clear,
      redial,
    },
    record,
    stop: async (graceMs) => {
      const grace = new AbortController();
      await Promise.race([
        Promise.all(pending),
        abortableDelay(graceMs, grace.signal).catch(() => undefined),
      ]);
      grace.abort();
      stopped = true;
      lifetime.abort();
      loading?.abort();
      store.close();
    },
    subscriberCount: () => store.subscriberCount,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
