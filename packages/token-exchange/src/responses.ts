import type { TokenExchangeErrorCode } from './errorCodes';

/** Headers every response carries: tokens must never be cached by a browser or a proxy. */
const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
};

export function emptyResponse(status: number, headers: HeadersInit = {}): Response {
  return new Response(null, { status, headers: withBaseHeaders(headers) });
}

export function jsonResponse(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const merged = withBaseHeaders(headers);
  merged.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: merged });
}

/** The JSON error body every endpoint of the vendor's answers with: `{ error: { code, message } }`. */
export function errorResponse<Code extends string = TokenExchangeErrorCode>(
  status: number,
  code: Code,
  message: string,
  headers: HeadersInit = {},
): Response {
  return jsonResponse(status, { error: { code, message } }, headers);
}

function withBaseHeaders(headers: HeadersInit): Headers {
  const merged = new Headers(headers);
  for (const [name, value] of Object.entries(BASE_HEADERS)) merged.set(name, value);
  return merged;
}
