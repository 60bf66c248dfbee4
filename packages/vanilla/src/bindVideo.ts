import { bindVideoStream, type Call, type VideoBindingOptions } from '@teams-endpoint/core';

/**
 * Shows one of a call's streams (a `RemoteVideoStream.id` or a `LOCAL_STREAM_IDS` entry) in `container` until
 * the returned function is called; that function removes the view at once and may be called again. The core
 * follows the stream by itself: the view goes when the camera turns off, comes back when it turns on, and
 * goes for good when the call ends. The container's other children are left alone. `onStateChange` hears
 * each state (`waiting`, `rendering`, `rendered`, `failed`, `ended`): show initials while it is not
 * `rendered`.
 *
 * @example
 * const stop = bindVideo(tileElement, call, tile.streamId, {
 *   scaling: 'crop',
 *   onStateChange: (state) => tileElement.classList.toggle('has-video', state === 'rendered'),
 * });
 */
export function bindVideo(
  container: HTMLElement,
  call: Call,
  streamId: string,
  options?: VideoBindingOptions,
): () => void {
  const binding = bindVideoStream(call, streamId, container, options);
  return () => binding.dispose();
}
