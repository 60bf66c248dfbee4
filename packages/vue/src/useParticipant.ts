import type { Call, CallParticipant } from '@teams-endpoint/core';
import { computed, type MaybeRefOrGetter, type Ref, shallowRef, toRaw, toValue, watch } from 'vue';
import { startOnClient } from './startOnClient';

/**
 * One participant of a call, as a readonly ref: their roster entry (name, mute, speaking, camera, share,
 * streams), or `undefined` while they are not in the call, or without a call. The call and the id may be
 * refs or getters. Dependents update only when that participant changes, once per burst: a thousand others
 * speaking do not touch them. It subscribes once mounted, so server rendering reads the entry as it is and
 * leaves no listener; it unsubscribes when the component's effect scope is disposed.
 *
 * @example
 * const participant = useParticipant(() => props.call, () => props.participantId);
 * // <figure :data-speaking="participant?.isSpeaking">{{ participant?.displayName }}</figure>
 */
export function useParticipant(
  call: MaybeRefOrGetter<Call | null | undefined>,
  participantId: MaybeRefOrGetter<string | null | undefined>,
): Readonly<Ref<CallParticipant | undefined>> {
  // A deep ref hands out a reactive proxy of the call; the core's own object is needed.
  const target = () => toRaw(toValue(call));
  const changes = shallowRef(0);
  startOnClient(() => {
    watch(
      [target, () => toValue(participantId)],
      ([current, id], _previous, onCleanup) => {
        if (!current || !id) return;
        onCleanup(current.subscribeParticipant(id, () => changes.value++));
        // Read again: the participant may have changed between the first render and the mount.
        changes.value++;
      },
      { immediate: true },
    );
  });
  // The core keeps an unchanged participant's object, so an unchanged entry does not update dependents.
  return computed(() => {
    changes.value;
    const current = target();
    const id = toValue(participantId);
    return current && id ? current.getParticipant(id) : undefined;
  });
}
