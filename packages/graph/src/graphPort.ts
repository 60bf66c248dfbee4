import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  type AuthenticationProvider,
  type AuthenticationProviderOptions,
  Client,
  type Context,
  type FetchOptions,
  type GraphRequest,
  type Middleware,
  type MiddlewareOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import {
  abortableDelay,
  abortedError,
  type GraphPort,
  type IdentityPort,
  isTeamsEndpointError,
  type ListPeopleOptions,
  type OneOnOneChat,
  type Page,
  type Person,
  parseTeamsUserId,
  type SignalOption,
  TeamsEndpointError,
  type TeamsMeeting,
  type TimeRange,
  throwIfAborted,
  toTeamsEndpointError,
  withTimeout,
} from '@teams-endpoint/core';
import {
  describeGraphFailure,
  malformedResponse,
  mapGraphError,
  RETRYABLE_STATUSES,
  redirectRefused,
  requestTimedOut,
} from './graphErrors';
import { type GraphOperation, graphScopes } from './scopes';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** Fields requested for people: keeps `GET /users` pages small. */
export const PERSON_FIELDS = ['id', 'displayName', 'mail', 'jobTitle', 'userPrincipalName'] as const;
/** Fields requested for calendar events. */
export const EVENT_FIELDS = [
  'id',
  'subject',
  'start',
  'end',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'onlineMeeting',
  'location',
  'organizer',
] as const;

const PEOPLE_PAGE_SIZE = 999;
/** Graph's limit of requests in one `$batch`. */
const BATCH_SIZE = 20;
/** Sub-request statuses of a `$batch` worth another try (the client's retry logic never looks inside a batch). */
const RETRYABLE_IN_BATCH = new Set([429, 503, 504]);
const MEETINGS_PAGE_SIZE = 100;
/** A calendar range never needs more pages than this; more means the service is looping. */
const MAX_MEETING_PAGES = 1000;
const MAX_SEARCH_LENGTH = 200;
const MAX_PAGE_TOKEN_LENGTH = 8192;
const BACKOFF_BASE_MS = 1000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** The longest delay `setTimeout` keeps; a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

export interface GraphPortOptions {
  /** Where Graph tokens come from. The port asks for the scopes of each method (see `graphScopes`). */
  readonly identity: Pick<IdentityPort, 'getGraphToken'>;
  /** Graph root including the version, `https` only. Default: `https://graph.microsoft.com/v1.0`. */
  readonly baseUrl?: string;
  /** Retries of a request answered 429, 503 or 504. Default: 3. */
  readonly maxRetries?: number;
  /**
   * Upper bound of the total time spent waiting between retries of one request, in ms. When the next wait
   * (`Retry-After`, or exponential back-off from 1 s) would exceed it, the port gives up at once with
   * `throttled` / `service_error` and `details.retryAfterSeconds`. Default: 30 000.
   */
  readonly maxRetryDelayMs?: number;
  /**
   * The most time one attempt of a Graph request may take, in ms, from sending it to reading the whole answer
   * (the Graph token is asked for before the clock starts). When it runs out, the request is aborted and the
   * method rejects with `timeout` (retryable, `details.timeoutMs`). It applies to each attempt, retries
   * included, so one request takes at most about `(maxRetries + 2) × requestTimeoutMs + maxRetryDelayMs`.
   * Default: 15 000.
   *
   * @example
   * const graph = createGraphPort({ identity, requestTimeoutMs: 10_000 });
   */
  readonly requestTimeoutMs?: number;
  /**
   * Extra `fetch` options for every request (for example `{ credentials: 'omit' }`). `redirect` and `signal`
   * are the port's own: a redirect is never followed, whatever these options say.
   */
  readonly fetchOptions?: FetchOptions;
  /** How to wait between retries; must reject when `signal` aborts. Default: `setTimeout`. Tests inject a fake. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One attempt of one request, as the middleware chain sees it: the auth provider reads its token, and the
 * fetch at the end of the chain records a redirect it refused (the client's own error would lose it).
 */
class GraphAttempt implements MiddlewareOptions, AuthenticationProviderOptions {
  redirectStatus: number | undefined;
  constructor(
    readonly scopes: string[],
    readonly token: string,
  ) {}
}

const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' ||
  response.status === 0 ||
  (response.status >= 300 && response.status < 400);

/**
 * The end of the middleware chain, in place of the client's `HTTPMessageHandler`. Graph answers come only from
 * Graph: following a redirect would take a body from wherever it points as Graph's answer, and would send the
 * `Authorization` header along. So every request goes out with `redirect: 'manual'`, set last so that
 * `fetchOptions` cannot turn following back on, and a redirect (a 3xx, or the `opaqueredirect` with status 0
 * that browsers return) is refused: its target is never requested and its body never read.
 */
const graphOnlyFetch: Middleware = {
  async execute(context: Context): Promise<void> {
    const response = await fetch(context.request, { ...context.options, redirect: 'manual' });
    if (isRedirect(response)) {
      response.body?.cancel().catch(() => undefined);
      const attempt = context.middlewareControl?.getMiddlewareOptions(GraphAttempt);
      if (attempt instanceof GraphAttempt) attempt.redirectStatus = response.status;
      throw new Error('Microsoft Graph answered with a redirect.');
    }
    context.response = response;
  },
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const invalidArgument = (message: string, details?: Record<string, unknown>) =>
  new TeamsEndpointError('invalid_argument', message, details ? { details } : {});

/**
 * The default `sleep`: a timer that rejects with `aborted` when the signal aborts.
 *
 * @deprecated Use `abortableDelay` from `@teams-endpoint/core`, which this is.
 */
export const abortableSleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableDelay;

function parseRequestTimeout(value: number | undefined): number {
  const ms = value ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMER_MS) {
    throw invalidArgument('requestTimeoutMs must be a positive number of milliseconds, at most 2^31 - 1.', {
      requestTimeoutMs: value,
    });
  }
  return ms;
}

/** Escapes a search term for a quoted `$search` clause: `\` and `"` get a backslash. */
export function escapeSearchTerm(term: string): string {
  return term.replace(/[\\"]/g, (char) => `\\${char}`);
}

function parseBaseUrl(baseUrl: string): { url: URL; root: string; version: string; path: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new TeamsEndpointError('invalid_argument', 'The Graph base URL is not a valid URL.', { cause });
  }
  const path = url.pathname.replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  if (
    url.protocol !== 'https:' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    slash < 0 ||
    path === ''
  ) {
    throw invalidArgument(
      'The Graph base URL must be an https URL ending in the API version, such as https://graph.microsoft.com/v1.0.',
    );
  }
  return { url, root: `${url.origin}${path.slice(0, slash)}/`, version: path.slice(slash + 1), path };
}

function toPerson(value: unknown, operation: GraphOperation): Person {
  if (!isObject(value) || typeof value.id !== 'string' || value.id === '') {
    throw malformedResponse(operation, 'a user without id');
  }
  const text = (key: string): string | undefined => {
    const field = value[key];
    return typeof field === 'string' && field !== '' ? field : undefined;
  };
  const mail = text('mail');
  const jobTitle = text('jobTitle');
  const userPrincipalName = text('userPrincipalName');
  return {
    id: value.id,
    displayName: typeof value.displayName === 'string' ? value.displayName : '',
    ...(mail === undefined ? {} : { mail }),
    ...(jobTitle === undefined ? {} : { jobTitle }),
    ...(userPrincipalName === undefined ? {} : { userPrincipalName }),
  };
}

const UTC_ZONES = new Set(['utc', 'etc/utc', 'coordinated universal time', 'gmt', 'etc/gmt', 'z']);

/** A Graph `dateTimeTimeZone` as ISO 8601 UTC (`…Z`), or `null` when it is not UTC or not a date. */
export function toUtcIso(value: unknown): string | null {
  if (!isObject(value) || typeof value.dateTime !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i.exec(
    value.dateTime.trim(),
  );
  if (!match) return null;
  const offset = match[3];
  const zone = typeof value.timeZone === 'string' ? value.timeZone.trim().toLowerCase() : 'utc';
  if (offset === undefined && !UTC_ZONES.has(zone)) return null;
  const fraction = (match[2] ?? '0').slice(0, 3).padEnd(3, '0');
  const time = Date.parse(`${match[1]}.${fraction}${offset ?? 'Z'}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Maps a calendar event to a Teams meeting, or `null` when it is not a Teams meeting with a join link. */
function toTeamsMeeting(value: unknown): TeamsMeeting | null {
  if (!isObject(value) || typeof value.id !== 'string' || value.id === '') {
    throw malformedResponse('listMeetings', 'an event without id');
  }
  if (value.isOnlineMeeting !== true || value.onlineMeetingProvider !== 'teamsForBusiness') return null;
  const joinUrl = isObject(value.onlineMeeting) ? value.onlineMeeting.joinUrl : undefined;
  if (typeof joinUrl !== 'string' || joinUrl.trim() === '') return null;
  const start = toUtcIso(value.start);
  const end = toUtcIso(value.end);
  if (start === null || end === null)
    throw malformedResponse('listMeetings', 'an event without a UTC start or end');
  const location =
    isObject(value.location) &&
    typeof value.location.displayName === 'string' &&
    value.location.displayName.trim() !== ''
      ? value.location.displayName
      : undefined;
  const email =
    isObject(value.organizer) && isObject(value.organizer.emailAddress) ? value.organizer.emailAddress : {};
  const organizer =
    typeof email.name === 'string' && email.name !== ''
      ? email.name
      : typeof email.address === 'string' && email.address !== ''
        ? email.address
        : undefined;
  return {
    id: value.id,
    subject: typeof value.subject === 'string' ? value.subject : '',
    start,
    end,
    joinUrl: joinUrl.trim(),
    ...(location === undefined ? {} : { location }),
    ...(organizer === undefined ? {} : { organizer }),
  };
}

function readCollection(operation: GraphOperation, body: unknown): { value: unknown[]; nextLink?: string } {
  if (!isObject(body) || !Array.isArray(body.value)) throw malformedResponse(operation, 'no value array');
  const nextLink = body['@odata.nextLink'];
  if (nextLink !== undefined && nextLink !== null && typeof nextLink !== 'string') {
    throw malformedResponse(operation, 'a nextLink that is not a string');
  }
  return typeof nextLink === 'string' && nextLink !== ''
    ? { value: body.value, nextLink }
    : { value: body.value };
}

interface SharedRequest<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
}

/**
 * Creates the {@link GraphPort} over `@microsoft/microsoft-graph-client`.
 *
 * Retries: one bounded loop of its own (the client's RetryHandler is left out of the middleware chain).
 * 429/503/504 honour `Retry-After` within `maxRetries` and `maxRetryDelayMs`; a 401 gets one forced token
 * refresh and one retry. Each attempt is bounded by `requestTimeoutMs` (`timeout`). A redirect is never
 * followed (`malformed_response`, `details.reason: 'redirect'`). Every failure is a `TeamsEndpointError`; no
 * token ever reaches a URL, message or log.
 *
 * @example
 * const graph = createGraphPort({ identity });
 * const { items, nextPageToken } = await graph.listPeople({ search: 'meg' });
 */
export function createGraphPort(options: GraphPortOptions): GraphPort {
  const { identity } = options;
  const base = parseBaseUrl(options.baseUrl ?? DEFAULT_GRAPH_BASE_URL);
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 3));
  const maxRetryDelayMs = Math.max(0, options.maxRetryDelayMs ?? 30_000);
  const requestTimeoutMs = parseRequestTimeout(options.requestTimeoutMs);
  const sleep = options.sleep ?? abortableDelay;

  // The token of each attempt is asked for before it is sent (see `send`): the provider only hands it over.
  const authProvider: AuthenticationProvider = {
    async getAccessToken(authOptions?: AuthenticationProviderOptions): Promise<string> {
      if (authOptions instanceof GraphAttempt) return authOptions.token;
      throw new TeamsEndpointError('unknown', 'A Graph request was made without a token.');
    },
  };

  const graphToken = async (scopes: string[], forceRefresh: boolean, signal: AbortSignal | undefined) => {
    try {
      return await identity.getGraphToken(scopes, {
        ...(signal ? { signal } : {}),
        ...(forceRefresh ? { forceRefresh: true } : {}),
      });
    } catch (error) {
      throw toTeamsEndpointError(error, 'unknown', 'Could not get a Microsoft Graph token.');
    }
  };

  // No RetryHandler (this port retries on its own) and no RedirectHandler (redirects are refused, never followed).
  const client = Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(authProvider), new TelemetryHandler(), graphOnlyFetch],
    baseUrl: base.root,
    defaultVersion: base.version,
    customHosts: new Set([base.url.hostname]),
    ...(options.fetchOptions ? { fetchOptions: options.fetchOptions } : {}),
  });

  /** The path after the base URL of a same-origin Graph link for `expectedPath`, or `null`. */
  const sameGraphPath = (link: string, expectedPath: string): string | null => {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return null;
    }
    if (url.origin !== base.url.origin || url.username !== '' || url.password !== '' || url.hash !== '')
      return null;
    if (url.pathname !== `${base.path}${expectedPath}`) return null;
    return `${expectedPath}${url.search}`;
  };

  const retryDelayMs = (retryAfterSeconds: number | undefined, retry: number): number =>
    retryAfterSeconds !== undefined ? Math.ceil(retryAfterSeconds * 1000) : BACKOFF_BASE_MS * 2 ** retry;

  /** Waits between retries. The `sleep` only rejects when the signal aborts: that becomes the typed `aborted`. */
  const pause = async (ms: number, signal: AbortSignal | undefined): Promise<void> => {
    try {
      await sleep(ms, signal);
    } catch (error) {
      throw isTeamsEndpointError(error) ? error : abortedError(error);
    }
  };

  /**
   * Sends one Graph request with the method's scopes: at most one forced token refresh after a 401 and at most
   * `maxRetries` waits after 429/503/504, all within `maxRetryDelayMs`; each attempt within `requestTimeoutMs`.
   *
   * Why a loop of its own rather than the client's RetryHandler and RedirectHandler: it refreshes the token on a
   * 401, bounds the total wait, aborts its waits with the caller's signal, bounds every attempt with a timeout
   * and refuses redirects; with the paging below, it also refuses a `nextLink` on a foreign host.
   */
  async function send<T>(
    operation: GraphOperation,
    signal: AbortSignal | undefined,
    build: () => GraphRequest,
    run: (request: GraphRequest) => Promise<T>,
  ): Promise<T> {
    const scopes = [...graphScopes[operation]];
    let refreshed = false;
    let forceRefresh = false;
    let retries = 0;
    let waitedMs = 0;
    for (;;) {
      throwIfAborted(signal);
      const attempt = new GraphAttempt(scopes, await graphToken(scopes, forceRefresh, signal));
      try {
        return await withTimeout(
          (attemptSignal) =>
            run(
              build()
                .middlewareOptions([new AuthenticationHandlerOptions(undefined, attempt), attempt])
                .option('signal', attemptSignal),
            ),
          {
            timeoutMs: requestTimeoutMs,
            signal,
            timeoutError: () => requestTimedOut(operation, requestTimeoutMs),
          },
        );
      } catch (error) {
        if (attempt.redirectStatus !== undefined) throw redirectRefused(operation, attempt.redirectStatus);
        // Timed out, or cancelled by the caller: `withTimeout` already gave the typed error.
        if (isTeamsEndpointError(error)) throw error;
        if (signal?.aborted) throw abortedError(error);
        const failure = describeGraphFailure(error);
        forceRefresh = false;
        if (failure.status === 401 && !refreshed) {
          refreshed = true;
          forceRefresh = true;
          continue;
        }
        if (RETRYABLE_STATUSES.has(failure.status) && retries < maxRetries) {
          const delayMs = retryDelayMs(failure.retryAfterSeconds, retries);
          if (waitedMs + delayMs <= maxRetryDelayMs) {
            retries += 1;
            waitedMs += delayMs;
            await pause(delayMs, signal);
            continue;
          }
        }
        throw mapGraphError(error, { operation, scopes, signal, retries });
      }
    }
  }

  const get = (operation: GraphOperation, signal: AbortSignal | undefined, build: () => GraphRequest) =>
    send<unknown>(operation, signal, build, (request) => request.get());

  // ------------------------------------------------------------------ listPeople

  async function listPeople(listOptions: ListPeopleOptions = {}): Promise<Page<Person>> {
    const { signal, pageToken } = listOptions;
    throwIfAborted(signal);
    const search = (listOptions.search ?? '').trim();
    if (search.length > MAX_SEARCH_LENGTH) {
      throw invalidArgument(`The search text is too long (at most ${MAX_SEARCH_LENGTH} characters).`, {
        maxLength: MAX_SEARCH_LENGTH,
      });
    }
    let build: () => GraphRequest;
    if (pageToken !== undefined) {
      const path =
        typeof pageToken === 'string' && pageToken.length <= MAX_PAGE_TOKEN_LENGTH
          ? sameGraphPath(pageToken, '/users')
          : null;
      if (path === null) throw invalidArgument('The page token is not a page of this directory listing.');
      const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
      const eventual = search !== '' || query.has('$search') || query.get('$count') === 'true';
      build = () => {
        const request = client.api(path);
        return eventual ? request.header('ConsistencyLevel', 'eventual') : request;
      };
    } else {
      build = () => {
        const request = client
          .api('/users')
          .select([...PERSON_FIELDS])
          .top(PEOPLE_PAGE_SIZE);
        if (search === '') return request;
        return request
          .search(encodeURIComponent(`"displayName:${escapeSearchTerm(search)}"`))
          .count(true)
          .header('ConsistencyLevel', 'eventual');
      };
    }
    const body = await get('listPeople', signal, build);
    const { value, nextLink } = readCollection('listPeople', body);
    const items = value.map((user) => toPerson(user, 'listPeople'));
    return nextLink === undefined ? { items } : { items, nextPageToken: nextLink };
  }

  // ------------------------------------------------------------------ getPerson

  async function getPerson(id: string, signalOptions: SignalOption = {}): Promise<Person> {
    const { signal } = signalOptions;
    const userId = parseTeamsUserId(id);
    throwIfAborted(signal);
    const body = await get('getPerson', signal, () =>
      client.api(`/users/${userId}`).select([...PERSON_FIELDS]),
    );
    return toPerson(body, 'getPerson');
  }

  // ------------------------------------------------------------------ getPeople

  /** One `$batch` of up to 20 `GET /users/{id}`; sub-requests throttled inside the batch are retried. */
  async function getPeopleBatch(
    ids: readonly string[],
    signal: AbortSignal | undefined,
    found: Map<string, Person>,
  ) {
    let remaining = [...ids];
    for (let attempt = 0; remaining.length > 0; attempt += 1) {
      const requests = remaining.map((id, index) => ({
        id: String(index + 1),
        method: 'GET',
        url: `/users/${id}?$select=${PERSON_FIELDS.join(',')}`,
      }));
      const body = await send<unknown>(
        'getPeople',
        signal,
        () => client.api('/$batch'),
        (request) => request.post({ requests }),
      );
      const responses = isObject(body) && Array.isArray(body.responses) ? body.responses : null;
      if (!responses) throw malformedResponse('getPeople', 'no responses array');
      const retry: string[] = [];
      let retryAfterSeconds = 0;
      for (const response of responses) {
        if (!isObject(response)) throw malformedResponse('getPeople', 'a response that is not an object');
        const id = remaining[Number(response.id) - 1];
        const status = Number(response.status);
        if (id === undefined) throw malformedResponse('getPeople', 'a response for no request');
        if (status === 200) found.set(id, toPerson(response.body, 'getPeople'));
        else if (RETRYABLE_IN_BATCH.has(status)) {
          retry.push(id);
          const headers = isObject(response.headers) ? response.headers : {};
          const after = Number(headers['Retry-After'] ?? headers['retry-after']);
          if (Number.isFinite(after)) retryAfterSeconds = Math.max(retryAfterSeconds, after);
        } else if (status >= 300 && status < 400) {
          throw redirectRefused('getPeople', status);
        } else if (status !== 404) {
          throw mapGraphError(
            { statusCode: status, body: JSON.stringify(response.body ?? {}) },
            { operation: 'getPeople', scopes: [...graphScopes.getPeople], signal, retries: attempt },
          );
        }
      }
      if (retry.length > 0 && attempt >= maxRetries) {
        throw new TeamsEndpointError('throttled', 'Microsoft Graph is throttling the people lookup.', {
          retryable: true,
          details: { retryAfterSeconds },
        });
      }
      if (retry.length > 0) await pause(retryDelayMs(retryAfterSeconds || undefined, attempt), signal);
      remaining = retry;
    }
  }

  async function getPeople(ids: readonly string[], signalOptions: SignalOption = {}) {
    const { signal } = signalOptions;
    const unique = [...new Set(ids.map((id) => parseTeamsUserId(id)))];
    throwIfAborted(signal);
    const found = new Map<string, Person>();
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_SIZE) chunks.push(unique.slice(i, i + BATCH_SIZE));
    await Promise.all(chunks.map((chunk) => getPeopleBatch(chunk, signal, found)));
    return found;
  }

  // ------------------------------------------------------------------ getOrCreateOneOnOneChat

  const chats = new Map<string, OneOnOneChat>();
  const pendingChats = new Map<string, SharedRequest<OneOnOneChat>>();

  const createChat = async (selfId: string, otherId: string, signal: AbortSignal): Promise<OneOnOneChat> => {
    const member = (userId: string) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: ['owner'],
      'user@odata.bind': `${base.url.origin}${base.path}/users('${userId}')`,
    });
    const body = { chatType: 'oneOnOne', members: [member(selfId), member(otherId)] };
    const result = await send<unknown>(
      'getOrCreateOneOnOneChat',
      signal,
      () => client.api('/chats'),
      (request) => request.post(body),
    );
    if (!isObject(result) || typeof result.id !== 'string' || result.id === '') {
      throw malformedResponse('getOrCreateOneOnOneChat', 'a chat without id');
    }
    return { threadId: result.id };
  };

  /** Waits for a shared request; aborting this caller's signal only stops the request when no one else waits. */
  const waitFor = (
    key: string,
    shared: SharedRequest<OneOnOneChat>,
    signal: AbortSignal | undefined,
  ): Promise<OneOnOneChat> =>
    new Promise<OneOnOneChat>((resolve, reject) => {
      shared.waiters += 1;
      let settled = false;
      const leave = () => {
        settled = true;
        shared.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        leave();
        if (shared.waiters === 0) {
          if (pendingChats.get(key) === shared) pendingChats.delete(key);
          shared.controller.abort();
        }
        reject(abortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          if (settled) return;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          leave();
          reject(error);
        },
      );
    });

  async function getOrCreateOneOnOneChat(
    selfId: string,
    otherId: string,
    signalOptions: SignalOption = {},
  ): Promise<OneOnOneChat> {
    const { signal } = signalOptions;
    const self = parseTeamsUserId(selfId);
    const other = parseTeamsUserId(otherId);
    if (self === other) throw invalidArgument('A 1:1 chat needs two different users.');
    throwIfAborted(signal);
    const key = [self, other].sort().join('|');
    const cached = chats.get(key);
    if (cached) return cached;
    let shared = pendingChats.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = createChat(self, other, controller.signal).then((chat) => {
        chats.set(key, chat);
        return chat;
      });
      const entry: SharedRequest<OneOnOneChat> = { promise, controller, waiters: 0 };
      shared = entry;
      pendingChats.set(key, entry);
      // Forget the request once settled (the result, if any, is in `chats`); never leave a rejection unhandled.
      promise.then(
        () => pendingChats.get(key) === entry && pendingChats.delete(key),
        () => pendingChats.get(key) === entry && pendingChats.delete(key),
      );
    }
    return waitFor(key, shared, signal);
  }

  // ------------------------------------------------------------------ listMeetings

  async function listMeetings(
    range: TimeRange,
    signalOptions: SignalOption = {},
  ): Promise<readonly TeamsMeeting[]> {
    const { signal } = signalOptions;
    const start = range?.start instanceof Date ? range.start.getTime() : Number.NaN;
    const end = range?.end instanceof Date ? range.end.getTime() : Number.NaN;
    if (Number.isNaN(start) || Number.isNaN(end))
      throw invalidArgument('The time range needs a valid start and end.');
    if (end <= start) throw invalidArgument('The end of the time range must be after its start.');
    throwIfAborted(signal);

    const timezone = (request: GraphRequest) => request.header('Prefer', 'outlook.timezone="UTC"');
    const meetings: TeamsMeeting[] = [];
    const seenLinks = new Set<string>();
    let build: () => GraphRequest = () =>
      timezone(
        client
          .api('/me/calendar/calendarView')
          .query({ startDateTime: new Date(start).toISOString(), endDateTime: new Date(end).toISOString() })
          .select([...EVENT_FIELDS])
          .orderby('start/dateTime')
          .top(MEETINGS_PAGE_SIZE),
      );
    // Paging by hand rather than with the client's PageIterator: a `nextLink` is followed only on Graph's own
    // origin and path, every page goes through `send` (timeouts, retries, no redirects), and paging is bounded.
    for (let page = 0; ; page += 1) {
      const body = await get('listMeetings', signal, build);
      const { value, nextLink } = readCollection('listMeetings', body);
      for (const event of value) {
        const meeting = toTeamsMeeting(event);
        if (meeting) meetings.push(meeting);
      }
      if (nextLink === undefined) break;
      const path = sameGraphPath(nextLink, '/me/calendar/calendarView');
      // Never send the token to a link Graph did not serve from its own origin.
      if (path === null) throw malformedResponse('listMeetings', 'a nextLink outside Microsoft Graph');
      if (seenLinks.has(nextLink) || page + 1 >= MAX_MEETING_PAGES) {
        throw malformedResponse('listMeetings', 'paging does not end');
      }
      seenLinks.add(nextLink);
      build = () => timezone(client.api(path));
    }
    return meetings.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  return { listPeople, getPerson, getPeople, getOrCreateOneOnOneChat, listMeetings };
}
