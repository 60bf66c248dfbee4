import { type BundleRow, measureBundles } from './bundleSize';
import { type EventCostResult, measureEventCost } from './eventCost';
import { type GraphRoundTripResult, measureGraphRoundTrips } from './graphRoundTrips';
import { type MemoryResult, measureMemory } from './memory';
import { measureRenderCounts, type RenderCountRow } from './renderCounts';
import { bundleTable, eventCostTable, graphTable, memoryTable, renderCountTable } from './reportTables';
import { stopGraphServer } from './simulatedTenant';
import { formatTable, type Table } from './table';

export interface BenchResults {
  readonly eventCost: EventCostResult;
  readonly renderCounts: readonly RenderCountRow[];
  readonly graphRoundTrips: GraphRoundTripResult;
  readonly memory: MemoryResult;
  readonly bundles: readonly BundleRow[];
}

/**
 * `bench` measures everything; `check` skips what no budget needs (the CallComposite bundle, the slowest
 * entry). The event-cost runs are the same in both: the ratio needs them.
 */
export type Profile = 'bench' | 'check';

export const EVENT_COST_RUNS = { warmUpRuns: 20, runs: 101 };

/**
 * Runs the five sections and prints their tables in order. The event cost runs first, alone, because it is
 * timed; the memory section runs before anything else fills the heap (jsdom, bundler results); the bundles
 * are built in esbuild's own process while the render and Graph sections run.
 */
export async function runSuite(
  profile: Profile,
  print: (text: string) => void = console.log,
): Promise<BenchResults> {
  const show = (table: Table) => print(formatTable(table));
  try {
    const eventCost = await measureEventCost(EVENT_COST_RUNS);
    show(eventCostTable(eventCost, EVENT_COST_RUNS));
    const memory = await measureMemory();
    const bundling = measureBundles({ composite: profile === 'bench' });
    const renderCounts = await measureRenderCounts();
    show(renderCountTable(renderCounts));
    const graphRoundTrips = await measureGraphRoundTrips();
    show(graphTable(graphRoundTrips));
    show(memoryTable(memory));
    const bundles = await bundling;
    show(bundleTable(bundles));
    return { eventCost, renderCounts, graphRoundTrips, memory, bundles };
  } finally {
    stopGraphServer();
  }
}
