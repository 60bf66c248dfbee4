import {
  CALL_HISTORY_MAX_ENTRIES,
  type CallHistoryEntry,
  checkMaxEntries,
  newestCallHistoryEntries,
  toCallHistoryEntry,
} from '../domain/callHistoryEntry';
import { throwIfAborted } from '../errors';
import type { CallHistoryPort } from '../ports/callHistoryPort';

export interface MemoryCallHistoryOptions {
  /** The most entries kept. Default 500. */
  readonly maxEntries?: number;
}

/**
 * A call history in memory, gone with the page: the endpoint's default when it is given no `history` port.
 *
 * @throws {TeamsEndpointError} `invalid_argument` when `maxEntries` is not a whole number, 1 or more.
 *
 * @example
 * const endpoint = createTeamsEndpoint({ ...ports, history: createMemoryCallHistory({ maxEntries: 100 }) });
 */
export function createMemoryCallHistory(options: MemoryCallHistoryOptions = {}): CallHistoryPort {
  const maxEntries = checkMaxEntries(options.maxEntries ?? CALL_HISTORY_MAX_ENTRIES);
  let entries: readonly CallHistoryEntry[] = [];
  return {
    maxEntries,
    async list(listOptions) {
      throwIfAborted(listOptions?.signal);
      return entries;
    },
    async add(entry, addOptions) {
      throwIfAborted(addOptions?.signal);
      entries = newestCallHistoryEntries([...entries, toCallHistoryEntry(entry)], maxEntries);
    },
    async clear(clearOptions) {
      throwIfAborted(clearOptions?.signal);
      entries = [];
    },
  };
}
