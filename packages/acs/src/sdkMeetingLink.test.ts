import { describe, expect, it } from 'vitest';
import { toSdkMeetingLink } from './sdkMeetingLink';

const THREAD = '19%3ameeting_NjQ0ZDU2YjQ%40thread.v2';
const CONTEXT = 'context=%7b%22Tid%22%3a%22t%22%2c%22Oid%22%3a%22o%22%7d';

describe('toSdkMeetingLink', () => {
  it.each([
    `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}`,
    `https://teams.microsoft.com/l/meetup-join/${THREAD}/0/?${CONTEXT}`,
    'https://teams.microsoft.com/meet/21234567890?p=AbC123',
    'https://teams.cloud.microsoft/meet/123456789?p=x',
  ])('passes %s on unchanged: the SDK parses it as it is', (link) => {
    expect(toSdkMeetingLink(link)).toBe(link);
  });

  it.each([
    [
      'https://teams.microsoft.com/meet/21234567890/?p=AbC123&anon=true',
      'https://teams.microsoft.com/meet/21234567890?p=AbC123',
    ],
    [
      'https://teams.microsoft.com/meet/21234567890?anon=true&p=AbC123',
      'https://teams.microsoft.com/meet/21234567890?p=AbC123',
    ],
  ])('writes the short link %s as /meet/<id>?p=<passcode>', (link, expected) => {
    expect(toSdkMeetingLink(link)).toBe(expected);
  });

  it.each([`${CONTEXT}&anon=true`, `anon=true&${CONTEXT}`])(
    'keeps only the context of a classic link with the query %s',
    (query) => {
      const rewritten = new URL(
        toSdkMeetingLink(`https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${query}`),
      );
      expect([...rewritten.searchParams.keys()]).toEqual(['context']);
      expect(JSON.parse(decodeURIComponent(rewritten.search.replace('?context=', '')))).toEqual({
        Tid: 't',
        Oid: 'o',
      });
      expect(rewritten.pathname).toBe(`/l/meetup-join/${THREAD}/0`);
    },
  );

  it.each([
    `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`,
    `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=not-json`,
  ])('refuses the classic link %s, which names no meeting context', (link) => {
    expect(() => toSdkMeetingLink(link)).toThrowError(
      expect.objectContaining({ code: 'invalid_meeting_link', details: { reason: 'missing_context' } }),
    );
  });
});
