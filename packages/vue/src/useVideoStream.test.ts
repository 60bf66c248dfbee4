// @vitest-environment jsdom
import { LOCAL_STREAM_IDS } from '@teams-endpoint/core';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, effectScope, h, nextTick, shallowRef } from 'vue';
import { settle, useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { cameraOf, meetingWithParticipants } from '../../vanilla/src/meetingMedia.test-support';
import { remotely, useMountCleanup } from './endpointMount.test-support';
import { useVideoStream } from './useVideoStream';
import { VideoStream } from './VideoStream';

useGraphServer();
useMountCleanup();

async function meetingWithCameras() {
  const meeting = await meetingWithParticipants(3);
  await remotely(() => {
    for (const id of meeting.ids) meeting.remote.setParticipantVideo(id, true);
  });
  return meeting;
}

/** The one view in a container, as the fake port draws it: its stream, and how it fits (`cover` is crop). */
function shownIn(container: Element) {
  expect(container.children).toHaveLength(1);
  const video = container.firstElementChild as HTMLVideoElement;
  return { streamId: video.dataset.streamId, objectFit: video.style.objectFit };
}

describe('VideoStream', () => {
  it('shows the view while the stream is available, and disposes it on unmount', async () => {
    const { world, call, remote, ids } = await meetingWithCameras();
    const wrapper = mount(VideoStream, {
      props: { call, streamId: cameraOf(call, ids[0]!) },
      attrs: { class: 'tile', 'aria-label': "Ann's video" },
    });
    await remotely(() => {});
    const element = wrapper.element as HTMLElement;
    expect(world.calling.liveViewCount()).toBe(1);
    expect(element.dataset.state).toBe('rendered');
    expect(element.className).toBe('tile');
    expect(element.getAttribute('role')).toBe('img');
    expect(element.getAttribute('aria-label')).toBe("Ann's video");
    expect(element.childElementCount).toBe(1);

    await remotely(() => remote.setParticipantVideo(ids[0]!, false));
    expect(world.calling.liveViewCount()).toBe(0);
    expect(element.dataset.state).toBe('waiting');
    await remotely(() => remote.setParticipantVideo(ids[0]!, true));
    expect(world.calling.liveViewCount()).toBe(1);

    wrapper.unmount();
    expect(world.calling.liveViewCount()).toBe(0);
  });

  it('binds again when the stream or the scaling changes, and ends with the call', async () => {
    const { world, call, remote, ids } = await meetingWithCameras();
    const wrapper = mount(VideoStream, {
      props: { call, streamId: cameraOf(call, ids[0]!), scaling: 'crop' },
    });
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);

    await wrapper.setProps({ streamId: cameraOf(call, ids[1]!) });
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);
    expect((wrapper.element as HTMLElement).dataset.state).toBe('rendered');
    expect(shownIn(wrapper.element)).toEqual({ streamId: cameraOf(call, ids[1]!), objectFit: 'cover' });

    await wrapper.setProps({ scaling: 'fit' });
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);
    expect(shownIn(wrapper.element)).toEqual({ streamId: cameraOf(call, ids[1]!), objectFit: 'contain' });

    await remotely(() => remote.remoteHangUp());
    expect(world.calling.liveViewCount()).toBe(0);
    expect((wrapper.element as HTMLElement).dataset.state).toBe('ended');
  });

  it('renders the local camera while it is on, and nothing without a call or a stream', async () => {
    const { world, call } = await meetingWithParticipants(1);
    const wrapper = mount(VideoStream, { props: { call, streamId: LOCAL_STREAM_IDS.video } });
    const state = () => (wrapper.element as HTMLElement).dataset.state;
    await remotely(() => {});
    expect(state()).toBe('waiting');
    await remotely(() => call.startVideo());
    expect(world.calling.liveViewCount()).toBe(1);
    expect(state()).toBe('rendered');

    await wrapper.setProps({ call: null });
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(0);
    expect(state()).toBe('waiting');
    await wrapper.setProps({ call, streamId: null });
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(0);
  });

  it('after 1,000 mount/unmount cycles of a tile the port holds no view and the call no listener', async () => {
    const { world, endpoint, call, ids } = await meetingWithCameras();
    const baseline = endpoint.getSubscriberCount();
    const streamId = cameraOf(call, ids[0]!);
    for (let cycle = 0; cycle < 1000; cycle++) {
      const wrapper = mount(VideoStream, { props: { call, streamId } });
      if (cycle % 2 === 0) await settle();
      wrapper.unmount();
    }
    await settle();
    expect(world.calling.liveViewCount()).toBe(0);
    expect(endpoint.getSubscriberCount()).toBe(baseline);
  }, 30_000); // a thousand mounts, half of them waiting for the view: a few seconds
});

describe('useVideoStream', () => {
  it('binds into a template ref once mounted, with options as a getter', async () => {
    const { world, call, remote, ids } = await meetingWithCameras();
    const mirrored = shallowRef(false);
    let state: Readonly<{ value: string }> | undefined;
    const Tile = defineComponent({
      setup() {
        const container = shallowRef<HTMLElement | null>(null);
        state = useVideoStream(call, cameraOf(call, ids[2]!), container, () => ({
          mirrored: mirrored.value,
        }));
        return () => h('div', { ref: container });
      },
    });
    const wrapper = mount(Tile);
    await remotely(() => {});
    expect(state?.value).toBe('rendered');
    expect((wrapper.element.firstElementChild as HTMLElement).style.transform).toBe('');
    mirrored.value = true;
    await nextTick();
    await remotely(() => {});
    expect(world.calling.liveViewCount()).toBe(1);
    expect(state?.value).toBe('rendered');
    expect((wrapper.element.firstElementChild as HTMLElement).style.transform).toBe('scaleX(-1)');
    await remotely(() => remote.setParticipantVideo(ids[2]!, false));
    expect(state?.value).toBe('waiting');
    await remotely(() => call.hangUp());
    expect(state?.value).toBe('ended');
    expect(world.calling.liveViewCount()).toBe(0);
  });

  it('in an effect scope it binds at once and disposes when the scope stops', async () => {
    const { world, call, ids } = await meetingWithCameras();
    const scope = effectScope();
    const state = scope.run(() =>
      useVideoStream(call, cameraOf(call, ids[0]!), document.createElement('div')),
    )!;
    await remotely(() => {});
    expect(state.value).toBe('rendered');
    scope.stop();
    expect(world.calling.liveViewCount()).toBe(0);
  });
});
