import { TeamsEndpointError } from '../errors';
import type { CallKind } from '../machines/callTypes';
import { parseTeamsMeetingLink } from './meetingLink';
import { isE164PhoneNumber } from './phoneNumber';
import { normalizeOptionalRemoteText } from './remoteText';
import { parseTeamsUserId } from './teamsUserId';

/** How many entries a call history keeps unless told otherwise: the newest 500. */
export const CALL_HISTORY_MAX_ENTRIES = 500;

/** How a call in the history went, in one word. */
export type CallHistoryOutcome =
  /** Connected, then someone hung up (or sign-out or dispose ended it). */
  | 'completed'
  /** Incoming, never answered here: the caller gave up, it rang out, or another endpoint took it. */
  | 'missed'
  /** Incoming and rejected here; or outgoing and the other side declined (a meeting: denied from the lobby). */
  | 'declined'
  /** Outgoing: the line was busy. */
  | 'busy'
  /** Outgoing: no one answered. */
  | 'no_answer'
  /** Outgoing: hung up here before it connected. */
  | 'cancelled'
  /** Handed on: transferred by us, or the remote party transferred us into a new call (its own entry). */
  | 'transferred'
  /** It could not be placed, the number or person was not found, or the network dropped it. */
  | 'failed';

export const CALL_HISTORY_OUTCOMES: readonly CallHistoryOutcome[] = [
  'completed',
  'missed',
  'declined',
  'busy',
  'no_answer',
  'cancelled',
  'transferred',
  'failed',
];

const CALL_KINDS: readonly CallKind[] = ['outbound_pstn', 'outbound_teams', 'inbound', 'meeting'];

/**
 * The other side of a call in the history: plain data only, enough to show it and to call it again. Text is
 * remote text, normalized; render it as text. A meeting joined by id has no passcode here: none is stored.
 */
export type CallHistoryRemote =
  | { readonly kind: 'phoneNumber'; readonly phoneNumber: string; readonly displayName?: string }
  | { readonly kind: 'teamsUser'; readonly userId: string; readonly displayName?: string }
  | {
      readonly kind: 'meeting';
      readonly meetingLink?: string;
      readonly meetingId?: string;
      readonly subject?: string;
    }
  | { readonly kind: 'unknown'; readonly displayName?: string };

/** One ended call, as the history keeps it: plain, serializable, no token, no SDK object. */
export interface CallHistoryEntry {
  /** Unique across endpoints and reloads (a call's own id restarts with each endpoint). */
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly kind: CallKind;
  readonly remote: CallHistoryRemote;
  /** Epoch ms when the call was placed, or when it started ringing here. */
  readonly startedAt: number;
  /** Time connected, in ms; 0 when it never connected. */
  readonly durationMs: number;
  readonly outcome: CallHistoryOutcome;
}

const MAX_ID_LENGTH = 200;

function refuse(message: string, cause?: unknown): TeamsEndpointError {
  return new TeamsEndpointError('invalid_argument', `Not a call history entry: ${message}`, {
    ...(cause === undefined ? {} : { cause }),
  });
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw refuse(`${field} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

function time(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw refuse(`${field} must be a number of milliseconds, 0 or more.`);
  }
  return value;
}

/** An optional text field, normalized; a field that is there but no string is refused. */
function text<K extends string>(source: Record<string, unknown>, field: K): { [P in K]?: string } {
  const value = source[field];
  if (value !== undefined && typeof value !== 'string') throw refuse(`remote.${field} must be text.`);
  const normalized = normalizeOptionalRemoteText(value);
  return (normalized === undefined ? {} : { [field]: normalized }) as { [P in K]?: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function remoteOf(value: unknown): CallHistoryRemote {
  if (!isRecord(value)) throw refuse('remote must be an object.');
  switch (value.kind) {
    case 'phoneNumber': {
      const { phoneNumber } = value;
      if (typeof phoneNumber !== 'string' || !isE164PhoneNumber(phoneNumber)) {
        throw refuse('remote.phoneNumber must be an E.164 number.');
      }
      return { kind: 'phoneNumber', phoneNumber, ...text(value, 'displayName') };
    }
    case 'teamsUser': {
      let userId: string;
      try {
        userId = parseTeamsUserId(value.userId as string);
      } catch (error) {
        throw refuse('remote.userId must be a Teams user id.', error);
      }
      return { kind: 'teamsUser', userId, ...text(value, 'displayName') };
    }
    case 'meeting': {
      const { meetingLink, meetingId } = value;
      let link: { meetingLink?: string } = {};
      if (meetingLink !== undefined) {
        try {
          link = { meetingLink: parseTeamsMeetingLink(meetingLink as string).href };
        } catch (error) {
          throw refuse('remote.meetingLink must be a Teams meeting link.', error);
        }
      }
      if (meetingId !== undefined && (typeof meetingId !== 'string' || !/^[0-9 ]{1,40}$/.test(meetingId))) {
        throw refuse('remote.meetingId must be a meeting id.');
      }
      return {
        kind: 'meeting',
        ...link,
        ...(meetingId === undefined ? {} : { meetingId }),
        ...text(value, 'subject'),
      };
    }
    case 'unknown':
      return { kind: 'unknown', ...text(value, 'displayName') };
    default:
      throw refuse('remote.kind must be phoneNumber, teamsUser, meeting or unknown.');
  }
}

/**
 * Checks a call history entry and copies only its known fields, so that whatever else an object carries (a
 * token, an SDK object, a function) is never stored. Text is normalized as remote text.
 *
 * @throws {TeamsEndpointError} `invalid_argument` for anything that is not a well-formed entry.
 *
 * @example
 * const entry = toCallHistoryEntry({ ...entryFromSomewhere, token: 'eyJ…' }); // `token` is not copied
 */
export function toCallHistoryEntry(value: unknown): CallHistoryEntry {
  if (!isRecord(value)) throw refuse('an entry must be an object.');
  const { id } = value;
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) {
    throw refuse(`id must be text of 1 to ${MAX_ID_LENGTH} characters.`);
  }
  return {
    id,
    direction: oneOf(value.direction, ['incoming', 'outgoing'] as const, 'direction'),
    kind: oneOf(value.kind, CALL_KINDS, 'kind'),
    remote: remoteOf(value.remote),
    startedAt: time(value.startedAt, 'startedAt'),
    durationMs: time(value.durationMs, 'durationMs'),
    outcome: oneOf(value.outcome, CALL_HISTORY_OUTCOMES, 'outcome'),
  };
}

/**
 * The history's order, newest first: by `startedAt`, then by `id`, both descending (the order of an
 * IndexedDB index on `startedAt` read backwards).
 */
export function compareCallHistoryEntries(a: CallHistoryEntry, b: CallHistoryEntry): number {
  if (a.startedAt !== b.startedAt) return b.startedAt - a.startedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The newest `maxEntries` of `entries`, newest first; an entry whose `id` comes again replaces the earlier one
 * (the last one given wins).
 */
export function newestCallHistoryEntries(
  entries: readonly CallHistoryEntry[],
  maxEntries: number,
): CallHistoryEntry[] {
  const byId = new Map<string, CallHistoryEntry>();
  for (const entry of entries) byId.set(entry.id, entry);
  return [...byId.values()].sort(compareCallHistoryEntries).slice(0, Math.max(0, maxEntries));
}

/** Checks a history bound: a whole number, 1 or more. */
export function checkMaxEntries(maxEntries: number): number {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TeamsEndpointError('invalid_argument', 'maxEntries must be a whole number, 1 or more.');
  }
  return maxEntries;
}
