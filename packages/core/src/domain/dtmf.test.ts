import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { DTMF_TONES, parseDtmfTone } from './dtmf';

function thrown(run: () => unknown): TeamsEndpointError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TeamsEndpointError);
    return error as TeamsEndpointError;
  }
  throw new Error('expected a TeamsEndpointError, but nothing was thrown');
}

describe('DTMF_TONES', () => {
  it('lists the 16 keys in keypad order and cannot be changed', () => {
    expect(DTMF_TONES).toEqual([
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
    ]);
    expect(Object.isFrozen(DTMF_TONES)).toBe(true);
  });
});

describe('parseDtmfTone', () => {
  it.each(DTMF_TONES.map((tone) => [tone]))('accepts %j', (tone) => {
    expect(parseDtmfTone(tone)).toBe(tone);
  });

  it.each<[string, string]>([
    ['a', 'A'],
    ['b', 'B'],
    ['c', 'C'],
    ['d', 'D'],
    [' 5 ', '5'],
    ['\t#\n', '#'],
    [' d', 'D'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parseDtmfTone(input)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    '55',
    '*#',
    '1 2',
    'E',
    'e',
    'Flash',
    'Num1',
    'Star',
    '+',
    'p',
    '１',
    '٣',
    'ａ',
    '📞',
    'x'.repeat(100_000),
  ])('refuses %j', (input) => {
    const error = thrown(() => parseDtmfTone(input));
    expect(error.code).toBe('invalid_argument');
    expect(error.details).toEqual({ reason: 'invalid_dtmf_tone' });
    expect(error.message.length).toBeLessThan(200);
  });
});
