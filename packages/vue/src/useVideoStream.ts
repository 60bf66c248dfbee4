import { bindVideoStream, type Call, type VideoBindingState, type VideoScaling } from '@teams-endpoint/core';
import { type MaybeRefOrGetter, type Ref, shallowReadonly, shallowRef, toRaw, toValue, watch } from 'vue';
import { startOnClient } from './startOnClient';

/** How a stream is shown; each change binds the stream again. */
export interface VideoStreamOptions {
  /** Default `crop` for cameras, `fit` for screen shares. */
  readonly scaling?: VideoScaling;
  /** Default: mirrored for the local camera only. */
  readonly mirrored?: boolean;
}

/**
 * Renders one of a call's streams (a `RemoteVideoStream.id` or a `LOCAL_STREAM_IDS` entry) into an element
 * (a template ref), and returns a readonly ref of where that binding is: show initials while it is not
 * `rendered`. Every argument may be a ref or a getter (`options` too: props work). It binds once mounted,
 * and binds again when the call, the stream, the element, `scaling` or `mirrored` change; it disposes the
 * view when the component's effect scope is disposed. The core follows the stream by itself: the view goes
 * when the camera turns off and comes back when it turns on; it goes for good when the call ends (`ended`).
 * Without a call, a stream or an element, nothing is bound and the state is `waiting`.
 *
 * @example
 * const tile = ref<HTMLElement | null>(null); // returned from setup(), or useTemplateRef('tile') on Vue 3.5
 * const state = useVideoStream(() => props.call, () => props.streamId, tile, { scaling: 'crop' });
 * // <div ref="tile"><span v-if="state !== 'rendered'">{{ initials }}</span></div>
 */
export function useVideoStream(
  call: MaybeRefOrGetter<Call | null | undefined>,
  streamId: MaybeRefOrGetter<string | null | undefined>,
  element: MaybeRefOrGetter<HTMLElement | null | undefined>,
  options: MaybeRefOrGetter<VideoStreamOptions> = {},
): Readonly<Ref<VideoBindingState>> {
  const state = shallowRef<VideoBindingState>('waiting');
  startOnClient(() => {
    watch(
      [
        () => toRaw(toValue(call)),
        () => toValue(streamId),
        () => toValue(element),
        () => toValue(options).scaling,
        () => toValue(options).mirrored,
      ],
      ([current, id, container, scaling, mirrored], _previous, onCleanup) => {
        if (!current || !id || !container) {
          state.value = 'waiting';
          return;
        }
        const binding = bindVideoStream(current, id, container, {
          scaling,
          mirrored,
          onStateChange: (next) => {
            state.value = next;
          },
        });
        state.value = binding.state;
        onCleanup(() => binding.dispose());
      },
      // After the DOM update, so that a template ref already points at the new element.
      { immediate: true, flush: 'post' },
    );
  });
  return shallowReadonly(state);
}
