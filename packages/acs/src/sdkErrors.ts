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

/**
 * The SDK 2.0.0's subCodes for a Teams feature command it refuses, read from its error table
 * (`FEATURES.*`, `LOBBY.*`, `IDENTIFIER.*`), and what each one is for the core.
 */
const FEATURE_REFUSALS: ReadonlyMap<
  number,
  readonly ['not_found' | 'forbidden' | 'invalid_argument' | 'invalid_call_state', string]
> = new Map([
  // LOBBY.NOT_IN_LOBBY 400/41804 and LOBBY.ALREADY_IN_MEETING 400/41803 (`LobbyImpl.validateLobbyOperation`).
  [41804, ['not_found', 'not_in_lobby']],
  [41803, ['not_found', 'not_in_lobby']],
  // LOBBY.UNAUTHORIZED_ADMIT_REJECT 403/41805: only organizers, co-organizers and presenters.
  [41805, ['forbidden', 'role']],
  // SPOTLIGHT.UNSUPPORTED_ROLE_TYPE 403/45903.
  [45903, ['forbidden', 'role']],
  // CAPTIONS.MEETING_POLICY_DISABLED 403/45203, CALLING_POLICY_DISABLED 403/45204.
  [45203, ['forbidden', 'policy']],
  [45204, ['forbidden', 'policy']],
  // CAPTIONS.CAPTIONS_LANG_TEAMS_LICENSE 401/45212: translation needs Teams Premium.
  [45212, ['forbidden', 'license']],
  // CAPTIONS.SPOKEN_LANG_UNSUPPORTED 400/45202, CAPTIONS_LANG_UNSUPPORTED 400/45213.
  [45202, ['invalid_argument', 'unsupported_language']],
  [45213, ['invalid_argument', 'unsupported_language']],
  // TRANSFER.TARGET_NOT_RECOGNIZED 400/46052, INVALID_TARGET_TYPE 400/46053.
  [46052, ['invalid_argument', 'invalid_target']],
  [46053, ['invalid_argument', 'invalid_target']],
  // RAISE_HAND.NOT_SUPPORTED_1TO1 400/45758, SPOTLIGHT.NOT_SUPPORTED_1TO1 400/45906,
  // TRANSFER.UNSUPPORTED_CALL_TYPE 400/46051 (a meeting, or a group call of more than two).
  [45758, ['invalid_call_state', 'not_for_this_call']],
  [45906, ['invalid_call_state', 'not_for_this_call']],
  [46051, ['invalid_call_state', 'not_for_this_call']],
  // CAPTIONS.UPDATE_LANGUAGE_NOT_STARTED 400/45206, UPDATE_CAPTIONS_NOT_STARTED 400/45210: captions are off.
  [45206, ['invalid_call_state', 'captions_off']],
  [45210, ['invalid_call_state', 'captions_off']],
  // SPOTLIGHT.SPOTLIGHT_LIGHT_MAX_REACHED 400/45902.
  [45902, ['invalid_call_state', 'spotlight_limit']],
]);

/** IDENTIFIER.* (422/44000–44013): an identifier the SDK cannot parse. */
const isIdentifierRefusal = (subCode: number) => subCode >= 44000 && subCode <= 44013;

/**
 * Maps what a Teams feature command threw (captions, raise hand, spotlight, lobby, transfer), keeping the SDK's
 * codes in `details`: `not_found`, `forbidden` (with the Teams reason), `invalid_argument` or
 * `invalid_call_state` for the refusals of {@link FEATURE_REFUSALS}; anything else is `call_failed`.
 */
export function toFeatureError(error: unknown, action: string): TeamsEndpointError {
  const typed = passThrough(error);
  if (typed) return typed;
  const codes = readSdkErrorCodes(error);
  const subCode = codes?.subCode;
  const refusal =
    subCode === undefined
      ? undefined
      : (FEATURE_REFUSALS.get(subCode) ??
        (isIdentifierRefusal(subCode) ? (['invalid_argument', 'invalid_identifier'] as const) : undefined));
  if (!refusal) return toOperationError(error, action);
  const [code, reason] = refusal;
  return new TeamsEndpointError(code, `Could not ${action}: Teams refused it.`, {
    cause: error,
    details: { ...codes, reason },
  });
}
