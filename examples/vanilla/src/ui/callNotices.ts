import { type Call, callDiagnostics, type DiagnosticNotice } from '@teams-endpoint/core';
import { bindAttribute, bindList, subscribeMany } from '@teams-endpoint/vanilla';
import { el } from './dom';
import type { Mounted } from './mountKeyed';

function notice(item: DiagnosticNotice): HTMLLIElement {
  // A bad condition is an alert (announced at once); a poor one is a quiet warning.
  return el(
    'li',
    { class: `call-notice ${item.severity}`, 'data-kind': item.kind },
    item.severity === 'bad' ? el('p', { role: 'alert' }, item.message) : item.message,
  );
}

/** What is wrong with the network or the devices now, in the core's words; each goes once its condition clears. */
export function callNotices(call: Call): Mounted {
  const diagnostics = callDiagnostics(call);
  const list = el('ul', { class: 'call-notices', 'aria-label': 'Call notices' });
  const stop = subscribeMany(
    bindAttribute(list, 'hidden', diagnostics, (s) => s.notices.length === 0),
    bindList(
      list,
      diagnostics,
      (s) => s.notices,
      notice,
      (item) => item.kind,
    ),
  );
  return { node: list, stop };
}
