import {
  type CallPortEvent,
  type CallPortStatus,
  LOCAL_STREAM_IDS,
  type Participant,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { createParticipants, type FakeCalling } from './fakeCalling';
import { connectedCalling, liveCall, liveMeeting, untouchableContainer } from './fakeCalling.test-support';
import { NO_VIDEO_STREAMS } from './fakeRemoteMedia';
import { typedRejection } from './typedRejection';

const recorder = (handle: { subscribe(listener: (event: CallPortEvent) => void): () => void }) => {
  const events: CallPortEvent[] = [];
  handle.subscribe((event) => events.push(event));
  return events;
};
const participantOf = (calling: FakeCalling, id: string): Participant => {
  const participant = calling.lastCall().state.participants.find((candidate) => candidate.id === id);
  if (!participant) throw new Error(`No participant ${id}.`);
  return participant;
};

describe('fake participants', () => {
  it('are connected, without role, and share one frozen empty stream list', () => {
    const [first, second] = createParticipants(2);
    expect(first).toMatchObject({
      state: 'connected',
      videoStreams: [],
      isVideoOn: false,
      isScreenSharing: false,
    });
    expect(first).not.toHaveProperty('role');
    expect(first!.videoStreams).toBe(NO_VIDEO_STREAMS);
    expect(second!.videoStreams).toBe(first!.videoStreams);
    expect(Object.isFrozen(NO_VIDEO_STREAMS)).toBe(true);
  });

  it('updateParticipant changes state, role and display name, keeping the streams and earlier states', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 2);
    remote.setParticipantVideo(ids[0]!, true);
    const before = handle.getState();
    const streams = participantOf(calling, ids[0]!).videoStreams;
    const events = recorder(handle);

    remote.updateParticipant(ids[0]!, { state: 'onHold', role: 'presenter', displayName: 'Megan Bowen' });

    const changed = participantOf(calling, ids[0]!);
    expect(changed).toMatchObject({ state: 'onHold', role: 'presenter', displayName: 'Megan Bowen' });
    expect(changed.videoStreams).toBe(streams);
    expect(events).toEqual([{ type: 'participantChanged', participant: changed }]);
    // Copy on write: a state read before the change still says what it said.
    expect(before.participants.find((p) => p.id === ids[0])?.state).toBe('connected');
    expect(handle.getState().participants[1]).toBe(before.participants[1]);
  });
});

describe('remote media scripts', () => {
  it('setParticipantVideo adds an available camera stream, then keeps it unavailable', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    const events = recorder(handle);

    remote.setParticipantVideo(ids[0]!, true);
    expect(participantOf(calling, ids[0]!).videoStreams).toEqual([
      { id: `${ids[0]}/video`, kind: 'video', isAvailable: true, size: { width: 1280, height: 720 } },
    ]);
    remote.setParticipantVideo(ids[0]!, false);
    expect(participantOf(calling, ids[0]!).videoStreams).toEqual([
      { id: `${ids[0]}/video`, kind: 'video', isAvailable: false, size: { width: 1280, height: 720 } },
    ]);
    expect(participantOf(calling, ids[0]!).isVideoOn).toBe(false);
    expect(events.map((event) => event.type === 'participantChanged' && event.participant.isVideoOn)).toEqual(
      [true, false],
    );
    expect(handle.getState().participants[0]).toBe(participantOf(calling, ids[0]!));
  });

  it('reports nothing, and keeps identities, when a script changes nothing', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.setParticipantVideo(ids[0]!, false);
    remote.setParticipantScreenShare(ids[0]!, false);
    const events = recorder(handle);
    const before = participantOf(calling, ids[0]!);
    expect(before.videoStreams).toBe(NO_VIDEO_STREAMS);

    remote.setParticipantVideo(ids[0]!, true);
    const on = participantOf(calling, ids[0]!);
    remote.setParticipantVideo(ids[0]!, true);
    remote.updateParticipant(ids[0]!, { isSpeaking: true });
    expect(participantOf(calling, ids[0]!).videoStreams).toBe(on.videoStreams);
    expect(events).toHaveLength(2);
  });

  it('in a burst of 1,000, one camera turning on changes that participant only', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1000);
    const before = handle.getState().participants;
    remote.setParticipantVideo(ids[500]!, true);
    const after = handle.getState().participants;
    expect(after).not.toBe(before);
    const changed = after.filter((participant, index) => participant !== before[index]);
    expect(changed.map((participant) => participant.id)).toEqual([ids[500]]);
    expect(after.filter((participant) => participant.videoStreams === NO_VIDEO_STREAMS)).toHaveLength(999);
  });

  it('one screen share at a time: a second remote share ends the first, as in Teams', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 2);
    remote.setParticipantScreenShare(ids[0]!, true);
    const events = recorder(handle);

    remote.setParticipantScreenShare(ids[1]!, true);

    const shares = handle
      .getState()
      .participants.flatMap((participant) => participant.videoStreams)
      .filter((stream) => stream.kind === 'screenSharing');
    expect(shares).toEqual([
      {
        id: `${ids[0]}/screenSharing`,
        kind: 'screenSharing',
        isAvailable: false,
        size: { width: 1920, height: 1080 },
      },
      {
        id: `${ids[1]}/screenSharing`,
        kind: 'screenSharing',
        isAvailable: true,
        size: { width: 1920, height: 1080 },
      },
    ]);
    expect(
      events.map(
        (event) =>
          event.type === 'participantChanged' && [event.participant.id, event.participant.isScreenSharing],
      ),
    ).toEqual([
      [ids[0], false],
      [ids[1], true],
    ]);
  });

  it('a remote share ends the local one, and a local share ends the remote one', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    await handle.startScreenSharing();
    const events = recorder(handle);

    remote.setParticipantScreenShare(ids[0]!, true);
    expect(handle.getState().isScreenSharingOn).toBe(false);
    await handle.startScreenSharing();
    expect(participantOf(calling, ids[0]!).videoStreams[0]?.isAvailable).toBe(false);
    expect(events.map((event) => event.type)).toEqual([
      'screenSharing',
      'participantChanged',
      'participantChanged',
      'screenSharing',
    ]);
  });

  it('setDominantSpeakers reports the list and keeps it in the state; unknown ids are a test mistake', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 3);
    const events = recorder(handle);
    expect(handle.getState().dominantSpeakers).toEqual([]);

    remote.setDominantSpeakers([ids[2]!, ids[0]!]);
    expect(handle.getState().dominantSpeakers).toEqual([ids[2], ids[0]]);
    expect(Object.isFrozen(handle.getState().dominantSpeakers)).toBe(true);
    expect(events).toEqual([{ type: 'dominantSpeakers', ids: [ids[2], ids[0]] }]);
    expect(() => remote.setDominantSpeakers(['8:orgid:nobody'])).toThrow(/No participant/);
    // The platform's list changes only when it says so: who leaves may stay on it.
    remote.removeParticipants([ids[2]!]);
    expect(handle.getState().dominantSpeakers).toEqual([ids[2], ids[0]]);
  });

  it('a meeting starts with an optimal video count of 9, a 1:1 call with none; changes are reported once', async () => {
    const calling = await connectedCalling();
    const { handle: meeting, remote } = await liveMeeting(calling);
    const { handle: oneToOne } = await liveCall(calling);
    expect(meeting.getState().optimalVideoCount).toBe(9);
    expect(oneToOne.getState().optimalVideoCount).toBeNull();
    const events = recorder(meeting);

    remote.setOptimalVideoCount(4);
    remote.setOptimalVideoCount(4);
    expect(meeting.getState().optimalVideoCount).toBe(4);
    expect(events).toEqual([{ type: 'optimalVideoCount', count: 4 }]);
    expect(() => remote.setOptimalVideoCount(-1)).toThrow();
    expect(() => remote.setOptimalVideoCount(2.5)).toThrow();
  });

  it('reports nothing about a call that has ended', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.remoteHangUp();
    const events = recorder(handle);
    remote.setParticipantVideo(ids[0]!, true);
    remote.setParticipantScreenShare(ids[0]!, true);
    remote.setDominantSpeakers([ids[0]!]);
    remote.setOptimalVideoCount(1);
    expect(events).toEqual([]);
  });
});

describe('local media: the platform’s rules', () => {
  const notConnected: CallPortStatus[] = [
    'connecting',
    'ringing',
    'early_media',
    'in_lobby',
    'local_hold',
    'remote_hold',
  ];

  it.each(notConnected)(
    'refuses a share while the call is %s (SDK 412/41071), and starts video (no call-state rule)',
    async (status) => {
      const calling = await connectedCalling();
      const handle = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
      if (status !== 'connecting') calling.lastCall().reportStatus(status);
      expect(await typedRejection(handle.startScreenSharing())).toMatchObject({
        code: 'call_failed',
        details: { code: 412, subCode: 41071 },
      });
      await handle.startVideo();
      expect(handle.getState()).toMatchObject({ isVideoOn: true, isScreenSharingOn: false });
    },
  );

  it('decides on the state the call had when the command was issued', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    const held = calling.deferNext('startScreenSharing');
    const starting = handle.startScreenSharing();
    remote.remoteHold();
    held.resolve();
    await starting;
    expect(handle.getState().isScreenSharingOn).toBe(true);
  });

  it('stops video on hold, but refuses to stop a share off a connected call (SDK 412/41072)', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    await handle.startVideo();
    await handle.startScreenSharing();
    await handle.hold();
    await handle.stopVideo();
    expect(await typedRejection(handle.stopScreenSharing())).toMatchObject({
      code: 'call_failed',
      details: { code: 412, subCode: 41072 },
    });
    expect(handle.getState()).toMatchObject({ isVideoOn: false, isScreenSharingOn: true });
  });

  it('refuses every local media command once the call has ended', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    remote.remoteHangUp();
    for (const command of [
      () => handle.startVideo(),
      () => handle.stopVideo(),
      () => handle.startScreenSharing(),
      () => handle.stopScreenSharing(),
      () => handle.renderStream(LOCAL_STREAM_IDS.video, untouchableContainer),
    ]) {
      expect(await typedRejection(command())).toMatchObject({ code: 'invalid_call_state' });
    }
  });

  it('starting what is on, or stopping what is off, resolves and reports nothing, as the ACS port', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    const events = recorder(handle);
    await handle.stopVideo();
    await handle.stopScreenSharing();
    await handle.startVideo();
    await handle.startVideo();
    await handle.startScreenSharing();
    await handle.startScreenSharing();
    expect(events).toEqual([
      { type: 'video', isVideoOn: true },
      { type: 'screenSharing', isScreenSharingOn: true },
    ]);
    expect(handle.getState()).toMatchObject({ isVideoOn: true, isScreenSharingOn: true });
  });

  it('denyNextScreenShare: the next start rejects with screen_share_denied, the one after shares', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    remote.denyNextScreenShare();
    const events = recorder(handle);
    const error = await typedRejection(handle.startScreenSharing());
    expect(error).toBeInstanceOf(TeamsEndpointError);
    expect(error.code).toBe('screen_share_denied');
    expect(handle.getState().isScreenSharingOn).toBe(false);
    await handle.startScreenSharing();
    await handle.stopScreenSharing();
    expect(events).toEqual([
      { type: 'screenSharing', isScreenSharingOn: true },
      { type: 'screenSharing', isScreenSharingOn: false },
    ]);
  });

  it('startVideo opens the selected camera: it asks for the permission the first time', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    expect(calling.deviceControls.permissions.camera).toBe('prompt');
    await handle.startVideo();
    expect(calling.deviceControls.permissions.camera).toBe('granted');
  });

  it('startVideo rejects with camera_denied when the camera is refused', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    calling.deviceControls.denyPermission('camera');
    expect(await typedRejection(handle.startVideo())).toMatchObject({
      code: 'camera_denied',
      details: { refused: ['camera'] },
    });
    expect(calling.deviceControls.permissions.camera).toBe('denied');
    expect(handle.getState().isVideoOn).toBe(false);
  });

  it('startVideo rejects with not_found (no_camera) when no camera is plugged in', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    const inventory = await calling.devices.getInventory();
    for (const camera of inventory.cameras) calling.deviceControls.unplug('camera', camera.id);
    expect(await typedRejection(handle.startVideo())).toMatchObject({
      code: 'not_found',
      details: { reason: 'no_camera' },
    });
    // No camera: the browser is not even asked.
    expect(calling.deviceControls.permissions.camera).toBe('prompt');
  });

  it('the new methods go through the port controls: failNext, deferNext, holdAll and counting', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    const failure = new TeamsEndpointError('network', 'Simulated.');
    calling.failNext('startScreenSharing', failure);
    expect(await typedRejection(handle.startScreenSharing())).toBe(failure);
    const queue = calling.holdAll('stopScreenSharing');
    await handle.startScreenSharing();
    const stopping = handle.stopScreenSharing();
    await Promise.resolve();
    expect(queue.pending).toBe(1);
    queue.resolveNext();
    await stopping;
    calling.failNext('renderStream', failure);
    await handle.startVideo();
    expect(await typedRejection(handle.renderStream(LOCAL_STREAM_IDS.video, untouchableContainer))).toBe(
      failure,
    );
    expect(calling.methodCalls).toMatchObject({
      startScreenSharing: 2,
      stopScreenSharing: 1,
      renderStream: 1,
    });
  });
});

describe('rendering', () => {
  it('renders a remote camera into a view that counts until disposed; dispose is idempotent', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.setParticipantVideo(ids[0]!, true);
    const view = await handle.renderStream(`${ids[0]}/video`, untouchableContainer, { scaling: 'fit' });
    expect(view.streamId).toBe(`${ids[0]}/video`);
    expect(remote.liveViews).toBe(1);
    expect(calling.liveViewCount()).toBe(1);
    view.dispose();
    view.dispose();
    expect(remote.liveViews).toBe(0);
    expect(calling.liveViewCount()).toBe(0);
  });

  it('rejects with not_found a stream the call does not have, or one that is not available', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.setParticipantVideo(ids[0]!, true);
    remote.setParticipantVideo(ids[0]!, false);
    const cases: [string, string][] = [
      ['8:orgid:nobody/video', 'stream_not_found'],
      [`${ids[0]}/video`, 'stream_unavailable'],
      [LOCAL_STREAM_IDS.video, 'stream_unavailable'],
      [LOCAL_STREAM_IDS.screenSharing, 'stream_unavailable'],
    ];
    for (const [streamId, reason] of cases) {
      expect(await typedRejection(handle.renderStream(streamId, untouchableContainer))).toMatchObject({
        code: 'not_found',
        details: { reason, streamId },
      });
    }
    expect(calling.liveViewCount()).toBe(0);
  });

  it('renders the local camera while video is on and the local share while sharing', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveCall(calling);
    await handle.startVideo();
    await handle.startScreenSharing();
    await handle.renderStream(LOCAL_STREAM_IDS.video, untouchableContainer);
    await handle.renderStream(LOCAL_STREAM_IDS.screenSharing, untouchableContainer);
    expect(remote.liveViews).toBe(2);
    await handle.stopVideo();
    expect(remote.liveViews).toBe(1);
    await handle.stopScreenSharing();
    expect(remote.liveViews).toBe(0);
  });

  it('disposes a remote stream’s views when it stops, is taken over, or its participant leaves', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 3);
    for (const id of ids) remote.setParticipantVideo(id, true);
    remote.setParticipantScreenShare(ids[0]!, true);
    for (const id of ids) await handle.renderStream(`${id}/video`, untouchableContainer);
    await handle.renderStream(`${ids[0]}/screenSharing`, untouchableContainer);
    await handle.renderStream(`${ids[0]}/screenSharing`, untouchableContainer);
    expect(remote.liveViews).toBe(5);

    remote.setParticipantVideo(ids[1]!, false);
    expect(remote.liveViews).toBe(4);
    remote.setParticipantScreenShare(ids[2]!, true);
    expect(remote.liveViews).toBe(2);
    remote.removeParticipants([ids[2]!]);
    expect(remote.liveViews).toBe(1);
    remote.remoteHangUp();
    expect(remote.liveViews).toBe(0);
  });

  it('1,000 render and dispose cycles leave no live view', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.setParticipantVideo(ids[0]!, true);
    for (let cycle = 0; cycle < 1000; cycle++) {
      const view = await handle.renderStream(`${ids[0]}/video`, untouchableContainer);
      expect(calling.liveViewCount()).toBe(1);
      view.dispose();
    }
    expect(calling.liveViewCount()).toBe(0);
  });

  it('200 calls with video rendered, then ended, leave no live view and no listener', async () => {
    const calling = await connectedCalling();
    for (let index = 0; index < 200; index++) {
      const { handle, remote, ids } = await liveMeeting(calling, 2);
      const stop = handle.subscribe(() => undefined);
      await handle.startVideo();
      remote.setParticipantVideo(ids[0]!, true);
      await handle.renderStream(LOCAL_STREAM_IDS.video, untouchableContainer);
      await handle.renderStream(`${ids[0]}/video`, untouchableContainer);
      if (index % 2 === 0) remote.remoteHangUp();
      else await handle.hangUp();
      stop();
    }
    expect(calling.liveViewCount()).toBe(0);
    expect(calling.listenerCount()).toBe(0);
    expect(calling.forgetEndedCalls()).toBe(0);
  });

  it('an aborted pending render rejects with aborted and leaves no view, even once the port answers', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.setParticipantVideo(ids[0]!, true);
    const held = calling.deferNext('renderStream');
    const controller = new AbortController();
    const rendering = handle.renderStream(`${ids[0]}/video`, untouchableContainer, {
      signal: controller.signal,
    });
    controller.abort();
    held.resolve();
    expect(await typedRejection(rendering)).toMatchObject({ code: 'aborted' });
    expect(calling.liveViewCount()).toBe(0);

    const error = await typedRejection(
      handle.renderStream(`${ids[0]}/video`, untouchableContainer, { signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('aborted');
    expect(calling.liveViewCount()).toBe(0);
  });

  it('a stream that stops while its render is held rejects with not_found', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 1);
    remote.setParticipantVideo(ids[0]!, true);
    const held = calling.deferNext('renderStream');
    const rendering = handle.renderStream(`${ids[0]}/video`, untouchableContainer);
    remote.setParticipantVideo(ids[0]!, false);
    held.resolve();
    expect(await typedRejection(rendering)).toMatchObject({ code: 'not_found' });
    expect(calling.liveViewCount()).toBe(0);
  });
});
