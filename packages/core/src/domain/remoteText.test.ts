import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeOptionalRemoteText, normalizeRemoteText, REMOTE_TEXT_MAX_LENGTH } from './remoteText';

/** Every character that must never survive normalization. */
const FORBIDDEN = /\p{Cc}|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const BIDI_AND_MARKS = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];
const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u2028', '\u2029', '\u0085', '\u3000'];

const codePoints = (text: string) => Array.from(text).length;

/** A small alphabet, so that runs such as space, control, space come up often. */
const hostileText = fc.string({
  unit: fc.constantFrom(' ', '\n', '\u00A0', '\u0000', '\u009B', '\u202E', '\u200F', 'a', '😀'),
  maxLength: 40,
});
/** The characters that need handling, mixed with letters, emoji, lone surrogates and any grapheme. */
const mixedText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...BIDI_AND_MARKS, ...WHITESPACE, '\u0000', '\u001B', '\u007F', '\u009B', '\uD83D'),
    fc.constantFrom('a', 'é', '😀', '👩‍👩‍👧', '\uDE00', '…'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 300,
});
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'grapheme-composite' }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'binary-ascii' }),
  hostileText,
  mixedText,
);
/** Strings are short and the function is fast: many runs make rare runs such as 'a \u0000 b' come up. */
const RUNS = { numRuns: 1_000 };
const maxLength = fc.oneof(fc.constant(REMOTE_TEXT_MAX_LENGTH), fc.integer({ min: 1, max: 40 }));

describe('normalizeRemoteText (properties)', () => {
  it('never leaves a control character, a bidi control or a mark', () => {
    fc.assert(
      fc.property(anyText, maxLength, (text, max) => {
        expect(normalizeRemoteText(text, max)).not.toMatch(FORBIDDEN);
      }),
      RUNS,
    );
  });

  it('never leaves leading, trailing or double spaces, nor any other whitespace', () => {
    fc.assert(
      fc.property(anyText, maxLength, (text, max) => {
        const normalized = normalizeRemoteText(text, max);
        expect(normalized).toBe(normalized.trim());
        expect(normalized).not.toMatch(/ {2}|[^\S ]|\u0085/);
      }),
      RUNS,
    );
  });

  it('caps the length in code points, ending in … when cut, without splitting a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, maxLength, (text, max) => {
        const normalized = normalizeRemoteText(text, max);
        expect(codePoints(normalized)).toBeLessThanOrEqual(max);
        expect(normalized).not.toMatch(/\p{Cs}/u);
        const uncut = normalizeRemoteText(text, Number.MAX_SAFE_INTEGER);
        if (codePoints(uncut) <= max) {
          expect(normalized).toBe(uncut);
        } else {
          expect(normalized.endsWith('…')).toBe(true);
          expect(uncut.startsWith(normalized.slice(0, -1))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, maxLength, (text, max) => {
        const once = normalizeRemoteText(text, max);
        expect(normalizeRemoteText(once, max)).toBe(once);
      }),
      RUNS,
    );
  });

  it('leaves clean short text unchanged', () => {
    const cleanWord = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((word) =>
      // Cleans the sample the obvious way, independently of the code under test.
      Array.from(word)
        .filter((char) => !FORBIDDEN.test(char) && !/[\s\u0085\p{Cs}]/u.test(char))
        .join(''),
    );
    const cleanText = fc
      .array(cleanWord, { maxLength: 8 })
      .map((words) => words.filter((word) => word !== '').join(' '))
      .filter((text) => codePoints(text) <= REMOTE_TEXT_MAX_LENGTH);
    fc.assert(
      fc.property(cleanText, (text) => {
        expect(normalizeRemoteText(text)).toBe(text);
      }),
      RUNS,
    );
  });
});

describe('normalizeRemoteText (examples)', () => {
  it.each([
    ['a bidi override in a file name', 'Megan\u202Eexe.txt', 'Meganexe.txt'],
    ['isolates and marks', '\u2067Megan\u2069 \u200FBowen\u200E\u061C', 'Megan Bowen'],
    ['line breaks and tabs', 'Project\r\n\tTailspin\u2028review\u2029', 'Project Tailspin review'],
    ['NBSP and a NEL line break', 'Megan\u00A0\u00A0Bowen\u0085x', 'Megan Bowen x'],
    ['a control between spaces', 'a \u0000 b', 'a b'],
    ['a C1 control between spaces', 'a \u009B b', 'a b'],
    ['controls inside a word', 'Me\u0000g\u001Ban\u007F', 'Megan'],
    ['markup, kept as text', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['only whitespace and controls', ' \n\u0000\u202E\t ', ''],
    ['a lone surrogate', 'a\uD83Db', 'a\uFFFDb'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeRemoteText(input)).toBe(expected);
  });

  it('cuts a 10,000-character name to the cap, ending in …', () => {
    const normalized = normalizeRemoteText('x'.repeat(10_000));
    expect(codePoints(normalized)).toBe(REMOTE_TEXT_MAX_LENGTH);
    expect(normalized).toBe(`${'x'.repeat(REMOTE_TEXT_MAX_LENGTH - 1)}…`);
  });

  it('never splits an emoji at the cut', () => {
    const normalized = normalizeRemoteText('😀'.repeat(300), 10);
    expect(normalized).toBe(`${'😀'.repeat(9)}…`);
  });

  it('does not end a cut text in a space before the …', () => {
    expect(normalizeRemoteText('abcd efgh', 6)).toBe('abcd…');
  });

  it('keeps text at exactly the cap', () => {
    const text = '😀'.repeat(REMOTE_TEXT_MAX_LENGTH);
    expect(normalizeRemoteText(text)).toBe(text);
  });

  it('gives "" for anything that is not a string', () => {
    expect(normalizeRemoteText(42 as unknown as string)).toBe('');
    expect(normalizeRemoteText({ toString: () => 'x' } as unknown as string)).toBe('');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxLength %s', (max) => {
    expect(() => normalizeRemoteText('x', max)).toThrowError(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});

describe('normalizeOptionalRemoteText', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    [' \u202E\n ', undefined],
    [' Room 4\n', 'Room 4'],
  ])('%j gives %j', (input, expected) => {
    expect(normalizeOptionalRemoteText(input)).toBe(expected);
  });
});
