import type { CallHistory, CallHistorySnapshot } from '@teams-endpoint/core';
import { useEffect, useMemo } from 'react';
import { useTeamsEndpoint } from './useTeamsEndpoint';
import { useUnitSelector } from './useUnitSelector';

/** What `useCallHistory` returns: the history's snapshot, and the unit itself for `redial` and `clear`. */
export interface CallHistoryState {
  readonly snapshot: CallHistorySnapshot;
  readonly history: CallHistory;
}

const whole = <T>(snapshot: T) => snapshot;

/**
 * The calls that ended, newest first (`endpoint.history`), loaded from the history port on first use. Calls
 * that end while it shows are listed at once.
 *
 * @example
 * const { snapshot, history } = useCallHistory();
 * snapshot.items.map((entry) => (
 *   <li key={entry.id}>
 *     {entry.remote.kind === 'phoneNumber' ? entry.remote.phoneNumber : entry.outcome}
 *     <button type="button" onClick={() => history.redial(entry.id)}>Call again</button>
 *   </li>
 * ));
 */
export function useCallHistory(): CallHistoryState {
  const { history } = useTeamsEndpoint();
  // Effects run on the client only: a server render shows the history as it is and reads no storage.
  useEffect(() => {
    if (history.getSnapshot().status === 'idle') void history.load();
  }, [history]);
  const snapshot = useUnitSelector(history, whole);
  return useMemo(() => ({ snapshot, history }), [snapshot, history]);
}
