import type { Call, VideoScaling } from '@teams-endpoint/core';
import { defineComponent, h, type PropType, shallowRef } from 'vue';
import { useVideoStream } from './useVideoStream';

/**
 * A `div` that shows one of a call's streams (see {@link useVideoStream}). Its `data-state` attribute is the
 * binding's state, for styles: a placeholder while it is not `rendered`. `class`, `style` and `aria-label`
 * fall through to the `div` (labelled, it has the `img` role). Size the `div`; the view fills it.
 *
 * @example
 * // <VideoStream :call="call" :stream-id="tile.streamId" scaling="crop" class="tile" :aria-label="`${name}'s video`" />
 */
export const VideoStream = defineComponent({
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
