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
 */
export const ISSUE_TARGET_SHARE_OF_STATEFUL_CLIENT = 0.5;
export const MAX_SHARE_OF_STATEFUL_CLIENT = 1.55;

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
