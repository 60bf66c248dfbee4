import { cpus } from 'node:os';
import {
  type CustomerDirectoryResult,
  DIRECTORY_SIZES,
  type DirectoryFill,
  IMPORT_BATCH,
} from './backend/customerDirectoryLookups';
import { SEARCHED_PHONE_PREFIX, SEARCHED_SURNAME } from './backend/customerFixture';
import {
  EXCHANGE_ROUNDS,
  EXCHANGE_USERS,
  EXCHANGE_WARM_UP_REQUESTS,
  type TokenExchangeResult,
} from './backend/tokenExchangeLoad';
import type { Budget } from './budgets';
import {
  exchangeRatioLimit,
  ISSUE_TARGET_SHARE_OF_STATEFUL_CLIENT,
  MAX_FEATURE_ADDED_GZIP_BYTES,
  MAX_HEAP_GROWTH_BYTES,
  MAX_LOOKUP_P99_GROWTH,
  MAX_SHARE_OF_STATEFUL_CLIENT,
  ratioLimitOf,
} from './budgets';
import {
  type BundleRow,
  type BundleSizes,
  CORE_AND_REACT,
  ESBUILD_SETTINGS,
  PSTN_APP,
  PSTN_APP_BEFORE_MEDIA,
  PSTN_APP_IMPORTS,
  STATEFUL_CLIENT,
  VIDEO_APP,
  VIDEO_APP_IMPORTS,
} from './bundleSize';
import type { BurstCost } from './burstTiming';
import { CAPTION_PHRASE_WORDS, CAPTION_SPEAKERS } from './captionsCost';
import {
  CAMERA_TOGGLES,
  type EventCostResult,
  eventCostBursts,
  formatNotifications,
  VIDEO_TILES,
} from './eventCost';
import { FEATURE_PLUMBING, type FeatureCostResult, PSTN_CORE_IMPORTS } from './featureCost';
import type { GraphRoundTripResult } from './graphRoundTrips';
import type { MemoryResult } from './memory';
import { BURST_LABELS, bursts, type RenderCountRow, SLICE_LABELS } from './renderCounts';
import { kB, ms, type Table, verdict } from './table';

export function eventCostTable(
  result: EventCostResult,
  options: { warmUpRuns: number; runs: number },
): Table {
  return {
    title:
      '1. Event cost: fake calling port → core → subscribers (video tiles, captions), against plain callbacks',
    columns: [
      'burst',
      'events',
      'core',
      'baseline',
      'core / baseline',
      'target',
      'notifications per subscriber per burst',
      'target 1',
    ],
    rows: eventCostBursts(result).map((burst) => [
      burst.burst,
      burst.events,
      ms(burst.coreMs),
      ms(burst.baselineMs),
      burst.ratio.toFixed(2),
      `≤ ${ratioLimitOf(result, burst)}: ${verdict(burst.ratio <= ratioLimitOf(result, burst))}`,
      formatNotifications(burst.notificationsPerSubscriber),
      verdict(burst.notificationsPerSubscriber.every((count) => count === 1)),
    ]),
    notes: [
      `Time per burst: median of ${options.runs} runs after ${options.warmUpRuns} warm-up runs, core and baseline alternating, from the first event to the last subscriber notified.`,
      'One port event per join and per toggle. Core: a meeting call on the endpoint (simulated tenant); its three subscribers read the status, the participant count and the participant list.',
      'Baseline: plain callbacks on the same events — a Map, one array rebuild per burst in a microtask, three listener calls.',
      `Video tiles: the same meeting, every participant with a camera stream, ${VIDEO_TILES} of them on. Each tile is a camera bound to a container (core: bindVideoStream; baseline: by hand, on that participant's changes) and a per-participant subscriber (core: call.subscribeParticipant; baseline: a Map of listeners by id). Both request and dispose views through the same fake port; the time runs until the last subscriber is notified and the views are requested, and the views are created between bursts, untimed.`,
      `Video toggles: two variants alternate, each with ${CAMERA_TOGGLES} camera on/off events among the toggles; each burst turns 8 of the ${VIDEO_TILES} cameras off, the next one back on.`,
      `Captions: a meeting with captions on; ${CAPTION_SPEAKERS} speakers talk at once, each phrase ${CAPTION_PHRASE_WORDS} results (one per word so far, the last final). Core: callCaptions(call), one subscriber reading the entries; baseline: the same phrases by hand on onCaption, in place, one copy of the list per burst. Per result: core ${perResult(result.captions.coreMs, result.captions)}, baseline ${perResult(result.captions.baselineMs, result.captions)}.`,
      "Events are delivered to the listener the core registered on the fake port's call handle, exactly as the port emits them; the fake's own bookkeeping (a search of its participant list per toggle) is billed to neither side.",
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. Times vary by machine; the ratio is the budget.`,
    ],
  };
}

const perResult = (burstMs: number, burst: BurstCost) => `${((burstMs / burst.events) * 1000).toFixed(2)} µs`;

export function renderCountTable(rows: readonly RenderCountRow[]): Table {
  return {
    title: '2. Render counts: components subscribed to different slices, during the same bursts',
    columns: [
      'framework',
      'component (slice)',
      ...bursts.map((burst) => BURST_LABELS[burst]),
      'expected',
      'target',
    ],
    rows: rows.map((row) => [
      row.framework,
      SLICE_LABELS[row.slice],
      ...bursts.map((burst) => row.renders[burst]),
      bursts.map((burst) => row.expected[burst]).join(' / '),
      verdict(bursts.every((burst) => row.renders[burst] === row.expected[burst])),
    ]),
    notes: [
      'Renders per burst after mounting. React: @testing-library/react, no StrictMode; status via useEndpointSelector, count and list via useUnitSelector(call). Vue: @vue/test-utils with the endpoint plugin, the same hooks. Both in jsdom.',
      'Target: a component renders once per burst that changes its slice, and never for the others.',
    ],
  };
}

export function graphTable(result: GraphRoundTripResult): Table {
  return {
    title: '3. Graph round trips against the MSW tenant',
    columns: ['scenario', 'requests', 'target', 'result', 'requests made'],
    rows: result.rows.map((row) => [
      row.scenario,
      row.requests,
      row.target,
      verdict(row.requests <= row.target),
      row.detail,
    ]),
    notes: [
      `People listing: $top=999 and $select on every page: ${result.peopleQueryOk ? 'yes' : 'NO'}.`,
      `Caller ids looked up more than once (cache): ${result.repeatLookups} (target 0). Concurrent lookups of the same id sent twice (de-duplication): ${result.concurrentDuplicateLookups} (target 0).`,
      `$batch requests: ${result.batches}, carrying ${result.batchedLookups} person lookups (target: the callers who ring at the same moment go out together, ≤ 20 per request).`,
      'Every request the MSW Graph handlers see is recorded (`createGraphHandlers().requests`); the endpoint runs the real Graph port over them.',
    ],
  };
}

export function memoryTable(result: MemoryResult): Table {
  return {
    title: '4. Memory: complete call lifecycles through the endpoint, then a full GC',
    columns: ['measure', 'value', 'target', 'result'],
    rows: [
      ['lifecycles (start, ring, connect, mute, hang up)', result.lifecycles, '', ''],
      [
        'heap growth after global.gc()',
        kB(result.heapGrowthBytes),
        `< ${kB(MAX_HEAP_GROWTH_BYTES)}`,
        verdict(result.heapGrowthBytes < MAX_HEAP_GROWTH_BYTES),
      ],
      [
        'listeners on the fake SDK: before → after',
        `${result.listenersBefore} → ${result.listenersAfter}`,
        'unchanged (agent-level listeners stay until dispose)',
        verdict(result.listenersAfter === result.listenersBefore),
      ],
      [
        'listeners left on the ended calls',
        result.listenersLeftOnEndedCalls,
        '0',
        verdict(result.listenersLeftOnEndedCalls === 0),
      ],
      [
        'listeners after endpoint.dispose()',
        result.listenersAfterDispose,
        '0',
        verdict(result.listenersAfterDispose === 0),
      ],
      [
        'calls the endpoint still lists',
        result.callsKept,
        '10 (the last ended calls, by design)',
        verdict(result.callsKept <= 10),
      ],
    ],
    notes: [
      'Heap used after three forced collections, after a warm-up of 2,000 lifecycles, compared with the same after the 10,000.',
      "The fake SDK keeps every call it handed out, for tests to inspect: after each batch of 1,000 its record is checked for leftover listeners and emptied, so the growth measured is the endpoint's.",
    ],
  };
}

const share = (ours: number | undefined, theirs: number | undefined) =>
  ours !== undefined && theirs ? `${((ours / theirs) * 100).toFixed(1)} %` : 'n/a';

type MeasuredRow = BundleRow & BundleSizes;
const measured = (row: BundleRow | undefined): row is MeasuredRow =>
  row?.minifiedBytes !== undefined && row.gzipBytes !== undefined && row.brotliBytes !== undefined;

const signedKB = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${kB(Math.abs(bytes))}`;

/** What the apps' entries show: video on top of PSTN, and PSTN against the same app before the media work. */
function appNotes(rows: readonly BundleRow[]): string[] {
  const pstn = rows.find((row) => row.name === PSTN_APP);
  const video = rows.find((row) => row.name === VIDEO_APP);
  const notes: string[] = [];
  for (const row of [pstn, video]) {
    if (row?.missing)
      notes.push(`${row.name}: not exported by the built packages, left out: ${row.missing.join(', ')}.`);
  }
  if (measured(pstn) && measured(video)) {
    notes.push(
      `Video costs ${kB(video.brotliBytes - pstn.brotliBytes)} brotli (${kB(video.gzipBytes - pstn.gzipBytes)} gzip, ${kB(video.minifiedBytes - pstn.minifiedBytes)} minified) on top of the PSTN-only app.`,
    );
  }
  if (measured(pstn)) {
    const before = PSTN_APP_BEFORE_MEDIA;
    notes.push(
      `PSTN-only app before the media work (${before.commit}, same entry and settings): ${kB(before.brotliBytes)} brotli, ${kB(before.gzipBytes)} gzip; now ${kB(pstn.brotliBytes)} (${signedKB(pstn.brotliBytes - before.brotliBytes)}) brotli, ${kB(pstn.gzipBytes)} (${signedKB(pstn.gzipBytes - before.gzipBytes)}) gzip.`,
    );
  }
  return notes;
}

export function bundleTable(rows: readonly BundleRow[]): Table {
  const ours = rows.find((row) => row.name === CORE_AND_REACT);
  const theirs = rows.find((row) => row.name === STATEFUL_CLIENT);
  const core = rows.find((row) => row.name === 'core')?.composition;
  return {
    title: '5. Bundle size: minified, gzip and brotli, each entry without its peers',
    columns: ['entry', 'external (peers)', 'minified', 'gzip', 'brotli'],
    rows: rows.map((row) => [
      `${row.comparison ? 'comparison: ' : ''}${row.name}`,
      row.external.join(', ') || 'none',
      ...(row.error
        ? [`FAILED: ${row.error}`, '', '']
        : [kB(row.minifiedBytes!), kB(row.gzipBytes!), kB(row.brotliBytes!)]),
    ]),
    notes: [
      `esbuild ${JSON.stringify(ESBUILD_SETTINGS)}; gzip level 9, brotli quality 11. Our entries are the built packages (dist/index.js) with every export; @teams-endpoint/core is left out of the other packages because they share it.`,
      `The app entries import only what such an app needs, from the built core and React adapter (core counted once). ${PSTN_APP}: ${PSTN_APP_IMPORTS.core.join(', ')} + ${PSTN_APP_IMPORTS.react.join(', ')}. ${VIDEO_APP}: the same + ${VIDEO_APP_IMPORTS.core.filter((id) => !PSTN_APP_IMPORTS.core.includes(id)).join(', ')} + ${VIDEO_APP_IMPORTS.react.filter((id) => !PSTN_APP_IMPORTS.react.includes(id)).join(', ')}.`,
      ...appNotes(rows),
      `${CORE_AND_REACT} / createStatefulCallClient: brotli ${share(ours?.brotliBytes, theirs?.brotliBytes)}, gzip ${share(ours?.gzipBytes, theirs?.gzipBytes)} (issue target ≤ ${ISSUE_TARGET_SHARE_OF_STATEFUL_CLIENT * 100} %: ${(ours?.brotliBytes ?? Infinity) <= ISSUE_TARGET_SHARE_OF_STATEFUL_CLIENT * (theirs?.brotliBytes ?? 0) ? 'met' : 'not met, see README'}; CI budget ≤ ${MAX_SHARE_OF_STATEFUL_CLIENT * 100} %).`,
      ...(core
        ? [
            `core, minified, by source: ${Object.entries(core)
              .map(([source, bytes]) => `${source} ${kB(bytes)}`)
              .join(', ')}.`,
          ]
        : []),
    ],
  };
}

export function featureCostTable(result: FeatureCostResult, captions?: BurstCost): Table {
  const { base } = result;
  const sizes = (row: BundleSizes | undefined) =>
    row ? [kB(row.minifiedBytes), kB(row.gzipBytes), kB(row.brotliBytes)] : ['', '', ''];
  const found = new Set(base.featureCodeFound);
  return {
    title: '6. Teams features: what each costs over the PSTN-only import of the core',
    columns: [
      'entry',
      'minified',
      'gzip',
      'brotli',
      'adds minified',
      'adds gzip',
      'adds brotli',
      'budget (adds gzip)',
      'its code in the PSTN-only import',
      'result',
    ],
    rows: [
      [
        'PSTN-only import (the base)',
        ...(base.error ? [`FAILED: ${base.error}`, '', ''] : sizes(base.sizes)),
        '',
        '',
        '',
        '',
        found.has(FEATURE_PLUMBING.unit) ? `${FEATURE_PLUMBING.unit}: YES` : '',
        '',
      ],
      ...result.features.map((feature) => {
        const limit = MAX_FEATURE_ADDED_GZIP_BYTES[feature.unit];
        const inBase = found.has(feature.unit);
        const added = feature.added;
        return [
          `+ ${feature.unit}`,
          ...(feature.missing
            ? ['not exported by the built core', '', '']
            : feature.error
              ? [`FAILED: ${feature.error}`, '', '']
              : sizes(feature.sizes)),
          ...(added
            ? [signedKB(added.minifiedBytes), signedKB(added.gzipBytes), signedKB(added.brotliBytes)]
            : ['', '', '']),
          `≤ ${kB(limit)}`,
          inBase ? 'YES (not tree-shaken)' : 'no',
          verdict(added !== undefined && added.gzipBytes <= limit && !inBase),
        ];
      }),
    ],
    notes: [
      `The base imports ${PSTN_CORE_IMPORTS.join(', ')} from the built core (dist/index.js), with xstate and rxjs; each row below adds one feature unit to it. Bundled as in table 5 (same esbuild settings, gzip 9, brotli 11); "adds" is the difference from the base.`,
      `Tree shaking: each unit's own text (a message it shows or throws, a field of its snapshot) is searched for in the base bundle, and found in the unit's own. The base holds feature code: ${base.featureCodeFound.length === 0 ? 'none' : base.featureCodeFound.join(', ')}.`,
      ...(base.featureCodeFound.length > 0
        ? [
            'A unit the PSTN-only import holds ships to every app, and adds about nothing on top of it: a module-level call the bundler cannot prove pure (a factory call not marked /* @__PURE__ */) keeps its code in every bundle.',
          ]
        : []),
      ...(captions
        ? [
            `At run time (table 1): ${captions.burst} reach a captions subscriber as ${formatNotifications(captions.notificationsPerSubscriber)} notification per burst; ${perResult(captions.coreMs, captions)} per result (plain callbacks ${perResult(captions.baselineMs, captions)}, ratio ${captions.ratio.toFixed(2)}).`,
          ]
        : []),
      ...result.features
        .filter((feature) => feature.sizes && !feature.markerInOwnBundle)
        .map((feature) => `${feature.unit}: its marker "${feature.marker}" is not in its own bundle.`),
    ],
  };
}

const machine = () =>
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. Times vary by machine (and by the other work on it); the budgets are counts and ratios.`;

export function tokenExchangeTable(result: TokenExchangeResult): Table {
  const single = result.rows.find((row) => row.concurrency === 1);
  const limit = result.rateLimit;
  const rejections = Object.entries(result.rejections)
    .map(([reason, count]) => `${reason}: ${count.toLocaleString('en-US')}`)
    .join(', ');
  return {
    title:
      '7. Token exchange: the handler (toNodeHandler) against a fake ACS over HTTPS on loopback, and a plain proxy to it',
    columns: [
      'clients',
      'server',
      'requests',
      'requests/s',
      'p50',
      'p99',
      'max',
      'errors',
      'handler p50 / baseline p50',
      'target',
    ],
    rows: result.rows.flatMap((row) => [
      [
        row.concurrency,
        'handler',
        row.handler.requests,
        Math.round(row.handler.requestsPerSecond),
        ms(row.handler.latency.p50),
        ms(row.handler.latency.p99),
        ms(row.handler.latency.max),
        row.handler.errors,
        `${row.p50Ratio.toFixed(2)}${row.attempts > 1 ? ` (best of ${row.attempts})` : ''}`,
        `≤ ${exchangeRatioLimit(row.concurrency)}: ${verdict(row.p50Ratio <= exchangeRatioLimit(row.concurrency))}`,
      ],
      [
        row.concurrency,
        'baseline (plain proxy)',
        row.baseline.requests,
        Math.round(row.baseline.requestsPerSecond),
        ms(row.baseline.latency.p50),
        ms(row.baseline.latency.p99),
        ms(row.baseline.latency.max),
        row.baseline.errors,
        '',
        '',
      ],
    ]),
    notes: [
      `Handler: createTokenExchangeHandler behind toNodeHandler (node:http), in a process of its own, with its in-memory rate limiter (no user reaches its limit) and a logger. Every request carries a valid token of one of ${EXCHANGE_USERS} users at two tenants (v1.0 and v2.0 tokens, signed by the fake Entra of @teams-endpoint/testing/server).`,
      "Fake ACS and Entra: one HTTPS server on 127.0.0.1 with a certificate made for the run (selfsigned); it answers POST /teamsUser/:exchangeAccessToken with { token, expiresOn } as the shared fake ACS does, and serves the fake Entra's key sets. The handler's process trusts the certificate through NODE_EXTRA_CA_CERTS (Node's https agent for the ACS client, and Node's fetch for jose's key fetch).",
      'Baseline: a plain node:http server in the same process that forwards the bearer token to the same fake ACS over a keep-alive https agent and relays its answer: no verification, no signature, no rate limit.',
      `Closed loop: each client sends its next request when the last one is answered. One client: handler and baseline requests alternate. 16 and 64 clients: the servers run in turn, ${EXCHANGE_ROUNDS} runs each, and each keeps its quietest (lowest p50); the latency there is mostly queueing. requests/s is clients ÷ mean latency. After ${EXCHANGE_WARM_UP_REQUESTS} warm-up requests each.`,
      ...(single
        ? [
            `The handler's own cost, one client: ${ms(single.handler.latency.p50 - single.baseline.latency.p50)} at p50 on top of the baseline's ${ms(single.baseline.latency.p50)} (the fake ACS round trip over HTTPS on loopback, plus the proxy).`,
          ]
        : []),
      `ACS calls signed with the resource key (the handler's): ${result.handlerAcsCalls.toLocaleString('en-US')} for ${result.handlerExchanges.toLocaleString('en-US')} exchanges (${result.handlerRequests.toLocaleString('en-US')} requests to the handler, warm-up included); key-set fetches: ${result.jwksFetches} (one per tenant per handler, then jose's cache). Errors (answers other than the user's ACS token, or failed requests): ${result.errors}; non-200 answers: ${result.non200}.`,
      `Rate limit (${limit.maxRequestsPerUser} exchanges per user per minute, createMemoryRateLimitStore()): ${limit.users} users each sent ${limit.requests / limit.users} requests, interleaved: ${limit.statuses[200] ?? 0} × 200 (expected ${limit.expected200}), ${limit.statuses[429] ?? 0} × 429 (expected ${limit.expected429}), ${limit.acsCalls} ACS calls, ${limit.errors} other answers.`,
      `What the handlers refused (their log): ${rejections || 'nothing'}. The section took ${(result.durationMs / 1000).toFixed(1)} s.`,
      machine(),
    ],
  };
}

const fillNote = (backend: string, fill: DirectoryFill): string => {
  const rate = (rows: number, time: number) =>
    `${Math.round((rows / time) * 1000).toLocaleString('en-US')}/s`;
  const imported = `${fill.importedRows.toLocaleString('en-US')} through importCustomers (batches of ${IMPORT_BATCH.toLocaleString('en-US')}) in ${(fill.importMs / 1000).toFixed(1)} s, ${rate(fill.importedRows, fill.importMs)}`;
  if (fill.bulkRows === 0)
    return `${backend}, ${fill.customers.toLocaleString('en-US')} customers: ${imported}.`;
  const projected = (fill.customers / fill.importedRows) * fill.importMs;
  return `${backend}, ${fill.customers.toLocaleString('en-US')} customers: ${fill.bulkRows.toLocaleString('en-US')} by the bulk path in ${(fill.bulkMs / 1000).toFixed(1)} s (${rate(fill.bulkRows, fill.bulkMs)}), then the last ${imported} (at that rate, all ${fill.customers.toLocaleString('en-US')} would take about ${Math.round(projected / 1000)} s).`;
};

export function customerDirectoryTable(result: CustomerDirectoryResult): Table {
  const [small, large] = DIRECTORY_SIZES.map((size) => size.toLocaleString('en-US'));
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const backend of result.backends) {
    if (backend.skipped !== undefined) {
      rows.push([backend.backend, `skipped: ${backend.skipped}`, '', '', '', '', '', '']);
      continue;
    }
    const [at10k, at1m] = backend.sizes;
    const growth = at1m.lookup.p99 / at10k.lookup.p99;
    rows.push([
      backend.backend,
      'lookup by phone number: all',
      backend.lookups / DIRECTORY_SIZES.length,
      ms(at10k.lookup.p50),
      ms(at10k.lookup.p99),
      ms(at1m.lookup.p50),
      ms(at1m.lookup.p99),
      `${growth.toFixed(2)} (≤ ${MAX_LOOKUP_P99_GROWTH}: ${verdict(growth <= MAX_LOOKUP_P99_GROWTH)})`,
    ]);
    for (const operation of at10k.operations) {
      const other = at1m.operations.find((candidate) => candidate.operation === operation.operation);
      rows.push([
        backend.backend,
        operation.operation,
        operation.samples,
        ms(operation.latency.p50),
        ms(operation.latency.p99),
        other ? ms(other.latency.p50) : '',
        other ? ms(other.latency.p99) : '',
        other ? (other.latency.p99 / operation.latency.p99).toFixed(2) : '',
      ]);
    }
    notes.push(
      ...backend.sizes.map((size) => fillNote(backend.backend, size.fill)),
      `${backend.backend}: ${backend.wrongAnswers} wrong answers and ${backend.otherTenantRows} rows of another tenant over ${backend.lookups.toLocaleString('en-US')} lookups and every page; ${(backend.durationMs / 1000).toFixed(1)} s in all.`,
    );
  }
  return {
    title: `8. Customer directory: lookups, pages and searches with ${small} and ${large} customers, SQLite and PostgreSQL`,
    columns: [
      'backend',
      'operation',
      'samples (each size)',
      `p50, ${small}`,
      `p99, ${small}`,
      `p50, ${large}`,
      `p99, ${large}`,
      `p99 ${large} / ${small}`,
    ],
    rows,
    notes: [
      'The repositories of @teams-endpoint/customer-directory (createSqliteCustomerRepository on a file in a temporary folder, createPostgresCustomerRepository on a fresh database from startTestPostgres()), one database per size. Four tenants: one with 94 % of the customers, three with 2 % each, whose numbers the largest tenant has too (numbers are unique per tenant).',
      'Lookups (findByPhoneNumber, one at a time, the two sizes alternating): 60 % customers (each answer compared with the customer imported), 20 % numbers nobody has, 20 % numbers of the largest tenant asked at a smaller one (each must be null). Pages and searches: the largest tenant; every page is checked in order and every customer against the search.',
      `Searches: "${SEARCHED_SURNAME}" is in 1 name in 60, spread over the name order; "${SEARCHED_PHONE_PREFIX}" starts 1,031 numbers; a search that matches nothing reads every row of the tenant (the name, company and number patterns use no index), measured once per size.`,
      "The bulk path: each customer as importCustomers stores it (name and company keys folded as its foldForSearch does), with the repository's own INSERT, into the tables its migration made, without the checks importCustomers makes per row. SQL that bypasses the repository's API, but not its schema (the bench stops if the schema version changes). On PostgreSQL, ANALYZE follows it, as after any bulk load.",
      ...notes,
      machine(),
    ],
  };
}

export function budgetTable(budgets: readonly Budget[]): Table {
  return {
    title: 'Budgets (machine-independent: counts, bytes, ratios)',
    columns: ['section', 'budget', 'measured', 'limit', 'result'],
    rows: budgets.map((budget) => [
      budget.section,
      budget.name,
      budget.measured,
      budget.limit,
      verdict(budget.ok),
    ]),
  };
}
