import { waitForSnapshot } from '@teams-endpoint/testing';
import { createSimulatedTenant, type SimulatedTenant } from './simulatedTenant';
import { collectGarbage } from './stats';

export const LIFECYCLES = 10_000;
const WARM_UP_LIFECYCLES = 2_000;
const BATCH = 1_000;

export interface MemoryResult {
  readonly lifecycles: number;
  /** Heap used after a full collection, after the lifecycles minus before them. */
  readonly heapGrowthBytes: number;
  /** Listeners the endpoint holds on the fake SDK: before the lifecycles, after them, after `dispose()`. */
  readonly listenersBefore: number;
  readonly listenersAfter: number;
  readonly listenersAfterDispose: number;
  /** Listeners left on the calls of the lifecycles once they ended (checked batch by batch). */
  readonly listenersLeftOnEndedCalls: number;
  /** Calls the endpoint still lists (it keeps the last 10 ended ones by design). */
  readonly callsKept: number;
}

/** Start, ring, connect, mute, hang up: one outbound PSTN call, the remote side driven by the fake. */
async function lifecycle({ endpoint, world }: SimulatedTenant) {
  const handedOut = world.calling.remoteCalls.length;
  const call = endpoint.callPhoneNumber('+14255550123');
  while (world.calling.remoteCalls.length === handedOut) await Promise.resolve();
  const remote = world.calling.lastCall();
  remote.ring();
  remote.answer();
  await waitForSnapshot(call, (snapshot) => snapshot.status === 'connected');
  call.mute();
  await waitForSnapshot(call, (snapshot) => snapshot.isMuted);
  call.hangUp();
  const ended = await call.whenEnded();
  if (ended.outcome !== 'completed') throw new Error(`A lifecycle ended as ${ended.outcome}.`);
}

async function heapUsedAfterCollection(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * The fake SDK keeps every call it handed out, for tests to inspect. That record is the test kit's, not the
 * endpoint's: once a batch's calls have been checked for leftover listeners, it is emptied so that the heap
 * growth measured is the endpoint's own.
 */
function forgetEndedCalls({ world }: SimulatedTenant): number {
  return world.calling.forgetEndedCalls();
}

/** Section 4. 10,000 call lifecycles through the endpoint with the fake calling port, then a full GC. */
export async function measureMemory(): Promise<MemoryResult> {
  if (!globalThis.gc)
    throw new Error('The memory benchmark needs node --expose-gc (the bench scripts pass it).');
  const tenant = await createSimulatedTenant();
  for (let i = 0; i < WARM_UP_LIFECYCLES; i += 1) await lifecycle(tenant);
  forgetEndedCalls(tenant);
  const listenersBefore = tenant.world.calling.listenerCount();
  const before = await heapUsedAfterCollection();
  let listenersLeftOnEndedCalls = 0;
  for (let done = 0; done < LIFECYCLES; done += BATCH) {
    for (let i = 0; i < BATCH; i += 1) await lifecycle(tenant);
    listenersLeftOnEndedCalls += forgetEndedCalls(tenant);
  }
  const after = await heapUsedAfterCollection();
  const listenersAfter = tenant.world.calling.listenerCount();
  const callsKept = tenant.endpoint.getSnapshot().calls.length;
  await tenant.endpoint.dispose();
  return {
    lifecycles: LIFECYCLES,
    heapGrowthBytes: after - before,
    listenersBefore,
    listenersAfter,
    listenersAfterDispose: tenant.world.calling.listenerCount(),
    listenersLeftOnEndedCalls,
    callsKept,
  };
}
