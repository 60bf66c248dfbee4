// Server rendering: the composables read the units as they are and subscribe and load nothing, since a
// server render never mounts; a listener per render would pile up for the life of the server.
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
import { EveryComposable } from './everyComposable.test-support';
import { createTeamsEndpointPlugin } from './teamsEndpointInjection';
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
  it('renders every composable five times and leaves no listener, no view and no load behind', async () => {
    const { world, endpoint, meeting, phoneCall, remote, ids, listeners } = await meetingAndPhoneCall(3);
    remote.setParticipantVideo(ids[0]!, true);
    remote.raiseRemoteHand(ids[1]!);
    await settle();
    const open = countParticipantSubscriptions(meeting);
    const baseline = listeners();
    for (let render = 0; render < 5; render++) {
      const app = createSSRApp(EveryComposable, { meeting, phoneCall, participantId: ids[0] });
      const html = await renderToString(app.use(createTeamsEndpointPlugin(endpoint)));
      expect(html).toContain('ready as Alice Anderson');
      expect(html).toContain('2 calls, 0 ringing');
      expect(html).toContain('phone connected, meeting on_hold');
      expect(html).toContain(`3 participants, 1 hands, ${meeting.getParticipant(ids[0]!)!.displayName}`);
      expect(html).toContain('people idle, customers idle, meetings idle, history idle');
      expect(html.match(/data-state="waiting"/g)).toHaveLength(2);
    }
    await settle();
    expect(listeners()).toEqual(baseline);
    expect(open()).toBe(0);
    expect(world.calling.liveViewCount()).toBe(0);
    for (const list of [endpoint.people, endpoint.customers, endpoint.meetings, endpoint.history]) {
      expect(list.getSnapshot().status).toBe('idle');
    }
  });

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
