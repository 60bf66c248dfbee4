import { el } from '../ui/dom';
import { startPage } from '../ui/page';

void startPage('Use case 2: a customer calls you', (main, { mode }) => {
  main.append(
    el(
      'p',
      {},
      'When a customer calls your Teams number, the call rings here with the customer’s name, looked up from the number.',
    ),
    ...(mode === 'simulated'
      ? [el('p', { class: 'hint' }, 'Use “Incoming PSTN call from a customer” in the simulator.')]
      : []),
  );
});
