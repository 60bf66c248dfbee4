import type { CallSnapshot, EndpointSnapshot } from '@teams-endpoint/core';
import type { Ref } from 'vue';
import { useEndpointSelector } from './useEndpointSelector';

const selectCalls = (snapshot: EndpointSnapshot) => snapshot.calls;

/**
 * Every call the endpoint lists: live ones and the last few that ended.
 *
 * @example
 * const calls = useCalls();
 * // <CallRow v-for="call in calls" :key="call.id" :call-id="call.id" />
 */
export function useCalls(): Readonly<Ref<readonly CallSnapshot[]>> {
  return useEndpointSelector(selectCalls);
}
