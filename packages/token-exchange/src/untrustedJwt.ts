import { base64url } from 'jose';

/** A JWT's header and payload, decoded but not verified. */
export interface UntrustedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Why a compact JWT cannot even be read. */
export type UnreadableJwt = 'malformed' | 'repeated_member';

/**
 * Decodes a compact JWS (`header.payload.signature`) without trusting it, and refuses one whose header or
 * payload names a member twice. `JSON.parse` keeps the last of two `oid`s; another parser (the one behind
 * ACS's own exchange, say) may keep the first, so such a token could mean one user here and another there.
 * Names are compared after JSON unescaping: `"o\u0069d"` repeats `"oid"`.
 */
export function readUntrustedJwt(token: string): UntrustedJwt | UnreadableJwt {
  const segments = token.split('.');
  if (segments.length !== 3) return 'malformed';
  const header = decodeSegment(segments[0]!);
  const payload = decodeSegment(segments[1]!);
  if (header === undefined || payload === undefined) return 'malformed';
  if (hasRepeatedMember(header.text) || hasRepeatedMember(payload.text)) return 'repeated_member';
  return { header: header.value, payload: payload.value };
}

function decodeSegment(segment: string): { text: string; value: Record<string, unknown> } | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(segment));
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return { text, value: value as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/**
 * Whether the top-level object of a JSON text (already known to parse) names a member twice. One pass over
 * the text: strings are skipped whole (escapes included), nesting is counted, and only the names of the
 * outermost object are collected.
 */
export function hasRepeatedMember(json: string): boolean {
  const names = new Set<string>();
  let depth = 0;
  let expectName = false;
  for (let index = 0; index < json.length; index += 1) {
    const char = json[index];
    if (char === '"') {
      const start = index;
      for (index += 1; index < json.length && json[index] !== '"'; index += 1) {
        if (json[index] === '\\') index += 1;
      }
      if (depth === 1 && expectName) {
        const name = JSON.parse(json.slice(start, index + 1)) as string;
        if (names.has(name)) return true;
        names.add(name);
        expectName = false;
      }
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth === 1) expectName = char === '{';
    } else if (char === '}' || char === ']') {
      depth -= 1;
    } else if (char === ',' && depth === 1) {
      expectName = true;
    }
  }
  return false;
}
