import type { Call, CallSnapshot } from '@teams-endpoint/core';
import { computed, type MaybeRefOrGetter, type Ref, toValue } from 'vue';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { useEndpointSelector } from './useEndpointSelector';

/**
 * One call: its snapshot, and the call itself for its actions; both `undefined` for an unknown id. The id
 * may be a ref or a getter. To update on one field only (not on participant changes), use
 * `useEndpointSelector`.
 *
 * @example
 * const { snapshot, call } = useCall(() => props.callId);
 * // <button :disabled="!snapshot?.can.mute" @click="call?.toggleMute()">Mute</button>
 */
export function useCall(callId: MaybeRefOrGetter<string | null | undefined>): {
  readonly snapshot: Readonly<Ref<CallSnapshot | undefined>>;
  readonly call: Readonly<Ref<Call | undefined>>;
} {
  const endpoint = injectTeamsEndpoint();
  const snapshot = useEndpointSelector((s) => s.calls.find((call) => call.id === toValue(callId)));
  const call = computed(() => snapshot.value && endpoint.getCall(snapshot.value.id));
  return { snapshot, call };
}
