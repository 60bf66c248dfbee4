import { bindVideoStream, type Call, type VideoBindingState, type VideoScaling } from '@teams-endpoint/core';
import { useEffect, useState } from 'react';

/** How a stream is shown; each change binds the stream again. */
export interface VideoStreamOptions {
  /** Default `crop` for cameras, `fit` for screen shares. */
  readonly scaling?: VideoScaling;
  /** Default: mirrored for the local camera only. */
  readonly mirrored?: boolean;
}

/**
 * Renders one of a call's streams (a `RemoteVideoStream.id` or a `LOCAL_STREAM_IDS` entry) into the element
 * of `containerRef`, and returns where that binding is: show initials while it is not `rendered`. It binds
 * after mount, and binds again when the call, the stream, `scaling` or `mirrored` change; it disposes the
 * view on unmount. The core follows the stream by itself: the view goes when the camera turns off and comes
 * back when it turns on; it goes for good when the call ends (`ended`). Without a call, a stream or an
 * element, nothing is bound and the state is `waiting`. The container's other children are left alone.
 *
 * @example
 * function Tile({ call, streamId, name }: { call: Call; streamId: string | null; name: string }) {
 *   const container = useRef<HTMLDivElement>(null);
 *   const state = useVideoStream(call, streamId, container, { scaling: 'crop' });
 *   return <div ref={container}>{state !== 'rendered' && <span>{name.slice(0, 1)}</span>}</div>;
 * }
 */
export function useVideoStream(
  call: Call | null | undefined,
  streamId: string | null | undefined,
  containerRef: { readonly current: HTMLElement | null },
  options: VideoStreamOptions = {},
): VideoBindingState {
  const [state, setState] = useState<VideoBindingState>('waiting');
  const { scaling, mirrored } = options;
  useEffect(() => {
    const container = containerRef.current;
    if (!call || !streamId || !container) {
      setState('waiting');
      return;
    }
    const binding = bindVideoStream(call, streamId, container, {
      scaling,
      mirrored,
      onStateChange: setState,
    });
    setState(binding.state);
    return () => binding.dispose();
  }, [call, streamId, containerRef, scaling, mirrored]);
  return state;
}
