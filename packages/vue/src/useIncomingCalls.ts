import { type CallSnapshot, sameItems, selectIncomingCalls } from '@teams-endpoint/core';
import type { Ref } from 'vue';
import { useEndpointSelector } from './useEndpointSelector';

/**
 * Calls ringing here, waiting for accept or reject (call waiting: there may be several).
 *
 * @example
 * const incoming = useIncomingCalls();
 * const { call } = useCall(() => incoming.value[0]?.id);
 * // <button @click="call?.accept()">Accept</button>
 */
export function useIncomingCalls(): Readonly<Ref<readonly CallSnapshot[]>> {
  return useEndpointSelector(selectIncomingCalls, sameItems);
}
