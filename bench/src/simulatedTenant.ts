import { type CallingPort, createTeamsEndpoint, type TeamsEndpoint } from '@teams-endpoint/core';
import { createGraphPort } from '@teams-endpoint/graph';
import {
  createFabrikamWorld,
  type FabrikamWorld,
  type FabrikamWorldOptions,
  type FakeCalling,
  waitForSnapshot,
} from '@teams-endpoint/testing';
import { setupServer } from 'msw/node';

/** One MSW server for the whole run; each tenant swaps in its own Graph handlers. */
const graphServer = setupServer();
let serving = false;

export interface SimulatedTenant {
  readonly world: FabrikamWorld;
  readonly endpoint: TeamsEndpoint;
}

export interface SimulatedTenantOptions extends FabrikamWorldOptions {
  /** Puts something between the fake calling port and the endpoint (see `tapCallEvents`). */
  readonly wrapCalling?: (calling: FakeCalling) => CallingPort;
}

/**
 * The endpoint over the simulated Fabrikam tenant, as the tests and demos build it: the fake identity and
 * calling port, and the real Graph port over MSW (msw/node). Alice is signed in.
 */
export async function createSimulatedTenant(options: SimulatedTenantOptions = {}): Promise<SimulatedTenant> {
  if (!serving) {
    graphServer.listen({ onUnhandledRequest: 'error' });
    serving = true;
  }
  const world = createFabrikamWorld(options);
  graphServer.resetHandlers(...world.graph.handlers);
  const endpoint = createTeamsEndpoint({
    identity: world.identity,
    calling: options.wrapCalling?.(world.calling) ?? world.calling,
    contacts: world.contacts,
    graph: createGraphPort({ identity: world.identity }),
  });
  await endpoint.signIn();
  return { world, endpoint };
}

/** Stops intercepting requests, so that the process can end. */
export function stopGraphServer(): void {
  if (serving) graphServer.close();
  serving = false;
}

/** Joins a meeting that admits us at once, and resolves when the call is connected. */
export async function joinConnectedMeeting({ world, endpoint }: SimulatedTenant) {
  world.calling.scriptNextMeeting('admit');
  const call = endpoint.joinMeetingById('123 456 789 012', 'Ab3dE');
  await waitForSnapshot(call, (snapshot) => snapshot.status === 'connected');
  return call;
}

/** Lets pending microtasks and zero-delay timers run (port events, batched notifications, renders). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
