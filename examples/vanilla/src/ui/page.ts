import type { SessionStatus, TeamsEndpoint } from '@teams-endpoint/core';
import { bindAttribute, bindText, subscribeMany, subscribeToUnit } from '@teams-endpoint/vanilla';
import { createDemoEnvironment, type DemoEnvironment, signedInMemory } from '../demoEnvironment';
import { callPanel } from './callPanel';
import { deviceSettingsPanel } from './deviceSettingsPanel';
import { button, el } from './dom';
import { incomingCallNotice } from './incomingCallNotice';
import { mountKeyed } from './mountKeyed';
import { simulatorPanel } from './simulatorPanel';

const PAGES = [
  { href: './index.html', label: 'Sign in' },
  { href: './pstn-out.html', label: '1. Call a customer' },
  { href: './pstn-in.html', label: '2. Customer calls' },
  { href: './teams-out.html', label: '3. Call a colleague' },
  { href: './teams-in.html', label: '4. Colleague calls' },
  { href: './meetings.html', label: '5. Meetings' },
];

/** The session's status in words. */
export const SESSION_WORDS: Record<SessionStatus, string> = {
  signed_out: 'Signed out',
  signing_in: 'Signing in…',
  connecting: 'Connecting to Teams…',
  ready: 'Ready',
  reconnecting: 'Reconnecting…',
  signing_out: 'Signing out…',
  failed: 'Sign-in failed',
};

export interface PageContext extends DemoEnvironment {
  /** Shows a message for bad input or a failure, in the page's alert region. */
  readonly showError: (message: string) => void;
  readonly clearError: () => void;
}

/**
 * Lays out a demo page (navigation, session bar, device settings, the page's own content, incoming calls,
 * calls, simulator) and signs in again if the user signed in on another page.
 */
export async function startPage(
  title: string,
  render: (main: HTMLElement, context: PageContext) => void,
): Promise<void> {
  const app = document.getElementById('app')!;
  const environment = await createDemoEnvironment();
  const { endpoint } = environment;

  const sessionStatus = el('span', { 'data-testid': 'session-status', role: 'status' });
  const userName = el('span', { class: 'user' });
  const sessionError = el('span', { class: 'error' });
  const signIn = button(
    'Sign in',
    () => {
      signedInMemory.set(true);
      endpoint.signIn().catch(() => undefined);
    },
    { class: 'primary' },
  );
  const signOut = button('Sign out', () => {
    signedInMemory.set(false);
    endpoint.signOut().catch(() => undefined);
  });
  const pageError = el('p', { class: 'error', role: 'alert', 'data-testid': 'page-error' });
  const main = el('main', { id: 'main' });
  const incoming = el('div', { class: 'incoming-calls', 'aria-live': 'assertive' });
  const calls = el('div', { class: 'calls' });
  const showError = (message: string) => {
    pageError.textContent = message;
  };
  const deviceSettings = deviceSettingsPanel(environment.devices, showError);

  const header = el(
    'header',
    {},
    el('p', { class: 'brand' }, 'Contoso for Fabrikam · teams-endpoint demo'),
    el(
      'nav',
      { 'aria-label': 'Use cases' },
      el(
        'ul',
        {},
        ...PAGES.map((page) =>
          el(
            'li',
            {},
            el(
              'a',
              {
                href: page.href,
                'aria-current': location.pathname.endsWith(page.href.slice(1)) ? 'page' : undefined,
              },
              page.label,
            ),
          ),
        ),
      ),
    ),
    el(
      'div',
      { class: 'session' },
      el('span', { class: 'mode' }, environment.mode === 'simulated' ? 'Simulated tenant' : 'Live tenant'),
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
  );

  main.append(el('h1', {}, title), pageError);
  const context: PageContext = {
    ...environment,
    showError,
    clearError: () => {
      pageError.textContent = '';
    },
  };
  const content = el('div', { class: 'content' });
  main.append(content, el('h2', {}, 'Calls'), incoming, calls);
  render(content, context);

  app.replaceChildren(
    el('a', { href: '#main', class: 'skip-link' }, 'Skip to content'),
    header,
    deviceSettings.panel,
    el(
      'div',
      { class: 'layout' },
      main,
      environment.simulator ? simulatorPanel(environment.simulator) : null,
    ),
  );

  subscribeMany(
    bindText(sessionStatus, endpoint, (s) => SESSION_WORDS[s.session.status]),
    bindText(userName, endpoint, (s) => (s.session.user ? `as ${s.session.user.displayName}` : '')),
    bindText(sessionError, endpoint, (s) => s.session.error?.message ?? ''),
    bindAttribute(
      signIn,
      'hidden',
      endpoint,
      (s) => s.session.user !== null && s.session.status !== 'failed',
    ),
    bindAttribute(signOut, 'hidden', endpoint, (s) => s.session.user === null),
    mountKeyed(
      incoming,
      endpoint,
      (s) => s.calls.filter((c) => c.status === 'incoming').map((c) => c.id),
      (id) => incomingCallNotice(endpoint.getCall(id)!),
    ),
    mountKeyed(
      calls,
      endpoint,
      (s) => s.calls.filter((c) => c.status !== 'incoming').map((c) => c.id),
      (id) => callPanel(endpoint.getCall(id)!, endpoint),
    ),
  );

  if (signedInMemory.get()) endpoint.signIn().catch(() => undefined);
  window.addEventListener('pagehide', () => {
    deviceSettings.dispose();
    void endpoint.dispose();
  });
}

/** Runs `load` each time the session becomes ready (lists need a signed-in user). */
export function loadWhenReady(context: PageContext, load: () => void): void {
  subscribeToUnit(
    context.endpoint,
    (s) => s.session.status === 'ready',
    (ready) => {
      if (ready) load();
    },
  );
}

/** Runs an endpoint action and shows a typed error (bad input, not signed in) in the page's alert region. */
export function tryAction(context: PageContext, action: (endpoint: TeamsEndpoint) => void): void {
  try {
    context.clearError();
    action(context.endpoint);
  } catch (error) {
    context.showError(error instanceof Error ? error.message : String(error));
  }
}
