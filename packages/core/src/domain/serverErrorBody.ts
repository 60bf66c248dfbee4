/** A machine-readable code: letters, digits and `_`, as the vendor's servers write them. */
const SERVER_CODE = /^[a-z][a-z0-9_]{0,63}$/i;

/**
 * Reads `error.code` of the JSON error body the vendor's servers answer with (`{ error: { code, message } }`:
 * the token exchange, the customer directory), or `undefined`. Only a well-formed code is returned; the
 * server's message is never used, so no remote text reaches an error.
 */
export function readServerErrorCode(body: string): string | undefined {
  try {
    const json: unknown = JSON.parse(body);
    const error = isObject(json) ? json.error : undefined;
    const code = isObject(error) ? error.code : undefined;
    return typeof code === 'string' && SERVER_CODE.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
