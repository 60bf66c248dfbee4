import type { TeamsEndpoint } from '@teams-endpoint/core';

/** Whether any call is live: ringing here, being placed, connected, on hold, in a lobby. */
export const hasLiveCall = (endpoint: TeamsEndpoint): boolean =>
  endpoint.getSnapshot().calls.some((call) => call.status !== 'ended' && call.status !== 'failed');

/**
 * Asks the browser to confirm leaving or reloading the page while a call is live (leaving ends it).
 * Returns the teardown.
 */
export function warnBeforeLeavingDuringCall(
  endpoint: TeamsEndpoint,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasLiveCall(endpoint)) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
