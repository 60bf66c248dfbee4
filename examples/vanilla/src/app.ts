import {
  createTryAction,
  DEMO_VIEWS,
  type DemoEnvironment,
  type DemoView,
  modeLabel,
  offersSignIn,
  SESSION_WORDS,
  type SharedAudio,
  signInAndRemember,
  signOutAndForget,
  viewHref,
} from '@teams-endpoint/demo-kit';
import { bindAttribute, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import { startRouter, type ViewRenderer } from './router';
import { softphone } from './ui/callDock';
import { deviceSettingsPanel } from './ui/deviceSettingsPanel';
import { button, el } from './ui/dom';
import { simulatorPanel } from './ui/simulatorPanel';
import { colleaguesView } from './views/colleaguesView';
import { customersView } from './views/customersView';
import { meetingsView } from './views/meetingsView';
import { signInView } from './views/signInView';
import type { ViewContext } from './views/viewContext';
import { waitForCallView } from './views/waitForCallView';

/** Each view's renderer. */
function viewRenderer(view: DemoView, context: ViewContext): ViewRenderer {
  switch (view.id) {
    case 'sign-in':
      return signInView(context);
    case 'pstn-out':
      return customersView(context);
    case 'teams-out':
      return colleaguesView(context);
    case 'meetings':
      return meetingsView(context);
    default:
      return waitForCallView(view, context);
  }
}

/**
 * The single-page app: navigation and session bar, device settings, the current view, the simulator, and
 * the calls (toasts and dock), which stay whatever the view. Returns the teardown.
 */
export function startApp(root: HTMLElement, environment: DemoEnvironment, audio: SharedAudio): () => void {
  const { endpoint } = environment;

  const sessionStatus = el('span', { 'data-testid': 'session-status', role: 'status' });
  const userName = el('span', { class: 'user' });
  const sessionError = el('span', { class: 'error' });
  const signIn = button('Sign in', () => signInAndRemember(endpoint), { class: 'primary' });
  const signOut = button('Sign out', () => signOutAndForget(endpoint));
  const pageError = el('p', { class: 'error', role: 'alert', 'data-testid': 'page-error' });
  const showError = (message: string) => {
    pageError.textContent = message;
  };
  const deviceSettings = deviceSettingsPanel(environment.devices, showError);
  const links = new Map(
    DEMO_VIEWS.map((view) => [view.id, el('a', { href: viewHref(view) }, view.navLabel)] as const),
  );
  const heading = el('h1', { tabindex: '-1' });
  const content = el('div', { class: 'content' });
  const calls = softphone(endpoint, audio);
  const simulator = environment.simulator ? simulatorPanel(environment.simulator, endpoint) : null;

  root.replaceChildren(
    el('a', { href: '#main', class: 'skip-link' }, 'Skip to content'),
    el(
      'header',
      {},
      el('p', { class: 'brand' }, 'Contoso for Fabrikam · teams-endpoint demo'),
      el(
        'nav',
        { 'aria-label': 'Use cases' },
        el('ul', {}, ...[...links.values()].map((link) => el('li', {}, link))),
      ),
      el(
        'div',
        { class: 'session' },
        el('span', { class: 'mode' }, modeLabel(environment.mode)),
        ' · ',
        sessionStatus,
        ' ',
        userName,
        ' ',
        sessionError,
        signIn,
        signOut,
        deviceSettings.toggle,
      ),
    ),
    deviceSettings.panel,
    // Early in the tab order: a ringing call is a few keys away from anywhere.
    calls.toasts,
    el(
      'div',
      { class: 'layout' },
      el('main', { id: 'main', tabindex: '-1' }, heading, pageError, content),
      simulator?.node,
    ),
    calls.dock,
  );

  const context: ViewContext = {
    endpoint,
    mode: environment.mode,
    showError,
    tryAction: createTryAction(endpoint, showError),
  };
  return subscribeMany(
    bindText(sessionStatus, endpoint, (s) => SESSION_WORDS[s.session.status]),
    bindText(userName, endpoint, (s) => (s.session.user ? `as ${s.session.user.displayName}` : '')),
    bindText(sessionError, endpoint, (s) => s.session.error?.message ?? ''),
    bindAttribute(signIn, 'hidden', endpoint, (s) => !offersSignIn(s.session)),
    bindAttribute(signOut, 'hidden', endpoint, (s) => s.session.user === null),
    startRouter({
      heading,
      content,
      links,
      render: (view) => viewRenderer(view, context),
      onLeave: () => showError(''),
    }),
    calls.stop,
    simulator?.stop ?? (() => {}),
    deviceSettings.dispose,
  );
}
