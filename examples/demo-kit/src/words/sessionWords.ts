// Framework-agnostic: the React and the Vue apps both read this file.
import type { SessionSnapshot } from '@teams-endpoint/core';
import type { DemoEnvironment } from '../../../vanilla/src/demoEnvironment';

export { SESSION_WORDS } from '../../../vanilla/src/ui/page';

export const modeLabel = (mode: DemoEnvironment['mode']): string =>
  mode === 'simulated' ? 'Simulated tenant' : 'Live tenant';

export const signInIntro = (mode: DemoEnvironment['mode']): string =>
  mode === 'simulated'
    ? 'This demo runs on a simulated Fabrikam tenant: you sign in as Alice, and the simulator plays everyone else.'
    : 'Sign in with your Microsoft Teams work account.';

/** The session bar offers "Sign in" until someone is signed in (and again after a failure). */
export const offersSignIn = (session: SessionSnapshot): boolean =>
  session.user === null || session.status === 'failed';
