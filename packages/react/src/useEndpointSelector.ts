import type { EndpointSnapshot } from '@teams-endpoint/core';
import { useTeamsEndpoint } from './useTeamsEndpoint';
import { useUnitSelector } from './useUnitSelector';

/**
 * Selects a slice of the endpoint's snapshot (session and calls); re-renders only when it changes.
 *
 * @example
 * const status = useEndpointSelector((s) => s.calls.find((call) => call.id === callId)?.status);
 */
export function useEndpointSelector<TSelected>(
  selector: (snapshot: EndpointSnapshot) => TSelected,
  isEqual?: (previous: TSelected, next: TSelected) => boolean,
): TSelected {
  return useUnitSelector(useTeamsEndpoint(), selector, isEqual);
}
