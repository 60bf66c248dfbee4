import { signInAndRemember, signInIntro } from '@teams-endpoint/demo-kit';
import { bindText } from '@teams-endpoint/vanilla';
import type { ViewRenderer } from '../router';
import { button, el } from '../ui/dom';
import type { ViewContext } from './viewContext';

export const signInView =
  ({ endpoint, mode }: ViewContext): ViewRenderer =>
  (content) => {
    const state = el('p', { 'data-testid': 'sign-in-state' });
    content.append(
      el('p', {}, signInIntro(mode)),
      button('Sign in with Teams', () => signInAndRemember(endpoint), { class: 'primary' }),
      state,
      el('p', {}, 'Then pick a use case in the navigation above.'),
    );
    return bindText(state, endpoint, (s) =>
      s.session.status === 'ready' ? `Signed in as ${s.session.user?.displayName}.` : '',
    );
  };
