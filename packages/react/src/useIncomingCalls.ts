import { type CallSnapshot, sameItems, selectIncomingCalls } from '@teams-endpoint/core';
import { useEndpointSelector } from './useEndpointSelector';

/**
 * Calls ringing here, waiting for accept or reject (call waiting: there may be several).
 *
 * @example
 * const [ringing] = useIncomingCalls();
 * const { call } = useCall(ringing?.id);
 * <button onClick={() => call?.accept()}>Accept</button>
 */
export function useIncomingCalls(): readonly CallSnapshot[] {
  return useEndpointSelector(selectIncomingCalls, sameItems);
}
