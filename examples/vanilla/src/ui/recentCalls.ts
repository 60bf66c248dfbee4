import type { CallHistoryEntry, TeamsEndpoint } from '@teams-endpoint/core';
import {
  formatDateTime,
  formatDuration,
  HISTORY_DIRECTION_WORDS,
  HISTORY_OUTCOME_WORDS,
  historyRemoteName,
  historyRemoteTitle,
  RECENT_CALLS_SHOWN,
  redialLabel,
} from '@teams-endpoint/demo-kit';
import { bindAttribute, bindList, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import { showText } from './callPanel';
import { uniqueId } from './capabilityHint';
import { button, el } from './dom';
import { errorMessage } from './fieldError';
import type { Mounted } from './mountKeyed';

/** One ended call: who, direction, outcome, duration, when, and "Call … again" with its error beside it. */
function historyEntry(entry: CallHistoryEntry, endpoint: TeamsEndpoint): HTMLLIElement {
  const who = el('span', { class: 'history-who' });
  showText(who, { text: historyRemoteName(entry), title: historyRemoteTitle(entry) });
  const errorId = uniqueId('redial-error');
  const error = el('p', { id: errorId, class: 'error field-error' });
  const redial = button(redialLabel(entry), () => {
    error.textContent = '';
    redial.removeAttribute('aria-describedby');
    try {
      endpoint.history.redial(entry.id);
    } catch (failure) {
      error.textContent = errorMessage(failure);
      redial.setAttribute('aria-describedby', errorId);
    }
  });
  return el(
    'li',
    { class: 'history-entry', 'data-outcome': entry.outcome },
    who,
    el(
      'span',
      { class: 'history-meta' },
      `${HISTORY_DIRECTION_WORDS[entry.direction]} · `,
      el(
        'span',
        { class: 'history-outcome', 'data-testid': 'call-ended' },
        HISTORY_OUTCOME_WORDS[entry.outcome],
      ),
      ` · ${formatDuration(entry.durationMs)} · `,
      el('time', { datetime: new Date(entry.startedAt).toISOString() }, formatDateTime(entry.startedAt)),
    ),
    redial,
    error,
  );
}

/** The dock's "Recent calls": the newest ended calls from the endpoint's history. */
export function recentCalls(endpoint: TeamsEndpoint): Mounted & { readonly node: HTMLElement } {
  const list = el('ul', { class: 'history-list', 'aria-label': 'Call history' });
  const empty = el('p', { class: 'history-empty' }, 'No calls yet.');
  const problem = el('p', { class: 'error' });
  const node = el(
    'section',
    { class: 'recent-calls', 'aria-label': 'Recent calls' },
    el('h3', {}, 'Recent calls'),
    empty,
    list,
    problem,
  );
  const stop = subscribeMany(
    bindList(
      list,
      endpoint.history,
      (s) => s.items.slice(0, RECENT_CALLS_SHOWN),
      (entry) => historyEntry(entry, endpoint),
      (entry) => entry.id,
    ),
    bindAttribute(empty, 'hidden', endpoint.history, (s) => s.items.length > 0 || s.status === 'loading'),
    bindAttribute(list, 'hidden', endpoint.history, (s) => s.items.length === 0),
    bindText(problem, endpoint.history, (s) => s.error?.message),
  );
  return { node, stop };
}
