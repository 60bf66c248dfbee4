// Shared by the three apps.
import type {
  Customer,
  ListSnapshot,
  Person,
  TeamsMeeting,
  TeamsUser,
  TimeRange,
} from '@teams-endpoint/core';
import { formatPhoneNumber } from './phoneWords';
import { formatTimeRange, MEETING_TIMING_WORDS, meetingTiming } from './time';

export const customersListText = (list: ListSnapshot<Customer, null>): string =>
  list.status === 'loading' ? 'Loading customers…' : (list.error?.message ?? '');

/** A customer's line; the number is formatted for people (show `customer.phoneNumber` in its tooltip). */
export const customerLine = (customer: Customer): string =>
  `${customer.name} · ${customer.company ?? 'Customer'} · ${formatPhoneNumber(customer.phoneNumber)}`;

/** "1 person", "12 people". */
export const peopleCountLabel = (count: number): string => (count === 1 ? '1 person' : `${count} people`);

/** The directory as the apps list it: everyone but the signed-in user, who cannot call themselves. */
export const directoryPeople = (people: readonly Person[], me: TeamsUser | null): readonly Person[] =>
  me ? people.filter((person) => person.id !== me.id) : people;

export function peopleListText(list: ListSnapshot<Person, string>, me: TeamsUser | null = null): string {
  if (list.status === 'loading') return 'Loading people…';
  if (list.error) return list.error.message;
  if (list.status !== 'loaded') return '';
  return peopleCountLabel(directoryPeople(list.items, me).length);
}

export function meetingsListText(list: ListSnapshot<TeamsMeeting, TimeRange>): string {
  if (list.status === 'loading') return 'Loading your calendar…';
  if (list.error) return list.error.message;
  return list.status === 'loaded' && list.items.length === 0 ? 'No Teams meetings this week.' : '';
}

/** A meeting's subject (remote text: render it as text), or a stand-in for a meeting without one. */
export const meetingSubject = (meeting: TeamsMeeting): string => meeting.subject || 'Untitled meeting';

/** When the meeting is: "Tue, Dec 1, 10:00 AM – 10:30 AM". */
export const meetingWhen = (meeting: TeamsMeeting): string => formatTimeRange(meeting.start, meeting.end);

/** A meeting's line: subject, when, and whether it is over, going on or to come at `now`. */
export const meetingLine = (meeting: TeamsMeeting, now: number = Date.now()): string =>
  `${meetingSubject(meeting)} · ${meetingWhen(meeting)} · ${MEETING_TIMING_WORDS[meetingTiming(meeting, now)]}`;

/** How long the people search waits for more typing before it asks Graph. */
export const SEARCH_DEBOUNCE_MS = 250;
