import { TeamsEndpointError } from '../errors';
import type { DtmfTone } from '../ports/callingPort';

/**
 * Every DTMF key, in keypad order: `0`–`9`, `*`, `#`, then `A`–`D`.
 *
 * @example
 * DTMF_TONES.includes('#'); // true
 */
export const DTMF_TONES: readonly DtmfTone[] = Object.freeze([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '*',
  '#',
  'A',
  'B',
  'C',
  'D',
] as const);

const PREVIEW_LENGTH = 40;

/**
 * Validates one DTMF key. Surrounding spaces are ignored and `a`–`d` are upper-cased.
 *
 * @throws {TeamsEndpointError} `invalid_argument`, with `details.reason` `invalid_dtmf_tone`.
 *
 * @example
 * parseDtmfTone('#'); // '#'
 * parseDtmfTone(' b '); // 'B'
 */
export function parseDtmfTone(input: string): DtmfTone {
  const text = typeof input === 'string' ? input.trim() : '';
  const key = /^[a-d]$/.test(text) ? text.toUpperCase() : text;
  const tone = DTMF_TONES.find((candidate) => candidate === key);
  if (tone !== undefined) return tone;
  const found = typeof input === 'string' ? preview(input) : typeof input;
  throw new TeamsEndpointError(
    'invalid_argument',
    `${found} is not a DTMF key. Expected exactly one of 0–9, *, # or A–D.`,
    { details: { reason: 'invalid_dtmf_tone' } },
  );
}

/** Quotes a piece of user input for a message, cut to a readable length. */
function preview(value: string): string {
  return JSON.stringify(value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value);
}
