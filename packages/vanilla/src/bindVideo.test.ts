// @vitest-environment jsdom
import { LOCAL_STREAM_IDS, type VideoBindingState } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { settle, useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { bindVideo } from './bindVideo';
import { cameraOf, meetingWithParticipants } from './meetingMedia.test-support';

useGraphServer();

async function meetingWithCameras() {
  const meeting = await meetingWithParticipants(3);
  for (const id of meeting.ids) meeting.remote.setParticipantVideo(id, true);
  await settle();
  return meeting;
}

describe('bindVideo', () => {
  it('shows the view while the stream is available, with each state, until disposed', async () => {
    const { world, call, remote, ids } = await meetingWithCameras();
    const container = document.createElement('div');
    const states: VideoBindingState[] = [];
    const stop = bindVideo(container, call, cameraOf(call, ids[0]!), {
      scaling: 'crop',
      onStateChange: (state) => states.push(state),
    });
    await settle();
    expect(world.calling.liveViewCount()).toBe(1);
    expect(container.childElementCount).toBe(1);

    remote.setParticipantVideo(ids[0]!, false);
    await settle();
    expect(world.calling.liveViewCount()).toBe(0);
    remote.setParticipantVideo(ids[0]!, true);
    await settle();
    expect(world.calling.liveViewCount()).toBe(1);

    stop();
    stop();
    expect(world.calling.liveViewCount()).toBe(0);
    expect(container.childElementCount).toBe(0);
    expect(states).toEqual(['rendering', 'rendered', 'waiting', 'rendering', 'rendered', 'ended']);
  });

  it('ends with the call, and renders the local camera while it is on', async () => {
    const { world, call, remote, ids } = await meetingWithCameras();
    const states: VideoBindingState[] = [];
    bindVideo(document.createElement('div'), call, cameraOf(call, ids[1]!));
    bindVideo(document.createElement('div'), call, LOCAL_STREAM_IDS.video, {
      onStateChange: (state) => states.push(state),
    });
    call.startVideo();
    await settle();
    await settle();
    expect(world.calling.liveViewCount()).toBe(2);
    remote.remoteHangUp();
    await settle();
    expect(world.calling.liveViewCount()).toBe(0);
    expect(states.at(-1)).toBe('ended');
  });

  it('after 1,000 bind/dispose cycles the port holds no view and the call no listener', async () => {
    const { world, endpoint, call, ids } = await meetingWithCameras();
    const baseline = endpoint.getSubscriberCount();
    const streamId = cameraOf(call, ids[0]!);
    const container = document.createElement('div');
    for (let cycle = 0; cycle < 1000; cycle++) {
      const stop = bindVideo(container, call, streamId);
      if (cycle % 2 === 0) await settle();
      stop();
    }
    await settle();
    expect(world.calling.liveViewCount()).toBe(0);
    expect(container.childElementCount).toBe(0);
    expect(endpoint.getSubscriberCount()).toBe(baseline);
  }, 30_000); // a thousand binds, half of them waiting for the view
});
