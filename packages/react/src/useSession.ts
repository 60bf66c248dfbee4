import type { EndpointSnapshot, SessionSnapshot } from '@teams-endpoint/core';
import { useEndpointSelector } from './useEndpointSelector';

const selectSession = (snapshot: EndpointSnapshot) => snapshot.session;

/**
 * The session: status, signed-in user, error. Sign in and out with `useTeamsEndpoint()`.
 *
 * @example
 * const { status, user } = useSession();
 * const endpoint = useTeamsEndpoint();
 * if (status === 'signed_out') return <button onClick={() => endpoint.signIn()}>Sign in</button>;
 */
export function useSession(): SessionSnapshot {
  return useEndpointSelector(selectSession);
}
