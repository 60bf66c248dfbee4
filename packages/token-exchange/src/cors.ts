/** The methods this endpoint serves. */
export const ALLOWED_METHODS = 'OPTIONS, POST';

/** How long a browser may cache a successful preflight, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS headers for a request. An allowed origin is echoed exactly; any other origin gets no
 * `Access-Control-Allow-Origin`, so a browser keeps the response from the page.
 */
export function corsHeaders(
  origin: string | null,
  allowedOrigins: ReadonlySet<string>,
): Record<string, string> {
  if (origin === null || !allowedOrigins.has(origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** The answer to a preflight from an allowed origin. No credentials: the token travels in a header. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
    Vary: 'Origin',
  };
}
