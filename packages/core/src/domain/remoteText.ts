/** The longest remote text (a display name, a meeting subject, a customer name) that reaches a snapshot. */
export const REMOTE_TEXT_MAX_LENGTH = 200;

// Control characters (C0, C1: \p{Cc}), and the bidirectional embedding, override and isolate controls
// (U+202A–U+202E, U+2066–U+2069), plus the invisible marks that can reorder text (U+200E, U+200F, U+061C).
// Whitespace, line breaks and tabs included, collapses to one space first.
const WHITESPACE = /[\s\u00A0\u2028\u2029]+/g;
const UNSAFE = /\p{Cc}|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Makes text that came from another party safe to show as data: strips control characters and the bidi
 * embedding, override and isolate controls, collapses runs of whitespace (line breaks and tabs included) to
 * one space, trims, and caps the result at `maxLength` code points, the last of which is then `…`. Never
 * splits a surrogate pair. The result is still text, never markup: render it with `textContent`.
 *
 * @example
 * normalizeRemoteText('  Megan\u202Egnp.exe  '); // 'Megangnp.exe'
 * normalizeRemoteText('x'.repeat(10_000)).length; // 200
 */
export function normalizeRemoteText(text: string, maxLength = REMOTE_TEXT_MAX_LENGTH): string {
  const cleaned = String(text).replace(WHITESPACE, ' ').replace(UNSAFE, '').trim();
  const codePoints = Array.from(cleaned);
  if (codePoints.length <= maxLength) return cleaned;
  return `${codePoints
    .slice(0, Math.max(0, maxLength - 1))
    .join('')
    .trimEnd()}…`;
}

/** {@link normalizeRemoteText} for an optional field: `undefined`, or text that normalizes to '', gives `undefined`. */
export function normalizeOptionalRemoteText(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const normalized = normalizeRemoteText(text);
  return normalized === '' ? undefined : normalized;
}
