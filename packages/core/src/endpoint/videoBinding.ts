import { isTeamsEndpointError, TeamsEndpointError, toTeamsEndpointError } from '../errors';
import { LOCAL_STREAM_IDS, type StreamView, type VideoScaling } from '../ports/callingPort';
import { callMediaOf } from './callMedia';
import type { Call, CallParticipant, CallSnapshot } from './callUnit';

/**
 * Where a binding is:
 * - `waiting`: the stream is not available (yet, or any more); it renders when it is;
 * - `rendering`: the port is creating the view;
 * - `rendered`: the view is in the container;
 * - `failed`: the port refused to render; it tries again when the stream comes back;
 * - `ended`: the call is over or the binding was disposed; nothing more happens.
 */
export type VideoBindingState = 'waiting' | 'rendering' | 'rendered' | 'failed' | 'ended';

export interface VideoBindingOptions {
  /** Default `crop` for cameras, `fit` for screen shares. */
  readonly scaling?: VideoScaling;
  /** Default: mirrored for the local camera only. */
  readonly mirrored?: boolean;
  /** Hears each change of state, with the error when it is `failed`. */
  readonly onStateChange?: (state: VideoBindingState, error: TeamsEndpointError | null) => void;
}

/** A stream bound to a container. `dispose()` removes the view at once; it is idempotent. */
export interface VideoBinding {
  readonly state: VideoBindingState;
  readonly error: TeamsEndpointError | null;
  dispose(): void;
}

/** Whether the call has this stream available now: the local camera or share while on, a remote stream by id. */
export function isStreamAvailable(snapshot: CallSnapshot, streamId: string): boolean {
  if (streamId === LOCAL_STREAM_IDS.video) return snapshot.isVideoOn;
  if (streamId === LOCAL_STREAM_IDS.screenSharing) return snapshot.isScreenSharingOn;
  return findRemoteStream(snapshot, streamId) !== undefined;
}

function findRemoteStream(snapshot: CallSnapshot, streamId: string) {
  for (const participant of snapshot.participants) {
    for (const stream of participant.videoStreams) {
      if (stream.id === streamId) return stream.isAvailable ? { participant, stream } : undefined;
    }
  }
  return undefined;
}

/**
 * Renders one of a call's streams into `container` for as long as the binding lives: while the stream is
 * available, its view is in the container; when it stops (the camera turns off, the participant leaves) the
 * view is disposed, and it comes back when the stream does. When the call ends, the view goes and the
 * binding ends. The core never touches the DOM: the calling port creates the view.
 *
 * @throws {TeamsEndpointError} `invalid_argument` for something that is not a call of this core, an empty
 * stream id or a missing container; nothing is bound then.
 *
 * @example
 * const binding = bindVideoStream(call, participant.videoStreams[0].id, tileElement, { scaling: 'crop' });
 * // later, when the tile goes away:
 * binding.dispose();
 */
export function bindVideoStream(
  call: Call,
  streamId: string,
  container: HTMLElement,
  options: VideoBindingOptions = {},
): VideoBinding {
  const media = typeof call === 'object' && call !== null ? callMediaOf(call) : undefined;
  if (!media) {
    throw new TeamsEndpointError(
      'invalid_argument',
      'bindVideoStream needs a call made by createTeamsEndpoint.',
      {
        details: { reason: 'not_a_call' },
      },
    );
  }
  if (typeof streamId !== 'string' || streamId === '') {
    throw new TeamsEndpointError('invalid_argument', 'The stream id must be a non-empty string.', {
      details: { reason: 'invalid_stream_id' },
    });
  }
  if (typeof container !== 'object' || container === null) {
    throw new TeamsEndpointError('invalid_argument', 'The container must be an element.', {
      details: { reason: 'invalid_container' },
    });
  }
  let state: VideoBindingState = 'waiting';
  let error: TeamsEndpointError | null = null;
  let view: StreamView | null = null;
  let pending: AbortController | null = null;
  const setState = (next: VideoBindingState, failure: TeamsEndpointError | null = null) => {
    if (state === next && error === failure) return;
    state = next;
    error = failure;
    options.onStateChange?.(next, failure);
  };

  /** The owner of the remote stream, as last found: a toggle of theirs is checked in O(1). */
  let ownerId: string | undefined;
  const available = (): boolean => {
    if (streamId === LOCAL_STREAM_IDS.video || streamId === LOCAL_STREAM_IDS.screenSharing)
      return isStreamAvailable(call.getSnapshot(), streamId);
    let stream = ownerId === undefined ? undefined : streamOf(call.getParticipant(ownerId));
    if (stream === undefined) {
      // Not (or no longer) where it was: ask the roster's index. A participant who left keeps their id here,
      // so that when they come back their stream is found in O(1) again.
      const found = media.streamOwner(streamId);
      if (found !== undefined) {
        ownerId = found;
        stream = streamOf(call.getParticipant(found));
      }
    }
    return stream?.isAvailable === true;
  };
  const streamOf = (participant: CallParticipant | undefined) =>
    participant?.videoStreams.find((candidate) => candidate.id === streamId);

  const release = () => {
    pending?.abort();
    pending = null;
    view?.dispose();
    view = null;
  };

  const render = (handle: NonNullable<ReturnType<typeof media.handle>>) => {
    const controller = new AbortController();
    pending = controller;
    setState('rendering');
    handle
      .renderStream(streamId, container, {
        signal: controller.signal,
        ...(options.scaling ? { scaling: options.scaling } : {}),
        ...(options.mirrored === undefined ? {} : { mirrored: options.mirrored }),
      })
      .then(
        (created) => {
          if (pending !== controller) {
            created.dispose();
            return;
          }
          pending = null;
          view = created;
          setState('rendered');
          // The stream may have gone while the view was on its way.
          update();
        },
        (failure: unknown) => {
          if (pending !== controller) return;
          pending = null;
          if (isTeamsEndpointError(failure) && failure.code === 'aborted') return;
          setState('failed', toTeamsEndpointError(failure, 'unknown', 'The video could not be shown.'));
        },
      );
  };

  const update = () => {
    if (state === 'ended') return;
    if (media.isOver()) {
      finish();
      return;
    }
    const handle = media.handle();
    if (handle && available()) {
      // Failed stays failed until the stream goes and comes back: no retry loop against a refusing port.
      if (state === 'waiting') render(handle);
      return;
    }
    if (state === 'failed' || state === 'waiting') {
      setState('waiting');
      return;
    }
    release();
    setState('waiting');
  };

  const stopCall = call.subscribe(update);
  const finish = () => {
    stopCall();
    release();
    setState('ended');
  };

  update();
  return {
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    dispose() {
      if (state === 'ended') return;
      finish();
    },
  };
}
