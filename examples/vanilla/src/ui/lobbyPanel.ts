import {
  type Call,
  type CallLobby,
  type CallLobbySnapshot,
  callLobby,
  type LobbyEntry,
} from '@teams-endpoint/core';
import { capabilityHint, lobbyCountLabel, lobbyName } from '@teams-endpoint/demo-kit';
import {
  bindCallFeature,
  bindDisabled,
  bindText,
  placeChildren,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { describeRefusal, withCapabilityHint } from './capabilityHint';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/** One person waiting: their name and the two buttons; the buttons wait while a decision is on its way. */
function waitingRow(
  lobby: CallLobby,
  hintId: string,
): { node: HTMLLIElement; update: (entry: LobbyEntry) => void } {
  const name = el('span', { class: 'lobby-name' });
  const admit = el('button', { type: 'button', 'data-action': 'admit' });
  const reject = el('button', { type: 'button', 'data-action': 'reject', class: 'danger' });
  const node = el('li', { class: 'lobby-row' }, name, el('span', { class: 'controls' }, admit, reject));
  return {
    node,
    update: (entry) => {
      const who = lobbyName(entry);
      name.textContent = who;
      node.setAttribute('aria-busy', String(entry.pending));
      admit.textContent = `Admit ${who}`;
      reject.textContent = `Reject ${who}`;
      admit.dataset.participantId = entry.id;
      reject.dataset.participantId = entry.id;
      const { can, canReasons } = lobby.getSnapshot();
      const words = capabilityHint(canReasons.admit);
      for (const [control, allowed] of [
        [admit, can.admit],
        [reject, can.reject],
      ] as const) {
        control.disabled = entry.pending || !allowed;
        describeRefusal(control, words, hintId);
      }
    },
  };
}

/**
 * A meeting's lobby for organizers and presenters: who waits, each with "Admit" and "Reject", and "Admit
 * all". Hidden while nobody waits; it scrolls into view when someone arrives.
 */
export function lobbyPanel(call: Call): Mounted {
  const lobby = callLobby(call);
  const count = el('p', { class: 'lobby-count' });
  const list = el('ul', { class: 'lobby-list', 'aria-label': 'Waiting in the lobby' });
  const admitAll = button('Admit all', () => lobby.admitAll(), { class: 'primary' });
  const all = withCapabilityHint(admitAll, lobby, (s) => s.canReasons.admitAll);
  const error = el('p', { class: 'error', role: 'alert' });
  const region = el(
    'section',
    { class: 'lobby', 'aria-label': 'Lobby' },
    el('h4', {}, 'Lobby'),
    count,
    list,
    all.node,
    error,
  );

  // Teams gives one reason for all three: the rows point at the hint of "Admit all".
  const { hintId } = all;
  let rows = new Map<string, ReturnType<typeof waitingRow>>();
  const render = ({ participants }: CallLobbySnapshot) => {
    const next = new Map<string, ReturnType<typeof waitingRow>>();
    for (const entry of participants) {
      const row = rows.get(entry.id) ?? waitingRow(lobby, hintId);
      row.update(entry);
      next.set(entry.id, row);
    }
    rows = next;
    placeChildren(
      list,
      [...next.values()].map((row) => row.node),
    );
  };
  // One listener for every row's buttons.
  const onClick = (event: MouseEvent) => {
    const target = (event.target as Element).closest<HTMLButtonElement>('button[data-participant-id]');
    if (!target) return;
    error.textContent = '';
    try {
      if (target.dataset.action === 'admit') lobby.admit(target.dataset.participantId!);
      else lobby.reject(target.dataset.participantId!);
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
    }
  };
  list.addEventListener('click', onClick);

  const stop = subscribeMany(
    bindCallFeature(call, callLobby, render),
    bindText(count, lobby, (s) => lobbyCountLabel(s.participants.length)),
    bindDisabled(admitAll, lobby, (s) => !s.can.admitAll),
    all.stop,
    subscribeToUnit(
      lobby,
      (s) => s.available && s.participants.length > 0,
      (shown) => {
        region.hidden = !shown;
        if (shown) region.scrollIntoView({ block: 'nearest' });
      },
    ),
    () => list.removeEventListener('click', onClick),
  );
  return { node: region, stop };
}
