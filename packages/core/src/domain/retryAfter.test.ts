import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retryAfter';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 2 ', 2],
    ['1.5', 1.5],
    [new Date(NOW + 30_000).toUTCString(), 30],
    [new Date(NOW - 30_000).toUTCString(), 0],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    ['soon', undefined],
    ['-5', undefined],
  ])('%s → %s', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });
});
