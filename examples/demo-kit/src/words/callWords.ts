// The words of a call panel, shared by the three apps so that they say the same thing.
import {
  type CallSnapshot,
  type CallStatus,
  type EndpointSnapshot,
  remotePartyName,
} from '@teams-endpoint/core';
import { TRANSFERRED_STATUS_WORDS } from './featureWords';
import { formatPhoneNumber } from './phoneWords';
import { formatDuration } from './time';

/** A call's status in words. */
export const CALL_STATUS_WORDS: Record<CallStatus, string> = {
  preparing: 'Preparing the chat…',
  connecting: 'Connecting…',
  ringing: 'Ringing…',
  early_media: 'Ringing (early media)…',
  incoming: 'Incoming call',
  accepting: 'Answering…',
  rejecting: 'Declining…',
  in_lobby: 'Waiting in the lobby…',
  connected: 'Connected',
  holding: 'Putting on hold…',
  on_hold: 'On hold',
  resuming: 'Resuming…',
  remote_hold: 'Held by the other party',
  disconnecting: 'Hanging up…',
  ended: 'Call ended',
  failed: 'Call failed',
};

const OUTCOME_WORDS: Record<NonNullable<CallSnapshot['outcome']>, string> = {
  completed: 'Completed.',
  dropped: 'The call dropped.',
  unanswered: 'Not answered.',
  cancelled: 'Cancelled.',
  missed: 'Missed call.',
  rejected: 'Declined.',
  denied: 'Not admitted from the lobby.',
  signed_out: 'Ended by signing out.',
  disposed: 'Ended when the app closed.',
  transferred: 'Transferred.',
};

/** A call's status in words, for `data-testid="call-status"`: a call handed on says "Transferred". */
export function callStatusLabel(snapshot: CallSnapshot): string {
  return snapshot.outcome === 'transferred' ? TRANSFERRED_STATUS_WORDS : CALL_STATUS_WORDS[snapshot.status];
}

/** The other party in words (a known caller's number beside the name). Always rendered as text. */
export function remoteLabel(snapshot: CallSnapshot): string {
  const { remote } = snapshot;
  if (remote.kind !== 'phoneNumber') return remotePartyName(remote);
  const number = formatPhoneNumber(remote.phoneNumber);
  return remote.displayName ? `${remotePartyName(remote)} (${number})` : number;
}

/** The tooltip of the other party: a phone number's exact E.164 form, else nothing. */
export const remoteTitle = (snapshot: CallSnapshot): string | undefined =>
  snapshot.remote.kind === 'phoneNumber' ? snapshot.remote.phoneNumber : undefined;

/** Text to show with the exact form for its tooltip (a number's E.164). Remote text: render it as text. */
export interface ShownText {
  readonly text: string;
  readonly title?: string;
}

/** The other party as shown: `remoteLabel`, with `remoteTitle` for the tooltip. */
export const remoteText = (snapshot: CallSnapshot): ShownText => {
  const title = remoteTitle(snapshot);
  return title === undefined ? { text: remoteLabel(snapshot) } : { text: remoteLabel(snapshot), title };
};

/** The other party's name alone, for buttons ("Show call with …"): the number, formatted, without a name. */
export const remoteName = (snapshot: CallSnapshot): string =>
  snapshot.remote.kind === 'phoneNumber'
    ? (snapshot.remote.displayName ?? formatPhoneNumber(snapshot.remote.phoneNumber))
    : remotePartyName(snapshot.remote);

/** The button that expands a collapsed call in the call dock. */
export const showCallLabel = (name: string): string => `Show call with ${name}`;

/** How the call ended, in words: the end reason and the outcome, or the error. */
export function endedLabel(snapshot: CallSnapshot): string {
  if (snapshot.status === 'failed') return snapshot.error?.message ?? 'The call failed.';
  if (snapshot.status !== 'ended') return '';
  const outcome = snapshot.outcome ? OUTCOME_WORDS[snapshot.outcome] : '';
  return [outcome, snapshot.endReason?.message].filter(Boolean).join(' ');
}

/** The keypad's keys, in keypad order. */
export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The keypad is for PSTN calls (IVRs, extensions). */
export const showsKeypad = (snapshot: CallSnapshot): boolean =>
  snapshot.can.sendDtmf && snapshot.remote.kind === 'phoneNumber';

/** When a call connected and ended: all a duration timer needs. */
export type CallTimes = Pick<CallSnapshot, 'connectedAt' | 'endedAt'>;

/** Whether the duration timer should tick. */
export const isTimerRunning = (times: CallTimes): boolean =>
  times.connectedAt !== null && times.endedAt === null;

/** The call's duration at `now` (m:ss), frozen when it ended; 0:00 until it connects. */
export const callDuration = (times: CallTimes, now: number): string =>
  times.connectedAt === null ? '0:00' : formatDuration((times.endedAt ?? now) - times.connectedAt);

/** What is known about a ringing caller beyond the name: the lookup in progress, the company, Teams. */
export function callerDetail(snapshot: CallSnapshot): string {
  if (snapshot.callerResolution === 'pending') return '(looking up…)';
  if (snapshot.remote.kind === 'phoneNumber' && snapshot.remote.customer?.company)
    return `· ${snapshot.remote.customer.company}`;
  return snapshot.remote.kind === 'teamsUser' ? '· Teams' : '';
}

/** Ringing or being declined here: a toast. Ended or failed: in the history. Every other call: in the dock. */
const NOT_IN_DOCK: ReadonlySet<CallStatus> = new Set(['incoming', 'rejecting', 'ended', 'failed']);

/** Whether the call dock shows the call. */
export const isInCallDock = (call: Pick<CallSnapshot, 'status'>): boolean => !NOT_IN_DOCK.has(call.status);

/** The calls the call dock shows, oldest first. */
export const selectDockCallIds = (snapshot: EndpointSnapshot): readonly string[] =>
  snapshot.calls.filter(isInCallDock).map((call) => call.id);

/** The call the dock expands unless the user chose another: the newest not on hold here, else the newest. */
export function selectTalkingCallId(snapshot: EndpointSnapshot): string | undefined {
  const live = snapshot.calls.filter(isInCallDock);
  return (live.filter((call) => call.status !== 'on_hold' && call.status !== 'holding').at(-1) ?? live.at(-1))
    ?.id;
}
