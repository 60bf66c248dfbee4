import type { CallSnapshot, EndpointSnapshot } from '@teams-endpoint/core';
import { useEndpointSelector } from './useEndpointSelector';

const selectCalls = (snapshot: EndpointSnapshot) => snapshot.calls;

/**
 * Every call the endpoint lists: live ones and the last few that ended.
 *
 * @example
 * const calls = useCalls();
 * return calls.map((call) => <CallRow key={call.id} callId={call.id} />);
 */
export function useCalls(): readonly CallSnapshot[] {
  return useEndpointSelector(selectCalls);
}
