import { type CallSnapshot, type EndpointSnapshot, shareArray } from '@teams-endpoint/core';
import { useEndpointSelector } from './useEndpointSelector';

const selectIncoming = (snapshot: EndpointSnapshot) =>
  snapshot.calls.filter((call) => call.status === 'incoming');
const sameCalls = (previous: readonly CallSnapshot[], next: readonly CallSnapshot[]) =>
  shareArray(previous, next) === previous;

/**
 * Calls ringing here, waiting for accept or reject (call waiting: there may be several).
 *
 * @example
 * const [ringing] = useIncomingCalls();
 * const { call } = useCall(ringing?.id);
 * <button onClick={() => call?.accept()}>Accept</button>
 */
export function useIncomingCalls(): readonly CallSnapshot[] {
  return useEndpointSelector(selectIncoming, sameCalls);
}
