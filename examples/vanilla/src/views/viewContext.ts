import type { TeamsEndpoint } from '@teams-endpoint/core';
import type { DemoEnvironment, TryAction } from '@teams-endpoint/demo-kit';
import { subscribeToUnit } from '@teams-endpoint/vanilla';

/** What a view gets from the app. */
export interface ViewContext {
  readonly endpoint: TeamsEndpoint;
  readonly mode: DemoEnvironment['mode'];
  /** Shows an error that belongs to no field in the page's alert ('' clears it). */
  readonly showError: (message: string) => void;
  /** Runs an endpoint action; a typed error it throws goes to the page's alert. */
  readonly tryAction: TryAction;
}

/** Runs `load` each time the session becomes ready (lists need a signed-in user); returns the teardown. */
export function loadWhenReady(context: ViewContext, load: () => void): () => void {
  return subscribeToUnit(
    context.endpoint,
    (s) => s.session.status === 'ready',
    (ready) => {
      if (ready) load();
    },
  );
}
