import { describe, expect, it } from 'vitest';
import { readServerErrorCode } from './serverErrorBody';

describe('readServerErrorCode', () => {
  it.each([
    ['{"error":{"code":"rate_limited","message":"x"}}', 'rate_limited'],
    ['{"error":{"code":"<b>x</b>"}}', undefined],
    ['{"error":{"code":42}}', undefined],
    ['{"error":"rate_limited"}', undefined],
    ['{"error":[{"code":"x"}]}', undefined],
    ['[]', undefined],
    ['not json', undefined],
    ['', undefined],
    [`{"error":{"code":"${'a'.repeat(65)}"}}`, undefined],
  ])('%s → %s', (body, code) => {
    expect(readServerErrorCode(body)).toBe(code);
  });
});
