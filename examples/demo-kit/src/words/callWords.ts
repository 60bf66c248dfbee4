// Framework-agnostic: the React and the Vue apps both read this file. It adds to the vanilla call panel's
// exported helpers (`remoteLabel`, `endedLabel`, `formatDuration`) what a call panel in a framework needs.
import type { CallSnapshot, EndpointSnapshot } from '@teams-endpoint/core';
import { formatDuration } from '../../../vanilla/src/ui/dom';

export { KEYPAD_KEYS, STATUS_WORDS as CALL_STATUS_WORDS } from '../../../vanilla/src/ui/callPanel';

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

/** The calls that get a call panel: every listed call but those still ringing here (they get a notice). */
export const selectPanelCallIds = (snapshot: EndpointSnapshot): readonly string[] =>
  snapshot.calls.filter((call) => call.status !== 'incoming').map((call) => call.id);
