import { TeamsEndpointError } from '../errors';

/** A phone number in E.164 form: `+`, then 7–15 digits, the first of which is not `0`. Get one from {@link parsePhoneNumber}. */
export type E164PhoneNumber = string & { readonly __brand: 'E164PhoneNumber' };

export interface PhoneNumberOptions {
  /** e.g. '1' or '44'; lets numbers without '+' be accepted as national numbers */
  readonly defaultCountryCallingCode?: string;
}

/** Inputs longer than this are refused before any parsing. */
const MAX_INPUT_LENGTH = 64;
/** The fewest digits, country code included, that we accept. */
const MIN_DIGITS = 7;
/** The E.164 maximum, country code included. */
const MAX_DIGITS = 15;
const PREVIEW_LENGTH = 40;

const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY_CALLING_CODE = /^[1-9]\d{0,2}$/;
const LETTER = /\p{L}/u;
/** Digits, `+` and the formatting characters: space, no-break space, `-`, `.`, `(` and `)`. */
const ALLOWED_CHARACTERS = /^[\d+ \u00A0.()-]*$/;
const EXAMPLE = 'for example +14255550123';

/**
 * Validates a phone number typed or pasted by a person and returns it in E.164 form.
 *
 * Formatting characters (spaces, `-`, `.`, `(`, `)`) are removed. A number without a leading `+`
 * is accepted only when `options.defaultCountryCallingCode` is set: `00` then starts an
 * international number, and otherwise one leading trunk `0` is dropped and the country code added.
 *
 * @throws {TeamsEndpointError} `invalid_phone_number`, with `details.reason` one of `empty`, `letters`,
 * `invalid_characters`, `missing_plus`, `too_short`, `too_long`, `invalid_country_code`;
 * `invalid_argument` when `defaultCountryCallingCode` is not 1–3 digits.
 *
 * @example
 * parsePhoneNumber('+1 (425) 555-0123'); // '+14255550123'
 * parsePhoneNumber('020 7946 0958', { defaultCountryCallingCode: '44' }); // '+442079460958'
 */
export function parsePhoneNumber(input: string, options: PhoneNumberOptions = {}): E164PhoneNumber {
  const countryCode = checkCountryCallingCode(options.defaultCountryCallingCode);
  if (typeof input !== 'string') throw phoneError('empty', `A phone number is required, ${EXAMPLE}.`);
  if (input.length > MAX_INPUT_LENGTH) {
    throw phoneError(
      'too_long',
      `The phone number is too long (${input.length} characters). Enter at most ${MAX_DIGITS} digits, ${EXAMPLE}.`,
    );
  }

  const text = input.trim();
  if (text === '') throw phoneError('empty', `A phone number is required, ${EXAMPLE}.`);
  if (LETTER.test(text)) {
    throw phoneError(
      'letters',
      `The phone number ${preview(text)} contains letters. Vanity numbers such as 1-800-FLOWERS are not supported; enter digits only, ${EXAMPLE}.`,
    );
  }
  if (!ALLOWED_CHARACTERS.test(text)) {
    throw phoneError(
      'invalid_characters',
      `The phone number ${preview(text)} contains characters that are not allowed. Use digits, one leading "+", spaces, "-", ".", "(" and ")".`,
    );
  }
  const plusSigns = text.split('+').length - 1;
  if (plusSigns > 1 || (plusSigns === 1 && !text.startsWith('+'))) {
    throw phoneError(
      'invalid_characters',
      `The phone number ${preview(text)} has a "+" in the wrong place. A "+" is allowed only once, at the very start.`,
    );
  }

  const digits = text.replace(/\D/g, '');
  if (plusSigns === 1) return checkInternationalDigits(digits, text);
  if (countryCode === undefined) {
    throw phoneError(
      'missing_plus',
      `The phone number ${preview(text)} has no country code. Start it with "+" and the country code, ${EXAMPLE}.`,
    );
  }
  if (digits.startsWith('00')) return checkInternationalDigits(digits.slice(2), text);
  const national = stripTrunkPrefix(digits, countryCode);
  if (national === '') return checkInternationalDigits('', text);
  return checkInternationalDigits(countryCode + national, text);
}

/**
 * Tells whether a string is already a phone number in E.164 form (`+` and 7–15 digits, not starting with `0`).
 *
 * @example
 * isE164PhoneNumber('+14255550123'); // true
 * isE164PhoneNumber('+1 425 555 0123'); // false: format it with parsePhoneNumber first
 */
export function isE164PhoneNumber(value: string): value is E164PhoneNumber {
  return typeof value === 'string' && E164.test(value);
}

function checkCountryCallingCode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && COUNTRY_CALLING_CODE.test(value)) return value;
  throw new TeamsEndpointError(
    'invalid_argument',
    `defaultCountryCallingCode must be 1 to 3 digits not starting with 0, without "+", for example '1' or '44'; got ${typeof value === 'string' ? preview(value) : typeof value}.`,
    { details: { reason: 'invalid_default_country_calling_code' } },
  );
}

/**
 * Drops the national trunk prefix: one leading `0`, or, in the North American Numbering Plan
 * (country code 1), a leading `1` in front of a ten-digit number.
 */
function stripTrunkPrefix(digits: string, countryCode: string): string {
  if (digits.startsWith('0')) return digits.slice(1);
  if (countryCode === '1' && digits.length === 11 && digits.startsWith('1')) return digits.slice(1);
  return digits;
}

/** Checks the digits of a full international number (country code first, no `+`). */
function checkInternationalDigits(digits: string, text: string): E164PhoneNumber {
  if (digits === '') {
    throw phoneError(
      'too_short',
      `The phone number ${preview(text)} contains no digits. Enter a number ${EXAMPLE}.`,
    );
  }
  if (digits.startsWith('0')) {
    throw phoneError(
      'invalid_country_code',
      `The phone number ${preview(text)} has an invalid country code: country codes never start with 0. Enter the number ${EXAMPLE}.`,
    );
  }
  if (digits.length < MIN_DIGITS) {
    throw phoneError(
      'too_short',
      `The phone number ${preview(text)} is too short: it has ${digits.length} digits, and at least ${MIN_DIGITS} are needed including the country code.`,
    );
  }
  if (digits.length > MAX_DIGITS) {
    throw phoneError(
      'too_long',
      `The phone number ${preview(text)} is too long: it has ${digits.length} digits, and at most ${MAX_DIGITS} are allowed including the country code.`,
    );
  }
  return `+${digits}` as E164PhoneNumber;
}

function phoneError(reason: string, message: string): TeamsEndpointError {
  return new TeamsEndpointError('invalid_phone_number', message, { details: { reason } });
}

/** Quotes a piece of user input for a message, cut to a readable length. */
function preview(value: string): string {
  return JSON.stringify(value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value);
}
