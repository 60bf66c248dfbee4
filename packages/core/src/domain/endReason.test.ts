import { describe, expect, it } from 'vitest';
import type { CallEndReasonCode } from '../ports/callingPort';
import { describeEndReason, type EndReasonCategory } from './endReason';

describe('describeEndReason', () => {
  it.each<[number, EndReasonCategory, string]>([
    [0, 'hung_up', 'The call ended.'],
    [487, 'cancelled', 'The call was cancelled.'],
    [486, 'busy', 'The line was busy.'],
    [480, 'no_answer', 'No one answered.'],
    [408, 'no_answer', 'No one answered.'],
    [603, 'declined', 'The call was declined.'],
    [404, 'not_found', 'The number or person could not be found.'],
    [403, 'forbidden', 'You are not allowed to make this call.'],
    [410, 'network_or_media', 'The call lost its audio connection. Check your network.'],
    [500, 'service_error', 'The calling service had a problem. Try again later.'],
    [503, 'service_error', 'The calling service had a problem. Try again later.'],
    [599, 'service_error', 'The calling service had a problem. Try again later.'],
    [1, 'unknown', 'The call ended for an unknown reason.'],
    [499, 'unknown', 'The call ended for an unknown reason.'],
    [600, 'unknown', 'The call ended for an unknown reason.'],
    [-1, 'unknown', 'The call ended for an unknown reason.'],
    [500.5, 'unknown', 'The call ended for an unknown reason.'],
  ])('code %d is %s', (code, category, message) => {
    expect(describeEndReason({ code })).toEqual({ category, message, code });
  });

  it('keeps the subCode when given', () => {
    expect(describeEndReason({ code: 486, subCode: 10011 })).toEqual({
      category: 'busy',
      message: 'The line was busy.',
      code: 486,
      subCode: 10011,
    });
    expect(describeEndReason({ code: 0, subCode: 0 })).toEqual({
      category: 'hung_up',
      message: 'The call ended.',
      code: 0,
      subCode: 0,
    });
    expect(describeEndReason({ code: 777, subCode: 1 })).toMatchObject({
      category: 'unknown',
      code: 777,
      subCode: 1,
    });
  });

  it('has no subCode property when none was given', () => {
    expect(Object.hasOwn(describeEndReason({ code: 0 }), 'subCode')).toBe(false);
  });

  it('describes a missing reason as unknown with code -1', () => {
    expect(describeEndReason(undefined)).toEqual({
      category: 'unknown',
      message: 'The call ended for an unknown reason.',
      code: -1,
    });
  });

  it('treats a non-numeric code from the SDK as unknown with code -1', () => {
    expect(describeEndReason({ code: Number.NaN })).toMatchObject({ category: 'unknown', code: -1 });
    const bogus = { code: '486' } as unknown as CallEndReasonCode;
    expect(describeEndReason(bogus)).toMatchObject({ category: 'unknown', code: -1 });
  });
});
