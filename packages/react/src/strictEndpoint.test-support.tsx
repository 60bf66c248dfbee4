// Test support shared by the React adapter's tests: render under StrictMode inside the provider, and drive
// the simulated world inside act() so React sees every batched notification.
import type { TeamsEndpoint } from '@teams-endpoint/core';
import { act, cleanup, type RenderOptions, type RenderResult, render } from '@testing-library/react';
import { type ReactElement, type ReactNode, StrictMode } from 'react';
import { afterEach } from 'vitest';
import {
  // Not a React hook: renamed so that the rules of hooks do not apply to it.
  useGraphServer as registerGraphServer,
  settle,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { TeamsEndpointProvider } from './TeamsEndpointProvider';

/**
 * Call once per test file: serves the Fabrikam Graph over MSW, and unmounts what each test rendered (vitest
 * runs without globals, so testing-library cannot do it by itself).
 */
export function setUpFabrikamTests(): void {
  registerGraphServer();
  afterEach(cleanup);
}

function StrictEndpoint({ endpoint, children }: { endpoint: TeamsEndpoint; children?: ReactNode }) {
  return (
    <StrictMode>
      <TeamsEndpointProvider value={endpoint}>{children}</TeamsEndpointProvider>
    </StrictMode>
  );
}

/** A testing-library `wrapper`: StrictMode around the provider. */
export function strictEndpointWrapper(
  endpoint: TeamsEndpoint,
): (props: { children: ReactNode }) => ReactNode {
  return ({ children }) => <StrictEndpoint endpoint={endpoint}>{children}</StrictEndpoint>;
}

export function renderStrict(
  ui: ReactElement,
  endpoint: TeamsEndpoint,
  options?: RenderOptions,
): RenderResult {
  return render(ui, { ...options, wrapper: strictEndpointWrapper(endpoint) });
}

/** Runs what the remote side or the network does, then lets the batched notifications reach React. */
export async function remotely(action: () => void): Promise<void> {
  await act(async () => {
    action();
    await settle();
  });
}
