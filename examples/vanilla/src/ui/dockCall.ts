import type { Call, TeamsEndpoint } from '@teams-endpoint/core';
import {
  callStatusLabel,
  remoteName,
  remoteText,
  type SharedAudio,
  showCallLabel,
} from '@teams-endpoint/demo-kit';
import {
  bindAttribute,
  bindDisabled,
  bindText,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { callPanel, showText } from './callPanel';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/** A live call in the dock: its full panel while it is the active call, else one row. */
export interface DockCall extends Mounted {
  readonly node: HTMLElement;
  readonly setExpanded: (expanded: boolean) => void;
}

/**
 * One live call of the dock. Collapsed, it is one row: who, status, Hold or Resume, Hang up, and "Show call
 * with …", which makes it the active call (`expand`). Both stay mounted, so a collapsed call keeps what was
 * typed in its transfer form and its keypad's digits.
 */
export function dockCall(
  call: Call,
  endpoint: TeamsEndpoint,
  audio: SharedAudio,
  expand: () => void,
): DockCall {
  const panel = callPanel(call, endpoint, audio);
  const who = el('span', { class: 'dock-row-who' });
  const status = el('span', { class: 'dock-row-status' });
  const hold = button('Hold', () => {
    if (call.getSnapshot().can.resume) {
      expand();
      call.resume();
    } else call.hold();
  });
  const hangUp = button('Hang up', () => call.hangUp(), { class: 'danger' });
  const show = button('Show call', () => {
    expand();
    panel.focusTitle();
  });
  const row = el(
    'div',
    { class: 'dock-row', role: 'group' },
    who,
    status,
    el('div', { class: 'controls' }, hold, hangUp, show),
  );
  const node = el('div', { class: 'dock-call' }, panel.node, row);
  let expanded: boolean | undefined;
  const stop = subscribeMany(
    subscribeToUnit(
      call,
      remoteText,
      (shown) => showText(who, shown),
      (a, b) => a.text === b.text,
    ),
    bindAttribute(row, 'aria-label', call, (s) => `Call with ${remoteName(s)}`),
    bindText(show, call, (s) => showCallLabel(remoteName(s))),
    bindText(status, call, callStatusLabel),
    bindText(hold, call, (s) => (s.can.resume ? 'Resume' : 'Hold')),
    bindDisabled(hold, call, (s) => !(s.can.hold || s.can.resume)),
    bindDisabled(hangUp, call, (s) => !s.can.hangUp),
    panel.stop,
  );
  return {
    node,
    stop,
    setExpanded(next) {
      if (next === expanded) return;
      expanded = next;
      panel.node.hidden = !next;
      row.hidden = next;
    },
  };
}
