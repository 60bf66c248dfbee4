import type { CallSnapshot, EndpointSnapshot, ListSnapshot } from '@teams-endpoint/core';
import { createLargeDirectory, type RecordedGraphRequest, waitForSnapshot } from '@teams-endpoint/testing';
import { createSimulatedTenant, type SimulatedTenant } from './simulatedTenant';

export const DIRECTORY_SIZE = 10_000;

/** One scenario's Graph traffic against its target. */
export interface RoundTripRow {
  readonly scenario: string;
  readonly requests: number;
  readonly target: number;
  /** What the requests were, and what the target assumes. */
  readonly detail: string;
}

export interface GraphRoundTripResult {
  readonly rows: readonly RoundTripRow[];
  /** Every request of the people listing had `$top=999` and a `$select`. */
  readonly peopleQueryOk: boolean;
  /** Ids that were sent to Graph more than once while resolving callers (cache and de-duplication). */
  readonly repeatLookups: number;
  /** Lookups of the same id that were in flight together: sent once if de-duplicated. */
  readonly concurrentDuplicateLookups: number;
  /** `$batch` requests sent, and the person lookups inside them. */
  readonly batches: number;
  readonly batchedLookups: number;
}

const USER_PATH = /^\/users\/([^/?]+)$/;

/** The person ids a request looks up: one for `GET /users/{id}`, one per sub-request of a `$batch`. */
function lookedUpIds(request: RecordedGraphRequest): string[] {
  const single = request.method === 'GET' ? USER_PATH.exec(request.path) : null;
  if (single) return [decodeURIComponent(single[1]!).toLowerCase()];
  if (request.method !== 'POST' || request.path !== '/$batch') return [];
  const subRequests = (request.body as { requests?: { url?: string }[] } | undefined)?.requests ?? [];
  return subRequests.flatMap(({ url }) => {
    const match = USER_PATH.exec(`/${(url ?? '').replace(/^\/+/, '').split('?')[0]}`);
    return match ? [decodeURIComponent(match[1]!).toLowerCase()] : [];
  });
}

/** Counts the requests `action` makes. */
async function countRequests(tenant: SimulatedTenant, action: () => Promise<void>) {
  const { requests } = tenant.world.graph;
  const first = requests.length;
  await action();
  return requests.slice(first);
}

const describeRequests = (requests: readonly RecordedGraphRequest[]): string => {
  const counts = new Map<string, number>();
  for (const { method, path } of requests) {
    const key = `${method} ${USER_PATH.test(path) ? '/users/{id}' : path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size === 0 ? 'none' : [...counts].map(([key, count]) => `${count} × ${key}`).join(', ');
};

async function listEveryone(tenant: SimulatedTenant) {
  const { people } = tenant.endpoint;
  const loaded = (snapshot: ListSnapshot<unknown, string>) => snapshot.status === 'loaded';
  people.load('');
  await waitForSnapshot(people, loaded, 10_000);
  while (people.getSnapshot().hasMore) {
    people.loadMore();
    await waitForSnapshot(people, loaded, 10_000);
  }
  return people.getSnapshot().items.length;
}

/**
 * Teams callers ring this endpoint together; resolves once every one of them has a name (or failed), then
 * the callers hang up.
 */
async function ring(tenant: SimulatedTenant, userIds: readonly string[]) {
  const { endpoint, world } = tenant;
  const known = new Set(endpoint.getSnapshot().calls.map((call) => call.id));
  const incoming = userIds.map((userId) => world.calling.simulateIncomingCall({ kind: 'teamsUser', userId }));
  const ringing = endpoint
    .getSnapshot()
    .calls.filter((call) => !known.has(call.id))
    .map((call) => call.id);
  const mine = (snapshot: EndpointSnapshot) => snapshot.calls.filter((call) => ringing.includes(call.id));
  const named = await waitForSnapshot(endpoint, (snapshot) =>
    mine(snapshot).every((call) => call.callerResolution !== 'pending'),
  );
  const unnamed = mine(named).filter((call: CallSnapshot) => call.callerResolution !== 'resolved');
  if (unnamed.length > 0) throw new Error(`${unnamed.length} callers were not resolved.`);
  for (const call of incoming) call.callerHangsUp();
  await waitForSnapshot(endpoint, (snapshot) => mine(snapshot).every((call) => call.status === 'ended'));
}

/**
 * Section 3. The endpoint over the simulated tenant with a directory of 10,000 people; every request the
 * MSW Graph sees is recorded and counted.
 */
export async function measureGraphRoundTrips(): Promise<GraphRoundTripResult> {
  const directory = createLargeDirectory(DIRECTORY_SIZE);
  const tenant = await createSimulatedTenant({ graph: { people: directory } });
  const rows: RoundTripRow[] = [];

  // Listing the directory: pages of 999 (Graph's maximum) with only the fields the SDK maps.
  let listed = 0;
  const listing = await countRequests(tenant, async () => {
    listed = await listEveryone(tenant);
  });
  const peopleQueryOk = listing.every((request) => request.search.$top === '999' && !!request.search.$select);
  rows.push({
    scenario: `list ${DIRECTORY_SIZE.toLocaleString('en-US')} people`,
    requests: listing.length,
    target: Math.ceil(DIRECTORY_SIZE / 999),
    detail: `${listed.toLocaleString('en-US')} people; $top=${[...new Set(listing.map((r) => r.search.$top))].join('/')}; $select=${listing[0]?.search.$select ?? 'none'}`,
  });

  // Caller names: 100 inbound Teams calls from 58 people. 50 ring one after another; 10 ring at the same
  // moment (8 people, 2 of them on two calls); then 38 calls from people who called before.
  const callers = directory.slice(100, 158).map((person) => person.id);
  const [oneByOne, together] = [callers.slice(0, 50), callers.slice(50, 58)];
  const simultaneous = [...together, together[0]!, together[1]!];
  const repeats = Array.from({ length: 38 }, (_, i) => callers[(i * 7) % callers.length]!);
  const sequential = await countRequests(tenant, async () => {
    for (const id of oneByOne) await ring(tenant, [id]);
  });
  const atOnce = await countRequests(tenant, () => ring(tenant, simultaneous));
  const again = await countRequests(tenant, async () => {
    for (const id of repeats) await ring(tenant, [id]);
  });
  rows.push(
    {
      scenario: '50 new callers, one at a time',
      requests: sequential.length,
      target: 50,
      detail: `${describeRequests(sequential)}; one lookup per new caller`,
    },
    {
      scenario: '10 calls at the same moment (8 new callers)',
      requests: atOnce.length,
      target: 1,
      detail: `${describeRequests(atOnce)}; target: one $batch (≤ 20 per request), the 2 second calls de-duplicated`,
    },
    {
      scenario: '38 calls from earlier callers',
      requests: again.length,
      target: 0,
      detail: `${describeRequests(again)}; target: all from the cache`,
    },
    {
      scenario: '100 caller names in all (58 people)',
      requests: sequential.length + atOnce.length + again.length,
      target: 51,
      detail: '50 single lookups + 1 $batch',
    },
  );
  const lookups = [...sequential, ...atOnce, ...again].flatMap(lookedUpIds);
  const perId = new Map<string, number>();
  for (const id of lookups) perId.set(id, (perId.get(id) ?? 0) + 1);
  const atOnceIds = atOnce.flatMap(lookedUpIds);
  const batches = [...sequential, ...atOnce, ...again].filter((request) => request.path === '/$batch');

  // A month of meetings: pages of 100 events, so a month is one request.
  const now = new Date();
  const month = {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
  let meetingCount = 0;
  const meetings = await countRequests(tenant, async () => {
    tenant.endpoint.meetings.load(month);
    const loaded = await waitForSnapshot(tenant.endpoint.meetings, (s) => s.status === 'loaded', 10_000);
    meetingCount = loaded.items.length;
  });
  rows.push({
    scenario: 'a month of meetings',
    requests: meetings.length,
    target: 1,
    detail: `${meetingCount} Teams meetings; ${describeRequests(meetings)}`,
  });

  // Calling a colleague twice: the 1:1 chat is created once, then comes from the port's cache.
  const colleague = directory[42]!.id;
  const callColleague = () =>
    countRequests(tenant, async () => {
      const call = tenant.endpoint.callTeamsUser(colleague);
      await waitForSnapshot(
        call,
        (snapshot) => snapshot.status === 'connecting' || snapshot.status === 'failed',
      );
      call.hangUp();
      await call.whenEnded();
    });
  const firstCall = await callColleague();
  const secondCall = await callColleague();
  rows.push(
    {
      scenario: 'call a colleague (first time)',
      requests: firstCall.length,
      target: 1,
      detail: describeRequests(firstCall),
    },
    {
      scenario: 'call the same colleague again',
      requests: secondCall.length,
      target: 0,
      detail: `${describeRequests(secondCall)}; target: chat id cached (1:1 chats are idempotent)`,
    },
  );

  await tenant.endpoint.dispose();
  return {
    rows,
    peopleQueryOk,
    repeatLookups: [...perId.values()].filter((count) => count > 1).length,
    concurrentDuplicateLookups: atOnceIds.length - new Set(atOnceIds).size,
    batches: batches.length,
    batchedLookups: batches.flatMap(lookedUpIds).length,
  };
}
