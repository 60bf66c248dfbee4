/** Stable machine-readable codes of the handler's error responses. Never renamed once released. */
export type CustomerDirectoryErrorResponseCode =
  /** 400: the `Authorization: Bearer <token>` header is missing, too large or not of that form. */
  | 'invalid_request'
  /** 400: a query parameter is repeated, unknown to the endpoint, or not decodable. */
  | 'invalid_query'
  /** 400: `limit` is not a whole number from 1 to 100. */
  | 'invalid_limit'
  /** 400: `cursor` is malformed, or was issued for another tenant or another search. */
  | 'invalid_cursor'
  /** 400: `search` is longer than 100 characters or has control characters. */
  | 'invalid_search'
  /** 400: `phoneNumber` is missing or cannot be normalized to E.164. */
  | 'invalid_phone_number'
  /** 401: the Entra token failed validation (signature, audience, issuer, client id, lifetime, scope, claims). */
  | 'invalid_token'
  /** 403: the token's tenant (`tid`) is not in `allowedTenantIds`. */
  | 'tenant_not_allowed'
  /** 403: the request's `Origin` is not in `allowedOrigins`. */
  | 'origin_not_allowed'
  /** 404: no endpoint at this path. */
  | 'not_found'
  /** 405: only `GET` and the CORS preflight `OPTIONS` are allowed. */
  | 'method_not_allowed'
  /** 500: an unexpected failure. */
  | 'internal_error'
  /** 502: the issuing tenant's signing keys could not be fetched. */
  | 'keys_unavailable'
  /** 503: the repository failed or timed out. Retry later. */
  | 'directory_unavailable';

/** The JSON body of every error response. */
export interface CustomerDirectoryErrorBody {
  error: { code: CustomerDirectoryErrorResponseCode; message: string };
}
