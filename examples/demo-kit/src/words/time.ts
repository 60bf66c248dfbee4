// Durations, dates and times, formatted the same way in the three apps.

/** Formats a call duration as m:ss or h:mm:ss. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The one date and time format of the three apps: "Tue, Dec 1, 10:30 AM" in the browser's language. */
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** A moment as date and time, for meetings and the call history. */
export const formatDateTime = (at: Date | number | string): string => dateTimeFormat.format(new Date(at));

/** A span: "Tue, Dec 1, 10:30 AM – 11:00 AM" (the end's date is left out when it is the same day). */
export function formatTimeRange(start: Date | number | string, end: Date | number | string): string {
  const from = new Date(start);
  const to = new Date(end);
  const sameDay = from.toDateString() === to.toDateString();
  return `${dateTimeFormat.format(from)} – ${sameDay ? timeFormat.format(to) : dateTimeFormat.format(to)}`;
}

/** Where a meeting stands at `now`: over, going on, or still to come. */
export type MeetingTiming = 'past' | 'now' | 'upcoming';

export const MEETING_TIMING_WORDS: Readonly<Record<MeetingTiming, string>> = {
  past: 'Ended',
  now: 'Now',
  upcoming: 'Upcoming',
};

/** Whether a meeting (ISO 8601 start and end) is over, going on or to come at `now` (epoch ms). */
export function meetingTiming(
  meeting: { readonly start: string; readonly end: string },
  now: number,
): MeetingTiming {
  if (Date.parse(meeting.end) <= now) return 'past';
  return Date.parse(meeting.start) <= now ? 'now' : 'upcoming';
}
