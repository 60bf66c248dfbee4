// Framework-agnostic: the React and the Vue apps both read this file.
import type { TeamsEndpoint } from '@teams-endpoint/core';
import { signedInMemory } from '../../../vanilla/src/demoEnvironment';

/** Signs in and remembers it for the next reload. The session bar shows the outcome, errors included. */
export function signInAndRemember(endpoint: TeamsEndpoint): void {
  signedInMemory.set(true);
  endpoint.signIn().catch(() => undefined);
}

export function signOutAndForget(endpoint: TeamsEndpoint): void {
  signedInMemory.set(false);
  endpoint.signOut().catch(() => undefined);
}

/** Signs in again after a reload if the user was signed in, and disposes of the endpoint when the page goes. */
export function keepSessionForThePage(endpoint: TeamsEndpoint): void {
  if (signedInMemory.get()) endpoint.signIn().catch(() => undefined);
  window.addEventListener('pagehide', () => void endpoint.dispose());
}
