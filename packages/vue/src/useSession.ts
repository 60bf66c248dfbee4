import type { EndpointSnapshot, SessionSnapshot } from '@teams-endpoint/core';
import type { Ref } from 'vue';
import { useEndpointSelector } from './useEndpointSelector';

const selectSession = (snapshot: EndpointSnapshot) => snapshot.session;

/**
 * The session: status, signed-in user, error. Sign in and out with `injectTeamsEndpoint()`.
 *
 * @example
 * const session = useSession();
 * const endpoint = injectTeamsEndpoint();
 * // <button v-if="session.status === 'signed_out'" @click="endpoint.signIn()">Sign in</button>
 */
export function useSession(): Readonly<Ref<SessionSnapshot>> {
  return useEndpointSelector(selectSession);
}
