import type { Call } from '@teams-endpoint/core';
import { bindText, subscribeMany } from '@teams-endpoint/vanilla';
import { focusOnArrival, remoteLabel } from './callPanel';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/** An incoming call: who is calling (resolved while it rings), with accept and decline buttons. */
export function incomingCallNotice(call: Call): Mounted {
  const caller = el('strong', { class: 'caller', 'data-testid': 'incoming-caller' });
  const detail = el('span', { class: 'caller-detail' });
  const accept = button(
    'Accept',
    () => {
      // The notice disappears with the button that had focus: hand focus to the call's own controls.
      focusOnArrival.add(call.id);
      call.accept();
    },
    { class: 'primary' },
  );
  const decline = button('Decline', () => call.reject(), { class: 'danger' });
  const section = el(
    'section',
    { class: 'incoming', role: 'region', 'aria-label': 'Incoming call' },
    el('p', {}, 'Incoming call from ', caller, ' ', detail),
    el('div', { class: 'controls' }, accept, decline),
  );
  const stop = subscribeMany(
    bindText(caller, call, remoteLabel),
    bindText(detail, call, (s) => {
      if (s.callerResolution === 'pending') return '(looking up…)';
      if (s.remote.kind === 'phoneNumber' && s.remote.customer?.company)
        return `· ${s.remote.customer.company}`;
      return s.remote.kind === 'teamsUser' ? '· Teams' : '';
    }),
    bindText(accept, call, (s) => `Accept call from ${remoteLabel(s)}`),
    bindText(decline, call, (s) => `Decline call from ${remoteLabel(s)}`),
  );
  return { node: section, stop };
}
