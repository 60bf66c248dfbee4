import {
  abortedError,
  type ContactsPort,
  type Customer,
  isAbortError,
  isE164PhoneNumber,
  isTeamsEndpointError,
  parseRetryAfter,
  raceSignal,
  readServerErrorCode,
  resolveBearerEndpointUrl,
  type SignalOption,
  TeamsEndpointError,
  throwIfAborted,
  toTeamsEndpointError,
  withTimeout,
} from '@teams-endpoint/core';
import {
  type DirectoryOperation,
  errorForStatus,
  malformedResponse,
  networkFailure,
  redirectRefused,
  requestTimedOut,
} from './directoryErrors';
import {
  type CustomerPage,
  MAX_BODY_BYTES,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_SIZE,
  parseCustomerPage,
  parseJsonBody,
  parseLookup,
} from './directoryResponses';

/** How many customers `listCustomers` returns at most, unless `maxCustomers` says otherwise. */
export const DEFAULT_MAX_CUSTOMERS = 1_000;
/** The `limit` of each page request, unless `pageSize` says otherwise. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
/** How long one request may take, from sending it to reading the whole answer, unless `requestTimeoutMs` says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * The longest search text `searchCustomers` sends, in code points after trimming: the directory server's own
 * bound (`@teams-endpoint/customer-directory`), so a longer one is refused here instead of by a 400.
 */
export const MAX_SEARCH_LENGTH = 100;
/** The longest delay `setTimeout` keeps; a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** RFC 6750 `b64token`, what the directory's `Authorization: Bearer` parser accepts (a JWT is one). */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** What `getAccessToken` is asked for. */
export interface AccessTokenRequest {
  /** The caller's signal: abort the token request with it. */
  readonly signal?: AbortSignal;
  /** `true` once, after the directory answered 401: skip any cache and get a new token. */
  readonly forceRefresh: boolean;
}

export interface HttpContactsOptions {
  /**
   * The directory's root, below which it serves `/customers` and `/customers/lookup`: an absolute `https` URL
   * (`http` only on `localhost`) or a path on this site (`/api/directory`), without query, fragment or
   * credentials.
   */
  readonly baseUrl: string;
  /**
   * A Microsoft Entra access token for the vendor's directory API, sent only as `Authorization: Bearer`.
   * With `@teams-endpoint/msal`: `({ signal, forceRefresh }) => identity.getGraphToken([scope], { signal, forceRefresh })`.
   * It may reject only with a `TeamsEndpointError` (anything else becomes `unknown`), and must resolve with
   * the token alone (RFC 6750 characters, no `Bearer ` prefix).
   */
  readonly getAccessToken: (request: AccessTokenRequest) => Promise<string>;
  /** Default: `globalThis.fetch`, looked up at each call. */
  readonly fetch?: typeof fetch;
  /** The `limit` of each page `listCustomers` asks for, 1 to 100. Default: 100. */
  readonly pageSize?: number;
  /**
   * The most customers `listCustomers` returns: it follows `nextCursor` until the last page or until it has
   * this many, and drops the rest. A positive integer. Default: 1,000.
   */
  readonly maxCustomers?: number;
  /**
   * The most time one request may take, in ms, from sending it to reading the whole answer (the access token
   * is asked for before the clock starts). When it runs out, the request is aborted and the method rejects
   * with `timeout` (retryable, `details.timeoutMs`). Default: 10,000.
   */
  readonly requestTimeoutMs?: number;
}

export interface SearchCustomersOptions extends SignalOption {
  /** The `nextCursor` of the previous page of the same search; `null` or absent for the first page. */
  readonly cursor?: string | null;
  /** The most customers on the page, 1 to 100. Default: the client's `pageSize`. */
  readonly limit?: number;
}

/** A {@link ContactsPort} over the directory's HTTP API, plus a paged search for a picker. */
export interface HttpContacts extends ContactsPort {
  /**
   * One page of the customers matching `query` (all of them when `query` is blank). The customers' text is
   * the directory's, checked for type and length but not normalized: show it with `textContent`.
   */
  searchCustomers(query: string, options?: SearchCustomersOptions): Promise<CustomerPage>;
}

const invalidArgument = (message: string, reason: string) =>
  new TeamsEndpointError('invalid_argument', message, { details: { reason } });

function resolveBaseUrl(baseUrl: string): URL {
  const refuse = (reason: string) =>
    invalidArgument(
      `The customer directory baseUrl is not usable: ${reason}. Use an https URL (http only on localhost) or a path on this site.`,
      'invalid_base_url',
    );
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') throw refuse('it is not a URL');
  const resolved = resolveBearerEndpointUrl(baseUrl, { bare: true });
  if ('refused' in resolved) throw refuse(resolved.refused);
  return resolved.url;
}

function checkInteger(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  const number = value ?? fallback;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalidArgument(`${name} must be an integer from ${min} to ${max}.`, `invalid_${name}`);
  }
  return number;
}

function checkTimeout(value: number | undefined): number {
  const ms = value ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMER_MS) {
    throw invalidArgument(
      'requestTimeoutMs must be a positive number of milliseconds, at most 2^31 - 1.',
      'invalid_requestTimeoutMs',
    );
  }
  return ms;
}

function checkCursor(cursor: string | null | undefined): string | null {
  if (cursor === undefined || cursor === null) return null;
  if (typeof cursor !== 'string' || cursor === '' || cursor.length > MAX_CURSOR_LENGTH) {
    throw invalidArgument('The cursor is not a nextCursor of the customer directory.', 'invalid_cursor');
  }
  return cursor;
}

const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' ||
  response.status === 0 ||
  (response.status >= 300 && response.status < 400);

/** A request's answer, read whole within the request's time. */
interface DirectoryAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Reads at most {@link MAX_BODY_BYTES} of UTF-8. The reader is cancelled when the request's signal aborts, so a
 * body that stalls does not hold the connection after a timeout or a cancellation.
 */
async function readBody(
  operation: DirectoryOperation,
  response: Response,
  signal: AbortSignal,
): Promise<string> {
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  const tooLarge = () => malformedResponse(operation, `larger than ${MAX_BODY_BYTES} bytes`);
  if (declared > MAX_BODY_BYTES) {
    response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const cancel = () => {
    reader.cancel().catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  if (signal.aborted) cancel();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw networkFailure(operation, error, 'body');
      }
      if (chunk.done) break;
      bytes += chunk.value.byteLength;
      if (bytes > MAX_BODY_BYTES) {
        cancel();
        throw tooLarge();
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    if (isTeamsEndpointError(error)) throw error;
    throw malformedResponse(operation, 'not UTF-8');
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * Creates the contacts port over Contoso's customer directory API:
 *
 * - `GET {baseUrl}/customers?search=&cursor=&limit=` → `200 { customers, nextCursor }`
 * - `GET {baseUrl}/customers/lookup?phoneNumber=<E.164>` → `200 { customer | null }`
 *
 * Each request carries `Authorization: Bearer <getAccessToken()>` and nothing secret in its URL, goes out with
 * `cache: 'no-store'` and `redirect: 'manual'` (a redirect is refused, never followed), and is bounded by
 * `requestTimeoutMs`. A 401 gets one forced token refresh and one retry. Every method rejects only with a
 * `TeamsEndpointError`:
 *
 * | answer | code |
 * | --- | --- |
 * | 400 `invalid_phone_number` | `invalid_phone_number` |
 * | other 400 (`invalid_request`, `invalid_cursor`) | `invalid_argument` |
 * | 401 twice (after the refresh) | `token_expired` |
 * | 403 `tenant_not_allowed` | `tenant_not_allowed` |
 * | other 403 (`origin_not_allowed`, `user_not_allowed`) | `forbidden` |
 * | 404 | `not_found` |
 * | 429 | `throttled` (retryable, `details.retryAfterMs`) |
 * | 5xx (503 `directory_unavailable`) | `service_error` (retryable, `details.retryAfterMs` when sent) |
 * | a redirect | `malformed_response` (`details.reason: 'redirect'`) |
 * | a 200 that breaks the contract | `malformed_response` (retryable) |
 * | no answer, or a cut-off one | `network` (retryable) |
 * | no complete answer in time | `timeout` (retryable) |
 * | cancelled | `aborted` |
 *
 * The server's own messages are never shown; its error code is in `details.serverCode`. No request is
 * retried on its own except after a 401: a `throttled` or `service_error` is for the caller to retry.
 *
 * @throws {TeamsEndpointError} `invalid_argument` at once for an unusable `baseUrl`, `pageSize`,
 * `maxCustomers` or `requestTimeoutMs`.
 *
 * @example
 * const contacts = createHttpContacts({
 *   baseUrl: 'https://directory.contoso.example/api',
 *   getAccessToken: ({ signal, forceRefresh }) =>
 *     identity.getGraphToken(['api://contoso-customers/Customers.Read'], { signal, forceRefresh }),
 * });
 * const endpoint = createTeamsEndpoint({ identity, graph, calling, contacts });
 * const { customers, nextCursor } = await contacts.searchCustomers('fabrikam', { limit: 20 });
 */
export function createHttpContacts(options: HttpContactsOptions): HttpContacts {
  if (typeof options?.getAccessToken !== 'function') {
    throw invalidArgument(
      'getAccessToken must be a function that returns an access token.',
      'no_getAccessToken',
    );
  }
  const base = resolveBaseUrl(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pageSize = checkInteger(options.pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, 'pageSize');
  const maxCustomers = checkInteger(
    options.maxCustomers,
    DEFAULT_MAX_CUSTOMERS,
    1,
    Number.MAX_SAFE_INTEGER,
    'maxCustomers',
  );
  const timeoutMs = checkTimeout(options.requestTimeoutMs);
  const { getAccessToken } = options;
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const urlOf = (path: string, query: Record<string, string>): URL => {
    const url = new URL(base.href);
    url.pathname = `${basePath}${path}`;
    url.search = new URLSearchParams(query).toString();
    return url;
  };

  const accessToken = async (forceRefresh: boolean, signal: AbortSignal | undefined): Promise<string> => {
    let token: unknown;
    try {
      token = await raceSignal(
        Promise.resolve().then(() => getAccessToken({ ...(signal ? { signal } : {}), forceRefresh })),
        signal,
      );
    } catch (error) {
      throw toTeamsEndpointError(
        error,
        'unknown',
        'Could not get an access token for the customer directory.',
      );
    }
    throwIfAborted(signal);
    if (typeof token !== 'string' || !BEARER_TOKEN.test(token)) {
      throw invalidArgument(
        'getAccessToken must resolve with an access token: the token alone, without "Bearer ", in RFC 6750 characters.',
        'invalid_access_token',
      );
    }
    return token;
  };

  /** One attempt: the whole answer, read within `timeoutMs`; a redirect is refused unread. */
  const send = async (
    operation: DirectoryOperation,
    url: URL,
    token: string,
    signal: AbortSignal,
  ): Promise<DirectoryAnswer> => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'GET',
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      if (isTeamsEndpointError(error)) throw error;
      if (signal.aborted || isAbortError(error)) throw abortedError(error);
      throw networkFailure(operation, error, 'request');
    }
    if (isRedirect(response)) {
      response.body?.cancel().catch(() => undefined);
      throw redirectRefused(operation, response.status);
    }
    const body = await readBody(operation, response, signal);
    return { status: response.status, headers: response.headers, body };
  };

  /** GETs one directory URL: one forced token refresh and one retry after a 401, the JSON body otherwise. */
  const getJson = async (
    operation: DirectoryOperation,
    url: URL,
    signal: AbortSignal | undefined,
  ): Promise<unknown> => {
    let forceRefresh = false;
    for (;;) {
      throwIfAborted(signal);
      const token = await accessToken(forceRefresh, signal);
      const answer = await withTimeout((attempt) => send(operation, url, token, attempt), {
        timeoutMs,
        signal,
        timeoutError: () => requestTimedOut(operation, timeoutMs),
      });
      if (answer.status >= 200 && answer.status < 300) {
        return parseJsonBody(operation, answer.headers.get('Content-Type'), answer.body);
      }
      if (answer.status === 401 && !forceRefresh) {
        forceRefresh = true;
        continue;
      }
      const serverCode = readServerErrorCode(answer.body);
      const retryAfterSeconds = parseRetryAfter(answer.headers.get('Retry-After'));
      throw errorForStatus(operation, {
        status: answer.status,
        ...(serverCode === undefined ? {} : { serverCode }),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterMs: Math.ceil(retryAfterSeconds * 1000) }),
      });
    }
  };

  const fetchPage = async (
    operation: DirectoryOperation,
    query: { search: string; cursor: string | null; limit: number },
    signal: AbortSignal | undefined,
  ): Promise<CustomerPage> => {
    const url = urlOf('/customers', {
      ...(query.search === '' ? {} : { search: query.search }),
      ...(query.cursor === null ? {} : { cursor: query.cursor }),
      limit: String(query.limit),
    });
    return parseCustomerPage(operation, await getJson(operation, url, signal), query.limit);
  };

  async function listCustomers(signalOptions: SignalOption = {}): Promise<readonly Customer[]> {
    const { signal } = signalOptions;
    throwIfAborted(signal);
    const customers: Customer[] = [];
    const sentCursors = new Set<string>();
    let cursor: string | null = null;
    for (;;) {
      const limit = Math.min(pageSize, maxCustomers - customers.length);
      const page = await fetchPage('listCustomers', { search: '', cursor, limit }, signal);
      customers.push(...page.customers);
      if (page.nextCursor === null || customers.length >= maxCustomers) return customers;
      // A directory that hands back a cursor it already gave, or pages that bring nobody, would page forever.
      if (sentCursors.has(page.nextCursor)) throw malformedResponse('listCustomers', 'a nextCursor repeated');
      if (page.customers.length === 0)
        throw malformedResponse('listCustomers', 'an empty page with a nextCursor');
      sentCursors.add(page.nextCursor);
      cursor = page.nextCursor;
    }
  }

  async function searchCustomers(
    query: string,
    searchOptions: SearchCustomersOptions = {},
  ): Promise<CustomerPage> {
    const { signal } = searchOptions;
    if (typeof query !== 'string')
      throw invalidArgument('The search text must be a string.', 'invalid_search');
    const search = query.trim();
    if (Array.from(search).length > MAX_SEARCH_LENGTH) {
      throw invalidArgument(
        `The search text is too long (at most ${MAX_SEARCH_LENGTH} characters).`,
        'search_too_long',
      );
    }
    const cursor = checkCursor(searchOptions.cursor);
    const limit = checkInteger(searchOptions.limit, pageSize, 1, MAX_PAGE_SIZE, 'limit');
    throwIfAborted(signal);
    return fetchPage('searchCustomers', { search, cursor, limit }, signal);
  }

  async function findCustomerByPhoneNumber(
    phoneNumber: string,
    signalOptions: SignalOption = {},
  ): Promise<Customer | null> {
    const { signal } = signalOptions;
    if (!isE164PhoneNumber(phoneNumber)) {
      throw new TeamsEndpointError(
        'invalid_phone_number',
        'The phone number to look up is not in E.164 form, for example +14255550123. Format it with parsePhoneNumber first.',
        { details: { reason: 'not_e164' } },
      );
    }
    throwIfAborted(signal);
    const operation = 'findCustomerByPhoneNumber';
    const json = await getJson(operation, urlOf('/customers/lookup', { phoneNumber }), signal);
    return parseLookup(operation, json, phoneNumber);
  }

  return { listCustomers, searchCustomers, findCustomerByPhoneNumber };
}
