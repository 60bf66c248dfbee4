/** Stable machine-readable codes of the error responses. Never renamed once released. */
export type TokenExchangeErrorCode =
  /** 400: the `Authorization: Bearer <token>` header is missing, too large or not of that form. */
  | 'invalid_request'
  /** 401: the Entra token failed validation (signature, algorithm, audience, issuer, client id, lifetime, claims). */
  | 'invalid_token'
  /** 403: the token's tenant (`tid`) is not in `allowedTenantIds`. */
  | 'tenant_not_allowed'
  /** 403: the `authorizeUser` hook refused this user. */
  | 'user_not_allowed'
  /** 403: the request's `Origin` is not in `allowedOrigins`. */
  | 'origin_not_allowed'
  /** 405: only `POST` and the CORS preflight `OPTIONS` are allowed. */
  | 'method_not_allowed'
  /** 413: the request body is larger than the Node adapter accepts. */
  | 'payload_too_large'
  /** 429: this user made too many requests in the current window; see `Retry-After`. */
  | 'rate_limited'
  /** 502: the issuing tenant's signing keys could not be fetched. */
  | 'keys_unavailable'
  /** 502: Azure Communication Services refused or failed the exchange. */
  | 'exchange_failed'
  /** 503: the rate-limit store (Redis, say) did not answer in time; the request is refused, not let through. */
  | 'rate_limit_unavailable'
  /** 504: Azure Communication Services did not complete the exchange within `acsTimeoutMs`. */
  | 'acs_timeout'
  /** 500: an unexpected failure, for example an `authorizeUser` hook that threw. */
  | 'internal_error';

/** The JSON body of every error response. */
export interface TokenExchangeErrorBody {
  error: { code: TokenExchangeErrorCode; message: string };
}
