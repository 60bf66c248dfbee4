/** The methods this endpoint serves. */
export const ALLOWED_METHODS = 'OPTIONS, POST';

/** How long a browser may cache a successful preflight, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS headers for a request. An allowed origin is echoed exactly; any other origin gets no
 * `Access-Control-Allow-Origin`, so a browser keeps the response from the page. The headers a client needs to
 * read on an error (how long to wait, why the token was refused) are exposed to the page.
 */
export function corsHeaders(
  origin: string | null,
  allowedOrigins: ReadonlySet<string>,
): Record<string, string> {
  if (origin === null || !allowedOrigins.has(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After, WWW-Authenticate',
    Vary: 'Origin',
  };
}

/** What a preflight allows: the exchange's `POST` with its headers, by default. */
export interface PreflightOptions {
  /** Default `POST`. */
  readonly methods?: string;
  /** Default `Authorization, Content-Type`. */
  readonly headers?: string;
}

/** The answer to a preflight from an allowed origin. No credentials: the token travels in a header. */
export function preflightHeaders(
  origin: string,
  { methods = 'POST', headers = 'Authorization, Content-Type' }: PreflightOptions = {},
): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': headers,
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
    Vary: 'Origin',
  };
}
