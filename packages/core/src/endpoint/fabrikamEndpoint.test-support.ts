// Test support shared by the core's use-case tests: the real Graph port over the MSW-mocked Fabrikam tenant,
// with the fake identity, fake calling port and in-memory contacts from @teams-endpoint/testing.
import { createGraphPort, type GraphPortOptions } from '@teams-endpoint/graph';
import { createFabrikamWorld, type FabrikamWorld, type FabrikamWorldOptions } from '@teams-endpoint/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTeamsEndpoint, type TeamsEndpoint, type TeamsEndpointOptions } from './createTeamsEndpoint';

export const server = setupServer();

/** Registers the MSW server's lifecycle in the calling test file. */
export function useGraphServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export interface FabrikamEndpoint {
  readonly world: FabrikamWorld;
  readonly endpoint: TeamsEndpoint;
}

/** Creates the endpoint over the simulated tenant; signs Alice in unless `signIn: false`. */
export async function createFabrikamEndpoint(
  options: FabrikamWorldOptions & {
    signIn?: boolean;
    endpoint?: Partial<TeamsEndpointOptions>;
    graphPort?: Partial<GraphPortOptions>;
  } = {},
): Promise<FabrikamEndpoint> {
  const world = createFabrikamWorld(options);
  server.use(...world.graph.handlers);
  const endpoint = createTeamsEndpoint({
    identity: world.identity,
    calling: world.calling,
    contacts: world.contacts,
    graph: createGraphPort({ identity: world.identity, ...options.graphPort }),
    ...options.endpoint,
  });
  if (options.signIn !== false) await endpoint.signIn();
  return { world, endpoint };
}

/** Lets pending microtasks and zero-delay timers run (port events, batched notifications). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
