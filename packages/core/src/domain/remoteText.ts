import { TeamsEndpointError } from '../errors';

/**
 * The most code points (not UTF-16 units) of remote text (a display name, a meeting subject, a customer name)
 * that reach a snapshot: 200, which fits any real name or subject and keeps a 10,000-character one from
 * filling the UI. {@link normalizeRemoteText} cuts longer text to this length, ending in `…`.
 */
export const REMOTE_TEXT_MAX_LENGTH = 200;

/**
 * Removed: control characters (C0 and C1, `\p{Cc}`) other than whitespace, the bidirectional embedding,
 * override and isolate controls (U+202A–U+202E, U+2066–U+2069), and the invisible marks that can reorder
 * text (U+200E, U+200F, U+061C). They go before whitespace collapses, so `'a \u0000 b'` becomes `'a b'`.
 */
const UNSAFE = /(?![\s\u0085])\p{Cc}|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Whitespace, line breaks and tabs: `\s` covers NBSP, U+2028 and U+2029; U+0085 (NEL) is a line break too. */
const WHITESPACE = /[\s\u0085]+/g;
/** A surrogate that is not half of a pair (in `u` mode, pairs are single code points). */
const LONE_SURROGATE = /\p{Cs}/gu;
/**
 * Text that is already clean: words of safe characters separated by single spaces. Most names are, and one
 * test is cheaper than three replacements (a meeting sends thousands of participant updates).
 */
const CLEAN =
  /^[^\s\u0085\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]+(?: [^\s\u0085\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]+)*$/u;

/**
 * Makes text that came from another party safe to show as data: strips control characters and the bidi
 * embedding, override and isolate controls and marks, replaces a lone surrogate with U+FFFD, collapses runs
 * of whitespace (line breaks, tabs and NBSP included) to one space, trims, and caps the result at
 * `maxLength` code points (default {@link REMOTE_TEXT_MAX_LENGTH}), the last of which is then `…`. It never
 * splits a surrogate pair, and normalizing its result again changes nothing. Anything that is not a string
 * gives `''`. The result is still text, never markup: render it with `textContent`.
 *
 * @throws {TeamsEndpointError} `invalid_argument` when `maxLength` is not a positive integer.
 *
 * @example
 * normalizeRemoteText('  Megan\u202Eexe.txt\n Bowen '); // 'Meganexe.txt Bowen'
 * Array.from(normalizeRemoteText('x'.repeat(10_000))).length; // 200, the last one '…'
 */
export function normalizeRemoteText(text: string, maxLength = REMOTE_TEXT_MAX_LENGTH): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new TeamsEndpointError('invalid_argument', 'maxLength must be a positive integer.');
  }
  if (typeof text !== 'string') return '';
  if (text.length <= maxLength && (isCleanAscii(text) || CLEAN.test(text))) return text;
  const cleaned = text.replace(UNSAFE, '').replace(LONE_SURROGATE, '\uFFFD').replace(WHITESPACE, ' ').trim();
  // Fewer UTF-16 units than the cap means fewer code points too: no need to split the text.
  if (cleaned.length <= maxLength) return cleaned;
  const codePoints = Array.from(cleaned);
  if (codePoints.length <= maxLength) return cleaned;
  return `${codePoints
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * Whether `text` is already what {@link normalizeRemoteText} would make of it, checked cheaply for the
 * commonest case: printable ASCII words with single spaces, within the cap. `false` means "normalize it",
 * not "unsafe".
 */
export function isPlainRemoteText(text: string): boolean {
  return text.length <= REMOTE_TEXT_MAX_LENGTH && isCleanAscii(text);
}

/** The commonest clean text: printable ASCII words with single spaces (a plain class V8 matches fastest). */
const PLAIN_ASCII = /^[!-~]+(?: [!-~]+)*$/;
const isCleanAscii = (text: string): boolean => PLAIN_ASCII.test(text);

/** {@link normalizeRemoteText} for an optional field: `undefined`, or text that normalizes to '', gives `undefined`. */
export function normalizeOptionalRemoteText(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const normalized = normalizeRemoteText(text);
  return normalized === '' ? undefined : normalized;
}
