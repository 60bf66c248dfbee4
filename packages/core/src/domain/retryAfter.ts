/**
 * Reads an HTTP `Retry-After` value (seconds, or an HTTP date) as whole seconds from `now`, never negative;
 * `undefined` when absent or unreadable. Graph and the token exchange both send it with 429 and 503.
 *
 * @example
 * parseRetryAfter(response.headers.get('Retry-After')); // 120
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  // Anything else must be an HTTP date (which starts with a weekday), never a negative or odd number.
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
