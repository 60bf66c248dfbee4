import type { EndpointSnapshot } from '@teams-endpoint/core';
import type { Ref } from 'vue';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { useUnitSelector } from './useUnitSelector';

/**
 * Selects a slice of the endpoint's snapshot (session and calls); updates only when it changes.
 *
 * @example
 * const status = useEndpointSelector((s) => s.calls.find((call) => call.id === props.callId)?.status);
 */
export function useEndpointSelector<TSelected>(
  selector: (snapshot: EndpointSnapshot) => TSelected,
  isEqual?: (previous: TSelected, next: TSelected) => boolean,
): Readonly<Ref<TSelected>> {
  return useUnitSelector(injectTeamsEndpoint(), selector, isEqual);
}
