// @vitest-environment jsdom
import { type Call, LOCAL_STREAM_IDS, type VideoScaling } from '@teams-endpoint/core';
import { render, renderHook, screen } from '@testing-library/react';
import { useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { cameraOf, meetingWithParticipants } from '../../vanilla/src/meetingMedia.test-support';
import {
  remotely,
  renderStrict,
  setUpFabrikamTests,
  strictEndpointWrapper,
} from './strictEndpoint.test-support';
import { useVideoStream } from './useVideoStream';
import { VideoStream } from './VideoStream';

setUpFabrikamTests();

async function meetingWithCameras() {
  const meeting = await meetingWithParticipants(3);
  await remotely(() => {
    for (const id of meeting.ids) meeting.remote.setParticipantVideo(id, true);
  });
  return meeting;
}

function videoOf(label: string): HTMLElement {
  return screen.getByRole('img', { name: label });
}

/** The one view in a container, as the fake port draws it: its stream, and how it fits (`cover` is crop). */
function shownIn(container: Element) {
  expect(container.children).toHaveLength(1);
  const video = container.firstElementChild as HTMLVideoElement;
  return { streamId: video.dataset.streamId, objectFit: video.style.objectFit };
}

describe('VideoStream', () => {
  it('shows the view while the stream is available, and disposes it on unmount', async () => {
    const { world, endpoint, call, remote, ids } = await meetingWithCameras();
    const { unmount } = renderStrict(
      <VideoStream
        call={call}
        streamId={cameraOf(call, ids[0]!)}
        className="tile"
        aria-label="Ann's video"
      />,
      endpoint,
    );
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);
    expect(videoOf("Ann's video").dataset.state).toBe('rendered');
    expect(videoOf("Ann's video").className).toBe('tile');
    expect(videoOf("Ann's video").childElementCount).toBe(1);

    await remotely(() => remote.setParticipantVideo(ids[0]!, false));
    expect(world.calling.liveViewCount()).toBe(0);
    expect(videoOf("Ann's video").dataset.state).toBe('waiting');
    await remotely(() => remote.setParticipantVideo(ids[0]!, true));
    expect(world.calling.liveViewCount()).toBe(1);
    expect(videoOf("Ann's video").dataset.state).toBe('rendered');

    unmount();
    expect(world.calling.liveViewCount()).toBe(0);
  });

  it('binds again when the stream or the scaling changes, and ends with the call', async () => {
    const { world, endpoint, call, remote, ids } = await meetingWithCameras();
    const tile = (streamId: string, scaling: VideoScaling) => (
      <VideoStream call={call} streamId={streamId} scaling={scaling} aria-label="tile" />
    );
    const { rerender } = renderStrict(tile(cameraOf(call, ids[0]!), 'crop'), endpoint);
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);

    rerender(tile(cameraOf(call, ids[1]!), 'crop'));
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);
    expect(videoOf('tile').dataset.state).toBe('rendered');
    expect(shownIn(videoOf('tile'))).toEqual({ streamId: cameraOf(call, ids[1]!), objectFit: 'cover' });

    rerender(tile(cameraOf(call, ids[1]!), 'fit'));
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);
    expect(shownIn(videoOf('tile'))).toEqual({ streamId: cameraOf(call, ids[1]!), objectFit: 'contain' });

    await remotely(() => remote.remoteHangUp());
    expect(world.calling.liveViewCount()).toBe(0);
    expect(videoOf('tile').dataset.state).toBe('ended');
  });

  it('renders the local camera while it is on, and nothing without a call or a stream', async () => {
    const { world, endpoint, call } = await meetingWithParticipants(1);
    const { rerender } = renderStrict(
      <VideoStream call={call} streamId={LOCAL_STREAM_IDS.video} aria-label="me" />,
      endpoint,
    );
    await remotely(() => {});
    expect(videoOf('me').dataset.state).toBe('waiting');
    await remotely(() => call.startVideo());
    expect(world.calling.liveViewCount()).toBe(1);
    expect(videoOf('me').dataset.state).toBe('rendered');

    rerender(<VideoStream call={undefined} streamId={LOCAL_STREAM_IDS.video} aria-label="me" />);
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(0);
    expect(videoOf('me').dataset.state).toBe('waiting');
    rerender(<VideoStream call={call} streamId={null} aria-label="me" />);
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(0);
  });

  it('after 1,000 mount/unmount cycles of a tile the port holds no view and the call no listener', async () => {
    const { world, endpoint, call, ids } = await meetingWithCameras();
    const baseline = endpoint.getSubscriberCount();
    const streamId = cameraOf(call, ids[0]!);
    for (let cycle = 0; cycle < 1000; cycle++) {
      const { unmount } = render(<VideoStream call={call} streamId={streamId} />);
      // Half the tiles go before their view arrives, half after.
      if (cycle % 2 === 0) await settle();
      unmount();
    }
    await settle();
    expect(world.calling.liveViewCount()).toBe(0);
    expect(endpoint.getSubscriberCount()).toBe(baseline);
  }, 30_000); // a thousand mounts, half of them waiting for the view: a few seconds
});

describe('useVideoStream', () => {
  it('returns the binding state for a container of your own', async () => {
    const { world, endpoint, call, remote, ids } = await meetingWithCameras();
    const streamId = cameraOf(call, ids[2]!);
    const { result } = renderHook(
      ({ target }: { target: Call | null }) => {
        const container = useRef<HTMLDivElement | null>(document.createElement('div'));
        return useVideoStream(target, streamId, container, { mirrored: true });
      },
      { initialProps: { target: call as Call | null }, wrapper: strictEndpointWrapper(endpoint) },
    );
    await remotely(() => {});
    expect(result.current).toBe('rendered');
    await remotely(() => remote.setParticipantVideo(ids[2]!, false));
    expect(result.current).toBe('waiting');
    await remotely(() => call.hangUp());
    expect(result.current).toBe('ended');
    expect(world.calling.liveViewCount()).toBe(0);
  });
});
