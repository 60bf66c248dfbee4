import { fabrikam } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directoryPeople, meetingLine, peopleCountLabel } from './listWords';
import { formatPhoneNumber, phoneNumberText } from './phoneWords';
import { formatTimeRange, MEETING_TIMING_WORDS, meetingTiming } from './time';

const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{1,14}$/))
  .map(([first, rest]) => `+${first}${rest}`.slice(0, 16));

describe('phone numbers for people', () => {
  it('formats North American numbers 3-3-4 and keeps the E.164 form for the tooltip', () => {
    expect(formatPhoneNumber('+14255550123')).toBe('+1 425 555 0123');
    expect(formatPhoneNumber('+442079460958')).toBe('+44 207 946 0958');
    expect(formatPhoneNumber('+33142685300')).toBe('+33 142 685 300');
    expect(formatPhoneNumber('+35312345678')).toBe('+353 123 456 78');
    expect(phoneNumberText('+14255550123')).toEqual({ text: '+1 425 555 0123', title: '+14255550123' });
  });

  it('never loses, adds or reorders a digit, and only adds single spaces', () => {
    fc.assert(
      fc.property(e164, (number) => {
        const text = formatPhoneNumber(number);
        expect(text.replace(/ /g, '')).toBe(number);
        expect(text).not.toMatch(/ {2}|^ | $/);
      }),
    );
  });

  it.each([
    '',
    '4255550123',
    '+0123',
    '+1 425 555 0123',
    '+1234567890123456',
    '<img src=x onerror=alert(1)>',
  ])('leaves %j, which is not E.164, as it is', (input) => {
    expect(formatPhoneNumber(input)).toBe(input);
  });
});

describe('meetings in time', () => {
  const at = (iso: string) => Date.parse(iso);
  const meeting = { start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:30:00Z' };

  it('is upcoming before it starts, now from its start, and past from its end', () => {
    expect(meetingTiming(meeting, at('2026-12-01T09:59:59Z'))).toBe('upcoming');
    expect(meetingTiming(meeting, at('2026-12-01T10:00:00Z'))).toBe('now');
    expect(meetingTiming(meeting, at('2026-12-01T10:29:59Z'))).toBe('now');
    expect(meetingTiming(meeting, at('2026-12-01T10:30:00Z'))).toBe('past');
  });

  it('moves only forward, upcoming → now → past, as time passes', () => {
    const order = ['upcoming', 'now', 'past'];
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.nat(10_000_000),
        fc.nat(20_000_000),
        fc.nat(20_000_000),
        (s, d, t1, t2) => {
          const start = 1_700_000_000_000 + s;
          const span = { start: new Date(start).toISOString(), end: new Date(start + d).toISOString() };
          const [early, late] = [t1, t2].sort((a, b) => a - b).map((t) => 1_700_000_000_000 + t);
          expect(order.indexOf(meetingTiming(span, early!))).toBeLessThanOrEqual(
            order.indexOf(meetingTiming(span, late!)),
          );
        },
      ),
    );
  });

  it('says when and where it stands in its line', () => {
    const line = meetingLine(
      { id: 'm', subject: 'Project Tailspin', joinUrl: 'x', ...meeting },
      at('2026-12-01T11:00:00Z'),
    );
    expect(line).toBe(
      `Project Tailspin · ${formatTimeRange(meeting.start, meeting.end)} · ${MEETING_TIMING_WORDS.past}`,
    );
    expect(formatTimeRange(meeting.start, meeting.end).split('–')[1]!.trim()).not.toMatch(/Dec/);
  });
});

describe('the directory', () => {
  it('leaves out the signed-in user, and no one else', () => {
    const listed = directoryPeople(fabrikam.people, { ...fabrikam.me, tenantId: fabrikam.tenantId });
    expect(listed.map((person) => person.id)).not.toContain(fabrikam.me.id);
    expect(listed).toHaveLength(fabrikam.people.length - 1);
    expect(directoryPeople(fabrikam.people, null)).toBe(fabrikam.people);
  });

  it('counts people in words', () => {
    expect([0, 1, 2].map(peopleCountLabel)).toEqual(['0 people', '1 person', '2 people']);
  });
});
