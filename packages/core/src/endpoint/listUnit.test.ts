import { waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, useGraphServer } from './fabrikamEndpoint.test-support';
import { createListUnit } from './listUnit';

useGraphServer();

describe('ListUnit.ensureLoaded', () => {
  it('loads once for equal queries, normalized, and again for a different one', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const searches = () => world.graph.requests.filter((request) => request.path === '/users').length;
    endpoint.people.ensureLoaded('meg');
    endpoint.people.ensureLoaded(' meg ');
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
    endpoint.people.ensureLoaded('meg');
    expect(searches()).toBe(1);
    endpoint.people.ensureLoaded('adele');
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded' && s.query === 'adele');
    expect(searches()).toBe(2);
  });

  it('compares meeting ranges by time, and loads the current query only once without one', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const views = () =>
      world.graph.requests.filter((request) => request.path === '/me/calendar/calendarView').length;
    endpoint.meetings.ensureLoaded();
    endpoint.meetings.ensureLoaded();
    const { query } = await waitForSnapshot(endpoint.meetings, (s) => s.status === 'loaded');
    endpoint.meetings.ensureLoaded({ start: new Date(query.start), end: new Date(query.end) });
    expect(views()).toBe(1);
    expect(() => endpoint.meetings.ensureLoaded({ start: query.end, end: query.start })).toThrowError(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('tries a failed list again', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ graphPort: { maxRetries: 0 } });
    world.graph.faults.failNext({ status: 500, pathIncludes: '/users' });
    endpoint.people.ensureLoaded('');
    await waitForSnapshot(endpoint.people, (s) => s.status === 'failed');
    endpoint.people.ensureLoaded('');
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
  });

  it("sign-out empties every list, so the next user never sees the last one's data", async () => {
    const { endpoint } = await createFabrikamEndpoint();
    endpoint.people.load('');
    endpoint.meetings.load();
    await waitForSnapshot(endpoint.meetings, (s) => s.status === 'loaded');
    await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
    await endpoint.signOut();
    for (const list of [endpoint.people, endpoint.meetings, endpoint.customers]) {
      expect(list.getSnapshot()).toMatchObject({ status: 'idle', items: [] });
    }
  });
});

describe('ListUnit items', () => {
  it("keeps the items' identity when a page brings no new id", async () => {
    const pages: Record<string, { items: { id: string }[]; nextPageToken?: string }> = {
      first: { items: [{ id: 'a' }, { id: 'b' }], nextPageToken: 'second' },
      second: { items: [{ id: 'b' }, { id: 'a' }] },
    };
    const unit = createListUnit(async (_query, token) => pages[token ?? 'first']!, null);
    unit.list.load();
    const first = await waitForSnapshot(unit.list, (s) => s.status === 'loaded');
    unit.list.loadMore();
    const second = await waitForSnapshot(unit.list, (s) => s.status === 'loaded' && !s.hasMore);
    expect(second.items).toBe(first.items);
    unit.stop();
  });
});
