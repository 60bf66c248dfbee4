import { TeamsEndpointError } from '@teams-endpoint/core';

/** The client's three requests, named in every error's `details.operation`. */
export type DirectoryOperation = 'listCustomers' | 'searchCustomers' | 'findCustomerByPhoneNumber';

const OPERATION_TEXT: Record<DirectoryOperation, string> = {
  listCustomers: 'list the customers',
  searchCustomers: 'search the customers',
  findCustomerByPhoneNumber: 'look up the caller',
};

/** What came back for one request that was not a usable success. */
export interface DirectoryFailure {
  readonly status: number;
  /** `error.code` of the `{ error: { code, message } }` body, when it is a plain code. */
  readonly serverCode?: string;
  /** `Retry-After`, in ms. */
  readonly retryAfterMs?: number;
}

/**
 * Maps a refused request to a {@link TeamsEndpointError}. Messages are written here and never copied from the
 * response, so no remote text or credential reaches them; the server's code goes to `details.serverCode`.
 */
export function errorForStatus(operation: DirectoryOperation, failure: DirectoryFailure): TeamsEndpointError {
  const { status, serverCode, retryAfterMs } = failure;
  const what = OPERATION_TEXT[operation];
  const details = { operation, status, ...(serverCode === undefined ? {} : { serverCode }) };
  // Both units: `retryAfterMs` for callers that schedule, `retryAfterSeconds` as the Graph port and the token
  // exchange client name it.
  const retryAfter =
    retryAfterMs === undefined ? {} : { retryAfterMs, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
  const error = (
    code: TeamsEndpointError['code'],
    message: string,
    retryable: boolean,
    extra: Record<string, unknown> = {},
  ) => new TeamsEndpointError(code, message, { retryable, details: { ...details, ...extra } });

  switch (status) {
    case 400:
      return serverCode === 'invalid_phone_number'
        ? error(
            'invalid_phone_number',
            `The customer directory refused the phone number; could not ${what}.`,
            false,
          )
        : error('invalid_argument', `The customer directory refused the request; could not ${what}.`, false);
    case 401:
      return error(
        'token_expired',
        `The customer directory did not accept the access token, even after a refresh; could not ${what}. Sign in again.`,
        false,
      );
    case 403:
      if (serverCode === 'tenant_not_allowed') {
        return error(
          'tenant_not_allowed',
          "Your organisation's tenant is not allowed to use the customer directory. Ask the vendor to enable it.",
          false,
        );
      }
      if (serverCode === 'origin_not_allowed') {
        return error(
          'forbidden',
          `The customer directory does not accept requests from this site; could not ${what}.`,
          false,
        );
      }
      if (serverCode === 'user_not_allowed') {
        return error('forbidden', `This user may not use the customer directory; could not ${what}.`, false);
      }
      return error(
        'forbidden',
        `The customer directory refused the request (HTTP 403); could not ${what}.`,
        false,
      );
    case 404:
      return error(
        'not_found',
        `The customer directory has no such endpoint (HTTP 404); could not ${what}. Check its baseUrl.`,
        false,
      );
    case 429:
      return error(
        'throttled',
        `The customer directory is throttling requests; could not ${what}. Try again later.`,
        true,
        retryAfter,
      );
    default:
      if (status >= 500) {
        return error(
          'service_error',
          `The customer directory is unavailable (HTTP ${status}); could not ${what}. Try again later.`,
          true,
          retryAfter,
        );
      }
      return error(
        'service_error',
        `The customer directory failed (HTTP ${status}); could not ${what}.`,
        false,
      );
  }
}

/** A `malformed_response` error for an answer that is not what the contract says. */
export function malformedResponse(operation: DirectoryOperation, reason: string): TeamsEndpointError {
  return new TeamsEndpointError(
    'malformed_response',
    `The customer directory sent an unexpected answer; could not ${OPERATION_TEXT[operation]} (${reason}).`,
    { retryable: true, details: { operation, reason } },
  );
}

/** A `malformed_response` error for a redirect, which the client never follows (see `createHttpContacts`). */
export function redirectRefused(operation: DirectoryOperation, status: number): TeamsEndpointError {
  return new TeamsEndpointError(
    'malformed_response',
    `The customer directory answered with a redirect, which is refused; could not ${OPERATION_TEXT[operation]}.`,
    { retryable: false, details: { operation, reason: 'redirect', status } },
  );
}

/** A `timeout` error for a request that got no complete answer within `timeoutMs`. */
export function requestTimedOut(operation: DirectoryOperation, timeoutMs: number): TeamsEndpointError {
  return new TeamsEndpointError(
    'timeout',
    `The customer directory did not answer within ${timeoutMs} ms; could not ${OPERATION_TEXT[operation]}. Try again later.`,
    { retryable: true, details: { operation, timeoutMs } },
  );
}

/** A `network` error: no answer, or an answer cut off while its body was read. */
export function networkFailure(
  operation: DirectoryOperation,
  cause: unknown,
  stage: 'request' | 'body',
): TeamsEndpointError {
  const message =
    stage === 'request'
      ? `Could not reach the customer directory to ${OPERATION_TEXT[operation]}. Check the connection.`
      : `The answer of the customer directory was cut off; could not ${OPERATION_TEXT[operation]}.`;
  return new TeamsEndpointError('network', message, {
    retryable: true,
    cause,
    details: { operation, stage },
  });
}
