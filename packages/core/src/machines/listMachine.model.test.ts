// Model-based test of the list machine, replayed against the endpoint's people list over the MSW-mocked
// tenant (a 1,500-person directory, so that there is a second page). Graph failures are armed just before
// the request that the path says fails.
import { createLargeDirectory, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { TestModel } from 'xstate/graph';
import { createFabrikamEndpoint, useGraphServer } from '../endpoint/fabrikamEndpoint.test-support';
import type { ListStatus } from '../endpoint/listUnit';
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
  // The first page of the directory always has a next page; the second never does.
  { type: 'xstate.done.actor.loadFirstPage', output: { items: [], nextPageToken: 'next' } },
  { type: 'xstate.error.actor.loadFirstPage', error: new Error('simulated') },
  { type: 'xstate.done.actor.loadNextPage', output: { items: [] } },
  { type: 'xstate.error.actor.loadNextPage', error: new Error('simulated') },
];

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

describe('listMachine (model-based)', () => {
  it('reaches every state', () => {
    expect(statesReached(paths, Object.keys(EXPECTED))).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(paths.map((path) => [path.description.replace(/\(\{.*?\}\)/g, ''), path] as const))(
    '%s',
    async (_name, path) => {
      const { world, endpoint } = await createFabrikamEndpoint({
        graph: { people: createLargeDirectory(1_500) },
        graphPort: { maxRetries: 0 },
      });
      const people = endpoint.people;
      const types: string[] = path.steps.map((step) => step.event.type);
      /** Arms a Graph failure when the event after `index` says the request fails. */
      const armFor = (index: number) => {
        const next = types[index + 1];
        if (next === 'xstate.error.actor.loadFirstPage')
          world.graph.faults.failNext({ status: 500, pathIncludes: '/users' });
        if (next === 'xstate.error.actor.loadNextPage')
          world.graph.faults.failNext({ status: 500, pathIncludes: '$skiptoken' });
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
          'xstate.done.actor.loadNextPage': async () => {
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
    },
  );
});
