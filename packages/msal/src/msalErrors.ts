import {
  abortedError,
  isAbortError,
  isTeamsEndpointError,
  TeamsEndpointError,
  type TeamsEndpointErrorCode,
} from '@teams-endpoint/core';

/** What the identity port was doing when MSAL failed; it picks the code of errors that are not self-explanatory. */
export type MsalOperation = 'sign_in' | 'sign_out' | 'acs_token' | 'graph_token' | 'consent';

export interface MsalErrorContext {
  readonly operation: MsalOperation;
  /** The scopes of the token request, named by `consent_required` and `interaction_required`. */
  readonly scopes?: readonly string[];
}

/** The fields of an MSAL `AuthError` this package reads. Read by shape, so any copy of MSAL is recognised. */
interface MsalErrorShape {
  readonly name?: unknown;
  readonly errorCode?: unknown;
  readonly subError?: unknown;
  readonly errorNo?: unknown;
  readonly errorMessage?: unknown;
}

/** Error codes of `InteractionRequiredAuthError` (server- and MSAL-defined). */
const INTERACTION_REQUIRED_CODES: ReadonlySet<string> = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
  'ui_not_allowed',
  'interrupted_user',
  'no_tokens_found',
  'native_account_unavailable',
  'refresh_token_expired',
]);

/** Entra's error number for "the user or administrator has not consented" (AADSTS65001). */
const CONSENT_ERROR_NUMBER = '65001';
const SAFE_CODE = /^[A-Za-z][\w.-]{0,63}$/;

const FALLBACK_TEXT: Record<MsalOperation, string> = {
  sign_in: 'Signing in with Microsoft Entra ID failed.',
  acs_token: 'Could not get the Microsoft Entra token to exchange for a Teams calling token.',
  graph_token: 'Could not get a Microsoft Graph token.',
  consent: 'The consent prompt did not complete.',
  sign_out: "Signing out of Microsoft Entra ID did not complete; this app's own session was cleared.",
};

const FALLBACK_CODE: Record<Exclude<MsalOperation, 'consent'>, TeamsEndpointErrorCode> = {
  sign_out: 'unknown',
  sign_in: 'sign_in_failed',
  acs_token: 'token_exchange_failed',
  graph_token: 'unknown',
};

const asShape = (error: unknown): MsalErrorShape =>
  typeof error === 'object' && error !== null ? (error as MsalErrorShape) : {};

const safeCode = (value: unknown): string | undefined =>
  typeof value === 'string' && SAFE_CODE.test(value) ? value : undefined;

/** Whether MSAL says the user must interact: `InteractionRequiredAuthError` or one of its codes. */
export function isInteractionRequired(error: unknown): boolean {
  const shape = asShape(error);
  return (
    shape.name === 'InteractionRequiredAuthError' ||
    (typeof shape.errorCode === 'string' && INTERACTION_REQUIRED_CODES.has(shape.errorCode))
  );
}

/** Whether an interaction-required error is about missing consent rather than a new sign-in. */
function isConsentMissing(shape: MsalErrorShape): boolean {
  return (
    shape.errorCode === 'consent_required' ||
    shape.subError === 'consent_required' ||
    shape.errorNo === CONSENT_ERROR_NUMBER ||
    (typeof shape.errorMessage === 'string' && shape.errorMessage.includes(`AADSTS${CONSENT_ERROR_NUMBER}`))
  );
}

/**
 * Maps anything MSAL threw to a {@link TeamsEndpointError}.
 *
 * Messages are written here and never copy MSAL's text; MSAL's error code goes to `details.msalErrorCode`, the
 * original error to `cause`.
 */
export function mapMsalError(error: unknown, context: MsalErrorContext): TeamsEndpointError {
  if (isTeamsEndpointError(error)) return error;
  if (isAbortError(error)) return abortedError(error);

  const shape = asShape(error);
  const scopes = context.scopes ? [...context.scopes] : [];
  const msalErrorCode = safeCode(shape.errorCode);
  const msalSubError = safeCode(shape.subError);
  const details = {
    operation: context.operation,
    ...(scopes.length > 0 ? { scopes } : {}),
    ...(msalErrorCode === undefined ? {} : { msalErrorCode }),
    ...(msalSubError === undefined ? {} : { msalSubError }),
  };
  const scopeText = scopes.length > 0 ? scopes.join(', ') : 'the requested permissions';

  if (context.operation === 'sign_out') {
    return new TeamsEndpointError(FALLBACK_CODE.sign_out, FALLBACK_TEXT.sign_out, { cause: error, details });
  }

  const consentStillMissing = () =>
    new TeamsEndpointError(
      'consent_required',
      `Permission is missing. The user or an admin must consent to: ${scopeText}.`,
      { cause: error, details },
    );

  if (isInteractionRequired(error)) {
    if (isConsentMissing(shape) || context.operation === 'consent') return consentStillMissing();
    return new TeamsEndpointError(
      'interaction_required',
      `The user must sign in again to get a token for: ${scopeText}.`,
      { cause: error, details },
    );
  }

  switch (msalErrorCode) {
    case 'no_network_connectivity':
    case 'post_request_failed':
    case 'get_request_failed':
      return new TeamsEndpointError('network', 'Could not reach Microsoft Entra ID. Check the connection.', {
        retryable: true,
        cause: error,
        details,
      });
    case 'timed_out':
      return new TeamsEndpointError('timeout', 'Microsoft Entra ID took too long to answer.', {
        retryable: true,
        cause: error,
        details,
      });
    case 'user_cancelled':
      if (context.operation === 'consent') return consentStillMissing();
      return new TeamsEndpointError('sign_in_failed', 'Sign-in was cancelled.', { cause: error, details });
    case 'popup_window_error':
    case 'empty_window_error':
      return new TeamsEndpointError(
        'sign_in_failed',
        'The sign-in popup could not open. Allow popups for this site, and start sign-in from a click.',
        { cause: error, details },
      );
    case 'interaction_in_progress':
      return new TeamsEndpointError('sign_in_failed', 'Another sign-in is already in progress.', {
        retryable: true,
        cause: error,
        details,
      });
    case 'non_browser_environment':
      return new TeamsEndpointError('sign_in_failed', 'Microsoft Entra sign-in needs a browser.', {
        cause: error,
        details,
      });
  }

  if (shape.name === 'ServerError') {
    return new TeamsEndpointError('service_error', `${FALLBACK_TEXT[context.operation]} Try again later.`, {
      retryable: true,
      cause: error,
      details,
    });
  }
  if (context.operation === 'consent') return consentStillMissing();
  return new TeamsEndpointError(FALLBACK_CODE[context.operation], FALLBACK_TEXT[context.operation], {
    cause: error,
    details,
  });
}
