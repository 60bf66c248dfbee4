import type { CallState } from '@azure/communication-calling';
import { getIdentifierRawId } from '@azure/communication-common';
import { type CallPortEvent, type DtmfTone, TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { createAcsCallHandle, MUTE_CONFIRMATION_TIMEOUT_MS } from './acsCallHandle';
import {
  camera,
  StubLocalVideoStream,
  StubRegistry,
  StubRemoteParticipant,
  StubTeamsCall,
  sdkError,
  stubCallHandleContext,
  teamsUser,
} from './stubSdk.test-support';

function setUp() {
  const registry = new StubRegistry();
  const call = new StubTeamsCall(registry);
  const onEnded = vi.fn();
  const createCameraStream = vi.fn(async () => new StubLocalVideoStream(camera('cam-1')));
  const handle = createAcsCallHandle(call, stubCallHandleContext(registry, { createCameraStream, onEnded }));
  const events: CallPortEvent[] = [];
  return { registry, call, handle, events, onEnded, createCameraStream };
}

describe('state', () => {
  it.each<[CallState, string]>([
    ['None', 'connecting'],
    ['Connecting', 'connecting'],
    ['Ringing', 'ringing'],
    ['EarlyMedia', 'early_media'],
    ['Connected', 'connected'],
    ['LocalHold', 'local_hold'],
    ['RemoteHold', 'remote_hold'],
    ['InLobby', 'in_lobby'],
    ['Disconnecting', 'disconnecting'],
    ['Disconnected', 'disconnected'],
  ])('maps %s to %s, synchronously and as an event', (state, status) => {
    const { call, handle, events } = setUp();
    call.state = state === 'Connected' ? 'Ringing' : 'Connected';
    handle.subscribe((event) => events.push(event));
    call.setState(state);
    expect(handle.getState().status).toBe(status);
    expect(events.at(-1)).toMatchObject({ type: 'status', status });
  });

  it('reads mute, video, end reason and participants from the SDK call', () => {
    const { registry, call, handle } = setUp();
    call.isMuted = true;
    call.isLocalVideoStarted = true;
    call.remoteParticipants = [
      new StubRemoteParticipant(
        registry,
        teamsUser('0b0a3c3d-1111-4222-8333-444455556666').identifier,
        'Adele',
      ),
      new StubRemoteParticipant(registry, { kind: 'phoneNumber', phoneNumber: '+14255550123' }),
      new StubRemoteParticipant(
        registry,
        { kind: 'communicationUser', communicationUserId: '8:acs:abc' },
        '',
      ),
    ];
    call.callEndReason = { code: 487, subCode: 10004 };
    call.state = 'Disconnected';
    const media = { state: 'connected', videoStreams: [], isVideoOn: false, isScreenSharing: false };
    expect(handle.getState()).toEqual({
      status: 'disconnected',
      isMuted: true,
      isVideoOn: true,
      isScreenSharingOn: false,
      endReason: { code: 487, subCode: 10004 },
      participants: [
        {
          id: '8:orgid:0b0a3c3d-1111-4222-8333-444455556666',
          kind: 'teamsUser',
          displayName: 'Adele',
          isMuted: true,
          isSpeaking: false,
          ...media,
        },
        { id: '4:+14255550123', kind: 'phoneNumber', isMuted: true, isSpeaking: false, ...media },
        { id: '8:acs:abc', kind: 'unknown', isMuted: true, isSpeaking: false, ...media },
      ],
      dominantSpeakers: [],
      optimalVideoCount: 1,
      capabilities: {},
    });
  });

  it('reports the end reason with the disconnected status, then lets go of the call', () => {
    const { call, handle, events, onEnded, registry } = setUp();
    handle.subscribe((event) => events.push(event));
    call.setState('Connecting');
    call.end({ code: 603, subCode: 0 });
    expect(events).toEqual([
      { type: 'status', status: 'disconnected', endReason: { code: 603, subCode: 0 } },
    ]);
    expect(onEnded).toHaveBeenCalledTimes(1);
    expect(registry.listenerCount()).toBe(0);
  });

  it('does not repeat a status the core already has (None → Connecting)', () => {
    const { call, handle, events } = setUp();
    handle.subscribe((event) => events.push(event));
    call.setState('Connecting');
    call.setState('Ringing');
    expect(events).toEqual([{ type: 'status', status: 'ringing' }]);
  });

  it('reports mute and video changes', async () => {
    const { call, handle, events } = setUp();
    handle.subscribe((event) => events.push(event));
    await handle.mute();
    await handle.unmute();
    call.isLocalVideoStarted = true;
    call.emit('isLocalVideoStartedChanged');
    expect(events).toEqual([
      { type: 'muted', isMuted: true },
      { type: 'muted', isMuted: false },
      { type: 'video', isVideoOn: true },
    ]);
  });
});

describe('participants', () => {
  it('adds a burst of 1,000 in one event, follows each one, and lets go of those who leave', () => {
    const { call, handle, events, registry } = setUp();
    handle.subscribe((event) => events.push(event));
    const added = call.addParticipants(1000);
    expect(events).toHaveLength(1);
    const [burst] = events;
    expect(burst?.type).toBe('participantsAdded');
    if (burst?.type !== 'participantsAdded') return;
    expect(burst.participants).toHaveLength(1000);
    expect(burst.participants[0]).toEqual({
      id: '8:orgid:00000000-0000-4000-8000-000000000000',
      kind: 'teamsUser',
      displayName: 'Person 0000',
      isMuted: true,
      isSpeaking: false,
      state: 'connected',
      videoStreams: [],
      isVideoOn: false,
      isScreenSharing: false,
    });
    expect(handle.getState().participants).toHaveLength(1000);
    // 6 events per participant (mute, speaking, name, role, state, streams), 6 on the call, 2 on its media
    // features, 2 on its Teams features (capabilities, transfers into this endpoint).
    expect(registry.listenerCount()).toBe(10 + 6 * 1000);

    added[7]?.setSpeaking(true);
    expect(events.at(-1)).toEqual({
      type: 'participantChanged',
      participant: expect.objectContaining({
        id: '8:orgid:00000000-0000-4000-8000-000000000007',
        isSpeaking: true,
      }),
    });

    call.removeParticipants(added.slice(0, 600));
    expect(events.at(-1)).toEqual({
      type: 'participantsRemoved',
      ids: added.slice(0, 600).map((p) => getIdentifierRawId(p.identifier)),
    });
    expect(registry.listenerCount()).toBe(10 + 6 * 400);
    const before = events.length;
    added[0]?.setMuted(false);
    expect(events).toHaveLength(before);
  });

  it('follows participants already in the call when the first subscriber arrives', () => {
    const { call, handle, events } = setUp();
    const [megan] = call.addParticipants(['e8b753b5-4117-464e-9a08-713e1ff266b3']);
    handle.subscribe((event) => events.push(event));
    megan?.setMuted(false);
    expect(events).toEqual([
      { type: 'participantChanged', participant: expect.objectContaining({ isMuted: false }) },
    ]);
  });
});

describe('subscribe', () => {
  it('supports several subscribers; the SDK handlers go when the last one leaves, with the same functions', () => {
    const { call, handle, registry } = setUp();
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = handle.subscribe(first);
    const stopSecond = handle.subscribe(second);
    call.addParticipants(2);
    expect(registry.listenerCount()).toBe(10 + 2 * 6);
    stopFirst();
    call.setState('Ringing');
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    stopSecond();
    stopSecond();
    // Only `transferAccepted` stays, heard for the call's whole life: the SDK's `off` of the transfer feature
    // would add it a second time (see `transferFeature.ts`); the SDK drops it when it disposes the ended call.
    expect(registry.listenerCount()).toBe(1);
    expect(call.transferFeature.listenerCount('transferAccepted')).toBe(1);
    expect(registry.unmatchedOffs()).toBe(0);
    call.end();
    expect(registry.listenerCount()).toBe(0);
  });

  it('attaches nothing to a call that is already over', () => {
    const { call, handle, registry, onEnded } = setUp();
    call.state = 'Disconnected';
    handle.subscribe(() => undefined);
    expect(registry.listenerCount()).toBe(0);
    expect(onEnded).toHaveBeenCalledTimes(1);
  });

  it('keeps other subscribers going when one throws, and reports its error', () => {
    const { call, handle } = setUp();
    const failure = new Error('listener bug');
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    try {
      const other = vi.fn();
      handle.subscribe(() => {
        throw failure;
      });
      handle.subscribe(other);
      call.setState('Ringing');
      expect(other).toHaveBeenCalledTimes(1);
      expect(reportError).toHaveBeenCalledWith(failure);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('controls', () => {
  it.each<[DtmfTone, string]>([
    ['0', 'Num0'],
    ['5', 'Num5'],
    ['9', 'Num9'],
    ['*', 'Star'],
    ['#', 'Pound'],
  ])('sends DTMF %s as %s', async (tone, sdkTone) => {
    const { call, handle } = setUp();
    call.state = 'Connected';
    await handle.sendDtmf(tone);
    expect(call.dtmfSent).toEqual([sdkTone]);
  });

  it.each<DtmfTone>(['A', 'B', 'C', 'D'])(
    'passes DTMF %s on as the SDK names it, and reports the SDK’s refusal: its stack sends only 0–9, * and #',
    async (tone) => {
      const { call, handle } = setUp();
      call.state = 'Connected';
      const sendDtmf = vi.spyOn(call, 'sendDtmf');
      const error = await typedRejection(handle.sendDtmf(tone));
      expect(sendDtmf).toHaveBeenCalledWith(tone);
      expect(error).toMatchObject({ code: 'call_failed', details: { code: 400, subCode: 41022 } });
      expect(call.dtmfSent).toEqual([]);
    },
  );

  it('mutes once the SDK reports it: a Teams call’s mute() resolves before its stack has muted', async () => {
    const { call, handle } = setUp();
    call.state = 'Connected';
    const muting = handle.mute();
    expect(call.isMuted).toBe(false);
    await muting;
    expect(call.isMuted).toBe(true);
    expect(handle.getState().isMuted).toBe(true);
    expect(call.listenerCount('isMutedChanged')).toBe(0);
  });

  it('rejects a mute that the SDK never confirms, as call_failed, after 5 s', async () => {
    vi.useFakeTimers();
    try {
      const { call, handle } = setUp();
      call.state = 'Connected';
      // The stack fails; the SDK's mute() still resolves, and says nothing.
      call.faults.failNext('mute', sdkError(500, 41015, 'Failed to mute microphone.'));
      const outcome = typedRejection(handle.mute());
      await vi.advanceTimersByTimeAsync(MUTE_CONFIRMATION_TIMEOUT_MS);
      expect(await outcome).toMatchObject({
        code: 'call_failed',
        retryable: true,
        details: { reason: 'not_confirmed' },
      });
      expect(call.listenerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a call that ends while the microphone changes rejects the mute with invalid_call_state', async () => {
    const { call, handle, registry } = setUp();
    call.state = 'Connected';
    handle.subscribe(() => undefined);
    call.faults.failNext('unmute', new Error('lost'));
    call.isMuted = true;
    const outcome = typedRejection(handle.unmute());
    call.end({ code: 0, subCode: 0 });
    expect((await outcome).code).toBe('invalid_call_state');
    expect(registry.listenerCount()).toBe(0);
  });

  it('does not ask the SDK to mute a microphone that is muted already', async () => {
    const { call, handle } = setUp();
    call.state = 'Connected';
    call.isMuted = true;
    const mute = vi.spyOn(call, 'mute');
    await handle.mute();
    expect(mute).not.toHaveBeenCalled();
  });

  it('holds and resumes', async () => {
    const { call, handle } = setUp();
    call.state = 'Connected';
    await handle.hold();
    expect(handle.getState().status).toBe('local_hold');
    await handle.resume();
    expect(handle.getState().status).toBe('connected');
  });

  it('starts video with a stream of the chosen camera and stops it with the same stream', async () => {
    const { call, handle, createCameraStream } = setUp();
    call.state = 'Connected';
    await handle.startVideo();
    await handle.startVideo();
    expect(createCameraStream).toHaveBeenCalledTimes(1);
    const [stream] = call.localVideoStreams;
    expect(stream?.source.id).toBe('cam-1');
    expect(handle.getState().isVideoOn).toBe(true);
    const stopVideo = vi.spyOn(call, 'stopVideo');
    await handle.stopVideo();
    await handle.stopVideo();
    expect(stopVideo).toHaveBeenCalledTimes(1);
    expect(stopVideo).toHaveBeenCalledWith(stream);
    expect(handle.getState().isVideoOn).toBe(false);
  });

  it('passes the camera error through when there is no camera', async () => {
    const { call, handle, createCameraStream } = setUp();
    call.state = 'Connected';
    const noCamera = new TeamsEndpointError('not_found', 'No camera.', { details: { reason: 'no_camera' } });
    createCameraStream.mockRejectedValueOnce(noCamera);
    await expect(handle.startVideo()).rejects.toBe(noCamera);
  });

  it('hangs up, for everyone when asked', async () => {
    const { call, handle } = setUp();
    call.state = 'Connected';
    await handle.hangUp({ forEveryone: true });
    expect(call.hangUps).toEqual([{ forEveryone: true }]);
    const other = setUp();
    other.call.state = 'Connected';
    await other.handle.hangUp();
    expect(other.call.hangUps).toEqual([{ forEveryone: false }]);
  });

  it('does nothing when hanging up a call that is ending or over', async () => {
    const { call, handle } = setUp();
    call.state = 'Disconnecting';
    await handle.hangUp();
    call.state = 'Disconnected';
    await handle.hangUp();
    expect(call.hangUps).toEqual([]);
  });

  it('refuses controls on a call that is over with invalid_call_state', async () => {
    const { call, handle } = setUp();
    call.state = 'Disconnected';
    for (const control of [
      () => handle.mute(),
      () => handle.unmute(),
      () => handle.hold(),
      () => handle.resume(),
      () => handle.sendDtmf('1'),
      () => handle.startVideo(),
      () => handle.stopVideo(),
    ]) {
      expect((await typedRejection(control())).code).toBe('invalid_call_state');
    }
  });

  it('types SDK errors as call_failed with the SDK codes and the cause', async () => {
    const { call, handle } = setUp();
    call.state = 'Connected';
    const cause = sdkError(400, 41006, 'Invalid operation');
    call.faults.failNext('hold', cause);
    const error = await typedRejection(handle.hold());
    expect(error).toMatchObject({ code: 'call_failed', cause, details: { code: 400, subCode: 41006 } });
    expect(error.message).toBe('Could not hold the call.');
    call.faults.failNext('hangUp', new Error('plain'));
    expect((await typedRejection(handle.hangUp())).code).toBe('call_failed');
  });

  it('disposes the SDK call and its listeners when the port lets go of it', () => {
    const { call, handle, registry } = setUp();
    handle.subscribe(() => undefined);
    call.addParticipants(5);
    handle.dispose();
    expect(call.disposed).toBe(true);
    expect(registry.listenerCount()).toBe(0);
    handle.subscribe(() => undefined);
    expect(registry.listenerCount()).toBe(0);
  });

  it('reports a disconnected status when disposed while a hang-up is in flight', () => {
    const { call, handle, events, onEnded } = setUp();
    call.state = 'Connected';
    handle.subscribe((event) => events.push(event));
    call.setState('Disconnecting');
    handle.dispose();
    expect(events.at(-1)).toEqual({ type: 'status', status: 'disconnected', endReason: { code: 0 } });
    expect(handle.getState()).toMatchObject({ status: 'disconnected', endReason: { code: 0 } });
    expect(onEnded).not.toHaveBeenCalled();
    handle.dispose();
    expect(events.filter((event) => event.type === 'status')).toHaveLength(2);
  });

  it('reports nothing more when disposing a call that is already over', () => {
    const { call, handle, events } = setUp();
    call.state = 'Connected';
    handle.subscribe((event) => events.push(event));
    call.end({ code: 487, subCode: 0 });
    handle.dispose();
    expect(events.filter((event) => event.type === 'status')).toHaveLength(1);
  });

  it('disposes the camera stream when startVideo rejects', async () => {
    const { call, handle, createCameraStream } = setUp();
    call.state = 'Connected';
    call.faults.failNext('startVideo', sdkError(500, 1, 'No media'));
    await typedRejection(handle.startVideo());
    const stream = (await createCameraStream.mock.results[0]?.value) as StubLocalVideoStream;
    expect(stream.disposed).toBe(true);
  });
});
