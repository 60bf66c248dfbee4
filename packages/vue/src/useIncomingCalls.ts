import { type CallSnapshot, type EndpointSnapshot, shareArray } from '@teams-endpoint/core';
import type { Ref } from 'vue';
import { useEndpointSelector } from './useEndpointSelector';

const selectIncoming = (snapshot: EndpointSnapshot) =>
  snapshot.calls.filter((call) => call.status === 'incoming');
const sameCalls = (previous: readonly CallSnapshot[], next: readonly CallSnapshot[]) =>
  shareArray(previous, next) === previous;

/**
 * Calls ringing here, waiting for accept or reject (call waiting: there may be several).
 *
 * @example
 * const incoming = useIncomingCalls();
 * const { call } = useCall(() => incoming.value[0]?.id);
 * // <button @click="call?.accept()">Accept</button>
 */
export function useIncomingCalls(): Readonly<Ref<readonly CallSnapshot[]>> {
  return useEndpointSelector(selectIncoming, sameCalls);
}
