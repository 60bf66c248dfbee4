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

/**
 * Checks a list of allowed origins at construction: each an exact `http(s)` origin (`https://app.contoso.com`),
 * no wildcard, no path. Throws a `TypeError` naming the first bad one.
 */
export function resolveAllowedOrigins(origins: readonly string[]): ReadonlySet<string> {
  if (!Array.isArray(origins)) throw new TypeError('allowedOrigins must be a list of origins.');
  for (const origin of origins) {
    if (!isOrigin(origin)) {
      throw new TypeError(`allowedOrigins: "${origin}" is not an origin such as "https://app.contoso.com".`);
    }
  }
  return new Set(origins);
}

function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string' || value.includes('*')) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
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
