import { bindText } from '@teams-endpoint/vanilla';
import { signedInMemory } from '../demoEnvironment';
import { button, el } from '../ui/dom';
import { startPage } from '../ui/page';

void startPage('Sign in with your Teams account', (main, { endpoint, mode }) => {
  const state = el('p', { 'data-testid': 'sign-in-state' });
  main.append(
    el(
      'p',
      {},
      mode === 'simulated'
        ? 'This demo runs on a simulated Fabrikam tenant: you sign in as Alice, and the simulator plays everyone else.'
        : 'Sign in with your Microsoft Teams work account.',
    ),
    button(
      'Sign in with Teams',
      () => {
        signedInMemory.set(true);
        endpoint.signIn().catch(() => undefined);
      },
      { class: 'primary' },
    ),
    state,
    el('p', {}, 'Then pick a use case in the navigation above.'),
  );
  bindText(state, endpoint, (s) =>
    s.session.status === 'ready' ? `Signed in as ${s.session.user?.displayName}.` : '',
  );
});
