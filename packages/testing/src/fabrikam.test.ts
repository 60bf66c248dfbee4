import { describe, expect, it } from 'vitest';
import { createLargeDirectory, fabrikam, fabrikamCalendarWeek, startOfWeekUtc } from './fabrikam';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('fabrikam fixture', () => {
  it('has at least 25 people with unique GUID ids, including Alice, Megan Bowen and the hostile entry', () => {
    expect(fabrikam.people.length).toBeGreaterThanOrEqual(25);
    expect(fabrikam.people.every((p) => GUID.test(p.id))).toBe(true);
    expect(new Set(fabrikam.people.map((p) => p.id)).size).toBe(fabrikam.people.length);
    expect(GUID.test(fabrikam.tenantId)).toBe(true);
    expect(fabrikam.people.find((p) => p.id === fabrikam.me.id)?.displayName).toBe(fabrikam.me.displayName);
    expect(fabrikam.people.find((p) => p.id === 'e8b753b5-4117-464e-9a08-713e1ff266b3')?.displayName).toBe(
      'Megan Bowen',
    );
    expect(fabrikam.people.find((p) => p.id === fabrikam.hostilePersonId)?.displayName).toBe(
      `<img src=x onerror="alert('pwned')">Mallory <b>Hacker</b>`,
    );
  });

  it('has customers with unique names and unique E.164 numbers in the fictional +1 425 555 01xx range', () => {
    expect(fabrikam.customers.length).toBeGreaterThanOrEqual(5);
    expect(fabrikam.customers.every((c) => /^\+142555501\d\d$/.test(c.phoneNumber))).toBe(true);
    expect(new Set(fabrikam.customers.map((c) => c.name)).size).toBe(fabrikam.customers.length);
    expect(new Set(fabrikam.customers.map((c) => c.phoneNumber)).size).toBe(fabrikam.customers.length);
  });

  it('builds a calendar week of Teams meetings plus events the Graph port must drop', () => {
    const weekStart = startOfWeekUtc(new Date('2026-03-05T10:00:00Z'));
    expect(weekStart.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const events = fabrikamCalendarWeek(weekStart);
    const teams = events.filter((e) => e.isOnlineMeeting && e.onlineMeetingProvider === 'teamsForBusiness');
    expect(teams.length).toBeGreaterThanOrEqual(4);
    expect(teams.map((e) => e.subject)).toContain('Project Tailspin');
    expect(teams.some((e) => e.subject.includes('<script>'))).toBe(true);
    expect(events.some((e) => !e.isOnlineMeeting)).toBe(true);
    expect(events.some((e) => e.isOnlineMeeting && e.onlineMeetingProvider === 'skypeForConsumer')).toBe(
      true,
    );
    const links = teams.map((e) => e.onlineMeeting?.joinUrl ?? '');
    expect(
      links.filter((l) => l.startsWith('https://teams.microsoft.com/l/meetup-join/19%3ameeting_')).length,
    ).toBe(teams.length - 1);
    expect(
      links.filter((l) => /^https:\/\/teams\.microsoft\.com\/meet\/\d{12}\?p=\w+$/.test(l)),
    ).toHaveLength(1);
    for (const event of events) {
      expect(event.start.timeZone).toBe('UTC');
      expect(Date.parse(`${event.start.dateTime.slice(0, 19)}Z`)).toBeGreaterThanOrEqual(weekStart.getTime());
    }
  });

  it('creates a deterministic large directory with unique GUID ids', () => {
    const a = createLargeDirectory(10_000);
    expect(a).toHaveLength(10_000);
    expect(createLargeDirectory(10_000)).toEqual(a);
    expect(new Set(a.map((p) => p.id)).size).toBe(10_000);
    expect(a.every((p) => GUID.test(p.id))).toBe(true);
    expect(createLargeDirectory(0)).toEqual([]);
  });
});
