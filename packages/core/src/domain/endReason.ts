import type { CallEndReasonCode } from '../ports/callingPort';

/** Why a call ended, in words a UI can branch on. */
export type EndReasonCategory =
  | 'hung_up'
  | 'cancelled'
  | 'busy'
  | 'no_answer'
  | 'declined'
  | 'not_found'
  | 'forbidden'
  | 'network_or_media'
  | 'service_error'
  | 'unknown';

/** A call's end reason: its category, a short sentence for people, and the SDK's raw codes. */
export interface EndReason {
  readonly category: EndReasonCategory;
  /** A short sentence that can be shown to the user as it is. */
  readonly message: string;
  /** The SDK's SIP-style code; `-1` when the SDK gave no end reason. */
  readonly code: number;
  readonly subCode?: number;
}

interface Description {
  readonly category: EndReasonCategory;
  readonly message: string;
}

const NO_ANSWER: Description = { category: 'no_answer', message: 'No one answered.' };
const DESCRIPTIONS: ReadonlyMap<number, Description> = new Map<number, Description>([
  [0, { category: 'hung_up', message: 'The call ended.' }],
  [403, { category: 'forbidden', message: 'You are not allowed to make this call.' }],
  [404, { category: 'not_found', message: 'The number or person could not be found.' }],
  [408, NO_ANSWER],
  [410, { category: 'network_or_media', message: 'The call lost its audio connection. Check your network.' }],
  [480, NO_ANSWER],
  [486, { category: 'busy', message: 'The line was busy.' }],
  [487, { category: 'cancelled', message: 'The call was cancelled.' }],
  [603, { category: 'declined', message: 'The call was declined.' }],
]);
const SERVICE_ERROR: Description = {
  category: 'service_error',
  message: 'The calling service had a problem. Try again later.',
};
const UNKNOWN: Description = { category: 'unknown', message: 'The call ended for an unknown reason.' };

/**
 * Turns the SDK's end reason (`{ code, subCode }`) into a category and a short sentence for people.
 * The raw `code` and `subCode` are kept for diagnostics; `undefined` gives `code: -1`.
 *
 * @example
 * describeEndReason({ code: 486, subCode: 10011 });
 * // { category: 'busy', message: 'The line was busy.', code: 486, subCode: 10011 }
 */
export function describeEndReason(reason: CallEndReasonCode | undefined): EndReason {
  const code = typeof reason?.code === 'number' && Number.isFinite(reason.code) ? reason.code : -1;
  const description = describeCode(code);
  const subCode = reason?.subCode;
  return subCode === undefined ? { ...description, code } : { ...description, code, subCode };
}

function describeCode(code: number): Description {
  const known = DESCRIPTIONS.get(code);
  if (known !== undefined) return known;
  if (Number.isInteger(code) && code >= 500 && code <= 599) return SERVICE_ERROR;
  return UNKNOWN;
}
