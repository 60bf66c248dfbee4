import type { ScalingMode } from '@azure/communication-calling';
import {
  abortedError,
  type StreamView,
  type TeamsEndpointError,
  throwIfAborted,
  type VideoScaling,
} from '@teams-endpoint/core';
import { disposeQuietly } from './disposeQuietly';
import { toRenderError } from './sdkErrors';
import type {
  AcsCallingSdk,
  SdkLocalVideoStream,
  SdkRemoteVideoStream,
  SdkVideoStreamRenderer,
  SdkVideoStreamRendererView,
} from './sdkTypes';

const SCALING_MODE = { fit: 'Fit', crop: 'Crop' } as const satisfies Record<VideoScaling, ScalingMode>;

/** One view to make: which stream, where, and how. */
export interface ViewRequest {
  /** The id the caller knows the stream by (`RemoteVideoStream.id` or a `LOCAL_STREAM_IDS` value). */
  readonly streamId: string;
  /** Whose stream it is: a participant's raw id, or `local`. Views can be released by owner. */
  readonly ownerId: string;
  readonly stream: SdkLocalVideoStream | SdkRemoteVideoStream;
  readonly container: HTMLElement;
  readonly scaling: VideoScaling;
  readonly mirrored: boolean;
  readonly signal?: AbortSignal | undefined;
  /** What a refusal means: the local camera's is `camera_denied`. */
  readonly source: 'camera' | 'stream';
  /** Runs once, after the SDK's view and renderer are released (or their making failed). */
  readonly onReleased?: () => void;
}

/** What a release can match: the views of one stream, of one owner, or all. */
export type ViewMatch = (view: { readonly streamId: string; readonly ownerId: string }) => boolean;

/** The views of one call (or of the device previews), live or being made. */
export interface StreamViews {
  /** Makes a view and appends its element to the container. Rejects only with a `TeamsEndpointError`. */
  render(request: ViewRequest): Promise<StreamView>;
  /** Disposes the matching views; those still being made reject with `reason`, and what arrives is disposed. */
  release(match: ViewMatch, reason: TeamsEndpointError): void;
  /** Views live or being made. */
  readonly size: number;
}

interface Entry {
  readonly streamId: string;
  readonly ownerId: string;
  release(reason?: TeamsEndpointError): void;
}

/**
 * Keeps track of every view made through the SDK's `VideoStreamRenderer`, so that none outlives what it shows.
 *
 * Each view has its own renderer: `createView({ scalingMode, isMirrored })`, then the view's `target` goes into
 * the container. Releasing a view disposes the view, then the renderer, each once and quietly: the SDK disposes
 * a remote stream's views itself when the stream goes, and a second `dispose` throws (400/43213, 400/43222).
 * A view given up while the SDK is making it (abort, release) rejects at once; the view that arrives later is
 * disposed as soon as it does.
 */
export function createStreamViews(Renderer: AcsCallingSdk['VideoStreamRenderer']): StreamViews {
  const entries = new Set<Entry>();

  const render = (request: ViewRequest) =>
    new Promise<StreamView>((resolve, reject) => {
      let renderer: SdkVideoStreamRenderer;
      try {
        throwIfAborted(request.signal);
        renderer = new Renderer(request.stream);
      } catch (error) {
        request.onReleased?.();
        throw toRenderError(error, request.source);
      }
      let view: SdkVideoStreamRendererView | undefined;
      let phase: 'making' | 'live' | 'released' = 'making';
      /** Frees the SDK's objects; runs once, when the view is released and `createView` has settled. */
      const free = () => {
        const made = view;
        if (made) void disposeQuietly(() => made.dispose());
        void disposeQuietly(() => renderer.dispose());
        request.onReleased?.();
      };
      const settle = () => {
        phase = 'released';
        entries.delete(entry);
        request.signal?.removeEventListener('abort', onAbort);
      };
      const entry: Entry = {
        streamId: request.streamId,
        ownerId: request.ownerId,
        release(reason) {
          if (phase === 'released') return;
          const wasMaking = phase === 'making';
          settle();
          if (wasMaking) reject(reason ?? abortedError());
          else free();
        },
      };
      const onAbort = () => entry.release(abortedError());
      entries.add(entry);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      renderer.createView({ scalingMode: SCALING_MODE[request.scaling], isMirrored: request.mirrored }).then(
        (made) => {
          view = made;
          if (phase === 'released') {
            free();
            return;
          }
          phase = 'live';
          request.signal?.removeEventListener('abort', onAbort);
          request.container.appendChild(made.target);
          resolve({ streamId: request.streamId, dispose: () => entry.release() });
        },
        (error: unknown) => {
          if (phase !== 'released') {
            settle();
            reject(toRenderError(error, request.source));
          }
          free();
        },
      );
    });

  return {
    render,
    release(match, reason) {
      for (const entry of [...entries]) if (match(entry)) entry.release(reason);
    },
    get size() {
      return entries.size;
    },
  };
}
