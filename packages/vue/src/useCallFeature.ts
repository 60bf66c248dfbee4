import type { Call, ObservableUnit } from '@teams-endpoint/core';
import { computed, type MaybeRefOrGetter, type Ref, shallowRef, toRaw, toValue, watch } from 'vue';
import { startOnClient } from './startOnClient';

/**
 * One Teams feature of a call (`callCaptions`, `callRaisedHands`, `callRecording`, `callSpotlight`,
 * `callLobby`, `callDiagnostics` from the core), as a readonly ref of the selected slice of its snapshot, or
 * `undefined` without a call. The call may be a ref or a getter. Dependents update only when the selection
 * changes by `isEqual` (default `Object.is`). It subscribes once mounted, so server rendering reads the
 * snapshot as it is and leaves no listener; it subscribes again when the call changes and unsubscribes when
 * the component's effect scope is disposed. Import only the features you use: the others are tree-shaken away.
 *
 * @example
 * const hands = useCallFeature(() => props.call, callRaisedHands);
 * // <button :disabled="!hands?.available" :aria-pressed="hands?.isHandRaised"
 * //   @click="callRaisedHands(props.call).toggle()">Raise hand</button>
 *
 * @example
 * const entries = useCallFeature(() => props.call, callCaptions, (s) => s.entries);
 * // <ol><li v-for="entry in entries" :key="entry.id">{{ entry.speakerName }}: {{ entry.text }}</li></ol>
 */
export function useCallFeature<TSnapshot, TSelected = TSnapshot>(
  call: MaybeRefOrGetter<Call | null | undefined>,
  feature: (call: Call) => ObservableUnit<TSnapshot>,
  selector: (snapshot: TSnapshot) => TSelected = (snapshot) => snapshot as unknown as TSelected,
  isEqual: (previous: TSelected, next: TSelected) => boolean = Object.is,
): Readonly<Ref<TSelected | undefined>> {
  // A deep ref hands out a reactive proxy of the call; the core keys its units on the call itself.
  const unit = () => {
    const current = toRaw(toValue(call));
    return current ? feature(current) : undefined;
  };
  const changes = shallowRef(0);
  startOnClient(() => {
    watch(
      unit,
      (current, _previous, onCleanup) => {
        if (!current) return;
        onCleanup(current.subscribe(() => changes.value++));
        // Read again: the feature may have changed between the first render and the mount.
        changes.value++;
      },
      { immediate: true },
    );
  });
  return computed<TSelected | undefined>((previous) => {
    changes.value;
    const current = unit();
    const next = current && selector(current.getSnapshot());
    return previous !== undefined && next !== undefined && isEqual(previous, next) ? previous : next;
  });
}
