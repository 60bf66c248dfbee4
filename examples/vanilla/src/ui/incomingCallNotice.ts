import type { Call } from '@teams-endpoint/core';
import { callerDetail, remoteText } from '@teams-endpoint/demo-kit';
import { bindText, subscribeMany, subscribeToUnit } from '@teams-endpoint/vanilla';
import { focusOnArrival, showText } from './callPanel';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/**
 * A ringing call's toast: who is calling (resolved while it rings, a number formatted), with accept and
 * decline buttons. `onLeaveWithFocus` runs when the toast goes while it had the focus and the call was not
 * accepted (accepting hands the focus to the call's "Hang up").
 */
export function incomingCallNotice(call: Call, onLeaveWithFocus: () => void): Mounted {
  const caller = el('strong', { class: 'caller', 'data-testid': 'incoming-caller' });
  const detail = el('span', { class: 'caller-detail' });
  let accepted = false;
  const accept = button(
    'Accept',
    () => {
      accepted = true;
      focusOnArrival.add(call.id);
      call.accept();
    },
    { class: 'primary' },
  );
  const decline = button('Decline', () => call.reject(), { class: 'danger' });
  const section = el(
    'section',
    { class: 'incoming toast', role: 'region', 'aria-label': 'Incoming call' },
    el('p', {}, 'Incoming call from ', caller, ' ', detail),
    el('div', { class: 'controls' }, accept, decline),
  );
  const stopBindings = subscribeMany(
    subscribeToUnit(
      call,
      remoteText,
      (shown) => showText(caller, shown),
      (a, b) => a.text === b.text,
    ),
    bindText(detail, call, callerDetail),
    bindText(accept, call, (s) => `Accept call from ${remoteText(s).text}`),
    bindText(decline, call, (s) => `Decline call from ${remoteText(s).text}`),
  );
  const stop = () => {
    stopBindings();
    if (!accepted && section.contains(document.activeElement)) queueMicrotask(onLeaveWithFocus);
  };
  return { node: section, stop };
}
