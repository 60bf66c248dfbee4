import type { Call, CallSnapshot } from '@teams-endpoint/core';
import { useMemo } from 'react';
import { useEndpointSelector } from './useEndpointSelector';
import { useTeamsEndpoint } from './useTeamsEndpoint';

/**
 * One call: its snapshot, and the call itself for its actions. Both are `undefined` for an unknown id.
 * To re-render on one field only (not on participant changes), use `useEndpointSelector`.
 *
 * @example
 * const { snapshot, call } = useCall(callId);
 * <button disabled={!snapshot?.can.mute} onClick={() => call?.toggleMute()}>Mute</button>
 */
export function useCall(callId: string | null | undefined): {
  readonly snapshot: CallSnapshot | undefined;
  readonly call: Call | undefined;
} {
  const endpoint = useTeamsEndpoint();
  const snapshot = useEndpointSelector((s) => s.calls.find((call) => call.id === callId));
  const call = snapshot && endpoint.getCall(snapshot.id);
  return useMemo(() => ({ snapshot, call }), [snapshot, call]);
}
