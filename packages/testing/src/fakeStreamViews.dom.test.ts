// @vitest-environment jsdom
// The browser path of the fake's views, as far as jsdom goes: the `<video>` element and its lifetime, and,
// with the canvas and `captureStream` stubbed, the painting. Playwright runs the real thing.
import { LOCAL_STREAM_IDS } from '@teams-endpoint/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectedCalling, liveCall, liveMeeting } from './fakeCalling.test-support';
import { createStreamViews, type FakeViewSource } from './fakeStreamViews';
import { initialsOf } from './fakeVideoPainter';
import { typedRejection } from './typedRejection';

const camera = (overrides: Partial<FakeViewSource> = {}): FakeViewSource => ({
  streamId: '8:orgid:a/video',
  kind: 'video',
  isLocalCamera: false,
  seed: '8:orgid:a',
  describe: () => ({ name: 'Megan Bowen', caption: 'Megan Bowen' }),
  ...overrides,
});

const videoIn = (container: HTMLElement) => container.querySelector('video')!;

describe('fake views in a DOM', () => {
  it('append a muted, inline, autoplaying <video> beside the container’s children, and remove it on dispose', () => {
    const views = createStreamViews();
    const container = document.createElement('div');
    container.append(document.createElement('span'));
    const view = views.render('call', camera(), container);

    const video = videoIn(container);
    expect(container.childElementCount).toBe(2);
    expect(video.dataset.streamId).toBe('8:orgid:a/video');
    expect(video.hasAttribute('autoplay')).toBe(true);
    expect(video.hasAttribute('playsinline')).toBe(true);
    expect(video.muted).toBe(true);
    view.dispose();
    view.dispose();
    expect(container.childElementCount).toBe(1);
    expect(views.count()).toBe(0);
  });

  it.each([
    ['a camera', camera(), {}, 'cover', ''],
    ['a camera, fit', camera(), { scaling: 'fit' as const }, 'contain', ''],
    ['a screen', camera({ kind: 'screenSharing' }), {}, 'contain', ''],
    ['the local camera', camera({ isLocalCamera: true }), {}, 'cover', 'scaleX(-1)'],
    ['the local camera, not mirrored', camera({ isLocalCamera: true }), { mirrored: false }, 'cover', ''],
    ['a remote camera, mirrored', camera(), { mirrored: true }, 'cover', 'scaleX(-1)'],
  ])('%s: object-fit %s… from scaling, transform from mirrored', (_, source, options, fit, transform) => {
    const container = document.createElement('div');
    createStreamViews().render('call', source, container, options);
    expect(videoIn(container).style.objectFit).toBe(fit);
    expect(videoIn(container).style.transform).toBe(transform);
  });

  it('refuses a container that is not an element', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    await handle.startVideo();
    const error = await typedRejection(handle.renderStream(LOCAL_STREAM_IDS.video, {} as HTMLElement));
    expect(error).toMatchObject({ code: 'invalid_argument' });
    expect(calling.liveViewCount()).toBe(0);
  });

  it('the port removes the elements of a call’s views when the call ends', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 2);
    const container = document.createElement('div');
    for (const id of ids) remote.setParticipantVideo(id, true);
    for (const id of ids) await handle.renderStream(`${id}/video`, container);
    expect(container.childElementCount).toBe(2);
    remote.setParticipantVideo(ids[0]!, false);
    expect(container.querySelectorAll('video')).toHaveLength(1);
    remote.remoteHangUp();
    expect(container.childElementCount).toBe(0);
  });
});

describe('fake views where a canvas can be captured', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A 2D context that records what is drawn, and a `captureStream` whose tracks record `stop`. */
  function stubCanvas() {
    const drawn: string[] = [];
    const track = { stop: vi.fn() };
    const stream = { getTracks: () => [track] };
    const context = new Proxy(
      {},
      {
        get: (_, property) =>
          property === 'fillText' ? (text: string) => drawn.push(text) : () => undefined,
        set: () => true,
      },
    );
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as never);
    Object.defineProperty(HTMLCanvasElement.prototype, 'captureStream', {
      configurable: true,
      value: vi.fn(() => stream),
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    return {
      drawn,
      track,
      stream,
      restore: () => Reflect.deleteProperty(HTMLCanvasElement.prototype, 'captureStream'),
    };
  }

  it('plays a painted picture: initials as text, moving at 15 fps, stopped and detached on dispose', () => {
    vi.useFakeTimers();
    const canvas = stubCanvas();
    try {
      const container = document.createElement('div');
      const view = createStreamViews().render(
        'call',
        camera({ describe: () => ({ name: '<img src=x onerror=alert(1)> Bowen', caption: 'caption' }) }),
        container,
      );
      const video = videoIn(container);
      expect(video.srcObject).toBe(canvas.stream);
      expect(canvas.drawn).toContain('<B');
      expect(container.querySelector('img')).toBeNull();
      const framesBefore = canvas.drawn.length;
      vi.advanceTimersByTime(1000);
      // Two texts a frame, about 15 frames a second.
      expect((canvas.drawn.length - framesBefore) / 2).toBe(15);

      view.dispose();
      const framesAtDispose = canvas.drawn.length;
      vi.advanceTimersByTime(1000);
      expect(canvas.drawn.length).toBe(framesAtDispose);
      expect(canvas.track.stop).toHaveBeenCalledOnce();
      expect(video.srcObject).toBeNull();
      expect(container.childElementCount).toBe(0);
    } finally {
      canvas.restore();
    }
  });
});

describe('initialsOf', () => {
  it.each([
    ['Megan Bowen', 'MB'],
    ['  alex   wilber  ', 'AW'],
    ['Adele', 'A'],
    ['Émile Zola', 'ÉZ'],
    ['😀 Smile', '😀S'],
    ['', '?'],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});
