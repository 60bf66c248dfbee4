import type { BackendResults } from './backend/backendSuite';
import { CORE_AND_REACT, STATEFUL_CLIENT } from './bundleSize';
import type { BurstCost } from './burstTiming';
import { type EventCostResult, eventCostBursts, formatNotifications } from './eventCost';
import { type FeatureCostResult, TEAMS_FEATURES, type TeamsFeatureUnit } from './featureCost';
import { slices } from './renderCounts';
import type { BenchResults } from './suite';
import { kB } from './table';

/** A machine-independent budget: a count, a byte size or a ratio, and whether the run kept it. */
export interface Budget {
  readonly section: string;
  readonly name: string;
  readonly measured: string;
  readonly limit: string;
  readonly ok: boolean;
}

export const MAX_EVENT_COST_RATIO = 3;
/**
 * The captions burst's ratio. Its baseline does next to nothing per result (it overwrites the phrase in place,
 * no normalization, one copy per burst), so the usual ratio is about 10 (0.5 µs per result for the core,
 * 0.05 µs for the baseline); the limit sits about twice as high, like the call bursts'. What matters more is
 * the count: one notification per burst, however many results it has.
 */
export const MAX_CAPTIONS_COST_RATIO = 20;

/** The ratio limit of one burst of table 1. */
export const ratioLimitOf = (result: EventCostResult, burst: BurstCost): number =>
  burst === result.captions ? MAX_CAPTIONS_COST_RATIO : MAX_EVENT_COST_RATIO;
export const MAX_HEAP_GROWTH_BYTES = 1_000_000;

/**
 * Token exchange, handler p50 / baseline p50. The baseline is a plain proxy to the same fake ACS, so the ratio
 * is the handler's own work (token verification, the rate limiter, the ACS client's pipeline, Request and
 * Response) against an ACS round trip on loopback, far shorter than the real one.
 *
 * - One client, handler and baseline requests alternating: the latency of one exchange. Measured 2.3 to 2.6
 *   on a busy 2-core machine, whatever the load; the limit is twice that.
 * - 16 and 64 clients: the servers' process is saturated and the p50 is queueing, so the ratio is the two
 *   servers' CPU per request, as far as the load generator and the fake ACS (in the bench's process) keep up
 *   with the baseline: 1.1 to 7.9 from one run to the next on the same machine. The limit, twice the highest,
 *   only catches a handler that became several times dearer (a key fetch or a second verification per
 *   request).
 */
export const MAX_EXCHANGE_P50_RATIO = { oneClient: 5, saturated: 16 } as const;

/** The p50 ratio limit of a load with this many clients. */
export const exchangeRatioLimit = (concurrency: number): number =>
  concurrency === 1 ? MAX_EXCHANGE_P50_RATIO.oneClient : MAX_EXCHANGE_P50_RATIO.saturated;

/**
 * Customer directory, lookup p99 at 1,000,000 customers / at 10,000. Through the unique index on (tenant,
 * number), a lookup reads one more B-tree level at 1,000,000: measured 0.7 to 1.3 (p50 1.1 to 1.6) on SQLite
 * and PostgreSQL, the two sizes' lookups alternating. A lookup that scanned the tenant instead would be
 * about 400 times slower at 1,000,000 (as the search that matches nothing is).
 */
export const MAX_LOOKUP_P99_GROWTH = 4;
/**
 * Issue 7 aims for core + React ≤ 50 % of `createStatefulCallClient`. That is not reachable while core ships
 * XState: the parts of XState core uses are 51 % of that client on their own (see README.md). The budget CI
 * enforced "never larger than the stateful client" (a 10 % margin over ~103 % brotli / ~99 % gzip).
 *
 * Issue 10 (the machines as the one source of truth) added the microphone and camera regions with intents,
 * call waiting as a registry rule, bounded lifetimes, list and remote-text normalization, and the shared
 * abort/timeout/listener helpers: core grew from 24.2 kB to 28.2 kB brotli, and the share to ~121 % brotli /
 * ~116 % gzip. The stateful client has none of these. The budget is now 125 %, so that growth past this
 * margin fails CI; the table keeps printing the share. The way back under 110 % is known: RxJS's `Observable` is
 * ~2.2 kB brotli of core, and an interop observable (`Symbol.observable`) would do for `state$`.
 *
 * Issue 12 (media) added streams, the roster's media fields, per-participant slices, the screen-share region,
 * `bindVideoStream`, `selectVideoGallery`, `createDeviceSettings` and the adapters' video bindings: core grew
 * to 30.6 kB brotli (all exports) and the share to ~132 %. The stateful client, too, holds video streams,
 * views and devices. The budget is now 135 %. An app that imports no media pays 0.9 kB of it (the call
 * machine's screen-share region and the participant store's media fields): see the "PSTN-only app" rows.
 *
 * The Teams in-call features added the call machine's transfer region and capability gates (`can` with
 * `canReasons`), the transferred call, and six feature units (captions, raised hands, recording, spotlight,
 * lobby, diagnostics), each of which the full entry holds: core grew to 35.5 kB brotli (all exports) and the
 * share to ~152 % brotli / ~147 % gzip. The stateful client, too, holds captions, raised hands, spotlight,
 * the lobby and diagnostics. The budget is now 155 %. What each unit costs an app that imports it, and that
 * an app importing none of them pays for none, are budgeted on their own (table 6).
 *
 * Issue 15 added the call history to the endpoint (`endpoint.history`: the history unit with redial, the
 * entry check and the in-memory port, always reachable from `createTeamsEndpoint`, about 1.7 kB) and the
 * adapters' `useCallHistory`: the share grew to ~162 % brotli / ~156 % gzip. The stateful client keeps no
 * call history. The budget is now 165 %; making the history opt-in would win the 1.7 kB back.
 */
export const ISSUE_TARGET_SHARE_OF_STATEFUL_CLIENT = 0.5;
export const MAX_SHARE_OF_STATEFUL_CLIENT = 1.65;

/**
 * What each Teams feature unit may add, gzip, to the PSTN-only import of the core: its size when the features
 * landed (brotli 0.6 to 1.0 kB, gzip 0.7 to 1.1 kB), plus about 0.3 kB, rounded up to 0.1 kB. A unit that
 * starts pulling in another unit, or more of the core, breaks its budget.
 */
export const MAX_FEATURE_ADDED_GZIP_BYTES: Readonly<Record<TeamsFeatureUnit, number>> = {
  callCaptions: 1_500,
  callRaisedHands: 1_100,
  callRecording: 1_000,
  callSpotlight: 1_200,
  callLobby: 1_300,
  callDiagnostics: 1_400,
};

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

type AddBudget = (
  section: string,
  name: string,
  measured: string | number,
  limit: string,
  ok: boolean,
) => void;

/** The budgets of the server packages (tables 7 and 8). */
export function evaluateBackendBudgets({ tokenExchange, customerDirectory }: BackendResults): Budget[] {
  const budgets: Budget[] = [];
  const add: AddBudget = (section, name, measured, limit, ok) =>
    budgets.push({ section, name, measured: String(measured), limit, ok });
  tokenExchangeBudgets(tokenExchange, add);
  customerDirectoryBudgets(customerDirectory, add);
  return budgets;
}

function tokenExchangeBudgets(result: BackendResults['tokenExchange'], add: AddBudget): void {
  const section = 'token exchange';
  add(
    section,
    "answers other than the user's ACS token, and failed requests (handler and baseline)",
    result.errors,
    '0',
    result.errors === 0,
  );
  add(section, 'responses other than 200 (handler and baseline)', result.non200, '0', result.non200 === 0);
  add(
    section,
    'ACS calls / exchanges / requests (handler)',
    `${result.handlerAcsCalls} / ${result.handlerExchanges} / ${result.handlerRequests}`,
    'all equal: 1 ACS call per exchange',
    result.handlerAcsCalls === result.handlerExchanges && result.handlerExchanges === result.handlerRequests,
  );
  for (const row of result.rows) {
    add(
      section,
      `${row.concurrency} client${row.concurrency === 1 ? '' : 's'}: handler p50 / baseline p50`,
      row.p50Ratio.toFixed(2),
      `≤ ${exchangeRatioLimit(row.concurrency)}`,
      row.p50Ratio <= exchangeRatioLimit(row.concurrency),
    );
  }
  const limit = result.rateLimit;
  add(
    section,
    `rate limit (${limit.maxRequestsPerUser} per user): 429 answers`,
    limit.statuses[429] ?? 0,
    `exactly ${limit.expected429}`,
    limit.statuses[429] === limit.expected429,
  );
  add(
    section,
    `rate limit (${limit.maxRequestsPerUser} per user): 200 answers / ACS calls`,
    `${limit.statuses[200] ?? 0} / ${limit.acsCalls}`,
    `exactly ${limit.expected200} each`,
    limit.statuses[200] === limit.expected200 && limit.acsCalls === limit.expected200,
  );
  add(section, 'rate limit: any other answer', limit.errors, '0', limit.errors === 0);
}

function customerDirectoryBudgets(result: BackendResults['customerDirectory'], add: AddBudget): void {
  const section = 'customer directory';
  for (const backend of result.backends) {
    if (backend.skipped !== undefined) {
      // startTestPostgres() throws in CI rather than skip: a skip only happens on a machine without PostgreSQL.
      add(section, `${backend.backend}: measured`, `skipped: ${backend.skipped}`, 'runs in CI', true);
      continue;
    }
    const [at10k, at1m] = backend.sizes;
    const growth = at1m.lookup.p99 / at10k.lookup.p99;
    add(
      section,
      `${backend.backend}: lookup p99 at ${at1m.customers.toLocaleString('en-US')} / at ${at10k.customers.toLocaleString('en-US')} customers`,
      `${growth.toFixed(2)} (${at1m.lookup.p99.toFixed(3)} / ${at10k.lookup.p99.toFixed(3)} ms)`,
      `≤ ${MAX_LOOKUP_P99_GROWTH}`,
      growth <= MAX_LOOKUP_P99_GROWTH,
    );
    add(
      section,
      `${backend.backend}: wrong answers (${backend.lookups.toLocaleString('en-US')} lookups, the pages and searches)`,
      backend.wrongAnswers,
      '0',
      backend.wrongAnswers === 0,
    );
    add(
      section,
      `${backend.backend}: rows of another tenant returned`,
      backend.otherTenantRows,
      '0',
      backend.otherTenantRows === 0,
    );
  }
}

/** Every budget of the issue, evaluated against one run's results. */
export function evaluateBudgets(results: BenchResults): Budget[] {
  const budgets: Budget[] = [];
  const add = (section: string, name: string, measured: string | number, limit: string, ok: boolean) =>
    budgets.push({ section, name, measured: String(measured), limit, ok });

  // Both meetings, without and with video tiles, and the captions: one notification per burst each.
  for (const burst of eventCostBursts(results.eventCost)) {
    const limit = ratioLimitOf(results.eventCost, burst);
    add(
      'event cost',
      `${burst.burst}: core / baseline`,
      burst.ratio.toFixed(2),
      `≤ ${limit}`,
      burst.ratio <= limit,
    );
    const notified = burst.notificationsPerSubscriber;
    add(
      'event cost',
      `${burst.burst}: notifications per subscriber per burst`,
      formatNotifications(notified),
      '1 each',
      notified.every((count) => count === 1),
    );
  }

  for (const row of results.renderCounts) {
    const counts = Object.values(row.renders);
    const expected = Object.values(row.expected);
    add(
      'render counts',
      `${row.framework}, ${row.slice} (joins / toggles / hold)`,
      counts.join(' / '),
      expected.join(' / '),
      counts.every((count, i) => count === expected[i]),
    );
  }
  if (results.renderCounts.length !== slices.length * 2) {
    add(
      'render counts',
      'components measured',
      results.renderCounts.length,
      String(slices.length * 2),
      false,
    );
  }

  const graph = results.graphRoundTrips;
  for (const row of graph.rows)
    add('graph', `${row.scenario}: requests`, row.requests, `≤ ${row.target}`, row.requests <= row.target);
  add(
    'graph',
    'people listing: $top=999 and $select on every page',
    graph.peopleQueryOk ? 'yes' : 'no',
    'yes',
    graph.peopleQueryOk,
  );
  add('graph', 'caller ids looked up more than once', graph.repeatLookups, '0', graph.repeatLookups === 0);
  add(
    'graph',
    'concurrent lookups of the same id sent twice',
    graph.concurrentDuplicateLookups,
    '0',
    graph.concurrentDuplicateLookups === 0,
  );

  const memory = results.memory;
  add(
    'memory',
    `heap growth after ${memory.lifecycles.toLocaleString('en-US')} lifecycles`,
    kB(memory.heapGrowthBytes),
    `< ${kB(MAX_HEAP_GROWTH_BYTES)}`,
    memory.heapGrowthBytes < MAX_HEAP_GROWTH_BYTES,
  );
  add(
    'memory',
    'listeners on the fake SDK, before → after the lifecycles',
    `${memory.listenersBefore} → ${memory.listenersAfter}`,
    'unchanged',
    memory.listenersAfter === memory.listenersBefore,
  );
  add(
    'memory',
    'listeners left on ended calls',
    memory.listenersLeftOnEndedCalls,
    '0',
    memory.listenersLeftOnEndedCalls === 0,
  );
  add(
    'memory',
    'listeners after endpoint.dispose()',
    memory.listenersAfterDispose,
    '0',
    memory.listenersAfterDispose === 0,
  );

  for (const row of results.bundles.filter((entry) => !entry.comparison || entry.name === STATEFUL_CLIENT)) {
    if (row.error) add('bundle', `${row.name} bundles`, `failed: ${row.error}`, 'bundles', false);
  }
  const ours = results.bundles.find((row) => row.name === CORE_AND_REACT);
  const theirs = results.bundles.find((row) => row.name === STATEFUL_CLIENT);
  for (const compression of ['brotliBytes', 'gzipBytes'] as const) {
    const share =
      ours?.[compression] !== undefined && theirs?.[compression]
        ? ours[compression] / theirs[compression]
        : NaN;
    add(
      'bundle',
      `${CORE_AND_REACT} / createStatefulCallClient (${compression === 'brotliBytes' ? 'brotli' : 'gzip'})`,
      Number.isNaN(share)
        ? 'not measured'
        : `${kB(ours![compression]!)} / ${kB(theirs![compression]!)} = ${percent(share)}`,
      `≤ ${percent(MAX_SHARE_OF_STATEFUL_CLIENT)}`,
      share <= MAX_SHARE_OF_STATEFUL_CLIENT,
    );
  }
  featureBudgets(results.featureCosts, add);
  return budgets;
}

/** Each unit's added bytes, and the tree shaking: the PSTN-only import holds none of the units' code. */
function featureBudgets(
  costs: FeatureCostResult,
  add: (section: string, name: string, measured: string | number, limit: string, ok: boolean) => void,
): void {
  const section = 'features';
  if (costs.base.error) {
    add(section, 'PSTN-only import bundles', `failed: ${costs.base.error}`, 'bundles', false);
    return;
  }
  for (const feature of costs.features) {
    const limit = MAX_FEATURE_ADDED_GZIP_BYTES[feature.unit];
    const name = `${feature.unit}: added to the PSTN-only import (gzip)`;
    if (feature.missing) add(section, name, 'not exported by the built core', `≤ ${kB(limit)}`, false);
    else if (!feature.added) add(section, name, `failed: ${feature.error}`, `≤ ${kB(limit)}`, false);
    else
      add(
        section,
        name,
        `${kB(feature.added.gzipBytes)} (brotli ${kB(feature.added.brotliBytes)})`,
        `≤ ${kB(limit)}`,
        feature.added.gzipBytes <= limit,
      );
  }
  const found = costs.base.featureCodeFound;
  add(
    section,
    'the PSTN-only import holds no feature code (tree-shaken)',
    found.length === 0 ? 'none' : found.join(', '),
    'none',
    found.length === 0,
  );
  // Without this, a reworded message would make the check above pass by itself.
  const stale = costs.features.filter((feature) => feature.sizes && !feature.markerInOwnBundle);
  add(
    section,
    "each unit's marker is in its own bundle (the check above can see it)",
    stale.length === 0
      ? `${TEAMS_FEATURES.length} of ${TEAMS_FEATURES.length}`
      : `not found: ${stale.map((feature) => `${feature.unit} ("${feature.marker}")`).join(', ')}`,
    'all',
    stale.length === 0,
  );
}
