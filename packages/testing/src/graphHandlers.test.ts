import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLargeDirectory, fabrikam, startOfWeekUtc } from './fabrikam';
import { createGraphHandlers, type GraphHandlersOptions } from './graphHandlers';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const AUTH = { Authorization: 'Bearer test-token' };
const EVENTUAL = { ...AUTH, ConsistencyLevel: 'eventual' };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function useGraph(options?: GraphHandlersOptions) {
  const graph = createGraphHandlers(options);
  server.resetHandlers(...graph.handlers);
  return graph;
}

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(path.startsWith('https://') ? path : `${GRAPH}${path}`, {
    ...init,
    headers: { ...AUTH, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary Graph JSON
  const body: any = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, headers: response.headers, body };
}

const postJson = (path: string, body: unknown) =>
  call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

const member = (id: string) => ({
  '@odata.type': '#microsoft.graph.aadUserConversationMember',
  roles: ['owner'],
  'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
});

describe('authentication', () => {
  it('answers 401 InvalidAuthenticationToken without a bearer token, and never records the Authorization header', async () => {
    const graph = useGraph();
    const anonymous = await fetch(`${GRAPH}/me`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('InvalidAuthenticationToken');
    const empty = await fetch(`${GRAPH}/me`, { headers: { Authorization: 'Bearer ' } });
    expect(empty.status).toBe(401);

    const ok = await call('/me');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: fabrikam.me.id, displayName: 'Alice Anderson' });
    expect(graph.requests.map((r) => r.authenticated)).toEqual([false, false, true]);
    expect(JSON.stringify(graph.requests)).not.toContain('test-token');
    expect(graph.requests.every((r) => !('authorization' in r.headers))).toBe(true);
  });
});

describe('GET /users', () => {
  it('pages with an absolute @odata.nextLink carrying a $skiptoken (default page size 100)', async () => {
    useGraph({ people: createLargeDirectory(250) });
    const first = await call('/users');
    expect(first.body.value).toHaveLength(100);
    const nextLink: string = first.body['@odata.nextLink'];
    expect(nextLink.startsWith(`${GRAPH}/users?`)).toBe(true);
    expect(new URL(nextLink).searchParams.has('$skiptoken')).toBe(true);
    const second = await call(nextLink);
    const third = await call(second.body['@odata.nextLink']);
    expect(third.body.value).toHaveLength(50);
    expect(third.body['@odata.nextLink']).toBeUndefined();
    const ids = new Set([...first.body.value, ...second.body.value, ...third.body.value].map((u) => u.id));
    expect(ids.size).toBe(250);
  });

  it('lists Fabrikam in fixture order: Megan Bowen is value[1] as in use case 3', async () => {
    useGraph();
    const { body } = await call('/users');
    expect(body.value[1]).toMatchObject({
      id: 'e8b753b5-4117-464e-9a08-713e1ff266b3',
      displayName: 'Megan Bowen',
    });
    expect(body.value).toHaveLength(fabrikam.people.length);
  });

  it('honours $top (max 999) and $select, and refuses $skip like Graph', async () => {
    useGraph({ people: createLargeDirectory(1200) });
    const page = await call('/users?$top=999&$select=id,displayName');
    expect(page.body.value).toHaveLength(999);
    expect(Object.keys(page.body.value[0]).sort()).toEqual(['displayName', 'id']);
    expect(page.body['@odata.nextLink']).toContain('$select=id%2CdisplayName');

    expect((await call('/users?$top=1000')).status).toBe(400);
    expect((await call('/users?$top=0')).status).toBe(400);
    expect((await call('/users?$skip=10')).status).toBe(400);
    expect((await call('/users?$select=id,password')).status).toBe(400);
  });

  it('refuses $search without ConsistencyLevel: eventual, on the first page and on nextLink pages', async () => {
    const people = createLargeDirectory(300);
    useGraph({ people });
    const refused = await call('/users?$search="displayName:an"');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('Request_UnsupportedQuery');
    expect((await call('/users?$count=true')).status).toBe(400);

    const expected = people.filter((p) => p.displayName.toLowerCase().includes('an')).length;
    const first = await call(`/users?$search=${encodeURIComponent('"displayName:AN"')}&$count=true&$top=50`, {
      headers: EVENTUAL,
    });
    expect(first.status).toBe(200);
    expect(first.body['@odata.count']).toBe(expected);
    expect(first.body.value).toHaveLength(50);
    const nextLink: string = first.body['@odata.nextLink'];
    expect(new URL(nextLink).searchParams.get('$search')).toBe('"displayName:AN"');

    expect((await call(nextLink)).status).toBe(400);
    const second = await call(nextLink, { headers: EVENTUAL });
    expect(second.status).toBe(200);
    expect(
      second.body.value.every((u: { displayName: string }) => u.displayName.toLowerCase().includes('an')),
    ).toBe(true);
  });

  it('searches displayName and mail case-insensitively, with escaped quotes', async () => {
    useGraph();
    const meg = await call(`/users?$search=${encodeURIComponent('"displayName:meg"')}`, {
      headers: EVENTUAL,
    });
    expect(meg.body.value.map((u: { displayName: string }) => u.displayName)).toEqual(['Megan Bowen']);
    const mail = await call(`/users?$search=${encodeURIComponent('"mail:SEAN.OBRIEN"')}`, {
      headers: EVENTUAL,
    });
    expect(mail.body.value.map((u: { id: string }) => u.id)).toEqual([
      'eaa8bd6d-fe9d-4f02-9f01-4cdab8ba856c',
    ]);
    const quoted = await call(`/users?$search=${encodeURIComponent('"displayName:\\"Bobby\\""')}`, {
      headers: EVENTUAL,
    });
    expect(quoted.body.value.map((u: { displayName: string }) => u.displayName)).toEqual([
      'Robert "Bobby" Tables',
    ]);
    expect((await call('/users?$search=displayName:meg', { headers: EVENTUAL })).status).toBe(400);
  });
});

describe('GET /users/{id} and /me', () => {
  it('returns the person with $select, or 404 Request_ResourceNotFound', async () => {
    useGraph();
    const megan = await call('/users/e8b753b5-4117-464e-9a08-713e1ff266b3?$select=id,displayName');
    expect(megan.body).toMatchObject({
      id: 'e8b753b5-4117-464e-9a08-713e1ff266b3',
      displayName: 'Megan Bowen',
    });
    expect(megan.body.mail).toBeUndefined();
    const missing = await call('/users/00000000-0000-4000-8000-ffffffffffff');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
    const hostile = await call(`/users/${fabrikam.hostilePersonId}`);
    expect(hostile.body.displayName).toBe(fabrikam.hostileDisplayName);
  });
});

describe('POST /chats', () => {
  it('creates a oneOnOne chat once and returns the same chat for the same pair, in any order', async () => {
    const graph = useGraph();
    const created = await postJson('/chats', {
      chatType: 'oneOnOne',
      members: [member(fabrikam.me.id), member(fabrikam.meganId)],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: `19:${fabrikam.me.id}_${fabrikam.meganId}@unq.gbl.spaces`,
      chatType: 'oneOnOne',
    });
    const again = await postJson('/chats', {
      chatType: 'oneOnOne',
      members: [member(fabrikam.meganId), member(fabrikam.me.id)],
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(graph.chats.size).toBe(1);
    expect(graph.requests[0]?.body).toMatchObject({ chatType: 'oneOnOne' });
  });

  it('refuses bad bodies with 400', async () => {
    useGraph();
    const me = member(fabrikam.me.id);
    const megan = member(fabrikam.meganId);
    const bad = [
      { chatType: 'group', members: [me, megan] },
      { chatType: 'oneOnOne', members: [me] },
      { chatType: 'oneOnOne', members: [me, me] },
      {
        chatType: 'oneOnOne',
        members: [me, { ...megan, '@odata.type': '#microsoft.graph.conversationMember' }],
      },
      { chatType: 'oneOnOne', members: [me, { ...megan, roles: [] }] },
      {
        chatType: 'oneOnOne',
        members: [me, { ...megan, 'user@odata.bind': `https://evil.example/users('${fabrikam.meganId}')` }],
      },
      { chatType: 'oneOnOne', members: [member('d37bccae-a064-47e4-a85d-59b886e86a88'), megan] },
    ];
    for (const body of bad) expect((await postJson('/chats', body)).status).toBe(400);
    const notJson = await call('/chats', {
      method: 'POST',
      body: '{not json',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });
});

describe('POST /$batch', () => {
  const sub = (id: string, userId: string) => ({
    id,
    method: 'GET',
    url: `/users/${userId}?$select=id,displayName`,
  });

  it('answers up to 20 GET /users/{id} sub-requests like the single endpoint, and refuses 21', async () => {
    useGraph();
    const ids = fabrikam.people.slice(0, 19).map((p) => p.id);
    const requests = [
      ...ids.map((id, i) => sub(String(i + 1), id)),
      sub('20', '00000000-0000-4000-8000-ffffffffffff'),
    ];
    const ok = await postJson('/$batch', { requests });
    expect(ok.status).toBe(200);
    expect(ok.body.responses).toHaveLength(20);
    expect(ok.body.responses[1]).toMatchObject({
      id: '2',
      status: 200,
      body: { displayName: 'Megan Bowen' },
    });
    expect(ok.body.responses[19]).toMatchObject({ id: '20', status: 404 });

    const tooMany = await postJson('/$batch', { requests: [...requests, sub('21', fabrikam.me.id)] });
    expect(tooMany.status).toBe(400);
  });

  it('applies a status fault aimed at one sub-request inside the batch response', async () => {
    const graph = useGraph();
    graph.faults.failNext({ status: 429, retryAfterSeconds: 2, pathIncludes: `/users/${fabrikam.meganId}` });
    const { body } = await postJson('/$batch', {
      requests: [sub('a', fabrikam.me.id), sub('b', fabrikam.meganId)],
    });
    expect(body.responses[0].status).toBe(200);
    expect(body.responses[1]).toMatchObject({ status: 429, headers: { 'Retry-After': '2' } });
  });
});

describe('GET /me/calendar/calendarView', () => {
  const weekStart = startOfWeekUtc(new Date('2026-03-04T12:00:00Z'));
  const week = (from: Date, to: Date, extra = '') =>
    `/me/calendar/calendarView?startDateTime=${from.toISOString()}&endDateTime=${to.toISOString()}${extra}`;
  const weekEnd = new Date(weekStart.getTime() + 7 * 24 * 3600_000);

  it('requires startDateTime and endDateTime', async () => {
    useGraph({ weekStart });
    expect((await call('/me/calendar/calendarView')).status).toBe(400);
    expect((await call(`/me/calendar/calendarView?startDateTime=${weekStart.toISOString()}`)).status).toBe(
      400,
    );
    expect((await call(week(weekEnd, weekStart))).status).toBe(400);
  });

  it('returns only events overlapping the range, ordered with $orderby, in Graph date-time format', async () => {
    useGraph({ weekStart });
    const all = await call(week(weekStart, weekEnd, '&$top=50'));
    expect(all.body.value).toHaveLength(7);
    const monday = await call(
      week(new Date(weekStart.getTime() + 8 * 3600_000), new Date(weekStart.getTime() + 9.25 * 3600_000)),
    );
    expect(monday.body.value.map((e: { subject: string }) => e.subject)).toEqual(['Project Tailspin']);
    expect(monday.body.value[0].start).toEqual({ dateTime: '2026-03-02T09:00:00.0000000', timeZone: 'UTC' });

    const ordered = await call(
      week(weekStart, weekEnd, '&$orderby=start/dateTime&$top=50&$select=subject,start'),
    );
    const starts = ordered.body.value.map((e: { start: { dateTime: string } }) => e.start.dateTime);
    expect(starts).toEqual([...starts].sort());
    expect(Object.keys(ordered.body.value[0]).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
  });

  it('honours $top (1..1000) and pages with nextLink; the default calendar repeats every week', async () => {
    useGraph();
    const from = new Date('2026-01-05T00:00:00Z');
    const to = new Date('2026-01-19T00:00:00Z');
    const first = await call(week(from, to, '&$top=5&$orderby=start/dateTime'));
    expect(first.body.value).toHaveLength(5);
    const seen = [...first.body.value];
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await call(next);
      seen.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    expect(seen).toHaveLength(14);
    expect(new Set(seen.map((e) => e.id)).size).toBe(14);
    expect((await call(week(from, to, '&$top=1001'))).status).toBe(400);
  });
});

describe('faults', () => {
  it('failNext sends the status with Retry-After and a Graph error body, `times` times, only on matching paths', async () => {
    const graph = useGraph();
    graph.faults.failNext({ status: 429, retryAfterSeconds: 3, times: 2, pathIncludes: '/users' });
    expect((await call('/me')).status).toBe(200);
    const throttled = await call('/users');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('Retry-After')).toBe('3');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect((await call('/users')).status).toBe(429);
    expect((await call('/users')).status).toBe(200);
    expect(graph.faults.pending).toBe(0);
  });

  it('malformedNext answers 200 with a broken JSON body; networkErrorNext makes fetch reject', async () => {
    const graph = useGraph();
    graph.faults.malformedNext();
    const response = await fetch(`${GRAPH}/me`, { headers: AUTH });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
    graph.faults.networkErrorNext({ pathIncludes: '/me' });
    await expect(fetch(`${GRAPH}/me`, { headers: AUTH })).rejects.toThrow(TypeError);
    expect((await call('/me')).status).toBe(200);
  });

  it('redirectNext answers with the redirect status, its Location and an empty page, only on matching paths', async () => {
    const graph = useGraph();
    graph.faults.redirectNext({
      status: 307,
      location: 'https://evil.example/v1.0/users',
      pathIncludes: '/users',
    });
    expect((await call('/me')).status).toBe(200);
    const response = await fetch(`${GRAPH}/users`, { headers: AUTH, redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('Location')).toBe('https://evil.example/v1.0/users');
    expect(await response.json()).toEqual({ value: [] });
    expect((await call('/users')).status).toBe(200);
    expect(graph.faults.pending).toBe(0);
  });

  it('hangNext never answers: the request stays pending until it is aborted', async () => {
    const graph = useGraph();
    graph.faults.hangNext({ pathIncludes: '/me' });
    const controller = new AbortController();
    let settled = false;
    const pending = fetch(`${GRAPH}/me`, { headers: AUTH, signal: controller.signal }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(graph.requests.map((r) => r.path)).toEqual(['/me']);
    expect((await call('/me')).status).toBe(200);
  });

  it('setLatency delays responses and reset clears latency and pending faults', async () => {
    const graph = useGraph();
    graph.faults.setLatency(40);
    const started = Date.now();
    await call('/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    graph.faults.failNext({ status: 503, times: 5 });
    graph.faults.reset();
    expect(graph.faults.pending).toBe(0);
    expect((await call('/me')).status).toBe(200);
  });
});
