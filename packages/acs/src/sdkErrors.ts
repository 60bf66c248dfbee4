import { abortedError, isAbortError, isTeamsEndpointError, TeamsEndpointError } from '@teams-endpoint/core';

/** The codes of a `CommunicationServicesError`, what the Calling SDK throws: an HTTP-like code and a subCode. */
export interface SdkErrorCodes {
  readonly code: number;
  readonly subCode?: number;
}

/** Reads `code` and `subCode` from an SDK error; `undefined` for anything else. */
export function readSdkErrorCodes(error: unknown): SdkErrorCodes | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, subCode } = error as { code?: unknown; subCode?: unknown };
  if (typeof code !== 'number') return undefined;
  return typeof subCode === 'number' ? { code, subCode } : { code };
}

/** `createTeamsCallAgent` was given an ACS identity token instead of a Teams-user one. */
const NOT_A_TEAMS_TOKEN = 40231;
/** `createTeamsCallAgent` could not reach the service (seen after about 16 s without network). */
const AGENT_CREATION_FAILED = 40216;

/** Keeps typed errors, and turns an abort into `aborted`. */
function passThrough(error: unknown): TeamsEndpointError | undefined {
  if (isTeamsEndpointError(error)) return error;
  if (isAbortError(error)) return abortedError(error);
  return undefined;
}

/**
 * Maps what creating the Teams call agent threw. Messages are written here; the SDK's error stays the `cause`.
 *
 * | SDK code/subCode | error |
 * | --- | --- |
 * | 403/40231 | `forbidden`, `details.reason: 'not_a_teams_token'` |
 * | 401 | `token_expired` (retryable) |
 * | 403 | `forbidden` |
 * | 500/40216, 408, 412 | `network` (retryable) |
 * | other 5xx | `service_error` (retryable) |
 * | other | `call_failed` |
 */
export function toConnectError(error: unknown): TeamsEndpointError {
  const typed = passThrough(error);
  if (typed) return typed;
  const codes = readSdkErrorCodes(error);
  if (!codes) {
    return new TeamsEndpointError('unknown', 'Connecting the Teams call agent failed.', { cause: error });
  }
  const options = { cause: error, details: { ...codes } };
  const { code, subCode } = codes;
  if (code === 403 && subCode === NOT_A_TEAMS_TOKEN) {
    return new TeamsEndpointError(
      'forbidden',
      'The ACS token is not a Teams-user token (403/40231). The token exchange must return a token from getTokenForTeamsUser, not an ACS identity token.',
      { ...options, details: { ...codes, reason: 'not_a_teams_token' } },
    );
  }
  if (code === 401) {
    return new TeamsEndpointError('token_expired', 'The calling service refused the ACS token (401).', {
      ...options,
      retryable: true,
    });
  }
  if (code === 403) {
    return new TeamsEndpointError('forbidden', 'The calling service refused this Teams user (403).', options);
  }
  if ((code === 500 && subCode === AGENT_CREATION_FAILED) || code === 408 || code === 412) {
    return new TeamsEndpointError(
      'network',
      'The calling service could not be reached. Check the network connection.',
      { ...options, retryable: true },
    );
  }
  if (code >= 500) {
    return new TeamsEndpointError('service_error', 'The calling service had a problem. Try again later.', {
      ...options,
      retryable: true,
    });
  }
  return new TeamsEndpointError('call_failed', `Connecting the Teams call agent failed (${code}).`, options);
}

/**
 * Maps what a call or device operation threw, keeping the SDK's codes in `details`.
 *
 * @param action what was attempted, as in "Could not {action}."
 * @param code `call_failed` for calls; device operations pass `unknown`.
 */
export function toOperationError(
  error: unknown,
  action: string,
  code: 'call_failed' | 'unknown' = 'call_failed',
): TeamsEndpointError {
  const typed = passThrough(error);
  if (typed) return typed;
  const codes = readSdkErrorCodes(error);
  return new TeamsEndpointError(code, `Could not ${action}.`, {
    cause: error,
    ...(codes ? { details: { ...codes } } : {}),
  });
}
