import {
  type CallFeatureHandles,
  type CallFeatureName,
  type CallParty,
  LOCAL_PARTICIPANT_ID,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { FEATURES_BY_KIND } from './fakeCallFeatures';
import type { FakeCalling } from './fakeCalling';
import {
  answeredCall,
  connectedCalling,
  featuresOf,
  liveCall,
  liveMeeting,
  liveTeamsCall,
  notifications,
  timersRun,
} from './fakeCalling.test-support';
import { FAKE_FEATURE_METHODS, type FakeFeatureMethod } from './fakeFeatureHost';
import { typedRejection } from './typedRejection';

const megan: CallParty = { kind: 'teamsUser', userId: '3f1c2b8e-5a4d-4c6e-9b7a-1d2e3f4a5b6c' };
const customer: CallParty = { kind: 'phoneNumber', phoneNumber: '+14255550123' };
const offered = (features: CallFeatureHandles) => Object.keys(features).sort();
const sorted = (names: readonly CallFeatureName[]) => [...names].sort();

/** Each feature command, with arguments it would accept, on a call that offers it. */
const COMMANDS: Record<FakeFeatureMethod, (features: Required<CallFeatureHandles>) => Promise<unknown>> = {
  startCaptions: (f) => f.captions.start(),
  stopCaptions: (f) => f.captions.stop(),
  setSpokenLanguage: (f) => f.captions.setSpokenLanguage('fr-fr'),
  setCaptionLanguage: (f) => f.captions.setCaptionLanguage('fr-fr'),
  raiseHand: (f) => f.raiseHand.raiseHand(),
  lowerHand: (f) => f.raiseHand.lowerHand(),
  lowerAllHands: (f) => f.raiseHand.lowerAllHands(),
  transfer: (f) => f.transfer.transfer({ kind: 'phoneNumber', phoneNumber: '+14255550199' }),
  startSpotlight: (f) => f.spotlight.startSpotlight([LOCAL_PARTICIPANT_ID]),
  stopSpotlight: (f) => f.spotlight.stopSpotlight([LOCAL_PARTICIPANT_ID]),
  stopAllSpotlight: (f) => f.spotlight.stopAllSpotlight(),
  admit: (f) => f.lobby.admit('8:orgid:00000000-0000-4000-8000-ffffffffffff'),
  rejectFromLobby: (f) => f.lobby.reject('8:orgid:00000000-0000-4000-8000-ffffffffffff'),
  admitAll: (f) => f.lobby.admitAll(),
};
/** A live call that offers the command's feature: a 1:1 Teams call for a transfer, else a meeting. */
const callFor = (calling: FakeCalling, method: FakeFeatureMethod) =>
  method === 'transfer' ? liveTeamsCall(calling) : liveMeeting(calling, 1);

describe('fake call features: what each call offers', () => {
  it('a meeting offers captions, raise hand, recording, spotlight, lobby and diagnostics, no transfer', async () => {
    const { handle, remote } = await liveMeeting(await connectedCalling());
    expect(remote.kind).toBe('meeting');
    expect(offered(handle.features)).toEqual(sorted(FEATURES_BY_KIND.meeting));
    expect(handle.features.transfer).toBeUndefined();
  });

  it('a 1:1 Teams call, outgoing or incoming, offers captions, transfer, recording and diagnostics', async () => {
    const calling = await connectedCalling();
    const outgoing = await liveTeamsCall(calling);
    const incoming = await answeredCall(calling, megan);
    for (const handle of [outgoing.handle, incoming]) {
      expect(offered(handle.features)).toEqual(['captions', 'diagnostics', 'recording', 'transfer']);
    }
  });

  it.each<CallParty>([customer, { kind: 'unknown', rawId: '28:orgid:app' }])(
    'a PSTN or unknown caller’s call offers no captions (incoming from %o)',
    async (caller) => {
      const calling = await connectedCalling();
      const handle = await answeredCall(calling, caller);
      expect(offered(handle.features)).toEqual(['diagnostics', 'recording', 'transfer']);
    },
  );

  it('an outgoing PSTN call offers transfer, recording and diagnostics', async () => {
    const { handle, remote } = await liveCall(await connectedCalling());
    expect(remote.kind).toBe('pstn');
    expect(handle.features.captions).toBeUndefined();
    expect(offered(handle.features)).toEqual(sorted(FEATURES_BY_KIND.pstn));
  });

  it('a call we were transferred into offers what its kind does', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveTeamsCall(calling);
    featuresOf(handle).transfer.onTransferred(() => undefined);
    const toCustomer = remote.transferUs(customer);
    expect(toCustomer.kind).toBe('pstn');
    expect(offered(toCustomer.features)).toEqual(sorted(FEATURES_BY_KIND.pstn));
    featuresOf(toCustomer).transfer.onTransferred(() => undefined);
    const toMegan = toCustomer.transferUs(megan);
    expect(offered(toMegan.features)).toEqual(sorted(FEATURES_BY_KIND.teams));
  });

  it('the features object of a call stays the same object', async () => {
    const { handle } = await liveMeeting(await connectedCalling());
    expect(handle.features).toBe(handle.features);
    expect(Object.isFrozen(handle.features)).toBe(true);
  });

  it('a control of a feature the call does not offer throws: the test made a mistake', async () => {
    const calling = await connectedCalling();
    const pstn = (await liveCall(calling)).remote;
    const meeting = (await liveMeeting(calling)).remote;
    const teams = (await liveTeamsCall(calling)).remote;
    expect(() => pstn.speak({ speakerId: '', text: 'hello' })).toThrow(/offers no captions/);
    expect(() => meeting.transferUs(customer)).toThrow(/offers no transfer/);
    expect(() => teams.joinLobby(1)).toThrow(/offers no lobby/);
    expect(() => teams.raiseRemoteHand('x')).toThrow(/offers no raiseHand/);
    expect(() => pstn.setSpotlight([])).toThrow(/offers no spotlight/);
  });
});

describe('fake call features: listeners', () => {
  it('count in the call’s and the port’s listener count, so that teardown checks see them', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveMeeting(calling);
    const features = featuresOf(handle);
    const before = calling.listenerCount();
    const stops = [
      features.captions.subscribe(() => undefined),
      features.captions.onCaption(() => undefined),
      features.raiseHand.subscribe(() => undefined),
      features.recording.subscribe(() => undefined),
      features.spotlight.subscribe(() => undefined),
      features.lobby.subscribe(() => undefined),
      features.diagnostics.subscribe(() => undefined),
    ];
    expect(remote.listenerCount).toBe(7);
    expect(calling.listenerCount()).toBe(before + 7);
    for (const stop of stops) stop();
    expect(remote.listenerCount).toBe(0);
    expect(calling.listenerCount()).toBe(before);
  });

  it('a transfer listener counts too, and forgetEndedCalls reports one left on an ended call', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveTeamsCall(calling);
    const stop = featuresOf(handle).transfer.onTransferred(() => undefined);
    expect(remote.listenerCount).toBe(1);
    remote.remoteHangUp();
    expect(calling.forgetEndedCalls()).toBe(1);
    stop();
  });

  it('hear nothing once the call ended, and the controls change nothing', async () => {
    const calling = await connectedCalling();
    const { handle, remote, ids } = await liveMeeting(calling, 2);
    const features = featuresOf(handle);
    await features.captions.start();
    await timersRun();
    const heard = [
      notifications(features.captions),
      notifications(features.raiseHand),
      notifications(features.recording),
      notifications(features.spotlight),
      notifications(features.lobby),
      notifications(features.diagnostics),
    ];
    const captions: unknown[] = [];
    features.captions.onCaption((result) => captions.push(result));
    const states = () => [
      features.captions.getState(),
      features.raiseHand.getState(),
      features.recording.getState(),
      features.spotlight.getState(),
      features.lobby.getState(),
      features.diagnostics.getState(),
    ];
    const before = states();

    remote.remoteHangUp();
    expect(remote.speak({ speakerId: ids[0]!, text: 'still there?' })).toBe(false);
    expect(remote.speakPhrase(ids[0]!, 'still there?')).toBe(false);
    remote.raiseRemoteHand(ids[0]!);
    remote.setRecording('on');
    remote.setTranscription('on');
    remote.setSpotlight([ids[0]!]);
    expect(remote.joinLobby(2)).toEqual([]);
    remote.setDiagnostic('network_send', 'bad');
    remote.removeParticipants([ids[1]!]);
    remote.setCapabilities({ raiseHand: { allowed: false, reason: 'policy' } });

    expect(heard.map((seen) => seen.count)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(captions).toEqual([]);
    expect(states()).toEqual(before);
    expect(handle.getState().capabilities.raiseHand).toEqual({ allowed: true });
  });
});

describe('fake call features: commands and the port’s controls', () => {
  it.each(FAKE_FEATURE_METHODS)('%s after the call ended rejects with invalid_call_state', async (method) => {
    const calling = await connectedCalling();
    const { handle, remote } = await callFor(calling, method);
    remote.remoteHangUp();
    const error = await typedRejection(COMMANDS[method](featuresOf(handle)));
    expect(error).toMatchObject({ code: 'invalid_call_state', details: { reason: 'call_ended' } });
  });

  it.each(FAKE_FEATURE_METHODS)('%s is counted in methodCalls and fails as failNext says', async (method) => {
    const calling = await connectedCalling();
    const { handle } = await callFor(calling, method);
    const injected = new TeamsEndpointError('service_error', 'Teams is down.');
    calling.failNext(method, injected);
    expect(await typedRejection(COMMANDS[method](featuresOf(handle)))).toBe(injected);
    expect(calling.methodCalls[method]).toBe(1);
  });

  it.each(FAKE_FEATURE_METHODS)('%s waits while deferNext holds it', async (method) => {
    const calling = await connectedCalling();
    const { handle } = await callFor(calling, method);
    const held = calling.deferNext(method);
    let settled = false;
    const running = COMMANDS[method](featuresOf(handle)).then(
      () => undefined,
      () => undefined,
    );
    void running.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    held.resolve();
    await running;
  });

  it('holdAll queues every raise until the test settles it, oldest first', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveMeeting(calling);
    const queue = calling.holdAll('raiseHand');
    const raise = featuresOf(handle).raiseHand.raiseHand();
    const lower = featuresOf(handle).raiseHand.lowerHand();
    await Promise.resolve();
    expect(queue.pending).toBe(1);
    await lower;
    queue.resolveNext();
    await raise;
    expect(featuresOf(handle).raiseHand.getState().raisedHands).toEqual([
      { participantId: LOCAL_PARTICIPANT_ID, order: 1 },
    ]);
    queue.release();
  });

  it('a command held while the call ends rejects with invalid_call_state', async () => {
    const calling = await connectedCalling();
    const { handle, remote } = await liveMeeting(calling);
    const held = calling.deferNext('raiseHand');
    const raising = featuresOf(handle).raiseHand.raiseHand();
    remote.remoteHangUp();
    held.resolve();
    expect(await typedRejection(raising)).toMatchObject({ code: 'invalid_call_state' });
  });
});
