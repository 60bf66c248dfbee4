import type { CallHistory, CallHistorySnapshot } from '@teams-endpoint/core';
import type { Ref } from 'vue';
import { startOnClient } from './startOnClient';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { useUnitSelector } from './useUnitSelector';

/** What `useCallHistory` returns: the history's snapshot, and the unit itself for `redial` and `clear`. */
export interface CallHistoryState {
  readonly snapshot: Readonly<Ref<CallHistorySnapshot>>;
  readonly history: CallHistory;
}

const whole = <T>(snapshot: T) => snapshot;

/**
 * The calls that ended, newest first (`endpoint.history`), loaded from the history port once mounted (a
 * server render reads no storage). Calls that end while it shows are listed at once.
 *
 * @example
 * const { snapshot, history } = useCallHistory();
 * // <li v-for="entry in snapshot.items" :key="entry.id">{{ entry.outcome }}
 * //   <button type="button" @click="history.redial(entry.id)">Call again</button></li>
 */
export function useCallHistory(): CallHistoryState {
  const { history } = injectTeamsEndpoint();
  startOnClient(() => {
    if (history.getSnapshot().status === 'idle') void history.load();
  });
  return { snapshot: useUnitSelector(history, whole), history };
}
