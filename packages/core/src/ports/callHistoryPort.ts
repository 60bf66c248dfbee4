import type { CallHistoryEntry } from '../domain/callHistoryEntry';
import type { SignalOption } from './identityPort';

/**
 * Where ended calls are kept. An implementation keeps at most `maxEntries` entries (default 500): after an
 * `add`, only the newest `maxEntries` remain, in the order of `compareCallHistoryEntries` (newest `startedAt`
 * first). It stores only what `toCallHistoryEntry` copies: no token, no SDK object. Every method rejects only
 * with a `TeamsEndpointError`; `add` refuses a malformed entry with `invalid_argument` and changes nothing.
 *
 * Implementations: `createMemoryCallHistory()` in the core (the endpoint's default),
 * `createIndexedDbCallHistory()` in `@teams-endpoint/call-history-idb` (survives a reload).
 */
export interface CallHistoryPort {
  /** The most entries this history keeps. */
  readonly maxEntries: number;
  /** Every entry kept, newest first. */
  list(options?: SignalOption): Promise<readonly CallHistoryEntry[]>;
  /** Adds an entry (one with the same `id` is replaced), then drops the oldest beyond `maxEntries`. */
  add(entry: CallHistoryEntry, options?: SignalOption): Promise<void>;
  /** Removes every entry. */
  clear(options?: SignalOption): Promise<void>;
}
