import {
  abortedError,
  CALL_HISTORY_MAX_ENTRIES,
  type CallHistoryEntry,
  type CallHistoryPort,
  isAbortError,
  isTeamsEndpointError,
  raceSignal,
  TeamsEndpointError,
  throwIfAborted,
  toCallHistoryEntry,
} from '@teams-endpoint/core';
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';

/** The database's name unless told otherwise. */
export const DEFAULT_CALL_HISTORY_DB_NAME = 'teams-endpoint-call-history';

const VERSION = 1;
const STORE = 'calls';

interface CallHistoryDb extends DBSchema {
  calls: { key: string; value: CallHistoryEntry; indexes: { startedAt: number } };
}

export interface IndexedDbCallHistoryOptions {
  /** The IndexedDB database, one per history: give each signed-in user their own on a shared device. */
  readonly dbName?: string;
  /** The most entries kept; after each `add`, the oldest beyond it are deleted. Default 500. */
  readonly maxEntries?: number;
}

/** The IndexedDB call history: the core's {@link CallHistoryPort}, plus `close()`. */
export interface IndexedDbCallHistory extends CallHistoryPort {
  /** Closes the database connection; the next request opens it again. */
  close(): void;
}

type Operation = 'open' | 'list' | 'add' | 'clear';

/** The one typed error for what IndexedDB throws; an abort stays `aborted`. */
function storageError(operation: Operation, error: unknown, signal?: AbortSignal): TeamsEndpointError {
  if (isTeamsEndpointError(error)) return error;
  if (signal?.aborted || isAbortError(error)) return abortedError(error);
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
  const quota = name === 'QuotaExceededError';
  return new TeamsEndpointError(
    'service_error',
    quota
      ? 'The browser has no room left to save the call history.'
      : `The call history in IndexedDB could not be ${operation === 'open' ? 'opened' : 'used'} (${operation}).`,
    { cause: error, details: { operation, reason: quota ? 'quota_exceeded' : name || 'unknown' } },
  );
}

/**
 * A call history in the browser's IndexedDB (with `idb`): it survives reloads, keeps the newest
 * `maxEntries` by `startedAt`, and stores only what the core's `toCallHistoryEntry` copies (no token, no SDK
 * object). Concurrent adds, from this tab or another, keep the bound: each runs in its own transaction.
 * When another tab upgrades or deletes the database, this connection closes and the next request reopens it.
 *
 * Every method rejects only with a `TeamsEndpointError`: `invalid_argument` for a malformed entry (nothing is
 * written), `aborted` when its signal aborts, `service_error` when IndexedDB is unavailable, fails to open
 * (`details.operation: 'open'`) or fails (`details.reason: 'quota_exceeded'`, or the DOMException's name).
 *
 * @throws {TeamsEndpointError} `invalid_argument` for a bad `dbName` or `maxEntries`.
 *
 * @example
 * import { createIndexedDbCallHistory } from '@teams-endpoint/call-history-idb';
 * const endpoint = createTeamsEndpoint({ ...ports, history: createIndexedDbCallHistory({ maxEntries: 200 }) });
 * await endpoint.history.load();
 */
export function createIndexedDbCallHistory(options: IndexedDbCallHistoryOptions = {}): IndexedDbCallHistory {
  const dbName = options.dbName ?? DEFAULT_CALL_HISTORY_DB_NAME;
  const maxEntries = options.maxEntries ?? CALL_HISTORY_MAX_ENTRIES;
  if (typeof dbName !== 'string' || dbName === '') {
    throw new TeamsEndpointError('invalid_argument', 'dbName must be a non-empty text.');
  }
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TeamsEndpointError('invalid_argument', 'maxEntries must be a whole number, 1 or more.');
  }

  let opening: Promise<IDBPDatabase<CallHistoryDb>> | null = null;

  const forget = (database: Promise<IDBPDatabase<CallHistoryDb>>) => {
    if (opening === database) opening = null;
  };

  const open = (): Promise<IDBPDatabase<CallHistoryDb>> => {
    if (opening) return opening;
    if (typeof indexedDB === 'undefined') {
      return Promise.reject(storageError('open', new Error('IndexedDB is not available here.')));
    }
    const database: Promise<IDBPDatabase<CallHistoryDb>> = openDB<CallHistoryDb>(dbName, VERSION, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'id' }).createIndex('startedAt', 'startedAt');
      },
      // Another tab wants a newer version, or to delete the database: let it, and reopen when asked again.
      blocking() {
        forget(database);
        database.then((db) => db.close()).catch(() => undefined);
      },
      terminated() {
        forget(database);
      },
    }).catch((error: unknown) => {
      forget(database);
      throw storageError('open', error);
    });
    opening = database;
    return database;
  };

  /** Runs one transaction; the signal aborts it, and it settles once the transaction is done. */
  const transact = async <T, Mode extends IDBTransactionMode>(
    operation: Operation,
    mode: Mode,
    signal: AbortSignal | undefined,
    work: (tx: IDBPTransaction<CallHistoryDb, [typeof STORE], Mode>) => Promise<T>,
  ): Promise<T> => {
    throwIfAborted(signal);
    const db = await raceSignal(open(), signal);
    throwIfAborted(signal);
    let tx: IDBPTransaction<CallHistoryDb, [typeof STORE], Mode>;
    try {
      tx = db.transaction(STORE, mode);
    } catch (error) {
      // The connection closed under us (another tab's upgrade): the next request reopens it.
      opening = null;
      throw storageError(operation, error);
    }
    const onAbort = () => {
      try {
        tx.abort();
      } catch {
        // Already finished.
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const [result] = await Promise.all([work(tx), tx.done]);
      return result;
    } catch (error) {
      throw storageError(operation, error, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    maxEntries,

    list: (listOptions) =>
      transact('list', 'readonly', listOptions?.signal, async (tx) => {
        const stored = await tx.store.index('startedAt').getAll();
        // Oldest first by `startedAt`, then `id`: backwards is the history's order. Tampered rows are left out.
        const newest: CallHistoryEntry[] = [];
        for (let i = stored.length - 1; i >= 0 && newest.length < maxEntries; i--) {
          try {
            newest.push(toCallHistoryEntry(stored[i]));
          } catch {
            // Not an entry this history wrote.
          }
        }
        return newest;
      }),

    async add(entry, addOptions) {
      const clean = toCallHistoryEntry(entry);
      return transact('add', 'readwrite', addOptions?.signal, async (tx) => {
        await tx.store.put(clean);
        let excess = (await tx.store.count()) - maxEntries;
        let cursor = excess > 0 ? await tx.store.index('startedAt').openCursor() : null;
        while (cursor && excess > 0) {
          await cursor.delete();
          excess -= 1;
          cursor = await cursor.continue();
        }
      });
    },

    clear: (clearOptions) =>
      transact('clear', 'readwrite', clearOptions?.signal, async (tx) => {
        await tx.store.clear();
      }),

    close() {
      const database = opening;
      opening = null;
      database?.then((db) => db.close()).catch(() => undefined);
    },
  };
}
