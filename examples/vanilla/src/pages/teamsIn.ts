import { el } from '../ui/dom';
import { startPage } from '../ui/page';

void startPage('Use case 4: a colleague calls you', (main, { mode }) => {
  main.append(
    el(
      'p',
      {},
      'When a colleague calls you from Teams, the call rings here with their name from the directory.',
    ),
    ...(mode === 'simulated'
      ? [el('p', { class: 'hint' }, 'Use “Incoming Teams call from a colleague” in the simulator.')]
      : []),
  );
});
