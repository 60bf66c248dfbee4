import type { Call } from '@teams-endpoint/core';
import { type CSSProperties, useRef } from 'react';
import { useVideoStream, type VideoStreamOptions } from './useVideoStream';

export interface VideoStreamProps extends VideoStreamOptions {
  readonly call: Call | null | undefined;
  /** A `RemoteVideoStream.id` of the call, or a `LOCAL_STREAM_IDS` entry; nothing is bound without one. */
  readonly streamId: string | null | undefined;
  readonly className?: string;
  readonly style?: CSSProperties;
  /** Names the video for assistive technology (the container then has the `img` role). */
  readonly 'aria-label'?: string;
}

/**
 * A `div` that shows one of a call's streams (see {@link useVideoStream}). Its `data-state` attribute is the
 * binding's state, for styles: a placeholder while it is not `rendered`. Size the `div`; the view fills it.
 *
 * @example
 * <VideoStream call={call} streamId={tile.streamId} scaling="crop" className="tile" aria-label={`${name}'s video`} />
 */
export function VideoStream({
  call,
  streamId,
  scaling,
  mirrored,
  className,
  style,
  'aria-label': label,
}: VideoStreamProps) {
  const container = useRef<HTMLDivElement>(null);
  const state = useVideoStream(call, streamId, container, { scaling, mirrored });
  // A label needs a role that names its element: a bare `div` may not carry `aria-label`.
  const labelled = label ? { role: 'img', 'aria-label': label } : {};
  return <div ref={container} className={className} style={style} data-state={state} {...labelled} />;
}
