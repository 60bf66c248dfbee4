import type { Simulator } from '../demoEnvironment';
import { SIMULATOR_HINT, simulatorControlGroups } from '../simulatorControls';
import { button, el } from './dom';

/** Buttons that make the simulated world act: remote parties, the lobby, the network. */
export function simulatorPanel(simulator: Simulator): HTMLElement {
  return el(
    'aside',
    { class: 'simulator', 'aria-labelledby': 'simulator-title' },
    el('h2', { id: 'simulator-title' }, 'Simulator'),
    el('p', { class: 'hint' }, SIMULATOR_HINT),
    ...simulatorControlGroups(simulator).map((group) =>
      el(
        'div',
        { role: 'group', 'aria-label': group.label, class: 'sim-group' },
        el('p', { class: 'sim-label' }, group.label),
        ...group.controls.map((control) => button(control.label, control.run)),
      ),
    ),
  );
}
