import {
  type Call,
  type CallParticipant,
  type CallSpotlightSnapshot,
  callRaisedHands,
  callSpotlight,
  LOCAL_PARTICIPANT_ID,
  raisedHandsFirst,
} from '@teams-endpoint/core';
import {
  capabilityHint,
  handOrderLabel,
  participantCountLabel,
  participantDetails,
  participantName,
  ROSTER_ROW_HEIGHT,
  spotlightButtonLabel,
  visibleRows,
} from '@teams-endpoint/demo-kit';
import {
  bindAttribute,
  bindCallFeature,
  bindDisabled,
  bindText,
  placeChildren,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { describeRefusal, uniqueId } from './capabilityHint';
import { button, el } from './dom';
import { handRaisedIcon, spotlightedIcon } from './icons';
import type { Mounted } from './mountKeyed';

/** What a row shows beside the participant: their raised hand and spotlight, and the spotlight button. */
interface RowFeatures {
  readonly handOrder: number | undefined;
  readonly isSpotlighted: boolean;
  readonly spotlight: CallSpotlightSnapshot;
  readonly spotlightHintId: string;
}

interface RosterRow {
  readonly node: HTMLLIElement;
  update(participant: CallParticipant, features: RowFeatures): void;
}

function rosterRow(): RosterRow {
  const name = el('span', { class: 'roster-name' });
  const details = el('span', { class: 'roster-details' });
  const hand = el('span', { class: 'roster-hand' });
  const spotlighted = el('span', { class: 'roster-spotlighted' }, spotlightedIcon());
  const action = el('button', { type: 'button', class: 'roster-action' });
  const node = el('li', { class: 'roster-row' }, hand, name, spotlighted, details, action);
  node.style.height = `${ROSTER_ROW_HEIGHT}px`;
  let shown: CallParticipant | undefined;
  let handShown: number | undefined;
  return {
    node,
    update(participant, { handOrder, isSpotlighted, spotlight, spotlightHintId }) {
      const who = participantName(participant);
      if (participant !== shown) {
        shown = participant;
        name.textContent = who;
        details.textContent = participantDetails(participant);
      }
      if (handOrder !== handShown) {
        handShown = handOrder;
        hand.replaceChildren(
          ...(handOrder === undefined
            ? []
            : [handRaisedIcon(), el('span', { class: 'hand-order' }, handOrderLabel(handOrder))]),
        );
      }
      spotlighted.hidden = !isSpotlighted;
      // Where the call has no spotlight (or Teams refuses it for a reason of state only), no button.
      const allowed = isSpotlighted ? spotlight.can.removeSpotlight : spotlight.can.spotlight;
      const reason = isSpotlighted ? spotlight.canReasons.removeSpotlight : spotlight.canReasons.spotlight;
      const words = capabilityHint(reason);
      action.hidden = !spotlight.available || (!allowed && !words);
      action.disabled = !allowed;
      const label = spotlightButtonLabel(who, isSpotlighted);
      if (action.textContent !== label) action.textContent = label;
      action.dataset.participantId = participant.id;
      action.dataset.spotlighted = String(isSpotlighted);
      describeRefusal(action, words, spotlightHintId);
    },
  };
}

/**
 * A meeting's participants, virtualized: the list is as tall as every row would be, and only the rows in
 * view (plus a few) exist, so a thousand participants stay a few dozen nodes. Raised hands come first, with
 * their order; spotlighted people are marked, with a spotlight button where Teams allows it.
 */
export function roster(call: Call): Mounted {
  const hands = callRaisedHands(call);
  const spotlight = callSpotlight(call);
  const count = el('p', { class: 'roster-count', 'data-testid': 'participant-count' });
  const stopOwn = button('Stop spotlighting me', () => spotlight.unspotlight(LOCAL_PARTICIPANT_ID));
  const you = el('div', { class: 'roster-you' }, el('p', {}, 'You are spotlighted.'), stopOwn);
  const spotlightWords = el('span', { id: uniqueId('spotlight-hint') });
  const spotlightHint = el('p', { class: 'hint' }, 'Spotlight: ', spotlightWords);
  const error = el('p', { class: 'error', role: 'alert' });
  const list = el('ul', { class: 'roster-list', 'aria-label': 'Participants' });
  // Focusable, so that keyboard users can scroll it.
  const scroller = el('div', { class: 'roster-scroll', tabindex: '0' }, list);
  const node = el('div', { class: 'roster' }, count, you, spotlightHint, error, scroller);
  // Rows are kept by participant while they are drawn, so a focused spotlight button keeps focus.
  let rows = new Map<string, RosterRow>();

  const render = () => {
    const { participants } = call.getSnapshot();
    const raised = hands.getSnapshot().hands;
    const spot = spotlight.getSnapshot();
    const ordered = raisedHandsFirst(participants, raised);
    node.hidden = participants.length === 0;
    count.textContent = participantCountLabel(participants.length);
    list.style.height = `${ordered.length * ROSTER_ROW_HEIGHT}px`;
    const handOrders = new Map(raised.map((hand) => [hand.participantId, hand.order]));
    const spotlit = new Set(spot.spotlighted);
    const [start, end] = visibleRows(scroller.scrollTop, scroller.clientHeight, ordered.length);
    const next = new Map<string, RosterRow>();
    const shown = ordered.slice(start, end).map((participant, offset) => {
      const row = rows.get(participant.id) ?? rosterRow();
      next.set(participant.id, row);
      row.update(participant, {
        handOrder: handOrders.get(participant.id),
        isSpotlighted: spotlit.has(participant.id),
        spotlight: spot,
        spotlightHintId: spotlightWords.id,
      });
      row.node.style.top = `${(start + offset) * ROSTER_ROW_HEIGHT}px`;
      row.node.setAttribute('aria-posinset', String(start + offset + 1));
      row.node.setAttribute('aria-setsize', String(ordered.length));
      return row.node;
    });
    rows = next;
    placeChildren(list, shown);
  };

  // One listener for every row's spotlight button.
  const onClick = (event: MouseEvent) => {
    const target = (event.target as Element).closest<HTMLButtonElement>('button[data-participant-id]');
    if (!target) return;
    error.textContent = '';
    try {
      const id = target.dataset.participantId!;
      if (target.dataset.spotlighted === 'true') spotlight.unspotlight(id);
      else spotlight.spotlight(id);
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
    }
  };
  list.addEventListener('click', onClick);
  scroller.addEventListener('scroll', render, { passive: true });
  // The first measure comes once the roster is laid out.
  const resized = new ResizeObserver(render);
  resized.observe(scroller);
  const stop = subscribeMany(
    subscribeToUnit(call, (s) => s.participants, render),
    bindCallFeature(call, callRaisedHands, render),
    bindCallFeature(call, callSpotlight, render),
    bindAttribute(you, 'hidden', spotlight, (s) => !s.isLocalSpotlighted),
    bindDisabled(stopOwn, spotlight, (s) => !s.can.stopOwnSpotlight),
    bindText(spotlightWords, spotlight, (s) => (s.available ? capabilityHint(s.canReasons.spotlight) : null)),
    bindAttribute(
      spotlightHint,
      'hidden',
      spotlight,
      (s) => !s.available || !capabilityHint(s.canReasons.spotlight),
    ),
  );
  return {
    node,
    stop: () => {
      stop();
      resized.disconnect();
      scroller.removeEventListener('scroll', render);
      list.removeEventListener('click', onClick);
    },
  };
}
