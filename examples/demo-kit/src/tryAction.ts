// Shared by the three apps.
import type { TeamsEndpoint } from '@teams-endpoint/core';

/** Runs an endpoint action; a typed error it throws (bad input, not signed in) goes to the page's alert. */
export type TryAction = (action: (endpoint: TeamsEndpoint) => void) => void;

/** Builds a `TryAction` that clears the page's error first, then reports the action's error, if any. */
export function createTryAction(endpoint: TeamsEndpoint, showError: (message: string) => void): TryAction {
  return (action) => {
    showError('');
    try {
      action(endpoint);
    } catch (error) {
      showError(error instanceof Error ? error.message : String(error));
    }
  };
}
