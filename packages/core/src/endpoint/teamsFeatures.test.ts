// The Teams in-call features through the facade, against the fake calling port: each feature's state, its
// `can` flags with their reasons, and what a command outside `can` does (nothing). Transfer and the lobby have
// their own files, with properties over interleavings.
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { TeamsEndpointError } from '../errors';
import { LOCAL_PARTICIPANT_ID, UNSUPPORTED_TEAMS_FEATURES } from '../ports/callFeatures';
import type { Call } from './callUnit';
import { createFabrikamEndpoint, settle, useGraphServer } from './fabrikamEndpoint.test-support';
import { callFeatureAvailability } from './features/availability';
import { CAPTIONS_MAX_ENTRIES, callCaptions } from './features/captions';
import { callDiagnostics } from './features/diagnostics';
import { callRaisedHands } from './features/raisedHands';
import { callRecording, RECORDING_MESSAGES } from './features/recording';
import { callSpotlight } from './features/spotlight';

useGraphServer();

const tailspin = { joinUrl: 'https://teams.microsoft.com/meet/1234567890123?p=passcode1' };

async function connectedMeeting(options: Parameters<typeof createFabrikamEndpoint>[0] = {}) {
  const fabrikamEndpoint = await createFabrikamEndpoint(options);
  fabrikamEndpoint.world.calling.scriptNextMeeting('admit');
  const call = fabrikamEndpoint.endpoint.joinMeeting(tailspin.joinUrl);
  await waitForSnapshot(call, (s) => s.status === 'connected');
  return { ...fabrikamEndpoint, call, remote: fabrikamEndpoint.world.calling.lastCall() };
}

async function connectedPstnCall() {
  const fabrikamEndpoint = await createFabrikamEndpoint();
  fabrikamEndpoint.world.calling.scriptNextOutbound('answer');
  const call = fabrikamEndpoint.endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
  await waitForSnapshot(call, (s) => s.status === 'connected');
  return { ...fabrikamEndpoint, call, remote: fabrikamEndpoint.world.calling.lastCall() };
}

/** Subscribes for the test's length, as a UI would. */
function watch<S>(unit: { subscribe(listener: () => void): () => void; getSnapshot(): S }) {
  let notifications = 0;
  const stop = unit.subscribe(() => {
    notifications += 1;
  });
  return { stop, notifications: () => notifications, snapshot: () => unit.getSnapshot() };
}

describe('capabilities: what Teams allows, merged into can with a reason', () => {
  it('a policy that forbids video turns can.startVideo off with reason policy, mid-call, and back', async () => {
    const { call, remote, world } = await connectedMeeting();
    expect(call.getSnapshot().can.startVideo).toBe(true);
    remote.setCapabilities({ startVideo: { allowed: false, reason: 'policy' } });
    await settle();
    expect(call.getSnapshot().can.startVideo).toBe(false);
    expect(call.getSnapshot().canReasons.startVideo).toBe('policy');
    // A command outside can reaches no port method and changes nothing.
    const before = call.getSnapshot();
    call.startVideo();
    await settle();
    expect(world.calling.methodCalls.startVideo).toBe(0);
    expect(call.getSnapshot()).toBe(before);
    remote.setCapabilities({ startVideo: { allowed: true } });
    await settle();
    expect(call.getSnapshot().can.startVideo).toBe(true);
    expect(call.getSnapshot().canReasons.startVideo).toBeUndefined();
  });

  it('unmute and screen sharing follow the meeting options; stopping and muting stay allowed', async () => {
    const { call, remote } = await connectedMeeting();
    call.startVideo();
    await waitForSnapshot(call, (s) => s.isVideoOn);
    remote.setCapabilities({
      unmute: { allowed: false, reason: 'meeting_option' },
      startScreenSharing: { allowed: false, reason: 'role' },
      startVideo: { allowed: false, reason: 'meeting_option' },
    });
    await settle();
    const { can, canReasons } = call.getSnapshot();
    expect(can).toMatchObject({ mute: true, unmute: false, startScreenSharing: false, stopVideo: true });
    expect(canReasons).toMatchObject({ unmute: 'meeting_option', startScreenSharing: 'role' });
  });

  it('an attendee cannot admit, spotlight or lower all hands: reason role', async () => {
    const { call } = await connectedMeeting({ calling: { meetingRole: 'attendee' } } as never);
    const { can, canReasons } = call.getSnapshot();
    expect(can).toMatchObject({
      manageLobby: false,
      spotlight: false,
      lowerAllHands: false,
      raiseHand: true,
    });
    expect(canReasons).toMatchObject({ manageLobby: 'role', spotlight: 'role', lowerAllHands: 'role' });
  });

  it('features a call does not offer are unavailable, never throwing', async () => {
    const { call } = await connectedPstnCall();
    const { can, canReasons } = call.getSnapshot();
    expect(can).toMatchObject({ startCaptions: false, raiseHand: false, manageLobby: false, transfer: true });
    expect(canReasons.startCaptions).toBe('unavailable');
    expect(canReasons.raiseHand).toBe('unavailable');
    const captions = callCaptions(call);
    expect(captions.getSnapshot()).toMatchObject({ available: false, isActive: false, entries: [] });
    expect(() => captions.start()).not.toThrow();
    expect(() => callRaisedHands(call).raise()).not.toThrow();
    expect(() => callSpotlight(call).unspotlightAll()).not.toThrow();
    await settle();
    expect(call.getSnapshot().controlError).toBeNull();
  });

  it('before the call is live, feature flags are false for reason state, and a meeting cannot be transferred', async () => {
    const { endpoint, world } = await createFabrikamEndpoint();
    world.calling.scriptNextMeeting('manual');
    const call = endpoint.joinMeeting(tailspin.joinUrl);
    expect(call.getSnapshot().can.raiseHand).toBe(false);
    expect(call.getSnapshot().canReasons.raiseHand).toBe('state');
    expect(call.getSnapshot().canReasons.transfer).toBe('call_type');
  });
});

describe('unsupported features', () => {
  it('what Teams users do not get is unavailable in every call; nothing throws, whatever the input', async () => {
    const meeting = await connectedMeeting();
    const pstn = await connectedPstnCall();
    for (const call of [meeting.call, pstn.call]) {
      for (const feature of UNSUPPORTED_TEAMS_FEATURES) {
        expect(callFeatureAvailability(call, feature)).toEqual({ available: false, reason: 'unavailable' });
      }
      for (const hostile of ['__proto__', 'toString', '', 42, null, undefined, {}] as never[]) {
        expect(callFeatureAvailability(call, hostile)).toEqual({ available: false, reason: 'unavailable' });
      }
    }
    expect(callFeatureAvailability(meeting.call, 'lobby')).toEqual({ available: true });
    expect(callFeatureAvailability(meeting.call, 'transfer')).toEqual({
      available: false,
      reason: 'unavailable',
    });
    expect(callFeatureAvailability(pstn.call, 'captions')).toEqual({
      available: false,
      reason: 'unavailable',
    });
    expect(callFeatureAvailability(pstn.call, 'transfer')).toEqual({ available: true });
    expect(callFeatureAvailability({} as Call, 'captions')).toEqual({ available: false, reason: 'state' });
    expect(callFeatureAvailability(null as never, 'captions')).toEqual({ available: false, reason: 'state' });
    pstn.call.hangUp();
    await pstn.call.whenEnded();
    expect(callFeatureAvailability(pstn.call, 'transfer')).toEqual({ available: false, reason: 'state' });
  });
});

describe('captions', () => {
  it('starts in a language, shows a phrase as one entry updated in place, stops', async () => {
    const { call, remote } = await connectedMeeting();
    remote.addParticipants(2);
    const captions = callCaptions(call);
    expect(callCaptions(call)).toBe(captions);
    const view = watch(captions);
    await settle();
    expect(view.snapshot()).toMatchObject({
      available: true,
      isActive: false,
      can: { start: true, stop: false },
    });
    captions.start({ spokenLanguage: 'fr-fr' });
    await waitForSnapshot(captions, (s) => s.isActive);
    expect(view.snapshot().spokenLanguage).toBe('fr-fr');
    const speaker = call.getSnapshot().participants[0]!;
    const before = view.notifications();
    remote.speakPhrase(speaker.id, 'Bonjour à tous, on commence');
    await settle();
    // Five partials and a final in one burst: one notification, one entry.
    expect(view.notifications() - before).toBe(1);
    expect(view.snapshot().entries).toEqual([
      expect.objectContaining({
        speakerId: speaker.id,
        speakerName: speaker.displayName,
        text: 'Bonjour à tous, on commence',
        isFinal: true,
      }),
    ]);
    captions.stop();
    await waitForSnapshot(captions, (s) => !s.isActive);
    view.stop();
  });

  it('keeps a bounded list; remote text is normalized; an unsupported language is refused and changes nothing', async () => {
    const { call, remote } = await connectedMeeting();
    const captions = callCaptions(call);
    const view = watch(captions);
    captions.start();
    await waitForSnapshot(captions, (s) => s.isActive);
    for (let i = 0; i < CAPTIONS_MAX_ENTRIES + 20; i++) {
      remote.speak({
        speakerId: `p${i % 3}`,
        speakerName: `<b>P\u0000${i}</b>`,
        text: `line ${i}`,
        isFinal: true,
      });
    }
    await settle();
    const { entries } = view.snapshot();
    expect(entries).toHaveLength(CAPTIONS_MAX_ENTRIES);
    expect(entries.at(-1)!.text).toBe(`line ${CAPTIONS_MAX_ENTRIES + 19}`);
    expect(entries.every((entry) => !entry.speakerName!.includes('\u0000'))).toBe(true);
    const before = captions.getSnapshot();
    expect(() => captions.setSpokenLanguage('xx-evil')).toThrow(TeamsEndpointError);
    expect(() => captions.setSpokenLanguage(42 as never)).toThrow(/does not support/);
    await settle();
    expect(captions.getSnapshot()).toBe(before);
    view.stop();
  });

  it('a refused start shows as the call`s control error; the unit stays inactive', async () => {
    const { call, world } = await connectedMeeting();
    world.calling.failNext('startCaptions', new TeamsEndpointError('service_error', 'Captions failed.'));
    const captions = callCaptions(call);
    const view = watch(captions);
    captions.start();
    await waitForSnapshot(call, (s) => s.controlError !== null);
    expect(call.getSnapshot().controlError).toMatchObject({ code: 'service_error' });
    expect(view.snapshot().isActive).toBe(false);
    view.stop();
  });
});

describe('raise hand', () => {
  it('raises and lowers one`s own hand; remote hands in order; lower all for organizers', async () => {
    const { call, remote } = await connectedMeeting();
    const [first, second] = remote.addParticipants(2);
    const hands = callRaisedHands(call);
    const view = watch(hands);
    await settle();
    remote.raiseRemoteHand(second!.id);
    remote.raiseRemoteHand(first!.id);
    hands.raise();
    await waitForSnapshot(hands, (s) => s.isHandRaised);
    expect(view.snapshot().hands.map((hand) => hand.participantId)).toEqual([
      second!.id,
      first!.id,
      LOCAL_PARTICIPANT_ID,
    ]);
    expect(view.snapshot().hands[0]!.displayName).toBe(second!.displayName);
    expect(view.snapshot().can).toEqual({ raise: false, lower: true, lowerAll: true });
    hands.toggle();
    await waitForSnapshot(hands, (s) => !s.isHandRaised);
    hands.lowerAll();
    await waitForSnapshot(hands, (s) => s.hands.length === 0);
    view.stop();
  });

  it('a participant who leaves loses their raised hand', async () => {
    const { call, remote } = await connectedMeeting();
    const [person] = remote.addParticipants(1);
    const hands = callRaisedHands(call);
    const view = watch(hands);
    remote.raiseRemoteHand(person!.id);
    await waitForSnapshot(hands, (s) => s.hands.length === 1);
    remote.removeParticipants([person!.id]);
    await waitForSnapshot(hands, (s) => s.hands.length === 0);
    view.stop();
  });
});

describe('recording and transcription indicators', () => {
  it('shows a banner with clear wording while on, a stopped banner after, dismissable', async () => {
    const { call, remote } = await connectedMeeting();
    const recording = callRecording(call);
    const view = watch(recording);
    await settle();
    expect(view.snapshot().banner).toBeNull();
    remote.setRecording('on');
    await settle();
    expect(view.snapshot().banner).toEqual({ kind: 'recording', message: RECORDING_MESSAGES.recording });
    remote.setTranscription('on');
    await settle();
    expect(view.snapshot().banner?.kind).toBe('recording_and_transcription');
    remote.setRecording('paused');
    remote.setTranscription('off');
    await settle();
    expect(view.snapshot().banner?.kind).toBe('recording_paused');
    remote.setRecording('off');
    await settle();
    expect(view.snapshot().banner?.kind).toBe('stopped');
    recording.dismiss();
    await settle();
    expect(view.snapshot().banner).toBeNull();
    view.stop();
  });
});

describe('spotlight', () => {
  it('spotlights and unspotlights where capabilities allow; refuses someone not in the call', async () => {
    const { call, remote } = await connectedMeeting();
    const [person] = remote.addParticipants(1);
    const spotlight = callSpotlight(call);
    const view = watch(spotlight);
    await settle();
    spotlight.spotlight(person!.id);
    await waitForSnapshot(spotlight, (s) => s.spotlighted.includes(person!.id));
    spotlight.spotlight(LOCAL_PARTICIPANT_ID);
    await waitForSnapshot(spotlight, (s) => s.isLocalSpotlighted);
    const before = spotlight.getSnapshot();
    expect(() => spotlight.spotlight('8:orgid:not-here')).toThrow(TeamsEndpointError);
    await settle();
    expect(spotlight.getSnapshot()).toBe(before);
    spotlight.unspotlight(LOCAL_PARTICIPANT_ID);
    await waitForSnapshot(spotlight, (s) => !s.isLocalSpotlighted);
    spotlight.unspotlightAll();
    await waitForSnapshot(spotlight, (s) => s.spotlighted.length === 0);
    view.stop();
  });

  it('an attendee may remove only their own spotlight', async () => {
    const { call, remote } = await connectedMeeting({ calling: { meetingRole: 'attendee' } } as never);
    const [person] = remote.addParticipants(1);
    const spotlight = callSpotlight(call);
    const view = watch(spotlight);
    remote.setSpotlight([person!.id, LOCAL_PARTICIPANT_ID]);
    await waitForSnapshot(spotlight, (s) => s.spotlighted.length === 2);
    expect(view.snapshot().can).toEqual({ spotlight: false, removeSpotlight: false, stopOwnSpotlight: true });
    expect(view.snapshot().canReasons.removeSpotlight).toBe('role');
    spotlight.unspotlight(person!.id);
    spotlight.unspotlight(LOCAL_PARTICIPANT_ID);
    await waitForSnapshot(spotlight, (s) => s.spotlighted.length === 1);
    expect(view.snapshot().spotlighted).toEqual([person!.id]);
    view.stop();
  });
});

describe('diagnostics', () => {
  it('each condition is a notice with words; it clears when the condition ends', async () => {
    const { call, remote } = await connectedMeeting();
    const diagnostics = callDiagnostics(call);
    const view = watch(diagnostics);
    await settle();
    expect(view.snapshot()).toEqual({ available: true, notices: [] });
    remote.setDiagnostic('network_receive', 'poor');
    remote.setDiagnostic('speaking_while_muted', 'bad');
    remote.setDiagnostic('camera_frozen', 'bad');
    remote.setDiagnostic('microphone_muted_by_system', 'bad');
    await settle();
    expect(view.snapshot().notices.map((notice) => notice.kind)).toEqual([
      'network_receive',
      'microphone_muted_by_system',
      'camera_frozen',
      'speaking_while_muted',
    ]);
    expect(view.snapshot().notices[0]!.message).toMatch(/network/i);
    remote.setDiagnostic('network_receive', null);
    remote.setDiagnostic('speaking_while_muted', null);
    await settle();
    expect(view.snapshot().notices.map((notice) => notice.kind)).toEqual([
      'microphone_muted_by_system',
      'camera_frozen',
    ]);
    view.stop();
  });
});

describe('feature units and listeners', () => {
  it('listen only while subscribed; every listener goes with the last unsubscribe', async () => {
    const { call, endpoint, remote } = await connectedMeeting();
    const baseline = endpoint.getSubscriberCount();
    const portBaseline = remote.listenerCount;
    const units = [callCaptions, callRaisedHands, callRecording, callSpotlight, callDiagnostics].map(
      (feature) => feature(call as Call),
    );
    const stops = units.flatMap((unit) => [unit.subscribe(() => {}), unit.subscribe(() => {})]);
    await settle();
    expect(endpoint.getSubscriberCount()).toBeGreaterThan(baseline);
    expect(remote.listenerCount).toBeGreaterThan(portBaseline);
    for (const stop of stops) {
      stop();
      stop();
    }
    expect(endpoint.getSubscriberCount()).toBe(baseline);
    expect(remote.listenerCount).toBe(portBaseline);
  });

  it('the call ending removes the port listeners; the snapshot says unavailable', async () => {
    const { call, remote } = await connectedMeeting();
    const diagnostics = callDiagnostics(call);
    const view = watch(diagnostics);
    await settle();
    call.hangUp();
    await call.whenEnded();
    await settle();
    expect(view.snapshot().available).toBe(false);
    expect(remote.listenerCount).toBe(0);
    view.stop();
  });

  it('state$ makes the unit listen like any subscriber, and stops with it', async () => {
    const { call, remote } = await connectedMeeting();
    const baseline = remote.listenerCount;
    const seen: number[] = [];
    const subscription = callDiagnostics(call).state$.subscribe((snapshot) =>
      seen.push(snapshot.notices.length),
    );
    await settle();
    remote.setDiagnostic('network_send', 'bad');
    await settle();
    expect(seen.at(-1)).toBe(1);
    expect(remote.listenerCount).toBeGreaterThan(baseline);
    subscription.unsubscribe();
    expect(remote.listenerCount).toBe(baseline);
  });

  it('refuses an object that is not a call of an endpoint', () => {
    expect(() => callCaptions({} as Call)).toThrow(TeamsEndpointError);
  });
});
