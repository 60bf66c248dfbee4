import { fabrikam } from './fabrikam';
import { createFakeCalling, type FakeCalling, type FakeCallingOptions } from './fakeCalling';
import { createFakeIdentity, type FakeIdentity } from './fakeIdentity';
import { createGraphHandlers, type GraphHandlers, type GraphHandlersOptions } from './graphHandlers';
import { createInMemoryContacts, type InMemoryContacts } from './inMemoryContacts';

export interface FabrikamWorldOptions {
  readonly calling?: FakeCallingOptions;
  readonly graph?: GraphHandlersOptions;
  /** Start with Alice already signed in (a cached account). */
  readonly signedIn?: boolean;
}

/** Everything of the simulated Fabrikam tenant except the Graph port itself, which runs for real over `graph.handlers`. */
export interface FabrikamWorld {
  readonly identity: FakeIdentity;
  readonly calling: FakeCalling;
  readonly contacts: InMemoryContacts;
  /** MSW handlers serving Fabrikam's Graph; pass them to `setupServer` (Node) or `setupWorker` (browser). */
  readonly graph: GraphHandlers;
}

/**
 * The simulated tenant in one call: Alice as the fake identity, the fake calling port, Fabrikam's customers and
 * its Graph served by MSW.
 *
 * @example
 * const world = createFabrikamWorld();
 * const server = setupServer(...world.graph.handlers); // msw/node
 * server.listen({ onUnhandledRequest: 'error' });
 * const endpoint = createTeamsEndpoint({ ...world, graph: createGraphPort({ identity: world.identity }) });
 */
export function createFabrikamWorld(options: FabrikamWorldOptions = {}): FabrikamWorld {
  return {
    identity: createFakeIdentity({ user: fabrikam.me, signedIn: options.signedIn ?? false }),
    calling: createFakeCalling(options.calling),
    contacts: createInMemoryContacts(fabrikam.customers),
    graph: createGraphHandlers(options.graph),
  };
}
