import type { Call, CallParticipant } from '@teams-endpoint/core';
import { placeChildren, subscribeToUnit } from '@teams-endpoint/vanilla';
import { el } from './dom';
import {
  participantCountLabel,
  participantDetails,
  participantName,
  ROSTER_ROW_HEIGHT,
  visibleRows,
} from './mediaWords';
import type { Mounted } from './mountKeyed';

function rosterRow(participant: CallParticipant): HTMLLIElement {
  const row = el(
    'li',
    { class: 'roster-row' },
    el('span', { class: 'roster-name' }, participantName(participant)),
    el('span', { class: 'roster-details' }, participantDetails(participant)),
  );
  row.style.height = `${ROSTER_ROW_HEIGHT}px`;
  return row;
}

/**
 * A meeting's participants, virtualized: the list is as tall as every row would be, and only the rows in
 * view (plus a few) exist, so a thousand participants stay a few dozen nodes.
 */
export function roster(call: Call): Mounted {
  const count = el('p', { class: 'roster-count', 'data-testid': 'participant-count' });
  const list = el('ul', { class: 'roster-list', 'aria-label': 'Participants' });
  // Focusable, so that keyboard users can scroll it.
  const scroller = el('div', { class: 'roster-scroll', tabindex: '0' }, list);
  const node = el('div', { class: 'roster' }, count, scroller);
  // An unchanged participant keeps its object, so its row is built once.
  const rows = new WeakMap<CallParticipant, HTMLLIElement>();
  const rowOf = (participant: CallParticipant) => {
    const row = rows.get(participant) ?? rosterRow(participant);
    rows.set(participant, row);
    return row;
  };

  const render = (participants: readonly CallParticipant[]) => {
    node.hidden = participants.length === 0;
    count.textContent = participantCountLabel(participants.length);
    list.style.height = `${participants.length * ROSTER_ROW_HEIGHT}px`;
    const [start, end] = visibleRows(scroller.scrollTop, scroller.clientHeight, participants.length);
    const shown = participants.slice(start, end).map((participant, offset) => {
      const row = rowOf(participant);
      row.style.top = `${(start + offset) * ROSTER_ROW_HEIGHT}px`;
      row.setAttribute('aria-posinset', String(start + offset + 1));
      row.setAttribute('aria-setsize', String(participants.length));
      return row;
    });
    placeChildren(list, shown);
  };
  const renderNow = () => render(call.getSnapshot().participants);
  scroller.addEventListener('scroll', renderNow, { passive: true });
  // The first measure comes once the roster is laid out.
  const resized = new ResizeObserver(renderNow);
  resized.observe(scroller);
  const stop = subscribeToUnit(call, (s) => s.participants, render);
  return {
    node,
    stop: () => {
      stop();
      resized.disconnect();
      scroller.removeEventListener('scroll', renderNow);
    },
  };
}
