import { type RenderStreamOptions, type StreamView, TeamsEndpointError } from '@teams-endpoint/core';
import { canPaintVideo, type FakeScene, paintVideo } from './fakeVideoPainter';

/** A stream the fake can render: what it shows, and whether it is the local camera (mirrored by default). */
export interface FakeViewSource extends FakeScene {
  readonly streamId: string;
  readonly isLocalCamera: boolean;
}

/**
 * Every view the fake calling port has handed out, grouped by owner (a call's id, or the device preview), so
 * that the port can dispose a call's views when it ends and tests can count what is still alive.
 */
export interface FakeStreamViews {
  /** Creates a view. With a DOM, appends its `<video>` to `container`; without one, touches nothing. */
  render(
    owner: string,
    source: FakeViewSource,
    container: HTMLElement,
    options?: RenderStreamOptions,
  ): StreamView;
  /** Disposes the owner's views of one stream (it stopped, or its participant left). */
  disposeStream(owner: string, streamId: string): void;
  /** Disposes every view of the owner (its call ended). */
  disposeOwner(owner: string): void;
  /** Live views of one owner, or of all. */
  count(owner?: string): number;
}

/**
 * Appends a `<video>` for the view to `container` and returns the function that removes it. In a browser the
 * video plays a painted picture; under jsdom it stays an empty element, enough for the adapters' DOM tests.
 */
function mountVideo(
  container: HTMLElement,
  source: FakeViewSource,
  options: RenderStreamOptions,
): () => void {
  if (typeof (container as Partial<HTMLElement> | null)?.appendChild !== 'function') {
    throw new TeamsEndpointError('invalid_argument', 'A stream renders into an HTML element.', {
      details: { reason: 'not_an_element' },
    });
  }
  const video = document.createElement('video');
  video.setAttribute('autoplay', '');
  video.setAttribute('muted', '');
  video.setAttribute('playsinline', '');
  // The property, not only the attribute, is what autoplay policies look at.
  video.muted = true;
  video.dataset.streamId = source.streamId;
  const scaling = options.scaling ?? (source.kind === 'screenSharing' ? 'fit' : 'crop');
  video.style.width = '100%';
  video.style.height = '100%';
  video.style.objectFit = scaling === 'fit' ? 'contain' : 'cover';
  if (options.mirrored ?? source.isLocalCamera) video.style.transform = 'scaleX(-1)';
  container.appendChild(video);
  const stopPainting = canPaintVideo() ? paintVideo(video, source) : undefined;
  return () => {
    stopPainting?.();
    video.remove();
  };
}

/** Creates the registry of a fake calling port's views. */
export function createStreamViews(): FakeStreamViews {
  const byOwner = new Map<string, Set<StreamView>>();
  let total = 0;

  const disposeWhere = (owner: string, matches: (view: StreamView) => boolean) => {
    const views = byOwner.get(owner);
    if (!views) return;
    for (const view of [...views]) if (matches(view)) view.dispose();
  };

  return {
    render(owner, source, container, options = {}) {
      const unmount = typeof document === 'undefined' ? undefined : mountVideo(container, source, options);
      const views = byOwner.get(owner) ?? new Set<StreamView>();
      byOwner.set(owner, views);
      let disposed = false;
      const view: StreamView = Object.freeze({
        streamId: source.streamId,
        dispose() {
          if (disposed) return;
          disposed = true;
          total -= 1;
          views.delete(view);
          if (views.size === 0 && byOwner.get(owner) === views) byOwner.delete(owner);
          unmount?.();
        },
      });
      views.add(view);
      total += 1;
      return view;
    },
    disposeStream(owner, streamId) {
      disposeWhere(owner, (view) => view.streamId === streamId);
    },
    disposeOwner(owner) {
      disposeWhere(owner, () => true);
    },
    count(owner) {
      return owner === undefined ? total : (byOwner.get(owner)?.size ?? 0);
    },
  };
}
