// Server rendering: the media composables read the call as it is and subscribe nothing, since a server
// render never mounts; a listener per render would pile up for the life of the server.
import { type Call, callCaptions, callRaisedHands } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h, type PropType } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { settle, useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { meetingAndPhoneCall } from '../../vanilla/src/callFeatures.test-support';
import {
  cameraOf,
  countParticipantSubscriptions,
  meetingWithParticipants,
} from '../../vanilla/src/meetingMedia.test-support';
import { useCallFeature } from './useCallFeature';
import { useParticipant } from './useParticipant';
import { VideoStream } from './VideoStream';

useGraphServer();

const Tile = defineComponent({
  props: {
    call: { type: Object as PropType<Call>, required: true },
    participantId: { type: String, required: true },
  },
  setup(props) {
    const participant = useParticipant(
      () => props.call,
      () => props.participantId,
    );
    return () =>
      h('figure', [
        h(VideoStream, {
          call: props.call,
          streamId: cameraOf(props.call, props.participantId),
          'aria-label': 'video',
        }),
        h('figcaption', participant.value?.displayName),
      ]);
  },
});

const MeetingBar = defineComponent({
  props: { call: { type: Object as PropType<Call> } },
  setup(props) {
    const call = () => props.call;
    const hands = useCallFeature(call, callRaisedHands, (s) => s.hands.length);
    const captions = useCallFeature(call, callCaptions);
    return () => h('p', `${hands.value ?? 'no'} hands, captions ${captions.value?.isActive ? 'on' : 'off'}`);
  },
});

describe('server rendering', () => {
  it('renders participants and video tiles without subscribing or binding a view', async () => {
    const { world, endpoint, call, remote, ids } = await meetingWithParticipants(9);
    for (const id of ids) remote.setParticipantVideo(id, true);
    await settle();
    const open = countParticipantSubscriptions(call);
    const baseline = {
      subscribers: endpoint.getSubscriberCount(),
      portListeners: world.calling.listenerCount(),
    };
    for (let render = 0; render < 3; render++) {
      const app = createSSRApp({
        render: () => ids.map((id) => h(Tile, { key: id, call, participantId: id })),
      });
      const html = await renderToString(app);
      expect(html).toContain(call.getParticipant(ids[0]!)!.displayName);
      expect(html.match(/data-state="waiting"/g)).toHaveLength(9);
    }
    await settle();
    // Not subscribed and then unsubscribed: never subscribed.
    expect(call.subscribeParticipant).not.toHaveBeenCalled();
    expect(open()).toBe(0);
    expect(endpoint.getSubscriberCount()).toBe(baseline.subscribers);
    expect(world.calling.listenerCount()).toBe(baseline.portListeners);
    expect(world.calling.liveViewCount()).toBe(0);
  });

  it('renders call features as they are, without subscribing', async () => {
    const { meeting, remote, ids, listeners } = await meetingAndPhoneCall(3);
    remote.raiseRemoteHand(ids[0]!);
    remote.raiseRemoteHand(ids[2]!);
    await settle();
    const baseline = listeners();
    for (let render = 0; render < 3; render++) {
      const app = createSSRApp({ render: () => [h(MeetingBar, { call: meeting }), h(MeetingBar)] });
      const html = await renderToString(app);
      expect(html).toContain('2 hands, captions off');
      expect(html).toContain('no hands, captions off');
    }
    await settle();
    expect(listeners()).toEqual(baseline);
  });
});
