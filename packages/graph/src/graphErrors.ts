import {
  abortedError,
  isAbortError,
  isTeamsEndpointError,
  parseRetryAfter,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import type { GraphOperation } from './scopes';

/** What went wrong with one Graph request, read from a `GraphError` of the graph client (or anything thrown). */
export interface GraphFailure {
  /** HTTP status; `-1` when no response arrived (network failure, abort). A 2xx status means the body was unusable. */
  readonly status: number;
  /** Graph's error code (`error.code`), or the name of the thrown error. */
  readonly graphCode?: string;
  readonly requestId?: string;
  /** The `Retry-After` header, in seconds (0 or more). */
  readonly retryAfterSeconds?: number;
}

/** Statuses retried with back-off: throttled, service unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Reads status, code and `Retry-After` from what the graph client threw (`GraphError { statusCode, code, headers }`). */
export function describeGraphFailure(error: unknown): GraphFailure {
  if (!isObject(error)) return { status: -1 };
  const status = typeof error.statusCode === 'number' ? error.statusCode : -1;
  const graphCode =
    typeof error.code === 'string' && error.code !== ''
      ? error.code
      : typeof error.name === 'string'
        ? error.name
        : undefined;
  const requestId = typeof error.requestId === 'string' ? error.requestId : undefined;
  const headers = error.headers;
  const retryAfter =
    isObject(headers) && typeof (headers as { get?: unknown }).get === 'function'
      ? parseRetryAfter((headers as unknown as Headers).get('Retry-After'))
      : undefined;
  return {
    status,
    ...(graphCode === undefined ? {} : { graphCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
  };
}

export interface GraphErrorContext {
  readonly operation: GraphOperation;
  /** The scopes the request was made with (named by `consent_required`). */
  readonly scopes: readonly string[];
  readonly signal?: AbortSignal;
  /** How many times the request was retried before giving up. */
  readonly retries?: number;
}

const OPERATION_TEXT: Record<GraphOperation, string> = {
  listPeople: 'list people',
  getPerson: 'look up the person',
  getPeople: 'look up the callers',
  getOrCreateOneOnOneChat: 'open the 1:1 chat',
  listMeetings: 'list meetings',
};

/**
 * Maps anything a Graph request threw to a {@link TeamsEndpointError}.
 *
 * Messages are written here, never copied from the response, so no remote text or credential reaches them;
 * the Graph error code and request id go to `details`, the original error to `cause`.
 */
export function mapGraphError(error: unknown, context: GraphErrorContext): TeamsEndpointError {
  if (isTeamsEndpointError(error)) return error;
  const what = OPERATION_TEXT[context.operation];
  if (
    context.signal?.aborted ||
    isAbortError(error) ||
    describeGraphFailure(error).graphCode === 'AbortError'
  ) {
    return abortedError(error);
  }
  const failure = describeGraphFailure(error);
  const details: Record<string, unknown> = {
    operation: context.operation,
    status: failure.status,
    ...(failure.graphCode === undefined ? {} : { graphCode: failure.graphCode }),
    ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
    ...(context.retries ? { retries: context.retries } : {}),
  };
  const options = (retryable: boolean, extra: Record<string, unknown> = {}) => ({
    retryable,
    cause: error,
    details: { ...details, ...extra },
  });
  const retryAfter =
    failure.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds };
  const { status } = failure;

  if (status >= 200 && status < 300) {
    return new TeamsEndpointError(
      'malformed_response',
      `Microsoft Graph sent an unreadable answer; could not ${what}.`,
      options(true),
    );
  }
  if (status === -1 || status === 0) {
    return new TeamsEndpointError(
      'network',
      `Could not reach Microsoft Graph to ${what}. Check the connection.`,
      options(true),
    );
  }
  switch (status) {
    case 400:
      return new TeamsEndpointError(
        'invalid_argument',
        `Microsoft Graph refused the request to ${what}.`,
        options(false),
      );
    case 401:
      return new TeamsEndpointError(
        'token_expired',
        `Microsoft Graph did not accept the access token, even after a refresh; could not ${what}. Sign in again.`,
        options(false),
      );
    case 403:
      return new TeamsEndpointError(
        'consent_required',
        `Permission to ${what} is missing. The user or an admin must consent to: ${context.scopes.join(', ')}.`,
        options(false, { scopes: [...context.scopes] }),
      );
    case 404:
      return new TeamsEndpointError(
        'not_found',
        `Microsoft Graph found nothing; could not ${what}.`,
        options(false),
      );
    case 429:
      return new TeamsEndpointError(
        'throttled',
        `Microsoft Graph is throttling requests; could not ${what}. Try again later.`,
        options(true, retryAfter),
      );
    default:
      if (status >= 500) {
        return new TeamsEndpointError(
          'service_error',
          `Microsoft Graph is unavailable (HTTP ${status}); could not ${what}. Try again later.`,
          options(true, retryAfter),
        );
      }
      return new TeamsEndpointError(
        'service_error',
        `Microsoft Graph failed (HTTP ${status}); could not ${what}.`,
        options(false),
      );
  }
}

/** A `malformed_response` error for a body that parsed but does not have the expected shape. */
export function malformedResponse(operation: GraphOperation, reason: string): TeamsEndpointError {
  return new TeamsEndpointError(
    'malformed_response',
    `Microsoft Graph sent an unexpected answer; could not ${OPERATION_TEXT[operation]} (${reason}).`,
    { retryable: true, details: { operation, reason } },
  );
}

/** A `timeout` error for one attempt of a request that got no complete answer within `timeoutMs`. */
export function requestTimedOut(operation: GraphOperation, timeoutMs: number): TeamsEndpointError {
  return new TeamsEndpointError(
    'timeout',
    `Microsoft Graph did not answer within ${timeoutMs} ms; could not ${OPERATION_TEXT[operation]}. Try again later.`,
    { retryable: true, details: { operation, timeoutMs } },
  );
}

/** A `malformed_response` error for a redirect, which the port never follows (see `createGraphPort`). */
export function redirectRefused(operation: GraphOperation, status: number): TeamsEndpointError {
  return new TeamsEndpointError(
    'malformed_response',
    `Microsoft Graph answered with a redirect, which is refused; could not ${OPERATION_TEXT[operation]}.`,
    { retryable: false, details: { operation, reason: 'redirect', status } },
  );
}
