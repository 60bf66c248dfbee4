// The session's lifetime in a demo app, shared by the three apps.
import type { TeamsEndpoint } from '@teams-endpoint/core';
import { askNotificationPermission, startCallAlerts } from './alerts';
import type { SharedAudio } from './audio';
import { signedInMemory } from './environment';
import { warnBeforeLeavingDuringCall } from './leaveGuard';

/**
 * Signs in and remembers it for the next reload. The session bar shows the outcome, errors included. Call it
 * from the click on "Sign in": that user gesture is when the browser may ask to allow notifications.
 */
export function signInAndRemember(endpoint: TeamsEndpoint): void {
  askNotificationPermission();
  signedInMemory.set(true);
  endpoint.signIn().catch(() => undefined);
}

export function signOutAndForget(endpoint: TeamsEndpoint): void {
  signedInMemory.set(false);
  endpoint.signOut().catch(() => undefined);
}

/**
 * Runs the app's session for the page's lifetime: signs in again after a reload if the user was signed in,
 * alerts on incoming calls (ringtone; notification and flashing title while the tab is hidden), asks before
 * the page is left during a live call, and disposes of it all when the page goes. Returns that teardown.
 * Pass the app's `audio` (`createSharedAudio()`) so that the ringtone and the keypad share one audio context.
 */
export function keepSessionForThePage(
  endpoint: TeamsEndpoint,
  options: { readonly audio?: SharedAudio } = {},
): () => void {
  if (signedInMemory.get()) endpoint.signIn().catch(() => undefined);
  // The calls of earlier visits (IndexedDB): "Recent calls" shows them at once.
  endpoint.history.load();
  const alerts = startCallAlerts(endpoint, options.audio ? { audio: options.audio } : {});
  const stopGuard = warnBeforeLeavingDuringCall(endpoint);
  const teardown = () => {
    window.removeEventListener('pagehide', teardown);
    stopGuard();
    alerts.dispose();
    void endpoint.dispose();
  };
  window.addEventListener('pagehide', teardown);
  return teardown;
}
