// The IndexedDB call history in real Chromium: the package is bundled with Vite and served with a tiny page
// from an http origin (IndexedDB needs one) through `page.route`; nothing else is simulated.
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { build } from 'vite';

const ORIGIN = 'http://call-history.test';
const packageSrc = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const coreSrc = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));

let bundle = '';

test.beforeAll(async () => {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@teams-endpoint/core': coreSrc } },
    build: {
      write: false,
      minify: false,
      lib: { entry: packageSrc, formats: ['iife'], name: 'CallHistoryIdb', fileName: 'history' },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results
    .flatMap((result) => ('output' in result ? result.output : []))
    .find((file) => file.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('The history bundle was not built.');
  bundle = chunk.code;
});

async function openPage(page: Page): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    return pathname === '/history.js'
      ? route.fulfill({ contentType: 'text/javascript', body: bundle })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>call history</title><script src="/history.js"></script>',
        });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'CallHistoryIdb' in window);
}

/** Runs in the page: adds `count` entries (the first with extra fields), concurrently, and lists them. */
async function addEntries(count: number): Promise<unknown> {
  const { createIndexedDbCallHistory } = (window as unknown as { CallHistoryIdb: typeof import('../src') })
    .CallHistoryIdb;
  const history = createIndexedDbCallHistory({ dbName: 'e2e-history', maxEntries: 5 });
  const entry = (i: number) => ({
    id: `call-${String(i).padStart(2, '0')}`,
    direction: 'outgoing' as const,
    kind: 'outbound_pstn' as const,
    remote: { kind: 'phoneNumber' as const, phoneNumber: '+14255550101', displayName: `Customer ${i}` },
    startedAt: 1_700_000_000_000 + i,
    durationMs: i * 1000,
    outcome: 'completed' as const,
  });
  class SdkCall {
    readonly token = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl';
  }
  const polluted = { ...entry(count - 1), token: 'secret-token', call: new SdkCall(), hangUp: () => 1 };
  await Promise.all([
    history.add(polluted as never),
    ...Array.from({ length: count - 1 }, (_, i) => history.add(entry(i))),
  ]);
  const listed = await history.list();
  history.close();
  return listed;
}

/** Runs in the page: a fresh instance lists the history, and the raw rows are read without the package. */
async function readBack(): Promise<{ listed: unknown; raw: unknown }> {
  const { createIndexedDbCallHistory } = (window as unknown as { CallHistoryIdb: typeof import('../src') })
    .CallHistoryIdb;
  const history = createIndexedDbCallHistory({ dbName: 'e2e-history', maxEntries: 5 });
  const listed = await history.list();
  history.close();
  const raw = await new Promise<unknown>((resolve, reject) => {
    const request = indexedDB.open('e2e-history');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const all = db.transaction('calls').objectStore('calls').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result);
      };
      all.onerror = () => reject(all.error);
    };
  });
  return { listed, raw };
}

test('keeps the newest entries, only their known fields, across a reload', async ({ page }) => {
  await openPage(page);
  const listed = (await page.evaluate(addEntries, 12)) as { id: string }[];
  expect(listed.map((entry) => entry.id)).toEqual(['call-11', 'call-10', 'call-09', 'call-08', 'call-07']);

  await page.reload();
  await page.waitForFunction(() => 'CallHistoryIdb' in window);
  const after = await page.evaluate(readBack);
  expect(after.listed).toEqual(listed);
  const raw = after.raw as Record<string, unknown>[];
  expect(raw).toHaveLength(5);
  for (const row of raw) {
    expect(Object.keys(row).sort()).toEqual(
      ['direction', 'durationMs', 'id', 'kind', 'outcome', 'remote', 'startedAt'].sort(),
    );
  }
  expect(JSON.stringify(raw)).not.toContain('token');
  expect(JSON.stringify(raw)).not.toContain('eyJ');
});

test("closes on another tab's delete, and refuses bad input without writing", async ({ page }) => {
  await openPage(page);
  const result = await page.evaluate(async () => {
    const { createIndexedDbCallHistory } = (window as unknown as { CallHistoryIdb: typeof import('../src') })
      .CallHistoryIdb;
    const history = createIndexedDbCallHistory({ dbName: 'e2e-delete' });
    const entry = {
      id: 'kept',
      direction: 'incoming' as const,
      kind: 'inbound' as const,
      remote: { kind: 'unknown' as const },
      startedAt: 1,
      durationMs: 0,
      outcome: 'missed' as const,
    };
    await history.add(entry);
    const refused = await history.add({ ...entry, id: 'bad', startedAt: new Date() as never }).then(
      () => null,
      (error: { code: string }) => error.code,
    );
    const afterRefusal = (await history.list()).map((item) => item.id);
    const deleted = await new Promise<string>((resolve) => {
      const request = indexedDB.deleteDatabase('e2e-delete');
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => resolve('deleted');
    });
    const afterDelete = await history.list();
    return { refused, afterRefusal, deleted, afterDelete };
  });
  expect(result).toEqual({
    refused: 'invalid_argument',
    afterRefusal: ['kept'],
    deleted: 'deleted',
    afterDelete: [],
  });
});
