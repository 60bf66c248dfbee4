/** Stable machine-readable error codes. Never renamed once released. */
export type TeamsEndpointErrorCode =
  | 'invalid_phone_number'
  | 'invalid_teams_user_id'
  | 'invalid_meeting_link'
  | 'invalid_meeting_id'
  | 'invalid_argument'
  | 'not_signed_in'
  | 'not_connected'
  | 'sign_in_failed'
  | 'interaction_required'
  | 'consent_required'
  | 'tenant_not_allowed'
  | 'token_expired'
  | 'token_exchange_failed'
  | 'throttled'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'not_found'
  | 'forbidden'
  | 'service_error'
  | 'malformed_response'
  | 'call_failed'
  | 'call_not_found'
  | 'invalid_call_state'
  | 'microphone_denied'
  | 'camera_denied'
  | 'screen_share_denied'
  | 'disposed'
  | 'unknown';

export interface TeamsEndpointErrorOptions {
  /** Whether retrying the same operation later may succeed. */
  retryable?: boolean;
  /** The underlying error. Kept for debugging; never shown to the user. */
  cause?: unknown;
  /** Extra structured facts, for example the missing scopes of a `consent_required` error. */
  details?: Readonly<Record<string, unknown>>;
}

const JWT_LIKE = /\beyJ[\w-]{4,}\.[\w-]{4,}(?:\.[\w-]*)?/g;
const BEARER = /\b(Bearer)\s+[\w\-.~+/]+=*/gi;
const TOKEN_PARAM = /\b(access_token|id_token|refresh_token|token|code)=([^&\s"']+)/gi;

/**
 * Removes anything that looks like a credential from a piece of text:
 * JWTs, `Bearer …` values and `token=`-style query parameters.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(JWT_LIKE, '[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(TOKEN_PARAM, '$1=[redacted]');
}

/**
 * The one error type every port and machine rejects with.
 *
 * @example
 * try { await endpoint.callPhoneNumber('12ab'); }
 * catch (error) {
 *   if (isTeamsEndpointError(error) && error.code === 'invalid_phone_number') showHint(error.message);
 * }
 */
export class TeamsEndpointError extends Error {
  override readonly name = 'TeamsEndpointError';
  readonly code: TeamsEndpointErrorCode;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: TeamsEndpointErrorCode, message: string, options: TeamsEndpointErrorOptions = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = Object.freeze({ ...options.details });
  }

  /** A plain, serializable view of the error, safe to put into state snapshots and logs. */
  toJSON(): TeamsEndpointErrorInfo {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

/** The serializable form of a {@link TeamsEndpointError}, as it appears in snapshots. */
export interface TeamsEndpointErrorInfo {
  readonly code: TeamsEndpointErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
}

export function isTeamsEndpointError(value: unknown): value is TeamsEndpointError {
  return value instanceof TeamsEndpointError;
}

/** Wraps anything thrown into a {@link TeamsEndpointError}, keeping typed errors as they are. */
export function toTeamsEndpointError(
  error: unknown,
  fallbackCode: TeamsEndpointErrorCode = 'unknown',
  fallbackMessage = 'An unexpected error occurred.',
): TeamsEndpointError {
  if (isTeamsEndpointError(error)) return error;
  if (isAbortError(error)) return abortedError(error);
  return new TeamsEndpointError(fallbackCode, fallbackMessage, { cause: error });
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * The one typed error for a cancelled operation. Every port and machine rejects with it when its signal
 * aborts, so that callers can tell a cancellation from a failure by `code === 'aborted'`.
 */
export function abortedError(cause?: unknown, message = 'The operation was cancelled.'): TeamsEndpointError {
  return new TeamsEndpointError('aborted', message, cause === undefined ? {} : { cause });
}

/** Throws the typed `aborted` error when the signal has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}
