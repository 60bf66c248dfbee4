import type { Simulator } from '../demoEnvironment';
import { button, el } from './dom';

/** Buttons that make the simulated world act: remote parties, the lobby, the network. */
export function simulatorPanel(simulator: Simulator): HTMLElement {
  const group = (label: string, ...buttons: HTMLButtonElement[]) =>
    el(
      'div',
      { role: 'group', 'aria-label': label, class: 'sim-group' },
      el('p', { class: 'sim-label' }, label),
      ...buttons,
    );
  return el(
    'aside',
    { class: 'simulator', 'aria-labelledby': 'simulator-title' },
    el('h2', { id: 'simulator-title' }, 'Simulator'),
    el('p', { class: 'hint' }, 'Plays the other side on the simulated Fabrikam tenant.'),
    group(
      'Incoming calls',
      button('Incoming PSTN call from a customer', simulator.incomingPstnCall),
      button('Incoming Teams call from a colleague', simulator.incomingTeamsCall),
      button('Incoming Teams call from Mallory', simulator.incomingHostileTeamsCall),
      button('Caller hangs up', simulator.callerHangsUp),
    ),
    group(
      'Next outbound call',
      button('Next outbound call is answered', () => simulator.nextOutbound('answer')),
      button('Next outbound call is busy', () => simulator.nextOutbound('busy')),
      button('Next outbound call is unanswered', () => simulator.nextOutbound('no_answer')),
      button('Next outbound call is declined', () => simulator.nextOutbound('decline')),
    ),
    group(
      'During a call',
      button('Admit from lobby', simulator.admitFromLobby),
      button('Deny from lobby', simulator.denyFromLobby),
      button('25 participants join', () => simulator.participantsJoin(25)),
      button('Remote party hangs up', simulator.remoteHangsUp),
      button('Drop the network', simulator.dropNetwork),
    ),
  );
}
