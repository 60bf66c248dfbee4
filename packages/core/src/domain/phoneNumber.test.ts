import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import {
  type E164PhoneNumber,
  isE164PhoneNumber,
  type PhoneNumberOptions,
  parsePhoneNumber,
} from './phoneNumber';

function thrown(run: () => unknown): TeamsEndpointError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TeamsEndpointError);
    return error as TeamsEndpointError;
  }
  throw new Error('expected a TeamsEndpointError, but nothing was thrown');
}

const US: PhoneNumberOptions = { defaultCountryCallingCode: '1' };
const UK: PhoneNumberOptions = { defaultCountryCallingCode: '44' };

describe('parsePhoneNumber', () => {
  it.each<[string, PhoneNumberOptions | undefined, string]>([
    ['+14255550123', undefined, '+14255550123'],
    ['+1 (425) 555-0123', undefined, '+14255550123'],
    ['  +44 20 7946 0958  ', undefined, '+442079460958'],
    ['+49.30.123456', undefined, '+4930123456'],
    ['+1-425-555-0123', undefined, '+14255550123'],
    ['+1\u00A0425\u00A0555\u00A00123', undefined, '+14255550123'],
    ['+ 1 425 555 0123', undefined, '+14255550123'],
    ['+1234567', undefined, '+1234567'],
    ['+123456789012345', undefined, '+123456789012345'],
    ['425 555 0123', US, '+14255550123'],
    ['(425) 555-0123', US, '+14255550123'],
    ['1 (425) 555-0123', US, '+14255550123'],
    ['020 7946 0958', UK, '+442079460958'],
    ['7946 0958', UK, '+4479460958'],
    ['0044 20 7946 0958', US, '+442079460958'],
    ['00 1 425 555 0123', UK, '+14255550123'],
    ['+33 1 23 45 67 89', UK, '+33123456789'],
    ['+14255550123', { defaultCountryCallingCode: '998' }, '+14255550123'],
    ['90 123 45 67', { defaultCountryCallingCode: '998' }, '+998901234567'],
  ])('accepts %j (options %j) as %s', (input, options, expected) => {
    const parsed = parsePhoneNumber(input, options);
    expect(parsed).toBe(expected);
    expect(isE164PhoneNumber(parsed)).toBe(true);
  });

  it.each<[string, PhoneNumberOptions | undefined, string]>([
    ['', undefined, 'empty'],
    ['   ', undefined, 'empty'],
    ['\t\n', US, 'empty'],
    ['+1 425 CALL NOW', undefined, 'letters'],
    ['1-800-FLOWERS', undefined, 'letters'],
    ['1-800-FLOWERS', US, 'letters'],
    ['+1 425 555 0123 ext 12', undefined, 'letters'],
    ['+1 425 555 0123 x12', undefined, 'letters'],
    ['+4930123456é', undefined, 'letters'],
    ['javascript:alert(1)', undefined, 'letters'],
    ['<script>alert(1)</script>', undefined, 'letters'],
    ['+1 425 555 0123#', undefined, 'invalid_characters'],
    ['+1/425/555/0123', undefined, 'invalid_characters'],
    ['+1_425_555_0123', undefined, 'invalid_characters'],
    ['+1\t425\t555\t0123', undefined, 'invalid_characters'],
    ['+1 425 555 0123;', undefined, 'invalid_characters'],
    ['+١٤٢٥٥٥٥٠١٢٣', undefined, 'invalid_characters'],
    ['+１４２５５５５０１２３', undefined, 'invalid_characters'],
    ['1+4255550123', US, 'invalid_characters'],
    ['++14255550123', undefined, 'invalid_characters'],
    ['+1 425 +555 0123', undefined, 'invalid_characters'],
    ['(+1) 425 555 0123', undefined, 'invalid_characters'],
    ['4255550123', undefined, 'missing_plus'],
    ['0044 20 7946 0958', undefined, 'missing_plus'],
    ['(425) 555-0123', {}, 'missing_plus'],
    ['+1 234 56', undefined, 'too_short'],
    ['+', undefined, 'too_short'],
    ['+()', undefined, 'too_short'],
    ['0', US, 'too_short'],
    ['-', US, 'too_short'],
    ['00', UK, 'too_short'],
    ['123', UK, 'too_short'],
    ['+1234567890123456', undefined, 'too_long'],
    ['0044 1234 5678 9012 34', US, 'too_long'],
    ['1234 5678 9012 34', UK, 'too_long'],
    ['1'.repeat(65), undefined, 'too_long'],
    ['x'.repeat(65), undefined, 'too_long'],
    [`+14255550123${' '.repeat(60)}`, undefined, 'too_long'],
    ['+0 425 555 0123', undefined, 'invalid_country_code'],
    ['+0', undefined, 'invalid_country_code'],
    ['000 44 1234 5678', US, 'invalid_country_code'],
  ])('refuses %j (options %j) with reason %s', (input, options, reason) => {
    const error = thrown(() => parsePhoneNumber(input, options));
    expect(error.code).toBe('invalid_phone_number');
    expect(error.details).toEqual({ reason });
    expect(error.retryable).toBe(false);
  });

  it('says that vanity numbers are not supported', () => {
    expect(thrown(() => parsePhoneNumber('1-800-FLOWERS')).message).toMatch(/vanity numbers.*not supported/i);
  });

  it('refuses a 100 kB string without echoing it', () => {
    const error = thrown(() => parsePhoneNumber('9'.repeat(100_000)));
    expect(error.details).toEqual({ reason: 'too_long' });
    expect(error.message.length).toBeLessThan(200);
  });

  it('cuts long input in messages to about 40 characters', () => {
    const input = `+1 ${'A'.repeat(55)}`;
    const error = thrown(() => parsePhoneNumber(input));
    expect(error.details).toEqual({ reason: 'letters' });
    expect(error.message).not.toContain(input);
    expect(error.message).toContain('…');
  });

  it.each(['', '0', '01', '1234', '+44', 'a', ' 1', '4 4', '1.0'])(
    'refuses defaultCountryCallingCode %j with invalid_argument',
    (defaultCountryCallingCode) => {
      const error = thrown(() => parsePhoneNumber('+14255550123', { defaultCountryCallingCode }));
      expect(error.code).toBe('invalid_argument');
      expect(error.details).toEqual({ reason: 'invalid_default_country_calling_code' });
    },
  );

  it('returns a branded type that plain strings are not assignable to', () => {
    const parsed: E164PhoneNumber = parsePhoneNumber('+14255550123');
    // @ts-expect-error a plain string is not an E164PhoneNumber
    const plain: E164PhoneNumber = '+14255550123';
    expect(parsed).toBe(plain);
  });
});

describe('isE164PhoneNumber', () => {
  it.each<[string, boolean]>([
    ['+14255550123', true],
    ['+1234567', true],
    ['+123456789012345', true],
    ['+123456', false],
    ['+1234567890123456', false],
    ['14255550123', false],
    ['+04255550123', false],
    ['+1 425 555 0123', false],
    [' +14255550123', false],
    ['+14255550123\n', false],
    ['', false],
    ['+', false],
  ])('%j → %s', (value, expected) => {
    expect(isE164PhoneNumber(value)).toBe(expected);
  });
});
