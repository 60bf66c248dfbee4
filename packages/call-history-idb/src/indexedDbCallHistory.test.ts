// The IndexedDB call history over fake-indexeddb, and the core's memory history, against one contract; then
// what only IndexedDB has: what is really stored, another tab's upgrade or delete, a database that fails to
// open, two tabs adding at once.
import 'fake-indexeddb/auto';
import { type CallHistoryPort, createMemoryCallHistory, TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callHistoryContract, historyEntry } from './callHistoryContract.test-support';
import { createIndexedDbCallHistory, type IndexedDbCallHistory } from './indexedDbCallHistory';

let databases = 0;
const names = new WeakMap<CallHistoryPort, string>();
const freshName = () => {
  databases += 1;
  return `call-history-test-${databases}`;
};

callHistoryContract('createMemoryCallHistory', {
  create: (maxEntries) => createMemoryCallHistory({ maxEntries }),
});

callHistoryContract('createIndexedDbCallHistory', {
  create: (maxEntries) => {
    const dbName = freshName();
    const port = createIndexedDbCallHistory({ dbName, maxEntries });
    names.set(port, dbName);
    return port;
  },
  reopen: (port, maxEntries) => {
    const dbName = names.get(port)!;
    (port as IndexedDbCallHistory).close();
    const reloaded = createIndexedDbCallHistory({ dbName, maxEntries });
    names.set(reloaded, dbName);
    return reloaded;
  },
  close: (port) => (port as IndexedDbCallHistory).close(),
});

/** Reads the rows as IndexedDB holds them, without the port's own read (which checks them again). */
async function rawRows(dbName: string): Promise<unknown[]> {
  const db = await openDB(dbName);
  try {
    return await db.getAll('calls');
  } finally {
    db.close();
  }
}

describe('createIndexedDbCallHistory', () => {
  const opened: IndexedDbCallHistory[] = [];
  const open = (options: { dbName?: string; maxEntries?: number } = {}) => {
    const port = createIndexedDbCallHistory({ dbName: freshName(), ...options });
    opened.push(port);
    return port;
  };
  afterEach(() => {
    for (const port of opened.splice(0)) port.close();
  });

  it('stores plain rows with only the known fields: no token, no SDK object', async () => {
    const dbName = freshName();
    const port = open({ dbName });
    await port.add({
      ...historyEntry(),
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl',
      remote: { kind: 'phoneNumber', phoneNumber: '+14255550101', customer: { id: 'c1', name: 'x' } },
    } as never);
    port.close();
    const rows = await rawRows(dbName);
    expect(rows).toEqual([historyEntry({ remote: { kind: 'phoneNumber', phoneNumber: '+14255550101' } })]);
  });

  it('leaves out rows that are not entries (a tampered database)', async () => {
    const dbName = freshName();
    const port = open({ dbName });
    await port.add(historyEntry({ id: 'good' }));
    port.close();
    const db = await openDB(dbName);
    await db.put('calls', { id: 'bad', startedAt: 5, remote: '<img src=x>' });
    db.close();
    expect((await open({ dbName }).list()).map((entry) => entry.id)).toEqual(['good']);
  });

  it("closes on another tab's upgrade or delete, so that it is never blocked; the next request reopens", async () => {
    const dbName = freshName();
    const port = open({ dbName });
    await port.add(historyEntry());
    const blocked = vi.fn();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onblocked = blocked;
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    expect(blocked).not.toHaveBeenCalled();
    expect(await port.list()).toEqual([]);
    await port.add(historyEntry({ id: 'after' }));
    expect((await port.list()).map((entry) => entry.id)).toEqual(['after']);
  });

  it('a database that fails to open rejects with a typed service_error; nothing is left half open', async () => {
    const dbName = freshName();
    // Another version of the app made the database newer than this one knows.
    const newer = await openDB(dbName, 7, { upgrade: (db) => db.createObjectStore('other') });
    newer.close();
    const port = open({ dbName });
    for (const attempt of [port.list(), port.add(historyEntry()), port.clear()]) {
      const error = await typedRejection(attempt);
      expect(error.code).toBe('service_error');
      expect(error.details).toMatchObject({ operation: 'open', reason: 'VersionError' });
    }
  });

  it('without IndexedDB (a worker or Node without it) every request rejects with service_error', async () => {
    const port = open();
    vi.stubGlobal('indexedDB', undefined);
    try {
      expect((await typedRejection(port.list())).code).toBe('service_error');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('two tabs adding at once over one database keep the bound', async () => {
    const dbName = freshName();
    const first = open({ dbName, maxEntries: 7 });
    const second = open({ dbName, maxEntries: 7 });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? first : second).add(
          historyEntry({ id: `call-${String(i).padStart(2, '0')}`, startedAt: i }),
        ),
      ),
    );
    const ids = Array.from({ length: 7 }, (_, i) => `call-${29 - i}`);
    expect((await first.list()).map((entry) => entry.id)).toEqual(ids);
    expect(await rawRows(dbName)).toHaveLength(7);
  });

  it('a smaller bound on reopening trims the database at the next add, and lists at most that many', async () => {
    const dbName = freshName();
    const wide = open({ dbName, maxEntries: 10 });
    for (let i = 0; i < 10; i++) await wide.add(historyEntry({ id: `call-${i}`, startedAt: i }));
    wide.close();
    const narrow = open({ dbName, maxEntries: 3 });
    expect((await narrow.list()).map((entry) => entry.id)).toEqual(['call-9', 'call-8', 'call-7']);
    await narrow.add(historyEntry({ id: 'call-10', startedAt: 10 }));
    expect(await rawRows(dbName)).toHaveLength(3);
  });

  it('refuses a bad database name', () => {
    expect(() => createIndexedDbCallHistory({ dbName: '' })).toThrow(TeamsEndpointError);
  });
});
