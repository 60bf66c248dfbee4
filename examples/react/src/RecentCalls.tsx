import type { CallHistoryEntry, CallHistorySnapshot } from '@teams-endpoint/core';
import {
  canRedial,
  formatDateTime,
  formatDuration,
  HISTORY_DIRECTION_WORDS,
  HISTORY_OUTCOME_WORDS,
  historyRemoteName,
  historyRemoteTitle,
  RECENT_CALLS_EMPTY,
  RECENT_CALLS_SHOWN,
  redialLabel,
} from '@teams-endpoint/demo-kit';
import { useTeamsEndpoint, useUnitSelector } from '@teams-endpoint/react';
import { useId, useState } from 'react';

const selectNewest = (snapshot: CallHistorySnapshot) => snapshot.items.slice(0, RECENT_CALLS_SHOWN);
const sameEntries = (a: readonly CallHistoryEntry[], b: readonly CallHistoryEntry[]) =>
  a.length === b.length && a.every((entry, index) => entry === b[index]);
const selectError = (snapshot: CallHistorySnapshot) => snapshot.error?.message ?? '';
const selectEmpty = (snapshot: CallHistorySnapshot) =>
  snapshot.items.length === 0 && snapshot.status !== 'loading';

/** The dock's newest ended calls, each with a button to call again (the kit's session loads the stored ones). */
export function RecentCalls() {
  const { history } = useTeamsEndpoint();
  const entries = useUnitSelector(history, selectNewest, sameEntries);
  const empty = useUnitSelector(history, selectEmpty);
  const error = useUnitSelector(history, selectError);
  return (
    <section className="recent-calls" aria-label="Recent calls">
      <h3>Recent calls</h3>
      {empty && <p className="history-empty">{RECENT_CALLS_EMPTY}</p>}
      <ul className="history-list" aria-label="Call history" hidden={entries.length === 0}>
        {entries.map((entry) => (
          <HistoryEntry key={entry.id} entry={entry} />
        ))}
      </ul>
      <p className="error">{error}</p>
    </section>
  );
}

/** One ended call: who, direction, outcome, duration, when, and "Call … again" with its error beside it. */
function HistoryEntry({ entry }: { entry: CallHistoryEntry }) {
  const { history } = useTeamsEndpoint();
  const [error, setError] = useState('');
  const errorId = useId();
  const redial = () => {
    setError('');
    try {
      history.redial(entry.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <li className="history-entry" data-outcome={entry.outcome}>
      <span className="history-who" title={historyRemoteTitle(entry)}>
        {historyRemoteName(entry)}
      </span>
      <span className="history-meta">
        {HISTORY_DIRECTION_WORDS[entry.direction]} ·{' '}
        <span className="history-outcome" data-testid="call-ended">
          {HISTORY_OUTCOME_WORDS[entry.outcome]}
        </span>{' '}
        · {formatDuration(entry.durationMs)} ·{' '}
        <time dateTime={new Date(entry.startedAt).toISOString()}>{formatDateTime(entry.startedAt)}</time>
      </span>
      {canRedial(entry) && (
        <button type="button" aria-describedby={error ? errorId : undefined} onClick={redial}>
          {redialLabel(entry)}
        </button>
      )}
      <p id={errorId} className="error field-error" role="alert">
        {error}
      </p>
    </li>
  );
}
