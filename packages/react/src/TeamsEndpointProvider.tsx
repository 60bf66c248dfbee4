import type { TeamsEndpoint } from '@teams-endpoint/core';
import { createContext, type ReactNode } from 'react';

export const TeamsEndpointContext = createContext<TeamsEndpoint | null>(null);

/**
 * Makes the endpoint available to every hook below it. The endpoint is created (and disposed) by the app.
 *
 * @example
 * const endpoint = createTeamsEndpoint({ identity, graph, calling, contacts });
 * root.render(
 *   <TeamsEndpointProvider value={endpoint}>
 *     <App />
 *   </TeamsEndpointProvider>,
 * );
 */
export function TeamsEndpointProvider(props: { value: TeamsEndpoint; children?: ReactNode }) {
  return <TeamsEndpointContext.Provider value={props.value}>{props.children}</TeamsEndpointContext.Provider>;
}
