// Framework-agnostic words of the Teams features UI: the vanilla pages, the React app and the Vue app all use
// them, so that the three apps say the same thing (and one Playwright suite can check it).
import {
  type Call,
  type CallSnapshot,
  type CallTransfer,
  type CapabilityReason,
  type CaptionEntry,
  isTeamsUserId,
  LOCAL_PARTICIPANT_ID,
  remotePartyName,
  TeamsEndpointError,
} from '@teams-endpoint/core';

/** Why a control is disabled, for each reason Teams gives (a `state` reason needs no words: it is "not now"). */
export const CAPABILITY_REASON_WORDS: Readonly<Record<Exclude<CapabilityReason, 'state'>, string>> = {
  policy: 'Not allowed by your Teams policy',
  role: 'Only organizers and presenters can do this',
  meeting_option: 'Turned off by the meeting organizer',
  call_type: 'Not available in this kind of call',
  unavailable: 'Not available in this call',
  license: 'Needs a Teams Premium licence',
  consent_required: 'Needs recording consent',
  not_ready: 'Not available yet',
  not_allowed: 'Not allowed',
};

/**
 * The words for a disabled control's `title` and accessible description, or `null` when it needs none (it is
 * allowed, or only not now). A control with words stays visible, disabled.
 *
 * @example
 * capabilityHint(snapshot.canReasons.startVideo); // 'Not allowed by your Teams policy'
 */
export function capabilityHint(reason: CapabilityReason | undefined): string | null {
  return reason === undefined || reason === 'state' ? null : CAPABILITY_REASON_WORDS[reason];
}

/** Where a transfer stands, in words. */
export const TRANSFER_STATE_WORDS: Readonly<Record<CallTransfer['state'], string>> = {
  transferring: 'Transferring…',
  transferred: 'Transferred',
  failed: 'Transfer failed',
};

/** The transfer's progress for `data-testid="transfer-status"`; a failure says why. Empty when none was asked. */
export function transferStatusLabel(transfer: CallTransfer | null): string {
  if (!transfer) return '';
  const words = TRANSFER_STATE_WORDS[transfer.state];
  return transfer.state === 'failed' && transfer.error ? `${words}: ${transfer.error.message}` : words;
}

/** A call handed on (we transferred it, or we were transferred) says so where its status goes. */
export const TRANSFERRED_STATUS_WORDS = TRANSFER_STATE_WORDS.transferred;

/** Whether the call is one that can be transferred at all: a 1:1 call (PSTN or Teams), not a meeting. */
export const isOneToOneCall = (snapshot: Pick<CallSnapshot, 'kind'>): boolean => snapshot.kind !== 'meeting';

/** Statuses in which the transfer form shows (Teams transfers a connected or held call). */
const TRANSFERABLE_STATUSES: ReadonlySet<CallSnapshot['status']> = new Set([
  'connected',
  'holding',
  'on_hold',
  'resuming',
  'remote_hold',
]);

/** Whether a call shows its transfer form now: a 1:1 call, connected or on hold. */
export const showsTransferForm = (snapshot: Pick<CallSnapshot, 'kind' | 'status'>): boolean =>
  isOneToOneCall(snapshot) && TRANSFERABLE_STATUSES.has(snapshot.status);

/**
 * What the "Transfer to" field asks for: a Teams user id (a GUID, or a raw id such as `8:orgid:<guid>`) or
 * else a phone number. `call.transfer` validates either and throws a typed error, in words, for bad input.
 */
export function transferRequestFrom(text: string): { phoneNumber: string } | { teamsUserId: string } {
  const value = text.trim();
  return isTeamsUserId(value) || value.includes(':') ? { teamsUserId: value } : { phoneNumber: value };
}

export const TRANSFER_HINT = 'A phone number (+1 425 555 0123) or a colleague’s Teams user id.';

/** Another live 1:1 call this one can be transferred to (consultative transfer): its id and who is on it. */
export interface TransferCandidate {
  readonly id: string;
  /** The remote party's name: untrusted text, render it as text. */
  readonly label: string;
}

/** The label of the consultative transfer's `select`, and the name of its submit button. */
export const TRANSFER_TO_CALL_LABEL = 'Or transfer to another call';
export const TRANSFER_TO_CALL_BUTTON = 'Transfer to that call';
/** The `value` of the "Transfer to that call" submit button: the form's submitter tells the two ways apart. */
export const TRANSFER_TO_CALL_SUBMIT_VALUE = 'call';

/** Statuses of a call that can take a consultative transfer: live, connected or held here. */
const CONSULTABLE_STATUSES: ReadonlySet<CallSnapshot['status']> = new Set(['connected', 'on_hold']);

/** The other live 1:1 calls (connected or on hold, not meetings) that call `callId` can be transferred to. */
export function transferCandidates(
  calls: readonly CallSnapshot[],
  callId: string,
): readonly TransferCandidate[] {
  return calls
    .filter((other) => other.id !== callId && isOneToOneCall(other) && CONSULTABLE_STATUSES.has(other.status))
    .map((other) => ({ id: other.id, label: remotePartyName(other.remote) }));
}

/** Equality for {@link transferCandidates}: the same calls, with the same labels, in the same order. */
export const sameTransferCandidates = (
  previous: readonly TransferCandidate[],
  next: readonly TransferCandidate[],
): boolean =>
  previous.length === next.length &&
  previous.every((candidate, i) => candidate.id === next[i]?.id && candidate.label === next[i]?.label);

/** Whether a submit of the transfer form came from "Transfer to that call" rather than "Transfer". */
export const submitsTransferToCall = (event: Event): boolean => {
  const submitter = (event as Partial<SubmitEvent>).submitter;
  return submitter instanceof HTMLButtonElement && submitter.value === TRANSFER_TO_CALL_SUBMIT_VALUE;
};

/**
 * The consultative transfer request for the chosen call: `call.transfer` connects the two remote parties.
 * Throws `invalid_argument`, in words, when that call is gone (the core does when it is not live).
 */
export function transferToCallRequest(
  endpoint: { getCall(callId: string): Call | undefined },
  callId: string,
): { call: Call } {
  const other = endpoint.getCall(callId);
  if (!other) throw new TeamsEndpointError('invalid_argument', 'Choose a call that is still live.');
  return { call: other };
}

/** A caption line: "<speaker>: <text>" (remote text: render it as text). */
export function captionLine(entry: Pick<CaptionEntry, 'speakerId' | 'speakerName' | 'text'>): string {
  const speaker = entry.speakerName ?? (entry.speakerId === LOCAL_PARTICIPANT_ID ? 'You' : 'Unknown speaker');
  return `${speaker}: ${entry.text}`;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });

/** A BCP 47 tag as Teams gives it (`en-us`), in words: "English (United States)"; the tag if unknown. */
export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const ordinals = new Intl.PluralRules('en-US', { type: 'ordinal' });
const ORDINAL_SUFFIXES: Readonly<Record<Intl.LDMLPluralRule, string>> = {
  one: 'st',
  two: 'nd',
  few: 'rd',
  other: 'th',
  zero: 'th',
  many: 'th',
};

/** A raised hand's place in the queue: "1st", "2nd", "3rd", "4th". */
export const handOrderLabel = (order: number): string =>
  `${order}${ORDINAL_SUFFIXES[ordinals.select(order)]}`;

/** The name of a spotlight button of a roster row. */
export const spotlightButtonLabel = (name: string, isSpotlighted: boolean): string =>
  isSpotlighted ? `Remove spotlight from ${name}` : `Spotlight ${name}`;

/** A lobby entry's name (remote text: render it as text). */
export const lobbyName = (entry: { readonly displayName?: string }): string =>
  entry.displayName ?? 'Unknown guest';

/** "1 person is waiting in the lobby", "3 people are waiting in the lobby". */
export const lobbyCountLabel = (count: number): string =>
  count === 1 ? '1 person is waiting in the lobby' : `${count} people are waiting in the lobby`;
