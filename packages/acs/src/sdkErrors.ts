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

/**
 * The SDK 2.0.0's subCodes for a stream that cannot be rendered because it is not available: VIEW.ISAVAILABLE_FALSE
 * (412/43200, `VideoStreamRenderer.createView` on a remote stream whose `isAvailable` is false),
 * VIEW.STREAM_BECAME_UNAVAILABLE (404/43202, it turned false while the view was being made) and
 * VIEW.REMOTE_VIDEO_STREAM_DISPOSED (405/43208, the stream was removed meanwhile).
 */
const STREAM_UNAVAILABLE = new Set([43200, 43202, 43208]);

/**
 * The SDK 2.0.0's subCodes for media the user or the system refused. The browser's `NotAllowedError` (a refused
 * camera prompt, a cancelled screen picker) becomes `permissionDeniedError` in the SDK's media stack
 * (`getMediaError`), then LOCAL_VIDEO_STREAM.PERMISSION_DENIED 403/43001 in `handleVideoOperationFailure`
 * (what `TeamsCallImpl.startScreenSharing` and the local renderer reject with), or WB_MEDIA_SDK.VIDEO
 * PERMISSION_DENIED 403/60511 in its newer media stack. Refused by the operating system (macOS screen recording,
 * camera privacy): 412/43016 and 412/60515.
 */
const REFUSED_BY_USER = new Set([43001, 60511]);
const REFUSED_BY_SYSTEM = new Set([43016, 60515]);

/** Why the user's media was refused, or `undefined` when the error says something else. */
function mediaRefusal(error: unknown): 'refused' | 'refused_by_system' | undefined {
  const subCode = readSdkErrorCodes(error)?.subCode;
  if (subCode !== undefined && REFUSED_BY_SYSTEM.has(subCode)) return 'refused_by_system';
  if (subCode !== undefined && REFUSED_BY_USER.has(subCode)) return 'refused';
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'NotAllowedError' ? 'refused' : undefined;
}

/**
 * Maps what rendering a stream threw: `not_found` (`details.reason: 'stream_unavailable'`) for a stream that
 * is not (or no longer) available, `camera_denied` for the local camera refused, otherwise `unknown`.
 */
export function toRenderError(error: unknown, source: 'camera' | 'stream'): TeamsEndpointError {
  const typed = passThrough(error);
  if (typed) return typed;
  const codes = readSdkErrorCodes(error);
  if (codes?.subCode !== undefined && STREAM_UNAVAILABLE.has(codes.subCode)) {
    return new TeamsEndpointError('not_found', 'The video stream is not available any more.', {
      cause: error,
      details: { ...codes, reason: 'stream_unavailable' },
    });
  }
  const refusal = source === 'camera' ? mediaRefusal(error) : undefined;
  if (refusal) {
    return new TeamsEndpointError(
      'camera_denied',
      'Camera access was denied. Allow it in the browser’s site settings, then try again.',
      { cause: error, details: { ...codes, reason: refusal } },
    );
  }
  return toOperationError(error, 'show the video', 'unknown');
}

/** Maps what `startScreenSharing` threw: a cancelled or refused picker is `screen_share_denied`. */
export function toScreenShareError(error: unknown): TeamsEndpointError {
  const typed = passThrough(error);
  if (typed) return typed;
  const refusal = mediaRefusal(error);
  if (!refusal) return toOperationError(error, 'share the screen');
  return new TeamsEndpointError(
    'screen_share_denied',
    refusal === 'refused_by_system'
      ? 'The operating system does not let the browser share the screen. Allow screen recording in its privacy settings.'
      : 'Screen sharing was cancelled or not allowed.',
    { cause: error, details: { ...readSdkErrorCodes(error), reason: refusal } },
  );
}
