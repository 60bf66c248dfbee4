// Server rendering: the hooks give React a server snapshot (the units' current state), so no DOM is needed.
import { type Call, callCaptions, callRaisedHands } from '@teams-endpoint/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { meetingAndPhoneCall } from '../../vanilla/src/callFeatures.test-support';
import {
  cameraOf,
  countParticipantSubscriptions,
  meetingWithParticipants,
} from '../../vanilla/src/meetingMedia.test-support';
import { setUpFabrikamTests } from './strictEndpoint.test-support';
import { TeamsEndpointProvider } from './TeamsEndpointProvider';
import { useCallFeature } from './useCallFeature';
import { useCallHistory } from './useCallHistory';
import { useCalls } from './useCalls';
import { useParticipant } from './useParticipant';
import { usePeople } from './usePeople';
import { useSession } from './useSession';
import { VideoStream } from './VideoStream';

setUpFabrikamTests();

function Header() {
  const session = useSession();
  const calls = useCalls();
  const { snapshot: people } = usePeople();
  const { snapshot: history } = useCallHistory();
  return (
    <p>{`${session.status}, ${session.user?.displayName ?? 'nobody'}, ${calls.length} calls, people ${people.status}, history ${history.status}`}</p>
  );
}

function Tile({ call, participantId }: { call: Call; participantId: string }) {
  const participant = useParticipant(call, participantId);
  return (
    <figure>
      <VideoStream call={call} streamId={cameraOf(call, participantId)} aria-label="video" />
      <figcaption>{participant?.displayName}</figcaption>
    </figure>
  );
}

function MeetingBar({ call }: { call: Call | undefined }) {
  const hands = useCallFeature(call, callRaisedHands, (s) => s.hands.length);
  const captions = useCallFeature(call, callCaptions);
  return <p>{`${hands ?? 'no'} hands, captions ${captions?.isActive ? 'on' : 'off'}`}</p>;
}

describe('server rendering', () => {
  it('renders the current snapshot without subscribing or loading', async () => {
    const { endpoint } = await createFabrikamEndpoint();
    const baseline = endpoint.getSubscriberCount();
    const html = renderToString(
      <TeamsEndpointProvider value={endpoint}>
        <Header />
      </TeamsEndpointProvider>,
    );
    expect(html).toContain('ready, Alice Anderson, 0 calls, people idle, history idle');
    expect(endpoint.getSubscriberCount()).toBe(baseline);
    expect(endpoint.people.getSnapshot().status).toBe('idle');
    expect(endpoint.history.getSnapshot().status).toBe('idle');
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
    const html = renderToString(
      <section>
        {ids.map((id) => (
          <Tile key={id} call={call} participantId={id} />
        ))}
      </section>,
    );
    expect(html).toContain(call.getParticipant(ids[0]!)!.displayName);
    expect(html.match(/data-state="waiting"/g)).toHaveLength(9);
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
    const html = renderToString(
      <>
        <MeetingBar call={meeting} />
        <MeetingBar call={undefined} />
      </>,
    );
    expect(html).toContain('2 hands, captions off');
    expect(html).toContain('no hands, captions off');
    await settle();
    expect(listeners()).toEqual(baseline);
  });
});
