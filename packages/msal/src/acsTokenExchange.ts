import {
  type AcsAccessToken,
  abortedError,
  isAbortError,
  isTeamsEndpointError,
  parseRetryAfter,
  readServerErrorCode,
  resolveBearerEndpointUrl,
  TeamsEndpointError,
  throwIfAborted,
} from '@teams-endpoint/core';

/**
 * Turns a Microsoft Entra token (for the ACS Teams scopes) into an ACS access token for the same Teams user.
 * Must reject only with `TeamsEndpointError`; anything else becomes `token_exchange_failed`.
 */
export type AcsTokenExchange = (entraToken: string, signal?: AbortSignal) => Promise<AcsAccessToken>;

export interface HttpAcsTokenExchangeOptions {
  /**
   * The exchange endpoint: absolute `https` URL, `http` only on `localhost`, or a path relative to the page
   * (`/api/acs-token`). It must carry no secret: the Entra token goes in the `Authorization` header only.
   */
  readonly url: string;
  /** Default: `globalThis.fetch`, looked up at each call. */
  readonly fetch?: typeof fetch;
  /** The clock, for `Retry-After` dates and expiry checks. Default: `Date.now`. */
  readonly now?: () => number;
}

/** ISO 8601 date-time with an explicit offset: `Date.parse` alone accepts too much. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function invalidUrl(reason: string): TeamsEndpointError {
  return new TeamsEndpointError(
    'invalid_argument',
    `The token exchange URL is not usable: ${reason}. Use an https URL (http only on localhost) or a path on this site.`,
    { details: { reason } },
  );
}

/** Resolves and checks the exchange URL once, so a bearer token is never sent in clear text or with credentials. */
export function resolveExchangeUrl(url: string): URL {
  const resolved = resolveBearerEndpointUrl(url);
  if ('refused' in resolved) throw invalidUrl(resolved.refused);
  return resolved.url;
}

function malformed(reason: string, status: number): TeamsEndpointError {
  return new TeamsEndpointError(
    'token_exchange_failed',
    `The token exchange endpoint sent an unusable answer (${reason}).`,
    { retryable: true, details: { status, reason } },
  );
}

/**
 * Checks what an exchange returned: a non-empty token and a valid expiry in the future.
 *
 * @throws {TeamsEndpointError} `token_exchange_failed` (retryable).
 */
export function validateAcsToken(value: unknown, now: number, status = 200): AcsAccessToken {
  if (!isObject(value) || typeof value.token !== 'string' || value.token.trim() === '') {
    throw malformed('no token', status);
  }
  const { expiresOn } = value;
  if (!(expiresOn instanceof Date) || Number.isNaN(expiresOn.getTime())) throw malformed('no expiry', status);
  if (expiresOn.getTime() <= now) throw malformed('the token has already expired', status);
  return { token: value.token, expiresOn };
}

/** Parses the success body strictly: `{ token: string, expiresOn: ISO 8601 string }`. */
function parseTokenBody(body: string, now: number, status: number): AcsAccessToken {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformed('not JSON', status);
  }
  if (!isObject(json)) throw malformed('not a JSON object', status);
  const { expiresOn } = json;
  if (typeof expiresOn !== 'string' || !ISO_DATE_TIME.test(expiresOn)) {
    throw malformed('expiresOn is not an ISO 8601 date-time', status);
  }
  return validateAcsToken({ token: json.token, expiresOn: new Date(expiresOn) }, now, status);
}

function errorForStatus(
  status: number,
  serverCode: string | undefined,
  retryAfterSeconds: number | undefined,
): TeamsEndpointError {
  const details = { status, ...(serverCode === undefined ? {} : { serverCode }) };
  if (status === 401) {
    return new TeamsEndpointError(
      'token_expired',
      'The token exchange endpoint did not accept the Microsoft Entra token. Sign in again if this persists.',
      { retryable: true, details },
    );
  }
  if (status === 403) {
    if (serverCode === 'tenant_not_allowed') {
      return new TeamsEndpointError(
        'tenant_not_allowed',
        "Your organisation's tenant is not allowed to use this service. Ask the vendor to enable it.",
        { details },
      );
    }
    const message =
      serverCode === 'user_not_allowed'
        ? 'This user is not allowed to use Teams calling in this app.'
        : 'The token exchange endpoint refused this request (HTTP 403).';
    return new TeamsEndpointError('forbidden', message, { details });
  }
  if (status === 429) {
    return new TeamsEndpointError(
      'throttled',
      'The token exchange endpoint is throttling requests. Try again later.',
      {
        retryable: true,
        details: { ...details, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
      },
    );
  }
  if (status >= 500) {
    return new TeamsEndpointError(
      'token_exchange_failed',
      `The token exchange endpoint failed (HTTP ${status}). Try again later.`,
      { retryable: true, details },
    );
  }
  return new TeamsEndpointError(
    'token_exchange_failed',
    `The token exchange endpoint refused the request (HTTP ${status}).`,
    { details },
  );
}

async function readBody(response: Response, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) throw abortedError(error);
    throw new TeamsEndpointError('network', 'The answer of the token exchange endpoint was cut off.', {
      retryable: true,
      cause: error,
    });
  }
}

/**
 * The exchange over HTTP: `POST <url>` with `Authorization: Bearer <entra token>`, no body, `cache: 'no-store'`.
 * The endpoint answers `200 { token, expiresOn }` or `{ error: { code, message } }`.
 *
 * | answer | error code |
 * | --- | --- |
 * | 401 | `token_expired` (retryable) |
 * | 403 `tenant_not_allowed` | `tenant_not_allowed` |
 * | other 403 (`user_not_allowed`) | `forbidden` |
 * | 429 | `throttled` (retryable, `details.retryAfterSeconds`) |
 * | 5xx | `token_exchange_failed` (retryable) |
 * | other status | `token_exchange_failed` |
 * | unusable 200 body | `token_exchange_failed` (retryable) |
 * | no answer | `network` (retryable) |
 * | cancelled | `aborted` |
 *
 * @throws {TeamsEndpointError} `invalid_argument` at once when the URL is not https (or http on localhost).
 *
 * @example
 * const exchange = createHttpAcsTokenExchange({ url: '/api/acs-token' });
 * const { token, expiresOn } = await exchange(entraToken, signal);
 */
export function createHttpAcsTokenExchange(options: HttpAcsTokenExchangeOptions): AcsTokenExchange {
  const url = resolveExchangeUrl(options.url);
  const now = options.now ?? (() => Date.now());
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  return async (entraToken, signal) => {
    throwIfAborted(signal);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${entraToken}`, Accept: 'application/json' },
        cache: 'no-store',
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted || isAbortError(error)) throw abortedError(error);
      if (isTeamsEndpointError(error)) throw error;
      throw new TeamsEndpointError(
        'network',
        'Could not reach the token exchange endpoint. Check the connection.',
        {
          retryable: true,
          cause: error,
        },
      );
    }
    const body = await readBody(response, signal);
    if (response.ok) return parseTokenBody(body, now(), response.status);
    throw errorForStatus(
      response.status,
      readServerErrorCode(body),
      parseRetryAfter(response.headers.get('Retry-After'), now()),
    );
  };
}
