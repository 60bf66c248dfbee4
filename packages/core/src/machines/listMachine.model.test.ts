// Model-based test of the list machine, replayed against the endpoint's people list over the MSW-mocked
// tenant (a 1,500-person directory, so that there is a second page). Graph failures are armed just before
// the request that the path says fails, and so is a second page that points back to itself.
// Then a property test drives a list over random page sequences.

import { DEFAULT_GRAPH_BASE_URL } from '@teams-endpoint/graph';
import { createLargeDirectory, waitForSnapshot } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { TestModel } from 'xstate/graph';
import { createFabrikamEndpoint, server, useGraphServer } from '../endpoint/fabrikamEndpoint.test-support';
import { createListUnit, type ListSnapshot, type ListStatus } from '../endpoint/listUnit';
import { listMachine } from './listMachine';
import { matchesStateKey, statesReached } from './modelPaths.test-support';

useGraphServer();

const EXPECTED: Record<string, ListStatus> = {
  idle: 'idle',
  loading: 'loading',
  loaded: 'loaded',
  loadingMore: 'loading_more',
  loadMoreFailed: 'failed',
  failed: 'failed',
};

const events = [
  { type: 'LOAD' },
  { type: 'LOAD_MORE' },
  { type: 'RETRY' },
  // The first page of the directory always has a next page; the second never does, unless the path says
  // that it points back to the token of the first page.
  { type: 'xstate.done.actor.loadFirstPage', output: { items: [], nextPageToken: 'next' } },
  { type: 'xstate.error.actor.loadFirstPage', error: new Error('simulated') },
  { type: 'xstate.done.actor.loadNextPage', output: { items: [] } },
  { type: 'xstate.done.actor.loadNextPage', output: { items: [], nextPageToken: 'next' } },
  { type: 'xstate.error.actor.loadNextPage', error: new Error('simulated') },
];

interface ModelEvent {
  readonly type: string;
  readonly output?: { readonly nextPageToken?: string };
}
const pointsBack = (event: ModelEvent) =>
  event.type === 'xstate.done.actor.loadNextPage' && event.output?.nextPageToken !== undefined;
const label = (event: ModelEvent) => (pointsBack(event) ? `${event.type} (pointing back)` : event.type);

const model = new TestModel(listMachine, {
  stateMatcher: matchesStateKey,
  input: { load: async () => ({ items: [] }), query: '' },
  events: events as never,
  serializeState: (state) => {
    const { value, context } = state as unknown as { value: unknown; context: { nextPageToken?: string } };
    return JSON.stringify([value, context.nextPageToken !== undefined]);
  },
});
const paths = model.getShortestPaths();
const pathName = (path: (typeof paths)[number]) =>
  `reaches ${JSON.stringify((path.state as unknown as { value: unknown }).value)}: ${path.steps
    .map((step) => label(step.event as ModelEvent))
    .join(' → ')}`;

/** A user the first page of the directory never has. */
const NEWCOMER = { id: '00000000-0000-4000-8000-ffffffffffff', displayName: 'Nora Newcomer' };

describe('listMachine (model-based)', () => {
  it('reaches every state', () => {
    expect(statesReached(paths, Object.keys(EXPECTED))).toEqual(Object.keys(EXPECTED).sort());
  });

  it('leads a page that points back to a state of its own', () => {
    expect(paths.some((path) => path.steps.some((step) => pointsBack(step.event as ModelEvent)))).toBe(true);
  });

  it.each(paths.map((path) => [pathName(path), path] as const))('%s', async (_name, path) => {
    const directory = createLargeDirectory(1_500);
    const { world, endpoint } = await createFabrikamEndpoint({
      graph: { people: directory },
      graphPort: { maxRetries: 0 },
    });
    const people = endpoint.people;
    const steps = path.steps.map((step) => step.event as ModelEvent);
    /** Arms what the event after `index` says the request does. */
    const armFor = (index: number) => {
      const next = steps[index + 1];
      if (next?.type === 'xstate.error.actor.loadFirstPage')
        world.graph.faults.failNext({ status: 500, pathIncludes: '/users' });
      if (next?.type === 'xstate.error.actor.loadNextPage')
        world.graph.faults.failNext({ status: 500, pathIncludes: '$skiptoken' });
      if (next && pointsBack(next)) {
        // The second page repeats someone from the first and points back to itself.
        server.use(
          http.get(
            `${DEFAULT_GRAPH_BASE_URL}/users`,
            ({ request }) =>
              HttpResponse.json({ value: [directory[0], NEWCOMER], '@odata.nextLink': request.url }),
            { once: true },
          ),
        );
      }
    };
    const request = (index: number, act: () => void) => {
      armFor(index);
      act();
    };
    const indexOf = (step: unknown) => path.steps.indexOf(step as (typeof path.steps)[number]);
    const settledTo = (...statuses: ListStatus[]) =>
      waitForSnapshot(people, (s) => statuses.includes(s.status));

    await path.test({
      states: Object.fromEntries(
        Object.entries(EXPECTED).map(([key, expected]) => [
          key,
          () => expect(people.getSnapshot().status, `in state ${key}`).toBe(expected),
        ]),
      ),
      events: {
        LOAD: (step: unknown) => request(indexOf(step), () => people.load('')),
        LOAD_MORE: (step: unknown) => request(indexOf(step), () => people.loadMore()),
        RETRY: (step: unknown) => request(indexOf(step), () => people.retry()),
        'xstate.done.actor.loadFirstPage': async () => {
          const loaded = await settledTo('loaded');
          expect(loaded).toMatchObject({ hasMore: true });
          expect(loaded.items).toHaveLength(999);
        },
        'xstate.error.actor.loadFirstPage': async () => {
          expect((await settledTo('failed')).error?.code).toBe('service_error');
        },
        'xstate.done.actor.loadNextPage': async (step: { event: ModelEvent }) => {
          if (pointsBack(step.event)) {
            const stopped = await settledTo('failed');
            expect(stopped).toMatchObject({ hasMore: false, error: { code: 'malformed_response' } });
            expect(stopped.items).toHaveLength(1_000);
            expect(stopped.items.at(-1)?.id).toBe(NEWCOMER.id);
            const requests = world.graph.requests.length;
            people.retry();
            people.loadMore();
            expect(people.getSnapshot()).toBe(stopped);
            expect(world.graph.requests).toHaveLength(requests);
            return;
          }
          const loaded = await settledTo('loaded');
          expect(loaded).toMatchObject({ hasMore: false });
          expect(loaded.items).toHaveLength(1_500);
        },
        'xstate.error.actor.loadNextPage': async () => {
          const failed = await settledTo('failed');
          expect(failed.items).toHaveLength(999);
        },
      } as never,
    });
    await endpoint.dispose();
  });
});

// The property test: random sites (pages with repeated ids, tokens that repeat and cycle), and random
// interleavings of the list's commands with the answers to its requests, in any order. The test keeps its
// own account of what the list received and checks the list's snapshot against it after every command.

const TOKENS = ['t0', 't1', 't2', 't3'] as const;
type Token = (typeof TOKENS)[number];

interface PageSpec {
  readonly ids: readonly string[];
  readonly next: Token | undefined;
}
type Site = Readonly<Record<'first' | Token, PageSpec>>;

interface SiteItem {
  readonly id: string;
  /** The page it came from, to tell which occurrence was kept. */
  readonly page: string;
}

type Command =
  | { readonly type: 'LOAD' }
  | { readonly type: 'LOAD_MORE' }
  | { readonly type: 'RETRY' }
  | { readonly type: 'RESET' }
  /** Answers one of the requests made so far and not answered yet (`pick` modulo their number). */
  | { readonly type: 'ANSWER'; readonly fail: boolean; readonly pick: number };

const pageSpec: fc.Arbitrary<PageSpec> = fc.record({
  ids: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 4 }),
  next: fc.option(fc.constantFrom(...TOKENS), { nil: undefined }),
});
const site: fc.Arbitrary<Site> = fc.record({
  first: pageSpec,
  t0: pageSpec,
  t1: pageSpec,
  t2: pageSpec,
  t3: pageSpec,
});
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.constantFrom<Command>({ type: 'LOAD' }, { type: 'RESET' }), weight: 1 },
  { arbitrary: fc.constant<Command>({ type: 'LOAD_MORE' }), weight: 6 },
  { arbitrary: fc.constant<Command>({ type: 'RETRY' }), weight: 2 },
  {
    arbitrary: fc
      .record({
        fail: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.constant(true)),
        pick: fc.nat(),
      })
      .map<Command>(({ fail, pick }) => ({ type: 'ANSWER', fail, pick })),
    weight: 8,
  },
);
/** Each run starts with a load, so that most runs get to paging. */
const commands = fc
  .array(command, { minLength: 4, maxLength: 40, size: 'max' })
  .map((rest): Command[] => [{ type: 'LOAD' }, ...rest]);

interface PendingRequest {
  /** The query's paging it belongs to: each LOAD and RESET starts a new one. */
  readonly paging: number;
  readonly token: Token | undefined;
  readonly signal: AbortSignal;
  readonly resolve: (page: { items: SiteItem[]; nextPageToken?: string }) => void;
  readonly reject: (error: Error) => void;
}

/** One query's paging, as the test saw it. */
interface Paging {
  /** What the list must show. */
  items: readonly SiteItem[];
  /** The `nextPageToken`s its pages gave. */
  receivedTokens: Token[];
  /** The tokens whose page the list received. */
  loadedTokens: Token[];
  /** Set when a page repeated a token: the list must not ask for anything more. */
  stopped: boolean;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The test's own account of de-duplication: the first occurrence of an id wins. */
function appendUnique(items: readonly SiteItem[], added: readonly SiteItem[]): readonly SiteItem[] {
  const kept = [...items];
  for (const item of added) if (!kept.some(({ id }) => id === item.id)) kept.push(item);
  return kept;
}

/** Runs the commands against a list over `pages`, checking it after each one; resolves with its last snapshot. */
async function runCommands(
  pages: Site,
  commands: readonly Command[],
): Promise<ListSnapshot<SiteItem, string>> {
  const pending: PendingRequest[] = [];
  const violations: string[] = [];
  const pagings: Paging[] = [{ items: [], receivedTokens: [], loadedTokens: [], stopped: false }];
  const current = () => pagings.at(-1)!;
  const unit = createListUnit<SiteItem, string>(
    (_query, pageToken, signal) =>
      new Promise((resolve, reject) => {
        const token = pageToken as Token | undefined;
        if (current().stopped) violations.push(`asked for ${token ?? 'the first page'} after stopping`);
        pending.push({ paging: pagings.length - 1, token, signal, resolve, reject });
      }),
    'q',
  );
  const snapshot = (): ListSnapshot<SiteItem, string> => unit.list.getSnapshot();

  const startPaging = (items: readonly SiteItem[]) =>
    pagings.push({ items, receivedTokens: [], loadedTokens: [], stopped: false });

  /** Answers a request, and checks what the list made of the answer if it still wanted it. */
  const answer = async (request: PendingRequest, fail: boolean) => {
    const wanted = !request.signal.aborted && request.paging === pagings.length - 1;
    const spec = pages[request.token ?? 'first'];
    const items = spec.ids.map((id) => ({ id, page: request.token ?? 'first' }));
    if (fail) request.reject(new Error('simulated'));
    else request.resolve(spec.next === undefined ? { items } : { items, nextPageToken: spec.next });
    await settle();
    if (!wanted) return;
    if (fail) {
      expect(snapshot().status).toBe('failed');
      return;
    }
    const paging = current();
    const repeats = spec.next !== undefined && paging.receivedTokens.includes(spec.next);
    if (request.token === undefined) {
      Object.assign(paging, { items: appendUnique([], items), receivedTokens: [], loadedTokens: [] });
    } else {
      if (paging.loadedTokens.includes(request.token)) violations.push(`loaded ${request.token} twice`);
      paging.loadedTokens.push(request.token);
      paging.items = appendUnique(paging.items, items);
    }
    if (spec.next !== undefined) paging.receivedTokens.push(spec.next);
    paging.stopped = repeats;
    expect(snapshot()).toMatchObject(
      repeats
        ? { status: 'failed', hasMore: false, error: { code: 'malformed_response' } }
        : { status: 'loaded', hasMore: spec.next !== undefined, error: null },
    );
  };

  try {
    for (const next of commands) {
      switch (next.type) {
        case 'LOAD':
          // Until the new first page arrives, the list still shows the items it had.
          startPaging(current().items);
          unit.list.load();
          break;
        case 'RESET':
          startPaging([]);
          unit.reset();
          break;
        case 'LOAD_MORE':
          unit.list.loadMore();
          break;
        case 'RETRY':
          unit.list.retry();
          break;
        case 'ANSWER': {
          const [request] = pending.splice(next.pick % Math.max(1, pending.length), 1);
          if (request) await answer(request, next.fail);
          break;
        }
      }
      await settle();
      const { items } = snapshot();
      expect(new Set(items.map((item) => item.id)).size, 'no id twice').toBe(items.length);
      expect(items).toEqual(current().items);
      expect(current().loadedTokens.length).toBeLessThanOrEqual(new Set(current().receivedTokens).size);
      expect(violations).toEqual([]);
    }
    return snapshot();
  } finally {
    unit.stop();
  }
}

describe('listMachine (properties over random page sequences)', () => {
  it('never lists an id twice, never follows a token twice, and stops at a repeated token', async () => {
    await fc.assert(
      fc.asyncProperty(site, commands, async (pages, run) => {
        await runCommands(pages, run);
      }),
      { numRuns: 300 },
    );
    // 300 runs take about 2 s alone; on a loaded 2-core machine, more than the default 5 s.
  }, 30_000);

  it('stops at a cycle A → B → A, keeping what it loaded, and RETRY and LOAD_MORE ask for nothing more', async () => {
    const cycle: Site = {
      first: { ids: ['a'], next: 't0' },
      t0: { ids: ['b', 'a'], next: 't1' },
      t1: { ids: ['c', 'b'], next: 't0' },
      t2: { ids: [], next: undefined },
      t3: { ids: [], next: undefined },
    };
    const answer = { type: 'ANSWER', fail: false, pick: 0 } as const;
    const last = await runCommands(cycle, [
      { type: 'LOAD' },
      answer,
      { type: 'LOAD_MORE' },
      answer,
      { type: 'LOAD_MORE' },
      answer,
      { type: 'RETRY' },
      { type: 'LOAD_MORE' },
      answer,
    ]);
    expect(last).toMatchObject({ status: 'failed', hasMore: false, error: { code: 'malformed_response' } });
    expect(last.items).toEqual([
      { id: 'a', page: 'first' },
      { id: 'b', page: 't0' },
      { id: 'c', page: 't1' },
    ]);
  });
});
