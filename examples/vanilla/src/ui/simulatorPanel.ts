import type { TeamsEndpoint } from '@teams-endpoint/core';
import type { Simulator } from '@teams-endpoint/demo-kit';
import {
  RING_FROM_BUTTON,
  RING_FROM_LABEL,
  SIMULATOR_HINT,
  SIMULATOR_SIGNED_OUT_HINT,
  simulatorCallerGroups,
  simulatorControlGroups,
  simulatorEnabled,
} from '@teams-endpoint/demo-kit';
import { subscribeToUnit } from '@teams-endpoint/vanilla';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/**
 * Buttons that make the simulated world act (remote parties, the lobby, the network), and "Ring me from"
 * anyone. All of it waits, disabled, until someone is signed in: before that no one can call.
 */
export function simulatorPanel(
  simulator: Simulator,
  endpoint: TeamsEndpoint,
): Mounted & { node: HTMLElement } {
  const signedOut = el(
    'p',
    { class: 'hint sim-signed-out', id: 'simulator-signed-out' },
    SIMULATOR_SIGNED_OUT_HINT,
  );
  const caller = el(
    'select',
    { id: 'ring-from' },
    ...simulatorCallerGroups(simulator).map((group) =>
      el(
        'optgroup',
        { label: group.label },
        ...group.callers.map((option) => el('option', { value: option.id }, option.label)),
      ),
    ),
  );
  const ring = button(RING_FROM_BUTTON, () => simulator.ringFrom(caller.value));
  const controls = simulatorControlGroups(simulator).map((group) =>
    el(
      'div',
      { role: 'group', 'aria-label': group.label, class: 'sim-group' },
      el('p', { class: 'sim-label' }, group.label),
      ...group.controls.map((control) => button(control.label, control.run)),
    ),
  );
  const node = el(
    'aside',
    { class: 'simulator', 'aria-labelledby': 'simulator-title' },
    el('h2', { id: 'simulator-title' }, 'Simulator'),
    el('p', { class: 'hint' }, SIMULATOR_HINT),
    signedOut,
    el('div', { class: 'ring-from' }, el('label', { for: 'ring-from' }, RING_FROM_LABEL), caller, ring),
    ...controls,
  );
  const stop = subscribeToUnit(
    endpoint,
    (s) => simulatorEnabled(s.session),
    (enabled) => {
      signedOut.hidden = enabled;
      node.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select').forEach((control) => {
        control.disabled = !enabled;
        if (enabled) control.removeAttribute('aria-describedby');
        else control.setAttribute('aria-describedby', signedOut.id);
      });
    },
  );
  return { node, stop };
}
