// Framework-agnostic: the React and the Vue apps both read this file.
import type { Customer, ListSnapshot, Person, TeamsMeeting, TimeRange } from '@teams-endpoint/core';

export const customersListText = (list: ListSnapshot<Customer, null>): string =>
  list.status === 'loading' ? 'Loading customers…' : (list.error?.message ?? '');

export const customerLine = (customer: Customer): string =>
  `${customer.name} · ${customer.company ?? 'Customer'} · ${customer.phoneNumber}`;

export function peopleListText(list: ListSnapshot<Person, string>): string {
  if (list.status === 'loading') return 'Loading people…';
  if (list.error) return list.error.message;
  if (list.status !== 'loaded') return '';
  return list.items.length === 1 ? '1 person' : `${list.items.length} people`;
}

export function meetingsListText(list: ListSnapshot<TeamsMeeting, TimeRange>): string {
  if (list.status === 'loading') return 'Loading your calendar…';
  if (list.error) return list.error.message;
  return list.status === 'loaded' && list.items.length === 0 ? 'No Teams meetings this week.' : '';
}

const meetingTimeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

export const meetingLine = (meeting: TeamsMeeting): string =>
  `${meeting.subject} · ${meetingTimeFormat.format(new Date(meeting.start))}`;

/** How long the people search waits for more typing before it asks Graph. */
export const SEARCH_DEBOUNCE_MS = 250;
