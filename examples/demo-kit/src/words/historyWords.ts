// The call history's words, shared by the three apps' "Recent calls".
import type { CallHistoryEntry, CallHistoryOutcome } from '@teams-endpoint/core';
import { formatPhoneNumber } from './phoneWords';
import { formatDateTime, formatDuration } from './time';

/** How many of the newest entries the call dock shows. */
export const RECENT_CALLS_SHOWN = 5;

export const HISTORY_OUTCOME_WORDS: Readonly<Record<CallHistoryOutcome, string>> = {
  completed: 'Completed',
  missed: 'Missed',
  declined: 'Declined',
  busy: 'Busy',
  no_answer: 'Not answered',
  cancelled: 'Cancelled',
  transferred: 'Transferred',
  failed: 'Failed',
};

export const HISTORY_DIRECTION_WORDS: Readonly<Record<CallHistoryEntry['direction'], string>> = {
  incoming: 'Incoming',
  outgoing: 'Outgoing',
};

/** Who the call was with, in words (remote text: render it as text); a number is formatted for people. */
export function historyRemoteName(entry: CallHistoryEntry): string {
  const { remote } = entry;
  switch (remote.kind) {
    case 'phoneNumber':
      return remote.displayName ?? formatPhoneNumber(remote.phoneNumber);
    case 'teamsUser':
      return remote.displayName ?? 'Teams user';
    case 'meeting':
      return remote.subject || 'Teams meeting';
    default:
      return remote.displayName ?? 'Unknown caller';
  }
}

/** The tooltip of who the call was with: a phone number's E.164 form, else nothing. */
export const historyRemoteTitle = (entry: CallHistoryEntry): string | undefined =>
  entry.remote.kind === 'phoneNumber' ? entry.remote.phoneNumber : undefined;

/** The rest of the entry's line: "Outgoing · Completed · 1:05 · Tue, Dec 1, 10:30 AM". */
export const historyDetails = (entry: CallHistoryEntry): string =>
  [
    HISTORY_DIRECTION_WORDS[entry.direction],
    HISTORY_OUTCOME_WORDS[entry.outcome],
    formatDuration(entry.durationMs),
    formatDateTime(entry.startedAt),
  ].join(' · ');

/** Whether the entry can be called again: a person, a number, a meeting with its link or id. */
export const canRedial = (entry: CallHistoryEntry): boolean =>
  entry.remote.kind === 'phoneNumber' ||
  entry.remote.kind === 'teamsUser' ||
  (entry.remote.kind === 'meeting' && Boolean(entry.remote.meetingLink));

/** The redial button's name. */
export const redialLabel = (entry: CallHistoryEntry): string =>
  entry.remote.kind === 'meeting'
    ? `Rejoin ${historyRemoteName(entry)}`
    : `Call ${historyRemoteName(entry)} again`;

export const RECENT_CALLS_EMPTY = 'No calls yet.';
