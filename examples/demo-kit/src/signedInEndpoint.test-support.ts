// The kit's tests run over the simulated tenant's endpoint: the real Graph port over MSW, the test kit's fakes.
import { createTeamsEndpoint, type TeamsEndpoint } from '@teams-endpoint/core';
import { createGraphPort } from '@teams-endpoint/graph';
import { createFabrikamWorld, type FabrikamWorld } from '@teams-endpoint/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

const server = setupServer();

/** Serves the Fabrikam Graph over MSW for the calling test file. */
export function useGraphServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** The simulated tenant with Alice signed in: incoming calls reach the endpoint as they would a Teams client. */
export async function signedInEndpoint(): Promise<{ world: FabrikamWorld; endpoint: TeamsEndpoint }> {
  const world = createFabrikamWorld();
  server.use(...world.graph.handlers);
  const endpoint = createTeamsEndpoint({
    identity: world.identity,
    calling: world.calling,
    contacts: world.contacts,
    graph: createGraphPort({ identity: world.identity }),
  });
  await endpoint.signIn();
  return { world, endpoint };
}

/** Lets pending microtasks and zero-delay timers run (port events, batched notifications). */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
