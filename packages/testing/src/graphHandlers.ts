import type { Person, TeamsUser } from '@teams-endpoint/core';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { fabrikam, fabrikamCalendarWeek, type GraphCalendarEvent, startOfWeekUtc } from './fabrikam';

/**
 * MSW 2 handlers that behave like the slice of Microsoft Graph v1.0 this SDK uses, over the Fabrikam tenant.
 *
 * Environment-agnostic: use them with `setupServer` (msw/node) in tests and `setupWorker` (msw/browser) in demos.
 * They reproduce Graph's rules that the real port must respect — `ConsistencyLevel: eventual` for `$search`,
 * `$top` limits, no `$skip`, absolute `@odata.nextLink` paging, idempotent 1:1 chats, at most 20 `$batch`
 * requests — and expose fault knobs (latency, error statuses with `Retry-After`, malformed JSON, network errors).
 */

const DEFAULT_BASE_URL = 'https://graph.microsoft.com/v1.0';
const CANONICAL_BASE_URL = 'https://graph.microsoft.com/v1.0';
const USERS_DEFAULT_TOP = 100;
const USERS_MAX_TOP = 999;
const CALENDAR_DEFAULT_TOP = 10;
const CALENDAR_MAX_TOP = 1000;
const BATCH_LIMIT = 20;
const MAX_GENERATED_WEEKS = 300;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Properties `GET /users` knows (the mock's subset of `microsoft.graph.user`). */
const USER_PROPERTIES = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'jobTitle',
  'userPrincipalName',
  'businessPhones',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
] as const;
const USER_SEARCH_PROPERTIES = new Set([
  'displayName',
  'mail',
  'userPrincipalName',
  'givenName',
  'surname',
  'jobTitle',
]);
const EVENT_PROPERTIES = new Set([
  'id',
  'subject',
  'start',
  'end',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'onlineMeeting',
  'location',
  'organizer',
]);

export interface CalendarRange {
  readonly start: Date;
  readonly end: Date;
}

export interface GraphHandlersOptions {
  /** The directory. Default: `fabrikam.people`. */
  readonly people?: readonly Person[];
  /** The signed-in user (`GET /me`, chat membership). Default: `fabrikam.me`. */
  readonly me?: TeamsUser;
  /**
   * The candidate events for a requested range; the handler filters them to the range itself.
   * Default: Fabrikam's week (`fabrikamCalendarWeek`) repeated for every week overlapping the range.
   */
  readonly calendar?: (range: CalendarRange) => readonly GraphCalendarEvent[];
  /** Serve only Fabrikam's week starting at this instant (ignored when `calendar` is given). */
  readonly weekStart?: Date;
  /** Default: `https://graph.microsoft.com/v1.0`. */
  readonly baseUrl?: string;
}

/** One request as the mock saw it. The `Authorization` header is never recorded. */
export interface RecordedGraphRequest {
  readonly method: string;
  /** Path relative to the base URL, for example `/users` or `/me/calendar/calendarView`. */
  readonly path: string;
  /** Decoded query parameters. */
  readonly search: Readonly<Record<string, string>>;
  /** Lower-cased request headers, without `authorization` and `cookie`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether an `Authorization: Bearer <non-empty>` header was present. */
  readonly authenticated: boolean;
  /** The parsed JSON body (or raw text) of a request that had one. */
  readonly body?: unknown;
}

export type GraphFaultStatus = 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504;
export type GraphRedirectStatus = 301 | 302 | 303 | 307 | 308;

export interface GraphFaultTarget {
  /** How many matching requests the fault applies to. Default: 1. */
  readonly times?: number;
  /**
   * Only requests whose relative path plus decoded query contains this text (for example `'/chats'` or
   * `'$skiptoken'`). A status fault whose text does not match `/$batch` itself but matches a sub-request url
   * (for example `'/users/<id>'`) applies to that sub-request inside a `$batch` response.
   */
  readonly pathIncludes?: string;
}

export interface GraphFailure extends GraphFaultTarget {
  readonly status: GraphFaultStatus;
  /** Sent as the `Retry-After` header (seconds). */
  readonly retryAfterSeconds?: number;
  /** Graph error code in the body. Default: the usual code for the status. */
  readonly code?: string;
}

/** Fault injection knobs. Faults are consumed in the order they were added. */
export interface GraphFaults {
  /** Delay every response by `ms` (0 turns it off). */
  setLatency(ms: number): void;
  /** Answer the next matching request(s) with an error status and a Graph error body. */
  failNext(failure: GraphFailure): void;
  /** Answer the next matching request(s) with 200 and a truncated JSON body. */
  malformedNext(target?: GraphFaultTarget): void;
  /** Fail the next matching request(s) at the network level (`fetch` rejects). */
  networkErrorNext(target?: GraphFaultTarget): void;
  /**
   * Answer the next matching request(s) with a redirect to `location`. The body is a valid, empty page of
   * results (`{ "value": [] }`), so that a client that follows or reads it, instead of refusing it, is seen.
   */
  redirectNext(
    redirect: GraphFaultTarget & { readonly status: GraphRedirectStatus; readonly location: string },
  ): void;
  /** Never answer the next matching request(s): they stay pending until the client aborts them. */
  hangNext(target?: GraphFaultTarget): void;
  /** Removes latency and every pending fault. */
  reset(): void;
  /** Number of fault applications still pending. */
  readonly pending: number;
}

export interface GraphHandlers {
  readonly handlers: HttpHandler[];
  readonly faults: GraphFaults;
  /** Every request in arrival order; set `requests.length = 0` to clear. */
  readonly requests: RecordedGraphRequest[];
  /** The 1:1 chats created so far, by chat id. */
  readonly chats: ReadonlyMap<string, GraphChat>;
}

export interface GraphChat {
  readonly id: string;
  readonly chatType: 'oneOnOne';
  readonly memberIds: readonly [string, string];
  readonly createdDateTime: string;
}

type Fault =
  | { kind: 'status'; remaining: number; pathIncludes?: string; failure: GraphFailure }
  | { kind: 'malformed'; remaining: number; pathIncludes?: string }
  | { kind: 'network'; remaining: number; pathIncludes?: string }
  | {
      kind: 'redirect';
      remaining: number;
      pathIncludes?: string;
      status: GraphRedirectStatus;
      location: string;
    }
  | { kind: 'hang'; remaining: number; pathIncludes?: string };

interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const DEFAULT_ERROR_CODES: Record<GraphFaultStatus, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

let requestSerial = 0;

const graphError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): RouteResult => {
  requestSerial += 1;
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString(), 'request-id': `mock-request-${requestSerial}` },
      },
    },
  };
};

const badRequest = (message: string, code = 'Request_BadRequest'): RouteResult =>
  graphError(400, code, message);
const unsupportedByMock = (what: string): RouteResult =>
  badRequest(`${what} is not supported by the Graph mock.`, 'Request_UnsupportedQuery');

/** Builds a query string the way Graph's nextLinks look: literal `$` keys, percent-encoded values. */
function buildQuery(params: URLSearchParams): string {
  const parts: string[] = [];
  params.forEach((value, key) => {
    parts.push(`${key}=${encodeURIComponent(value)}`);
  });
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

const base64Url = (text: string): string =>
  btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64Url = (text: string): string => {
  const padded = text.replaceAll('-', '+').replaceAll('_', '/');
  return atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
};

const encodeSkipToken = (offset: number): string => `RFNwdAIAAQAA${base64Url(`offset:${offset}`)}`;
function decodeSkipToken(token: string): number | null {
  if (!token.startsWith('RFNwdAIAAQAA')) return null;
  try {
    const match = /^offset:(\d+)$/.exec(fromBase64Url(token.slice(12)));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Parses `$top`: `undefined` when absent, `null` when invalid. */
function parseTop(value: string | null, max: number, fallback: number): number | null {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value)) return null;
  const top = Number(value);
  return top >= 1 && top <= max ? top : null;
}

/** Parses `$select` into a list, or returns the first unknown property. */
function parseSelect(
  value: string | null,
  known: ReadonlySet<string>,
): { fields: string[] | null } | { unknown: string } {
  if (value === null || value.trim() === '') return { fields: null };
  const fields = value.split(',').map((field) => field.trim());
  const unknown = fields.find((field) => !known.has(field));
  return unknown === undefined ? { fields } : { unknown };
}

const pick = (source: Record<string, unknown>, fields: readonly string[] | null): Record<string, unknown> => {
  if (!fields) return { ...source };
  const result: Record<string, unknown> = {};
  for (const field of fields) result[field] = source[field] ?? null;
  return result;
};

function toGraphUser(personOrMe: Person): Record<string, unknown> {
  const space = personOrMe.displayName.indexOf(' ');
  return {
    id: personOrMe.id,
    displayName: personOrMe.displayName,
    givenName: space > 0 ? personOrMe.displayName.slice(0, space) : null,
    surname: space > 0 ? personOrMe.displayName.slice(space + 1) : null,
    mail: personOrMe.mail ?? null,
    jobTitle: personOrMe.jobTitle ?? null,
    userPrincipalName: personOrMe.userPrincipalName ?? null,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
  };
}

type SearchClause = { property: string; term: string };
type ParsedSearch = { clauses: SearchClause[]; operators: ('AND' | 'OR')[] };

/** Parses `"displayName:meg"`, optionally several clauses joined by `AND` / `OR`. */
function parseSearch(raw: string): ParsedSearch | string {
  const clauses: SearchClause[] = [];
  const operators: ('AND' | 'OR')[] = [];
  let rest = raw.trim();
  while (rest.length > 0) {
    if (clauses.length > 0) {
      const op = /^(AND|OR)\s+/.exec(rest);
      if (!op) return `Syntax error: unexpected text '${rest.slice(0, 20)}' in $search.`;
      operators.push(op[1] as 'AND' | 'OR');
      rest = rest.slice(op[0].length);
    }
    const clause = /^"((?:[^"\\]|\\.)*)"\s*/.exec(rest);
    if (!clause) return 'Syntax error: a $search clause must be in double quotes, as in "displayName:meg".';
    const inner = clause[1]!.replace(/\\(.)/g, '$1');
    const colon = inner.indexOf(':');
    if (colon <= 0) return `Syntax error: '${inner}' is not of the form property:term.`;
    const property = inner.slice(0, colon);
    if (!USER_SEARCH_PROPERTIES.has(property)) return `Search on property '${property}' is not supported.`;
    clauses.push({ property, term: inner.slice(colon + 1).toLowerCase() });
    rest = rest.slice(clause[0].length);
  }
  if (clauses.length === 0) return 'Syntax error: empty $search.';
  return { clauses, operators };
}

function matchesSearch(user: Record<string, unknown>, search: ParsedSearch): boolean {
  const test = (clause: SearchClause) => {
    const value = user[clause.property];
    return typeof value === 'string' && value.toLowerCase().includes(clause.term);
  };
  let result = test(search.clauses[0]!);
  search.operators.forEach((op, index) => {
    const next = test(search.clauses[index + 1]!);
    result = op === 'AND' ? result && next : result || next;
  });
  return result;
}

/** ISO 8601 date-time; read as UTC when it carries no offset (as Graph does). */
function parseGraphDateTime(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i.exec(
    value.trim(),
  );
  if (!match) return null;
  const fraction = (match[2] ?? '0').slice(0, 3).padEnd(3, '0');
  const time = Date.parse(`${match[1]}.${fraction}${match[3] ?? 'Z'}`);
  return Number.isNaN(time) ? null : new Date(time);
}

const eventStart = (event: GraphCalendarEvent): number =>
  parseGraphDateTime(event.start.dateTime)?.getTime() ?? NaN;
const eventEnd = (event: GraphCalendarEvent): number =>
  parseGraphDateTime(event.end.dateTime)?.getTime() ?? NaN;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates the Graph handlers and their fault controller.
 *
 * @example
 * const graph = createGraphHandlers();
 * const server = setupServer(...graph.handlers);
 * graph.faults.failNext({ status: 429, retryAfterSeconds: 1, pathIncludes: '/users' });
 * // … later: expect(graph.requests.filter((r) => r.path === '/users')).toHaveLength(2);
 */
export function createGraphHandlers(options: GraphHandlersOptions = {}): GraphHandlers {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const people = options.people ?? fabrikam.people;
  const me = options.me ?? fabrikam.me;
  const weekStart = options.weekStart;
  const calendar =
    options.calendar ??
    (weekStart
      ? () => fabrikamCalendarWeek(weekStart)
      : (range: CalendarRange) => {
          const events: GraphCalendarEvent[] = [];
          let week = startOfWeekUtc(new Date(range.start.getTime() - 7 * DAY_MS));
          for (let i = 0; i < MAX_GENERATED_WEEKS && week.getTime() < range.end.getTime(); i += 1) {
            events.push(...fabrikamCalendarWeek(week));
            week = new Date(week.getTime() + 7 * DAY_MS);
          }
          return events;
        });

  const users = people.map(toGraphUser);
  const usersById = new Map<string, Record<string, unknown>>();
  for (const user of users) {
    usersById.set(String(user.id).toLowerCase(), user);
    if (typeof user.userPrincipalName === 'string') usersById.set(user.userPrincipalName.toLowerCase(), user);
  }
  const meUser = toGraphUser({
    id: me.id,
    displayName: me.displayName,
    userPrincipalName: me.userPrincipalName,
  });
  const userKnown = new Set(USER_PROPERTIES as readonly string[]);

  const requests: RecordedGraphRequest[] = [];
  const chats = new Map<string, GraphChat>();
  let latencyMs = 0;
  let faultQueue: Fault[] = [];

  const relativePath = (url: URL): string =>
    url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;

  const decodedTarget = (path: string, url: URL): string => {
    try {
      return path + decodeURIComponent(url.search);
    } catch {
      return path + url.search;
    }
  };

  /** Takes the first pending fault that matches `target` and accepts its kind. */
  const takeFault = (target: string, accept: (fault: Fault) => boolean): Fault | undefined => {
    const fault = faultQueue.find(
      (f) =>
        f.remaining > 0 && accept(f) && (f.pathIncludes === undefined || target.includes(f.pathIncludes)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    faultQueue = faultQueue.filter((f) => f.remaining > 0);
    return fault;
  };

  const failureResult = (failure: GraphFailure): RouteResult => {
    const headers: Record<string, string> = {};
    if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = String(failure.retryAfterSeconds);
    const code = failure.code ?? DEFAULT_ERROR_CODES[failure.status];
    return graphError(failure.status, code, `Injected fault: ${failure.status} ${code}.`, headers);
  };

  const respond = (result: RouteResult): Response =>
    HttpResponse.json(result.body as Record<string, unknown>, {
      status: result.status,
      headers: result.headers ? { ...result.headers } : undefined,
    });

  const nextLink = (url: URL, offset: number): string => {
    const params = new URLSearchParams(url.search);
    params.delete('$skiptoken');
    params.set('$skiptoken', encodeSkipToken(offset));
    return `${baseUrl}${relativePath(url)}${buildQuery(params)}`;
  };

  // ------------------------------------------------------------------ routes

  const getUser = (id: string, search: URLSearchParams): RouteResult => {
    const select = parseSelect(search.get('$select'), userKnown);
    if ('unknown' in select) {
      return badRequest(
        `Could not find a property named '${select.unknown}' on type 'microsoft.graph.user'.`,
      );
    }
    const user = usersById.get(id.toLowerCase());
    if (!user) {
      return graphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return {
      status: 200,
      body: { '@odata.context': `${baseUrl}/$metadata#users/$entity`, ...pick(user, select.fields) },
    };
  };

  const listUsers = (url: URL, request: Request): RouteResult => {
    const search = url.searchParams;
    for (const key of search.keys()) {
      if (key === '$skip') return badRequest(`'$skip' is not supported by the service.`);
      if (key.startsWith('$') && !['$select', '$top', '$search', '$count', '$skiptoken'].includes(key)) {
        return unsupportedByMock(`'${key}'`);
      }
    }
    const eventual = request.headers.get('ConsistencyLevel')?.trim().toLowerCase() === 'eventual';
    const rawSearch = search.get('$search');
    const count = search.get('$count');
    if ((rawSearch !== null || count === 'true') && !eventual) {
      return badRequest(
        "Request with $search or $count query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        'Request_UnsupportedQuery',
      );
    }
    const top = parseTop(search.get('$top'), USERS_MAX_TOP, USERS_DEFAULT_TOP);
    if (top === null) {
      return badRequest(
        `Invalid page size specified: '${search.get('$top')}'. Must be between 1 and ${USERS_MAX_TOP} inclusive.`,
      );
    }
    const select = parseSelect(search.get('$select'), userKnown);
    if ('unknown' in select) {
      return badRequest(
        `Could not find a property named '${select.unknown}' on type 'microsoft.graph.user'.`,
      );
    }
    let offset = 0;
    const skipToken = search.get('$skiptoken');
    if (skipToken !== null) {
      const decoded = decodeSkipToken(skipToken);
      if (decoded === null) return badRequest('Invalid $skiptoken.', 'Request_BadRequest');
      offset = decoded;
    }
    let matching = users;
    if (rawSearch !== null) {
      const parsed = parseSearch(rawSearch);
      if (typeof parsed === 'string') return badRequest(parsed);
      matching = users.filter((user) => matchesSearch(user, parsed));
    }
    const page = matching.slice(offset, offset + top);
    const body: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/$metadata#users${select.fields ? `(${select.fields.join(',')})` : ''}`,
    };
    if (count === 'true') body['@odata.count'] = matching.length;
    if (offset + top < matching.length) body['@odata.nextLink'] = nextLink(url, offset + top);
    body.value = page.map((user) => pick(user, select.fields));
    return { status: 200, body };
  };

  const getMe = (url: URL): RouteResult => {
    const select = parseSelect(url.searchParams.get('$select'), userKnown);
    if ('unknown' in select) {
      return badRequest(
        `Could not find a property named '${select.unknown}' on type 'microsoft.graph.user'.`,
      );
    }
    return {
      status: 200,
      body: { '@odata.context': `${baseUrl}/$metadata#users/$entity`, ...pick(meUser, select.fields) },
    };
  };

  const bindPattern = (prefix: string) =>
    new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/users\\('([^']+)'\\)$`);
  const bindPatterns = [bindPattern(CANONICAL_BASE_URL), bindPattern(baseUrl)];

  const createChat = (body: unknown): RouteResult => {
    if (typeof body !== 'object' || body === null)
      return badRequest('The request body must be a JSON object.', 'BadRequest');
    const { chatType, members } = body as { chatType?: unknown; members?: unknown };
    if (chatType !== 'oneOnOne')
      return badRequest(`Unsupported chatType '${String(chatType)}'.`, 'BadRequest');
    if (!Array.isArray(members) || members.length !== 2) {
      return badRequest('A oneOnOne chat must have exactly two members.', 'BadRequest');
    }
    const ids: string[] = [];
    for (const member of members as unknown[]) {
      const m = (member ?? {}) as Record<string, unknown>;
      if (m['@odata.type'] !== '#microsoft.graph.aadUserConversationMember') {
        return badRequest(
          "Each member must be a '#microsoft.graph.aadUserConversationMember'.",
          'BadRequest',
        );
      }
      if (!Array.isArray(m.roles) || !m.roles.includes('owner')) {
        return badRequest("Each member of a oneOnOne chat must have the role 'owner'.", 'BadRequest');
      }
      const bind = m['user@odata.bind'];
      const match =
        typeof bind === 'string' ? bindPatterns.map((p) => p.exec(bind)).find(Boolean) : undefined;
      if (!match || !GUID.test(match[1]!)) {
        return badRequest(
          "'user@odata.bind' must be https://graph.microsoft.com/v1.0/users('<id>').",
          'BadRequest',
        );
      }
      ids.push(match[1]!.toLowerCase());
    }
    const [a, b] = ids as [string, string];
    if (a === b) return badRequest('A oneOnOne chat needs two different users.', 'BadRequest');
    const selfId = me.id.toLowerCase();
    if (a !== selfId && b !== selfId) {
      return badRequest('The signed-in user must be a member of the chat.', 'BadRequest');
    }
    for (const id of ids) {
      if (id !== selfId && !usersById.has(id))
        return graphError(404, 'NotFound', `User '${id}' was not found.`);
    }
    const [first, second] = [a, b].sort() as [string, string];
    const id = `19:${first}_${second}@unq.gbl.spaces`;
    const existing = chats.get(id);
    const chat: GraphChat = existing ?? {
      id,
      chatType: 'oneOnOne',
      memberIds: [first, second],
      createdDateTime: new Date().toISOString(),
    };
    if (!existing) chats.set(id, chat);
    return {
      status: existing ? 200 : 201,
      body: {
        '@odata.context': `${baseUrl}/$metadata#chats/$entity`,
        id: chat.id,
        topic: null,
        createdDateTime: chat.createdDateTime,
        lastUpdatedDateTime: chat.createdDateTime,
        chatType: 'oneOnOne',
        webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(chat.id)}/0?tenantId=${me.tenantId}`,
        tenantId: me.tenantId,
        onlineMeetingInfo: null,
        viewpoint: null,
      },
    };
  };

  const calendarView = (url: URL, request: Request): RouteResult => {
    const search = url.searchParams;
    for (const key of search.keys()) {
      if (key.startsWith('$') && !['$select', '$top', '$orderby', '$skiptoken'].includes(key)) {
        return unsupportedByMock(`'${key}'`);
      }
    }
    const rawStart = search.get('startDateTime') ?? search.get('StartDateTime');
    const rawEnd = search.get('endDateTime') ?? search.get('EndDateTime');
    if (rawStart === null || rawEnd === null) {
      return badRequest(
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        'ErrorInvalidParameter',
      );
    }
    const start = parseGraphDateTime(rawStart);
    const end = parseGraphDateTime(rawEnd);
    if (!start || !end)
      return badRequest(
        'StartDateTime or EndDateTime is not a valid ISO 8601 date-time.',
        'ErrorInvalidParameter',
      );
    if (end.getTime() <= start.getTime()) {
      return badRequest('EndDateTime must be later than StartDateTime.', 'ErrorInvalidParameter');
    }
    const top = parseTop(search.get('$top'), CALENDAR_MAX_TOP, CALENDAR_DEFAULT_TOP);
    if (top === null)
      return badRequest(
        `The value of $top must be between 1 and ${CALENDAR_MAX_TOP}.`,
        'ErrorInvalidParameter',
      );
    const select = parseSelect(search.get('$select'), EVENT_PROPERTIES);
    if ('unknown' in select) {
      return badRequest(
        `Could not find a property named '${select.unknown}' on type 'microsoft.graph.event'.`,
      );
    }
    const orderby = search.get('$orderby');
    let direction = 0;
    if (orderby !== null) {
      const match = /^start\/dateTime(?:\s+(asc|desc))?$/i.exec(orderby.trim());
      if (!match) return unsupportedByMock(`$orderby=${orderby}`);
      direction = match[1]?.toLowerCase() === 'desc' ? -1 : 1;
    }
    let offset = 0;
    const skipToken = search.get('$skiptoken');
    if (skipToken !== null) {
      const decoded = decodeSkipToken(skipToken);
      if (decoded === null) return badRequest('Invalid $skiptoken.', 'ErrorInvalidParameter');
      offset = decoded;
    }
    let events = calendar({ start, end }).filter(
      (event) => eventStart(event) < end.getTime() && eventEnd(event) > start.getTime(),
    );
    if (direction !== 0) events = [...events].sort((x, y) => direction * (eventStart(x) - eventStart(y)));
    const page = events.slice(offset, offset + top);
    const body: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/$metadata#users('${me.id}')/calendar/calendarView`,
    };
    if (offset + top < events.length) body['@odata.nextLink'] = nextLink(url, offset + top);
    body.value = page.map((event) => {
      const fields = select.fields ? Array.from(new Set(['id', ...select.fields])) : null;
      return { '@odata.etag': `W/"${base64Url(event.id).slice(-16)}"`, ...pick({ ...event }, fields) };
    });
    const prefer = request.headers.get('Prefer');
    const timezone = prefer ? /outlook\.timezone="([^"]*)"/i.exec(prefer)?.[1] : undefined;
    return {
      status: 200,
      body,
      headers: timezone ? { 'Preference-Applied': `outlook.timezone="${timezone}"` } : undefined,
    };
  };

  const batch = (body: unknown): RouteResult => {
    const list = (body as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(list) || list.length === 0)
      return badRequest('A $batch body must contain a non-empty requests array.', 'BadRequest');
    if (list.length > BATCH_LIMIT) {
      return badRequest(`The number of batch requests exceeds the limit of ${BATCH_LIMIT}.`, 'BadRequest');
    }
    const seen = new Set<string>();
    const responses: unknown[] = [];
    for (const item of list as unknown[]) {
      const { id, method, url } = (item ?? {}) as { id?: unknown; method?: unknown; url?: unknown };
      if (typeof id !== 'string' || id === '' || seen.has(id)) {
        return badRequest('Each batch request needs a unique, non-empty id.', 'BadRequest');
      }
      seen.add(id);
      if (typeof method !== 'string' || typeof url !== 'string') {
        return badRequest('Each batch request needs a method and a url.', 'BadRequest');
      }
      const subUrl = new URL(`${baseUrl}/${url.replace(/^\/+/, '')}`);
      const subPath = relativePath(subUrl);
      const match = /^\/users\/([^/]+)$/.exec(subPath);
      let result: RouteResult;
      const fault = takeFault(
        decodedTarget(subPath, subUrl),
        (f) => f.kind === 'status' && f.pathIncludes !== undefined,
      );
      if (fault && fault.kind === 'status') result = failureResult(fault.failure);
      else if (method.toUpperCase() !== 'GET' || !match)
        result = unsupportedByMock(`Batch request ${method} ${url}`);
      else result = getUser(decodeURIComponent(match[1]!), subUrl.searchParams);
      responses.push({
        id,
        status: result.status,
        headers: { 'Content-Type': 'application/json', ...result.headers },
        body: result.body,
      });
    }
    return { status: 200, body: { responses } };
  };

  // ------------------------------------------------------------------ pipeline

  type Route = (ctx: {
    url: URL;
    request: Request;
    params: Record<string, string>;
    body: unknown;
  }) => RouteResult;

  const pipeline =
    (route: Route) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      const url = new URL(request.url);
      const path = relativePath(url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        if (key !== 'authorization' && key !== 'cookie') headers[key] = value;
      });
      const authorization = request.headers.get('Authorization') ?? '';
      const authenticated = /^Bearer\s+\S+/i.test(authorization);
      let body: unknown;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const text = await request.clone().text();
        if (text !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
      }
      requests.push({
        method: request.method,
        path,
        search: Object.fromEntries(url.searchParams),
        headers,
        authenticated,
        ...(body === undefined ? {} : { body }),
      });

      if (latencyMs > 0) await delay(latencyMs);

      const target = decodedTarget(path, url);
      const fault = takeFault(target, () => true);
      if (fault?.kind === 'network') return HttpResponse.error();
      if (fault?.kind === 'malformed') {
        return new HttpResponse('{"@odata.context":"x","value":[{"id":"', {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      if (fault?.kind === 'status') return respond(failureResult(fault.failure));
      if (fault?.kind === 'redirect') {
        return HttpResponse.json(
          { value: [] },
          { status: fault.status, headers: { Location: fault.location } },
        );
      }
      if (fault?.kind === 'hang') await delay('infinite');

      if (!authenticated) {
        return respond(
          graphError(
            401,
            'InvalidAuthenticationToken',
            authorization === '' ? 'Access token is empty.' : 'Access token validation failure.',
          ),
        );
      }
      const flatParams: Record<string, string> = {};
      for (const [key, value] of Object.entries(params))
        if (typeof value === 'string') flatParams[key] = value;
      return respond(route({ url, request, params: flatParams, body }));
    };

  const handlers: HttpHandler[] = [
    http.get(
      `${baseUrl}/me`,
      pipeline(({ url }) => getMe(url)),
    ),
    http.get(
      `${baseUrl}/users`,
      pipeline(({ url, request }) => listUsers(url, request)),
    ),
    http.get(
      `${baseUrl}/users/:id`,
      pipeline(({ url, params }) => getUser(decodeURIComponent(params.id ?? ''), url.searchParams)),
    ),
    http.post(
      `${baseUrl}/chats`,
      pipeline(({ body }) =>
        typeof body === 'string' ? badRequest('Invalid JSON body.', 'BadRequest') : createChat(body),
      ),
    ),
    http.get(
      `${baseUrl}/me/calendar/calendarView`,
      pipeline(({ url, request }) => calendarView(url, request)),
    ),
    http.post(
      `${baseUrl}/$batch`,
      pipeline(({ body }) =>
        typeof body === 'string' ? badRequest('Invalid JSON body.', 'BadRequest') : batch(body),
      ),
    ),
    // Anything else under the base URL: a clear Graph-shaped error rather than a silent pass-through.
    http.all(
      `${baseUrl}/*`,
      pipeline(({ request, url }) =>
        graphError(
          400,
          'Request_UnsupportedQuery',
          `${request.method} ${relativePath(url)} is not supported by the Graph mock.`,
        ),
      ),
    ),
  ];

  const enqueue = (fault: Fault) => {
    if (fault.remaining > 0) faultQueue.push(fault);
  };

  const faults: GraphFaults = {
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    failNext(failure) {
      enqueue({ kind: 'status', remaining: failure.times ?? 1, pathIncludes: failure.pathIncludes, failure });
    },
    malformedNext(target = {}) {
      enqueue({ kind: 'malformed', remaining: target.times ?? 1, pathIncludes: target.pathIncludes });
    },
    networkErrorNext(target = {}) {
      enqueue({ kind: 'network', remaining: target.times ?? 1, pathIncludes: target.pathIncludes });
    },
    redirectNext({ status, location, times, pathIncludes }) {
      enqueue({ kind: 'redirect', remaining: times ?? 1, pathIncludes, status, location });
    },
    hangNext(target = {}) {
      enqueue({ kind: 'hang', remaining: target.times ?? 1, pathIncludes: target.pathIncludes });
    },
    reset() {
      latencyMs = 0;
      faultQueue = [];
    },
    get pending() {
      return faultQueue.reduce((sum, fault) => sum + fault.remaining, 0);
    },
  };

  return { handlers, faults, requests, chats };
}
