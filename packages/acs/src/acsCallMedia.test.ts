// @vitest-environment jsdom
import type {
  RemoteParticipantState,
  ParticipantRole as SdkParticipantRole,
} from '@azure/communication-calling';
import { getIdentifierRawId } from '@azure/communication-common';
import { type CallPortEvent, LOCAL_STREAM_IDS, type Participant } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { createAcsCalling } from './createAcsCalling';
import { createStubSdkWorld, type StubRemoteParticipant, teamsUser } from './stubSdk.test-support';

const getToken = async () => ({ token: 't', expiresOn: new Date(Date.now() + 3_600_000) });
const ADELE = '0b0a3c3d-1111-4222-8333-444455556666';
const MEGAN = 'e8b753b5-4117-464e-9a08-713e1ff266b3';

/** A connected meeting with Adele and Megan, subscribed, over the SDK stub. */
async function meeting() {
  const world = createStubSdkWorld();
  const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
  await calling.connect({ getToken });
  const call = await calling.joinMeeting({ kind: 'id', meetingId: '123', passcode: 'abc' });
  const events: CallPortEvent[] = [];
  const unsubscribe = call.subscribe((event) => events.push(event));
  const stub = world.agent().lastCall();
  stub.setState('Connected');
  const [adele, megan] = stub.addParticipants([ADELE, MEGAN]) as [
    StubRemoteParticipant,
    StubRemoteParticipant,
  ];
  events.length = 0;
  const container = document.createElement('div');
  return { world, calling, call, stub, adele, megan, events, unsubscribe, container };
}

const rawId = (participant: StubRemoteParticipant) => getIdentifierRawId(participant.identifier);
const changedParticipants = (events: readonly CallPortEvent[]): Participant[] =>
  events.flatMap((event) => (event.type === 'participantChanged' ? [event.participant] : []));

describe('participants: role, state and video streams', () => {
  it.each<[SdkParticipantRole, Participant['role']]>([
    ['Organizer', 'organizer'],
    ['Co-organizer', 'organizer'],
    ['Presenter', 'presenter'],
    ['Attendee', 'attendee'],
    ['Unknown', undefined],
    ['Consumer', undefined],
    ['Collaborator', undefined],
  ])('maps the role %s to %s', async (sdkRole, role) => {
    const { adele, events, call } = await meeting();
    adele.setRole(sdkRole);
    const [changed] = changedParticipants(events);
    expect(changed?.role).toBe(role);
    expect('role' in (changed ?? {})).toBe(role !== undefined);
    expect(call.getState().participants[0]?.role).toBe(role);
  });

  it.each<[RemoteParticipantState, Participant['state']]>([
    ['Idle', 'connecting'],
    ['Connecting', 'connecting'],
    ['Ringing', 'connecting'],
    ['EarlyMedia', 'connecting'],
    ['InLobby', 'inLobby'],
    ['Connected', 'connected'],
    ['Hold', 'onHold'],
  ])('maps the state %s to %s', async (sdkState, state) => {
    const { adele, events } = await meeting();
    adele.setState(sdkState);
    expect(changedParticipants(events).map((participant) => participant.state)).toEqual([state]);
  });

  it('does not report a participant on its way out as changed: its removal follows', async () => {
    const { adele, events, stub } = await meeting();
    adele.setState('Disconnected');
    expect(events).toEqual([]);
    stub.removeParticipants([adele]);
    expect(events).toEqual([{ type: 'participantsRemoved', ids: [rawId(adele)] }]);
  });

  it('reports streams with ids unique in the call, their availability, size and the derived flags', async () => {
    const { adele, megan, events, call } = await meeting();
    const camera = adele.addVideoStream('Video', { isAvailable: false });
    megan.addVideoStream('Video');
    expect(changedParticipants(events).at(0)?.videoStreams).toEqual([
      { id: `${rawId(adele)}#1`, kind: 'video', isAvailable: false, size: null },
    ]);
    camera.setAvailable(true);
    camera.setSize(1280, 720);
    adele.addVideoStream('ScreenSharing');
    const latest = changedParticipants(events)
      .filter((participant) => participant.id === rawId(adele))
      .at(-1);
    expect(latest).toMatchObject({
      videoStreams: [
        { id: `${rawId(adele)}#1`, kind: 'video', isAvailable: true, size: { width: 1280, height: 720 } },
        { id: `${rawId(adele)}#2`, kind: 'screenSharing', isAvailable: true, size: null },
      ],
      isVideoOn: true,
      isScreenSharing: true,
    });
    const ids = call
      .getState()
      .participants.flatMap((participant) => participant.videoStreams.map((s) => s.id));
    expect(ids).toEqual([`${rawId(adele)}#1`, `${rawId(adele)}#2`, `${rawId(megan)}#1`]);
  });

  it('stops following a removed stream', async () => {
    const { adele, world } = await meeting();
    const before = world.registry.listenerCount();
    const stream = adele.addVideoStream('Video');
    expect(world.registry.listenerCount()).toBe(before + 2);
    adele.removeVideoStream(stream);
    expect(world.registry.listenerCount()).toBe(before);
    expect(world.registry.unmatchedOffs()).toBe(0);
  });
});

describe('renderStream: remote streams', () => {
  it('appends the view to the container, cropped for a camera and fitted for a share, never mirrored', async () => {
    const { adele, call, container, world } = await meeting();
    adele.addVideoStream('Video');
    adele.addVideoStream('ScreenSharing');
    const other = document.createElement('span');
    container.append(other);
    const camera = await call.renderStream(`${rawId(adele)}#1`, container);
    const share = await call.renderStream(`${rawId(adele)}#2`, container);
    expect(camera.streamId).toBe(`${rawId(adele)}#1`);
    expect(container.children).toHaveLength(3);
    expect(world.registry.views.map((view) => view.options)).toEqual([
      { scalingMode: 'Crop', isMirrored: false },
      { scalingMode: 'Fit', isMirrored: false },
    ]);
    camera.dispose();
    camera.dispose();
    share.dispose();
    expect(Array.from(container.children)).toEqual([other]);
    expect(world.registry.liveViews()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
  });

  it('takes the scaling and mirroring asked for', async () => {
    const { adele, call, container, world } = await meeting();
    adele.addVideoStream('Video');
    await call.renderStream(`${rawId(adele)}#1`, container, { scaling: 'fit', mirrored: true });
    expect(world.registry.views[0]?.options).toEqual({ scalingMode: 'Fit', isMirrored: true });
  });

  it('refuses with not_found a stream the call does not have, or one that is not available', async () => {
    const { adele, call, container, world } = await meeting();
    adele.addVideoStream('Video', { isAvailable: false });
    for (const id of ['8:orgid:nobody#1', `${rawId(adele)}#9`, 'local:nothing']) {
      const error = await typedRejection(call.renderStream(id, container));
      expect(error).toMatchObject({
        code: 'not_found',
        details: { reason: 'stream_not_found', streamId: id },
      });
    }
    const unavailable = await typedRejection(call.renderStream(`${rawId(adele)}#1`, container));
    expect(unavailable).toMatchObject({ code: 'not_found', details: { reason: 'stream_unavailable' } });
    expect(world.registry.renderers).toHaveLength(0);
  });

  it('disposes the views of a stream that turns unavailable, is removed, or whose participant leaves', async () => {
    const { adele, megan, stub, call, container, world } = await meeting();
    const first = adele.addVideoStream('Video');
    const second = adele.addVideoStream('ScreenSharing');
    megan.addVideoStream('Video');
    await call.renderStream(`${rawId(adele)}#1`, container);
    await call.renderStream(`${rawId(adele)}#2`, container);
    await call.renderStream(`${rawId(megan)}#1`, container);
    first.setAvailable(false);
    expect(world.registry.liveViews()).toBe(2);
    expect(world.registry.liveRenderers()).toBe(2);
    adele.removeVideoStream(second);
    expect(world.registry.liveViews()).toBe(1);
    expect(world.registry.liveRenderers()).toBe(1);
    stub.removeParticipants([megan]);
    expect(world.registry.liveViews()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
    expect(container.children).toHaveLength(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
  });

  it('a stream that goes while its view is being made: the render rejects with not_found, nothing stays', async () => {
    const { adele, call, container, world } = await meeting();
    const first = adele.addVideoStream('Video');
    const second = adele.addVideoStream('Video');
    const release = world.registry.holdViews();
    const turnsOff = call.renderStream(`${rawId(adele)}#1`, container);
    const removed = call.renderStream(`${rawId(adele)}#2`, container);
    await vi.waitFor(() => expect(world.registry.renderers).toHaveLength(2));
    first.setAvailable(false);
    adele.removeVideoStream(second);
    release();
    expect(await typedRejection(turnsOff)).toMatchObject({ code: 'not_found' });
    expect(await typedRejection(removed)).toMatchObject({ code: 'not_found' });
    await vi.waitFor(() => expect(world.registry.liveRenderers()).toBe(0));
    expect(container.children).toHaveLength(0);
  });

  it('honours the signal: aborted at once, and the view that arrives later is disposed', async () => {
    const { adele, call, container, world } = await meeting();
    adele.addVideoStream('Video');
    const controller = new AbortController();
    controller.abort();
    expect((await typedRejection(call.renderStream(`${rawId(adele)}#1`, container, controller))).code).toBe(
      'aborted',
    );
    const release = world.registry.holdViews();
    const later = new AbortController();
    const pending = call.renderStream(`${rawId(adele)}#1`, container, { signal: later.signal });
    await vi.waitFor(() => expect(world.registry.renderers).toHaveLength(1));
    later.abort();
    expect((await typedRejection(pending)).code).toBe('aborted');
    release();
    await vi.waitFor(() => expect(world.registry.views).toHaveLength(1));
    await vi.waitFor(() => expect(world.registry.liveRenderers()).toBe(0));
    expect(world.registry.liveViews()).toBe(0);
    expect(container.children).toHaveLength(0);
  });
});

describe('renderStream: this endpoint’s camera and screen share', () => {
  it('renders the port’s camera stream while video is on, mirrored, and disposes the view when video stops', async () => {
    const { call, container, world } = await meeting();
    const off = await typedRejection(call.renderStream(LOCAL_STREAM_IDS.video, container));
    expect(off).toMatchObject({ code: 'not_found', details: { reason: 'stream_unavailable' } });
    await call.startVideo();
    const view = await call.renderStream(LOCAL_STREAM_IDS.video, container);
    expect(view.streamId).toBe(LOCAL_STREAM_IDS.video);
    expect(world.registry.renderers[0]?.stream).toBe(world.cameraStreams[0]);
    expect(world.registry.views[0]?.options).toEqual({ scalingMode: 'Crop', isMirrored: true });
    await call.stopVideo();
    expect(world.registry.liveViews()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
    expect(container.children).toHaveLength(0);
  });

  it('renders the screen share the SDK lists, fitted and not mirrored, and disposes it when sharing stops', async () => {
    const { call, stub, container, world } = await meeting();
    await call.startScreenSharing();
    await call.renderStream(LOCAL_STREAM_IDS.screenSharing, container);
    expect(world.registry.renderers[0]?.stream.mediaStreamType).toBe('ScreenSharing');
    expect(world.registry.views[0]?.options).toEqual({ scalingMode: 'Fit', isMirrored: false });
    await call.stopScreenSharing();
    expect(world.registry.liveRenderers()).toBe(0);
    expect(stub.localVideoStreams).toEqual([]);
  });
});

describe('views end with the call', () => {
  it('disposes every view when the call ends, and rejects a render in flight with invalid_call_state', async () => {
    const { adele, stub, call, container, world } = await meeting();
    adele.addVideoStream('Video');
    adele.addVideoStream('Video');
    await call.renderStream(`${rawId(adele)}#1`, container);
    const release = world.registry.holdViews();
    const pending = call.renderStream(`${rawId(adele)}#2`, container);
    await vi.waitFor(() => expect(world.registry.renderers).toHaveLength(2));
    stub.end();
    expect((await typedRejection(pending)).code).toBe('invalid_call_state');
    release();
    await vi.waitFor(() => expect(world.registry.views).toHaveLength(2));
    await vi.waitFor(() => expect(world.registry.liveRenderers()).toBe(0));
    expect(world.registry.liveViews()).toBe(0);
    expect(container.children).toHaveLength(0);
    expect((await typedRejection(call.renderStream(`${rawId(adele)}#1`, container))).code).toBe(
      'invalid_call_state',
    );
  });

  it('disconnect disposes every view and leaves no SDK listener', async () => {
    const { adele, call, calling, container, world } = await meeting();
    adele.addVideoStream('Video');
    await call.startVideo();
    await call.startScreenSharing();
    await call.renderStream(`${rawId(adele)}#1`, container);
    await call.renderStream(LOCAL_STREAM_IDS.video, container);
    await call.renderStream(LOCAL_STREAM_IDS.screenSharing, container);
    await calling.disconnect();
    expect(world.registry.liveViews()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
    expect(container.children).toHaveLength(0);
    expect(world.registry.listenerCount()).toBe(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
  });
});

describe('screen sharing', () => {
  it('reports sharing on once the SDK lists the shared stream, and off when it stops', async () => {
    const { call, stub, events } = await meeting();
    const startScreenSharing = vi.spyOn(stub, 'startScreenSharing');
    await call.startScreenSharing();
    await call.startScreenSharing();
    expect(startScreenSharing).toHaveBeenCalledTimes(1);
    expect(call.getState().isScreenSharingOn).toBe(true);
    await call.stopScreenSharing();
    await call.stopScreenSharing();
    expect(events).toEqual([
      { type: 'screenSharing', isScreenSharingOn: true },
      { type: 'screenSharing', isScreenSharingOn: false },
    ]);
    expect(call.getState().isScreenSharingOn).toBe(false);
  });

  it('does not report sharing on while the SDK has not listed the stream yet', async () => {
    const { call, stub, events } = await meeting();
    stub.isScreenSharingOn = true;
    stub.emit('isScreenSharingOnChanged');
    expect(call.getState().isScreenSharingOn).toBe(false);
    expect(events).toEqual([]);
  });

  it.each([
    ['cancel', 'refused', 43001],
    ['refusedBySystem', 'refused_by_system', 43016],
  ] as const)('a picker answered %s is screen_share_denied (%s)', async (answer, reason, subCode) => {
    const { call, stub, events } = await meeting();
    stub.screenPicker = answer;
    const error = await typedRejection(call.startScreenSharing());
    expect(error).toMatchObject({ code: 'screen_share_denied', details: { reason, subCode } });
    expect(events).toEqual([]);
  });

  it('outside a connected call the SDK refuses (412/41071): call_failed with its codes', async () => {
    const { call, stub } = await meeting();
    stub.setState('LocalHold');
    const error = await typedRejection(call.startScreenSharing());
    expect(error).toMatchObject({ code: 'call_failed', details: { code: 412, subCode: 41071 } });
  });
});

describe('dominant speakers and the optimal video count', () => {
  it('reports the dominant speakers by participant id, most dominant first', async () => {
    const { call, stub, events } = await meeting();
    expect(call.getState().dominantSpeakers).toEqual([]);
    stub.dominantSpeakersFeature.setSpeakers([teamsUser(MEGAN).identifier, teamsUser(ADELE).identifier]);
    const ids = [`8:orgid:${MEGAN}`, `8:orgid:${ADELE}`];
    expect(events).toEqual([{ type: 'dominantSpeakers', ids }]);
    expect(call.getState().dominantSpeakers).toEqual(ids);
  });

  it('reports the optimal video count', async () => {
    const { call, stub, events } = await meeting();
    expect(call.getState().optimalVideoCount).toBe(1);
    stub.optimalVideoCountFeature.setCount(4);
    expect(events).toEqual([{ type: 'optimalVideoCount', count: 4 }]);
    expect(call.getState().optimalVideoCount).toBe(4);
  });

  it('a feature that throws counts as absent: no speakers, no advice (null), no listener', async () => {
    const world = createStubSdkWorld();
    const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
    await calling.connect({ getToken });
    const call = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    const stub = world.agent().lastCall();
    stub.failingFeatures.add('DominantSpeakers');
    stub.failingFeatures.add('OptimalVideoCount');
    call.subscribe(() => undefined);
    expect(call.getState()).toMatchObject({ dominantSpeakers: [], optimalVideoCount: null });
    expect(stub.dominantSpeakersFeature.listenerCount()).toBe(0);
    expect(stub.optimalVideoCountFeature.listenerCount()).toBe(0);
  });

  it('removes the features’ handlers with the last subscriber', async () => {
    const { stub, unsubscribe } = await meeting();
    expect(stub.dominantSpeakersFeature.listenerCount()).toBe(1);
    expect(stub.optimalVideoCountFeature.listenerCount()).toBe(1);
    unsubscribe();
    expect(stub.dominantSpeakersFeature.listenerCount()).toBe(0);
    expect(stub.optimalVideoCountFeature.listenerCount()).toBe(0);
  });
});
