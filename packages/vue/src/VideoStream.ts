import type { Call, VideoScaling } from '@teams-endpoint/core';
import { type DefineComponent, defineComponent, h, type PropType, shallowRef } from 'vue';
import { useVideoStream } from './useVideoStream';

/**
 * A `div` that shows one of a call's streams (see {@link useVideoStream}). Its `data-state` attribute is the
 * binding's state, for styles: a placeholder while it is not `rendered`. `class`, `style` and `aria-label`
 * fall through to the `div` (labelled, it has the `img` role). Size the `div`; the view fills it.
 *
 * @example
 * // <VideoStream :call="call" :stream-id="tile.streamId" scaling="crop" class="tile" :aria-label="`${name}'s video`" />
 */
export interface VideoStreamProps {
  readonly call?: Call | null;
  /** A `RemoteVideoStream.id` of the call, or a `LOCAL_STREAM_IDS` entry; nothing is bound without one. */
  readonly streamId?: string | null;
  readonly scaling?: VideoScaling;
  readonly mirrored?: boolean;
}

// Typed by its props alone: the type `defineComponent` infers names every type parameter of the Vue release
// that built it, and Vue 3.4's `DefineComponent` takes fewer than 3.5's, so the inferred type would not
// compile for a 3.4 user.
export const VideoStream: DefineComponent<VideoStreamProps> = defineComponent({
  name: 'VideoStream',
  props: {
    call: { type: Object as PropType<Call | null | undefined>, default: undefined },
    /** A `RemoteVideoStream.id` of the call, or a `LOCAL_STREAM_IDS` entry; nothing is bound without one. */
    streamId: { type: String as PropType<string | null | undefined>, default: undefined },
    scaling: { type: String as PropType<VideoScaling>, default: undefined },
    // Without this default, Vue would turn an absent boolean prop into `false` and unmirror the local camera.
    mirrored: { type: Boolean, default: undefined },
  },
  setup(props, { attrs }) {
    const container = shallowRef<HTMLElement | null>(null);
    const state = useVideoStream(
      () => props.call,
      () => props.streamId,
      container,
      props,
    );
    return () =>
      h('div', { ref: container, role: attrs['aria-label'] ? 'img' : undefined, 'data-state': state.value });
  },
});
