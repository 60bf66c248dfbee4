// The session bar's words, shared by the three apps.
import type { SessionSnapshot, SessionStatus } from '@teams-endpoint/core';
import type { DemoEnvironment } from '../environment';

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

export const modeLabel = (mode: DemoEnvironment['mode']): string =>
  mode === 'simulated' ? 'Simulated tenant' : 'Live tenant';

export const signInIntro = (mode: DemoEnvironment['mode']): string =>
  mode === 'simulated'
    ? 'This demo runs on a simulated Fabrikam tenant: you sign in as Alice, and the simulator plays everyone else.'
    : 'Sign in with your Microsoft Teams work account.';

/** The session bar offers "Sign in" until someone is signed in (and again after a failure). */
export const offersSignIn = (session: SessionSnapshot): boolean =>
  session.user === null || session.status === 'failed';
