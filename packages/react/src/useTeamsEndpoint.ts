import type { TeamsEndpoint } from '@teams-endpoint/core';
import { useContext } from 'react';
import { TeamsEndpointContext } from './TeamsEndpointProvider';

/**
 * The endpoint from the nearest {@link TeamsEndpointProvider}: every action lives on it and on its calls.
 *
 * @example
 * const endpoint = useTeamsEndpoint();
 * <button onClick={() => endpoint.callPhoneNumber(customer.phoneNumber)}>Call</button>
 */
export function useTeamsEndpoint(): TeamsEndpoint {
  const endpoint = useContext(TeamsEndpointContext);
  if (!endpoint) {
    throw new Error(
      'useTeamsEndpoint() was called outside <TeamsEndpointProvider>. Render the component inside ' +
        '<TeamsEndpointProvider value={endpoint}>, with an endpoint from createTeamsEndpoint().',
    );
  }
  return endpoint;
}
