import { type GraphPort, TeamsEndpointError } from '@teams-endpoint/core';
import {
  createFakeIdentity,
  createGraphHandlers,
  createLargeDirectory,
  type FakeIdentity,
  fabrikam,
  type GraphCalendarEvent,
  type GraphHandlersOptions,
  startOfWeekUtc,
  toGraphDateTime,
} from '@teams-endpoint/testing';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraphPort, type GraphPortOptions } from './graphPort';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const MEGAN = 'e8b753b5-4117-464e-9a08-713e1ff266b3';
const ALICE = fabrikam.me.id;
const WEEK = startOfWeekUtc(new Date('2026-03-04T12:00:00Z'));
const WEEK_RANGE = { start: WEEK, end: new Date(WEEK.getTime() + 7 * 24 * 3600_000) };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

interface Setup {
  graph: ReturnType<typeof createGraphHandlers>;
  identity: FakeIdentity;
  port: GraphPort;
  /** Every wait the port asked for, in ms (the injected sleep resolves at once). */
  sleeps: number[];
}

function setup(options: { handlers?: GraphHandlersOptions; port?: Partial<GraphPortOptions> } = {}): Setup {
  const graph = createGraphHandlers({ weekStart: WEEK, ...options.handlers });
  server.resetHandlers(...graph.handlers);
  const identity = createFakeIdentity({ user: fabrikam.me, signedIn: true });
  const sleeps: number[] = [];
  const port = createGraphPort({
    identity,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options.port,
  });
  return { graph, identity, port, sleeps };
}

/** Awaits a rejection, checks it is a typed error with `code` that leaks none of the issued tokens. */
async function failure(
  promise: Promise<unknown>,
  code: string,
  identity: FakeIdentity,
): Promise<TeamsEndpointError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a rejection with ${code}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TeamsEndpointError);
  const typed = error as TeamsEndpointError;
  expect(typed.code).toBe(code);
  const visible = [
    typed.message,
    JSON.stringify(typed.toJSON()),
    String((typed.cause as Error | undefined)?.message),
  ];
  for (const token of identity.issuedTokens) {
    for (const text of visible) expect(text).not.toContain(token);
  }
  return typed;
}

/** `count` Teams meetings spread over the first hours of `WEEK`, more than one page when over 100. */
const teamsMeetings = (count: number): GraphCalendarEvent[] =>
  Array.from({ length: count }, (_, i) => {
    const start = new Date(WEEK.getTime() + ((i * 7919) % count) * 60_000);
    return {
      id: `evt-${i}`,
      subject: `Meeting ${i}`,
      start: { dateTime: toGraphDateTime(start), timeZone: 'UTC' },
      end: { dateTime: toGraphDateTime(new Date(start.getTime() + 30 * 60_000)), timeZone: 'UTC' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeeting: {
        joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${i}%40thread.v2/0`,
      },
      location: { displayName: '' },
      organizer: { emailAddress: { name: '', address: 'megan.bowen@fabrikam.example' } },
    };
  });

const expectedChatBody = (self: string, other: string) => ({
  chatType: 'oneOnOne',
  members: [self, other].map((id) => ({
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles: ['owner'],
    'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
  })),
});

describe('listPeople', () => {
  it('asks for $select and $top=999 with the User.ReadBasic.All scope, and maps users to Person', async () => {
    const { graph, identity, port } = setup();
    const page = await port.listPeople();
    expect(page.nextPageToken).toBeUndefined();
    expect(page.items).toHaveLength(fabrikam.people.length);
    expect(page.items[1]).toEqual(fabrikam.people[1]);
    expect(page.items.find((p) => p.id === fabrikam.hostilePersonId)?.displayName).toBe(
      fabrikam.hostileDisplayName,
    );
    // Graph sends null for absent fields; a Person drops them.
    expect(page.items.find((p) => p.displayName === 'Fabrikam Reception')).toEqual({
      id: '281f39ab-16a1-471f-9eae-7116b9c49351',
      displayName: 'Fabrikam Reception',
      mail: 'reception@fabrikam.example',
    });
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]).toMatchObject({
      method: 'GET',
      path: '/users',
      authenticated: true,
      search: { $select: 'id,displayName,mail,jobTitle,userPrincipalName', $top: '999' },
    });
    expect(graph.requests[0]?.headers.consistencylevel).toBeUndefined();
    expect(identity.graphScopeRequests).toEqual([['User.ReadBasic.All']]);
  });

  it('drops unknown fields and coerces a missing displayName to an empty string', async () => {
    const { port } = setup();
    server.use(
      http.get(`${GRAPH}/users`, () =>
        HttpResponse.json({
          value: [{ id: MEGAN, displayName: null, mail: 'm@fabrikam.example', extra: 'x' }],
        }),
      ),
    );
    expect((await port.listPeople()).items).toEqual([
      { id: MEGAN, displayName: '', mail: 'm@fabrikam.example' },
    ]);
  });

  it('pages through the directory with the nextLink as an opaque page token', async () => {
    const people = createLargeDirectory(2500);
    const { graph, port } = setup({ handlers: { people } });
    const first = await port.listPeople();
    expect(first.items).toHaveLength(999);
    expect(first.nextPageToken?.startsWith(`${GRAPH}/users?`)).toBe(true);
    const second = await port.listPeople({ pageToken: first.nextPageToken });
    const third = await port.listPeople({ pageToken: second.nextPageToken });
    expect(third.items).toHaveLength(502);
    expect(third.nextPageToken).toBeUndefined();
    expect(new Set([...first.items, ...second.items, ...third.items].map((p) => p.id)).size).toBe(2500);
    expect(graph.requests).toHaveLength(3);
    expect(graph.requests[2]?.search.$select).toBe('id,displayName,mail,jobTitle,userPrincipalName');
  });

  it('searches with $search, $count and ConsistencyLevel: eventual, and keeps the header on page 2', async () => {
    const people = createLargeDirectory(3000);
    const expected = people.filter((p) => p.displayName.toLowerCase().includes('e'));
    expect(expected.length).toBeGreaterThan(999);
    const { graph, port } = setup({ handlers: { people } });

    const first = await port.listPeople({ search: '  e ' });
    expect(graph.requests[0]?.search).toMatchObject({
      $search: '"displayName:e"',
      $count: 'true',
      $top: '999',
    });
    expect(graph.requests[0]?.headers.consistencylevel).toBe('eventual');
    const second = await port.listPeople({ search: 'e', pageToken: first.nextPageToken });
    // The token alone is enough: the port sees $search in it.
    const secondAgain = await port.listPeople({ pageToken: first.nextPageToken });
    expect(secondAgain.items).toEqual(second.items);
    for (const request of graph.requests.slice(1)) {
      expect(request.search.$skiptoken).toBeDefined();
      expect(request.search.$search).toBe('"displayName:e"');
      expect(request.headers.consistencylevel).toBe('eventual');
    }
    expect(first.items.length + second.items.length).toBe(Math.min(expected.length, 1998));
  });

  it('escapes quotes and backslashes in the search text and keeps URL-special characters intact', async () => {
    const { graph, port } = setup();
    const bobby = await port.listPeople({ search: '"Bobby"' });
    expect(bobby.items.map((p) => p.displayName)).toEqual(['Robert "Bobby" Tables']);
    expect(graph.requests[0]?.search.$search).toBe('"displayName:\\"Bobby\\""');
    expect((await port.listPeople({ search: 'a&b=c+d#e\\' })).items).toEqual([]);
    expect(graph.requests[1]?.search.$search).toBe('"displayName:a&b=c+d#e\\\\"');
    expect((await port.listPeople({ search: 'meg' })).items.map((p) => p.id)).toEqual([MEGAN]);
  });

  it('refuses a search text over 200 characters with invalid_argument, before any request', async () => {
    const { graph, identity, port } = setup();
    await failure(port.listPeople({ search: 'x'.repeat(201) }), 'invalid_argument', identity);
    expect(graph.requests).toHaveLength(0);
    expect(identity.calls.getGraphToken).toBe(0);
  });

  it('refuses a page token that is not a Graph /users link of the same origin, before any request', async () => {
    const { graph, identity, port } = setup();
    const foreign = [
      'https://evil.example/v1.0/users?$skiptoken=abc',
      'https://graph.microsoft.com.evil.example/v1.0/users?$skiptoken=abc',
      'http://graph.microsoft.com/v1.0/users?$skiptoken=abc',
      'https://user:pw@graph.microsoft.com/v1.0/users?$skiptoken=abc',
      'https://graph.microsoft.com/v1.0/me/messages?$skiptoken=abc',
      'https://graph.microsoft.com/beta/users?$skiptoken=abc',
      '/users?$skiptoken=abc',
      'not a url',
      '',
    ];
    for (const pageToken of foreign) {
      await failure(port.listPeople({ pageToken }), 'invalid_argument', identity);
    }
    expect(graph.requests).toHaveLength(0);
    expect(identity.calls.getGraphToken).toBe(0);
  });
});

describe('getPerson', () => {
  it('gets one user with $select', async () => {
    const { graph, port } = setup();
    expect(await port.getPerson(MEGAN)).toEqual(fabrikam.people[1]);
    expect(await port.getPerson(`8:orgid:${MEGAN.toUpperCase()}`)).toMatchObject({
      displayName: 'Megan Bowen',
    });
    expect(graph.requests[0]).toMatchObject({
      path: `/users/${MEGAN}`,
      search: { $select: 'id,displayName,mail,jobTitle,userPrincipalName' },
    });
  });

  it('refuses an id that is not a GUID before any request, and maps 404 to not_found', async () => {
    const { graph, identity, port } = setup();
    await failure(port.getPerson('megan'), 'invalid_teams_user_id', identity);
    await failure(port.getPerson(`${MEGAN}/../../me`), 'invalid_teams_user_id', identity);
    expect(graph.requests).toHaveLength(0);
    await failure(port.getPerson('00000000-0000-4000-8000-ffffffffffff'), 'not_found', identity);
  });
});

describe('getOrCreateOneOnOneChat', () => {
  it('posts the oneOnOne body of use case 3 with the Chat.Create scope and returns the thread id', async () => {
    const { graph, identity, port } = setup();
    const chat = await port.getOrCreateOneOnOneChat(ALICE, MEGAN);
    expect(chat).toEqual({ threadId: `19:${ALICE}_${MEGAN}@unq.gbl.spaces` });
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]).toMatchObject({ method: 'POST', path: '/chats' });
    expect(graph.requests[0]?.body).toEqual(expectedChatBody(ALICE, MEGAN));
    expect(identity.graphScopeRequests).toEqual([['Chat.Create']]);
  });

  it('caches per pair: the second call makes no request', async () => {
    const { graph, port } = setup();
    const first = await port.getOrCreateOneOnOneChat(ALICE, MEGAN);
    expect(await port.getOrCreateOneOnOneChat(ALICE, MEGAN.toUpperCase())).toEqual(first);
    expect(await port.getOrCreateOneOnOneChat(MEGAN, ALICE)).toEqual(first);
    expect(graph.requests).toHaveLength(1);
  });

  it('shares one request between concurrent calls for the same pair', async () => {
    const { graph, port } = setup();
    graph.faults.setLatency(20);
    const chats = await Promise.all([
      port.getOrCreateOneOnOneChat(ALICE, MEGAN),
      port.getOrCreateOneOnOneChat(ALICE, MEGAN),
      port.getOrCreateOneOnOneChat(ALICE, MEGAN),
    ]);
    expect(new Set(chats.map((c) => c.threadId)).size).toBe(1);
    expect(graph.requests.filter((r) => r.path === '/chats')).toHaveLength(1);
  });

  it('lets one concurrent caller cancel without cancelling the shared request for the others', async () => {
    const { graph, identity, port } = setup();
    graph.faults.setLatency(30);
    const controller = new AbortController();
    const cancelled = port.getOrCreateOneOnOneChat(ALICE, MEGAN, { signal: controller.signal });
    const kept = port.getOrCreateOneOnOneChat(ALICE, MEGAN);
    controller.abort();
    await failure(cancelled, 'aborted', identity);
    expect((await kept).threadId).toContain(MEGAN);
    expect(graph.requests).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    const { graph, identity, port } = setup();
    graph.faults.failNext({ status: 500, pathIncludes: '/chats' });
    await failure(port.getOrCreateOneOnOneChat(ALICE, MEGAN), 'service_error', identity);
    expect((await port.getOrCreateOneOnOneChat(ALICE, MEGAN)).threadId).toContain(ALICE);
    expect(graph.requests).toHaveLength(2);
  });

  it('validates both ids before any request', async () => {
    const { graph, identity, port } = setup();
    await failure(port.getOrCreateOneOnOneChat(ALICE, 'megan'), 'invalid_teams_user_id', identity);
    await failure(port.getOrCreateOneOnOneChat(ALICE, ALICE.toUpperCase()), 'invalid_argument', identity);
    expect(graph.requests).toHaveLength(0);
  });
});

describe('listMeetings', () => {
  it('lists the Teams meetings of the range, sorted by start, in UTC, without other events', async () => {
    const { graph, identity, port } = setup();
    const meetings = await port.listMeetings(WEEK_RANGE);
    expect(meetings.map((m) => m.subject)).toEqual([
      'Project Tailspin',
      'Weekly team sync',
      fabrikam.hostileSubject,
      'Customer onboarding: Tailspin Toys',
      'Sprint retrospective',
    ]);
    expect(meetings[0]).toEqual({
      id: expect.stringContaining('project-tailspin'),
      subject: 'Project Tailspin',
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T09:30:00.000Z',
      joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/),
      location: 'Microsoft Teams Meeting',
      organizer: 'Megan Bowen',
    });
    expect(meetings[3]?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/meet\/\d{12}\?p=/);
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]).toMatchObject({
      path: '/me/calendar/calendarView',
      search: {
        startDateTime: '2026-03-02T00:00:00.000Z',
        endDateTime: '2026-03-09T00:00:00.000Z',
        $top: '100',
        $orderby: 'start/dateTime',
        $select:
          'id,subject,start,end,isOnlineMeeting,onlineMeetingProvider,onlineMeeting,location,organizer',
      },
    });
    expect(graph.requests[0]?.headers.prefer).toBe('outlook.timezone="UTC"');
    expect(identity.graphScopeRequests).toEqual([['Calendars.Read']]);
  });

  it('follows every page, keeping the Prefer header, and sorts across pages', async () => {
    const events = teamsMeetings(250);
    const { graph, port } = setup({ handlers: { calendar: () => events } });
    const meetings = await port.listMeetings(WEEK_RANGE);
    expect(meetings).toHaveLength(250);
    const starts = meetings.map((m) => Date.parse(m.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(meetings[0]?.organizer).toBe('megan.bowen@fabrikam.example');
    expect(meetings[0]?.location).toBeUndefined();
    expect(graph.requests).toHaveLength(3);
    expect(graph.requests.every((r) => r.headers.prefer === 'outlook.timezone="UTC"')).toBe(true);
  });

  it('refuses a range whose end is not after its start, before any request', async () => {
    const { graph, identity, port } = setup();
    await failure(port.listMeetings({ start: WEEK, end: WEEK }), 'invalid_argument', identity);
    await failure(port.listMeetings({ start: WEEK_RANGE.end, end: WEEK }), 'invalid_argument', identity);
    await failure(port.listMeetings({ start: new Date('nope'), end: WEEK }), 'invalid_argument', identity);
    expect(graph.requests).toHaveLength(0);
  });

  it('never follows a nextLink that leaves Microsoft Graph', async () => {
    const { identity, port } = setup();
    server.use(
      http.get(`${GRAPH}/me/calendar/calendarView`, () =>
        HttpResponse.json({
          value: [],
          '@odata.nextLink': 'https://evil.example/v1.0/me/calendar/calendarView?x=1',
        }),
      ),
    );
    await failure(port.listMeetings(WEEK_RANGE), 'malformed_response', identity);
  });
});

describe('faults', () => {
  it('429 with Retry-After: waits that long, then succeeds', async () => {
    const { graph, port, sleeps } = setup();
    graph.faults.failNext({ status: 429, retryAfterSeconds: 1 });
    expect((await port.listPeople()).items.length).toBe(fabrikam.people.length);
    expect(sleeps).toEqual([1000]);
    expect(graph.requests).toHaveLength(2);
  });

  it('429 with Retry-After, with the default timer (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { graph, port } = setup({ port: { sleep: undefined } });
    graph.faults.failNext({ status: 429, retryAfterSeconds: 1 });
    const result = port.getPerson(MEGAN);
    await vi.advanceTimersByTimeAsync(999);
    expect(graph.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toMatchObject({ displayName: 'Megan Bowen' });
    expect(graph.requests).toHaveLength(2);
  });

  it('429 forever: gives up with throttled after 1 + maxRetries attempts', async () => {
    const { graph, identity, port, sleeps } = setup();
    graph.faults.failNext({ status: 429, retryAfterSeconds: 2, times: 100 });
    const error = await failure(port.listPeople(), 'throttled', identity);
    expect(error.retryable).toBe(true);
    expect(error.details.retryAfterSeconds).toBe(2);
    expect(graph.requests).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
  });

  it('does not wait beyond maxRetryDelayMs: a long Retry-After fails at once', async () => {
    const { graph, identity, port, sleeps } = setup({ port: { maxRetryDelayMs: 30_000 } });
    graph.faults.failNext({ status: 429, retryAfterSeconds: 120, times: 5 });
    const error = await failure(port.getPerson(MEGAN), 'throttled', identity);
    expect(error.details.retryAfterSeconds).toBe(120);
    expect(graph.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('503 without Retry-After: retried with exponential back-off, then succeeds', async () => {
    const { graph, port, sleeps } = setup();
    graph.faults.failNext({ status: 503, times: 2 });
    expect(await port.getPerson(MEGAN)).toMatchObject({ id: MEGAN });
    expect(sleeps).toEqual([1000, 2000]);
    expect(graph.requests).toHaveLength(3);
  });

  it('503 forever: service_error (retryable) after bounded attempts; maxRetries is honoured', async () => {
    const { graph, identity, port } = setup({ port: { maxRetries: 1 } });
    graph.faults.failNext({ status: 503, times: 10 });
    const error = await failure(port.listMeetings(WEEK_RANGE), 'service_error', identity);
    expect(error.retryable).toBe(true);
    expect(graph.requests).toHaveLength(2);
  });

  it('401 once: asks the identity port again with forceRefresh, retries once, succeeds', async () => {
    const { graph, identity, port } = setup();
    const spy = vi.spyOn(identity, 'getGraphToken');
    graph.faults.failNext({ status: 401 });
    expect(await port.getPerson(MEGAN)).toMatchObject({ id: MEGAN });
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[0]?.[1]?.forceRefresh).toBeUndefined();
    expect(spy.mock.calls[1]?.[0]).toEqual(['User.ReadBasic.All']);
    expect(spy.mock.calls[1]?.[1]?.forceRefresh).toBe(true);
    expect(graph.requests).toHaveLength(2);
  });

  it('401 twice: token_expired after exactly one refresh', async () => {
    const { graph, identity, port } = setup();
    graph.faults.failNext({ status: 401, times: 5 });
    await failure(port.listPeople(), 'token_expired', identity);
    expect(identity.calls.getGraphToken).toBe(2);
    expect(graph.requests).toHaveLength(2);
  });

  it('403: consent_required naming the scopes of the method', async () => {
    const { graph, identity, port } = setup();
    graph.faults.failNext({ status: 403 });
    const error = await failure(port.listMeetings(WEEK_RANGE), 'consent_required', identity);
    expect(error.details.scopes).toEqual(['Calendars.Read']);
    expect(error.message).toContain('Calendars.Read');
    graph.faults.failNext({ status: 403 });
    const chatError = await failure(port.getOrCreateOneOnOneChat(ALICE, MEGAN), 'consent_required', identity);
    expect(chatError.details.scopes).toEqual(['Chat.Create']);
    expect(graph.requests).toHaveLength(2);
  });

  it('malformed JSON: malformed_response', async () => {
    const { graph, identity, port } = setup();
    graph.faults.malformedNext();
    await failure(port.listPeople(), 'malformed_response', identity);
    graph.faults.malformedNext();
    await failure(port.getOrCreateOneOnOneChat(ALICE, MEGAN), 'malformed_response', identity);
  });

  it('network error: network (retryable)', async () => {
    const { graph, identity, port } = setup();
    graph.faults.networkErrorNext();
    const error = await failure(port.getPerson(MEGAN), 'network', identity);
    expect(error.retryable).toBe(true);
    expect(graph.requests).toHaveLength(1);
  });

  it('an already aborted signal: aborted, no token asked, no request made', async () => {
    const { graph, identity, port } = setup();
    const controller = new AbortController();
    controller.abort();
    const signal = controller.signal;
    await failure(port.listPeople({ signal }), 'aborted', identity);
    await failure(port.getPerson(MEGAN, { signal }), 'aborted', identity);
    await failure(port.getOrCreateOneOnOneChat(ALICE, MEGAN, { signal }), 'aborted', identity);
    await failure(port.listMeetings(WEEK_RANGE, { signal }), 'aborted', identity);
    expect(graph.requests).toHaveLength(0);
    expect(identity.calls.getGraphToken).toBe(0);
  });

  it('aborting during the request or during a Retry-After wait: aborted', async () => {
    const { graph, identity, port } = setup({ port: { sleep: undefined } });
    graph.faults.setLatency(200);
    const inFlight = new AbortController();
    const pending = port.listPeople({ signal: inFlight.signal });
    setTimeout(() => inFlight.abort(), 20);
    await failure(pending, 'aborted', identity);

    graph.faults.setLatency(0);
    graph.faults.failNext({ status: 429, retryAfterSeconds: 10 });
    const waiting = new AbortController();
    const started = Date.now();
    const retrying = port.getPerson(MEGAN, { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 30);
    await failure(retrying, 'aborted', identity);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('passes a typed error of the identity port through, without a request', async () => {
    const { graph, identity, port } = setup();
    const consent = new TeamsEndpointError('interaction_required', 'Sign in again.');
    identity.failNext('getGraphToken', consent);
    expect(await port.getPerson(MEGAN).catch((e: unknown) => e)).toBe(consent);
    expect(graph.requests).toHaveLength(0);
  });

  it('never puts a token in a URL, a recorded request or an error', async () => {
    const { graph, identity, port } = setup();
    const errors: unknown[] = [];
    graph.faults.failNext({ status: 401, times: 2 });
    errors.push(await port.listPeople().catch((e: unknown) => e));
    graph.faults.failNext({ status: 403 });
    errors.push(await port.getPerson(MEGAN).catch((e: unknown) => e));
    graph.faults.failNext({ status: 429, times: 4 });
    errors.push(await port.listMeetings(WEEK_RANGE).catch((e: unknown) => e));
    graph.faults.networkErrorNext();
    errors.push(await port.getOrCreateOneOnOneChat(ALICE, MEGAN).catch((e: unknown) => e));
    await port.listPeople({ search: 'meg' });

    expect(identity.issuedTokens.length).toBeGreaterThan(3);
    const recorded = JSON.stringify(graph.requests);
    const thrown = errors.map((e) => {
      const error = e as TeamsEndpointError;
      return `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)} ${String(error.cause)}`;
    });
    for (const token of identity.issuedTokens) {
      expect(recorded).not.toContain(token);
      for (const text of thrown) expect(text).not.toContain(token);
    }
    expect(errors.map((e) => (e as TeamsEndpointError).code)).toEqual([
      'token_expired',
      'consent_required',
      'throttled',
      'network',
    ]);
  });
});

describe('getPeople ($batch)', () => {
  const directory = createLargeDirectory(50);
  const ids = directory.map((person) => person.id);

  it('looks up 45 people in 3 $batch requests of at most 20, leaving out unknown ids', async () => {
    const { port, graph } = setup({ handlers: { people: directory } });
    const unknown = '11111111-2222-4333-8444-555555555555';
    const people = await port.getPeople([...ids.slice(0, 44), unknown, ids[0]!]);
    expect(people.size).toBe(44);
    expect(people.get(ids[3]!)).toEqual(directory[3]);
    expect(people.has(unknown)).toBe(false);
    const batches = graph.requests.filter((request) => request.path === '/$batch');
    expect(batches).toHaveLength(3);
    expect(batches.map((b) => (b.body as { requests: unknown[] }).requests.length).sort()).toEqual([
      20, 20, 5,
    ]);
    expect((batches[0]!.body as { requests: { url: string }[] }).requests[0]!.url).toContain(
      '$select=id,displayName',
    );
  });

  it('retries sub-requests throttled inside a batch, honouring Retry-After', async () => {
    const { port, graph, sleeps } = setup({ handlers: { people: directory } });
    graph.faults.failNext({ status: 429, retryAfterSeconds: 2, pathIncludes: `/users/${ids[1]}` });
    const people = await port.getPeople(ids.slice(0, 3));
    expect(people.size).toBe(3);
    expect(sleeps).toEqual([2000]);
    const second = graph.requests.filter((request) => request.path === '/$batch')[1]!;
    expect((second.body as { requests: { url: string }[] }).requests.map((r) => r.url)).toEqual([
      expect.stringContaining(ids[1]!),
    ]);
  });

  it('gives up with throttled after bounded retries', async () => {
    const { port, graph, identity } = setup({ handlers: { people: directory }, port: { maxRetries: 2 } });
    graph.faults.failNext({ status: 429, retryAfterSeconds: 1, pathIncludes: `/users/${ids[1]}`, times: 10 });
    await failure(port.getPeople(ids.slice(0, 3)), 'throttled', identity);
    expect(graph.requests.filter((request) => request.path === '/$batch')).toHaveLength(3);
  });

  it('a forbidden sub-request fails the lookup with consent_required', async () => {
    const { port, graph, identity } = setup({ handlers: { people: directory } });
    graph.faults.failNext({ status: 403, pathIncludes: `/users/${ids[0]}` });
    await failure(port.getPeople(ids.slice(0, 2)), 'consent_required', identity);
  });

  it('refuses a malformed id before any request', async () => {
    const { port, graph, identity } = setup({ handlers: { people: directory } });
    await failure(port.getPeople([ids[0]!, 'not-a-guid']), 'invalid_teams_user_id', identity);
    expect(graph.requests).toHaveLength(0);
  });

  it('a malformed $batch answer is malformed_response', async () => {
    const { port, graph, identity } = setup({ handlers: { people: directory } });
    graph.faults.malformedNext({ pathIncludes: '/$batch' });
    await failure(port.getPeople(ids.slice(0, 2)), 'malformed_response', identity);
  });
});

/**
 * Every request each method makes, for the timeout and redirect tests: `pathIncludes` picks the request a
 * fault hits, and `before` is how many requests succeed first (page 1 before a page-2 request).
 */
interface GraphCall {
  readonly name: string;
  readonly pathIncludes: string;
  readonly before: number;
  readonly handlers?: GraphHandlersOptions;
  readonly run: (port: GraphPort, signal?: AbortSignal) => Promise<unknown>;
}

const GRAPH_CALLS: readonly GraphCall[] = [
  {
    name: 'GET /users',
    pathIncludes: '/users',
    before: 0,
    run: (port, signal) => port.listPeople({ signal }),
  },
  {
    name: 'GET /users, page 2',
    pathIncludes: '$skiptoken',
    before: 1,
    handlers: { people: createLargeDirectory(1200) },
    run: async (port, signal) => {
      const first = await port.listPeople({ signal });
      return port.listPeople({ pageToken: first.nextPageToken, signal });
    },
  },
  {
    name: 'GET /users/{id}',
    pathIncludes: `/users/${MEGAN}`,
    before: 0,
    run: (port, signal) => port.getPerson(MEGAN, { signal }),
  },
  {
    name: 'POST /$batch',
    pathIncludes: '/$batch',
    before: 0,
    run: (port, signal) => port.getPeople([MEGAN, ALICE], { signal }),
  },
  {
    name: 'POST /chats',
    pathIncludes: '/chats',
    before: 0,
    run: (port, signal) => port.getOrCreateOneOnOneChat(ALICE, MEGAN, { signal }),
  },
  {
    name: 'GET calendarView',
    pathIncludes: '/calendarView',
    before: 0,
    run: (port, signal) => port.listMeetings(WEEK_RANGE, { signal }),
  },
  {
    name: 'GET calendarView, page 2',
    pathIncludes: '$skiptoken',
    before: 1,
    handlers: { calendar: () => teamsMeetings(150) },
    run: (port, signal) => port.listMeetings(WEEK_RANGE, { signal }),
  },
];

describe('request timeout', () => {
  it.each(GRAPH_CALLS)('$name: a request that is never answered rejects with timeout', async (call) => {
    const { graph, identity, port } = setup({ handlers: call.handlers, port: { requestTimeoutMs: 50 } });
    graph.faults.hangNext({ pathIncludes: call.pathIncludes });
    const error = await failure(call.run(port), 'timeout', identity);
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ timeoutMs: 50 });
    // The timed-out attempt is not retried by the port: the caller decides.
    expect(graph.requests).toHaveLength(call.before + 1);
  });

  it('bounds each attempt: a retry after a 503 that is never answered times out too', async () => {
    const { graph, identity, port, sleeps } = setup({ port: { requestTimeoutMs: 50 } });
    graph.faults.failNext({ status: 503 });
    graph.faults.hangNext();
    await failure(port.getPerson(MEGAN), 'timeout', identity);
    expect(sleeps).toEqual([1000]);
    expect(graph.requests).toHaveLength(2);
  });

  it("the caller's abort of a request that is never answered still gives aborted", async () => {
    const { graph, identity, port } = setup({ port: { requestTimeoutMs: 10_000 } });
    graph.faults.hangNext();
    const controller = new AbortController();
    const pending = port.listPeople({ signal: controller.signal });
    await vi.waitFor(() => expect(graph.requests).toHaveLength(1));
    controller.abort();
    await failure(pending, 'aborted', identity);
  });

  it('clears its timer once the answer has arrived', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { port } = setup();
    await port.getPerson(MEGAN);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a requestTimeoutMs that is not a positive number of ms', () => {
    const identity = createFakeIdentity({ user: fabrikam.me, signedIn: true });
    for (const requestTimeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(() => createGraphPort({ identity, requestTimeoutMs })).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
  });
});

describe('redirects', () => {
  const FOREIGN = 'https://graph.microsoft.com.evil.example';
  const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

  /** A foreign host that would answer anything with a page of people, and counts what reaches it. */
  function foreignHost() {
    const hits: { url: string; authorization: string | null }[] = [];
    server.use(
      http.all(`${FOREIGN}/*`, ({ request }) => {
        hits.push({ url: request.url, authorization: request.headers.get('Authorization') });
        return HttpResponse.json({ value: fabrikam.people, id: 'foreign', responses: [] });
      }),
    );
    return hits;
  }

  it('refuses every redirect status on every endpoint, to another origin or the same one, and never follows it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GRAPH_CALLS),
        fc.constantFrom(...REDIRECT_STATUSES),
        fc.constantFrom('foreign', 'same-origin'),
        fc.constantFrom<RequestRedirect | undefined>(undefined, 'follow', 'error'),
        async (call, status, target, redirect) => {
          const { graph, identity, port } = setup({
            handlers: call.handlers,
            port: redirect === undefined ? {} : { fetchOptions: { redirect } },
          });
          const hits = foreignHost();
          const location =
            target === 'foreign' ? `${FOREIGN}/v1.0/users?redirected=1` : `${GRAPH}/users?redirected=1`;
          graph.faults.redirectNext({ status, location, pathIncludes: call.pathIncludes });
          const error = await failure(call.run(port), 'malformed_response', identity);
          expect(error.retryable).toBe(false);
          expect(error.details).toMatchObject({ reason: 'redirect', status });
          expect(error.message).toMatch(/redirect, which is refused/);
          expect(hits).toEqual([]);
          expect(graph.requests).toHaveLength(call.before + 1);
          expect(graph.requests.some((request) => request.search.redirected !== undefined)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sends every request with redirect: manual, and refuses the opaqueredirect (status 0) browsers return', async () => {
    const { identity, port } = setup({ port: { fetchOptions: { redirect: 'follow', credentials: 'omit' } } });
    const seen: RequestInit[] = [];
    const opaqueRedirect = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    };
    vi.stubGlobal('fetch', async (_request: RequestInfo, init: RequestInit) => {
      seen.push(init);
      return opaqueRedirect as unknown as Response;
    });
    try {
      const error = await failure(port.listPeople(), 'malformed_response', identity);
      expect(error.details).toMatchObject({ reason: 'redirect', status: 0 });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ redirect: 'manual', credentials: 'omit' });
  });

  it('refuses a redirect inside a $batch answer', async () => {
    const { identity, port } = setup();
    server.use(
      http.post(`${GRAPH}/$batch`, () =>
        HttpResponse.json({
          responses: [
            { id: '1', status: 302, headers: { Location: `${FOREIGN}/v1.0/users/${MEGAN}` }, body: {} },
          ],
        }),
      ),
    );
    const error = await failure(port.getPeople([MEGAN]), 'malformed_response', identity);
    expect(error.details).toMatchObject({ reason: 'redirect', status: 302 });
  });
});
