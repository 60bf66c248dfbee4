import { CALL_FEATURE_NAMES, type CallFeatureName, type IncomingCallHandle } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { ADELE, type CallKindUnderTest, callFeatureWorld } from './callFeatureWorld.test-support';
import type { SdkFeatures } from './sdkTypes';

const presentFeatures = (features: object) =>
  CALL_FEATURE_NAMES.filter((name) => (features as Record<CallFeatureName, unknown>)[name] !== undefined);

describe('which Teams features a call offers', () => {
  it.each<[CallKindUnderTest, CallFeatureName[]]>([
    ['meeting', ['captions', 'raiseHand', 'recording', 'spotlight', 'lobby', 'diagnostics']],
    ['teams', ['captions', 'transfer', 'recording', 'diagnostics']],
    ['pstn', ['transfer', 'recording', 'diagnostics']],
  ])('a %s call offers %j', async (kind, offered) => {
    const { handle } = await callFeatureWorld(kind);
    expect(presentFeatures(handle.features)).toEqual(offered);
  });

  it('an answered PSTN call offers no captions; an answered Teams call does', async () => {
    const { world, calling } = await callFeatureWorld('teams');
    const answered: IncomingCallHandle[] = [];
    calling.onIncomingCall((incoming) => answered.push(incoming));
    world.agent().ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550199' } });
    world.agent().ring({ identifier: { kind: 'microsoftTeamsUser', microsoftTeamsUserId: ADELE } });
    expect(answered).toHaveLength(2);
    const [pstn, teams] = await Promise.all(answered.map((incoming) => incoming.accept()));
    expect(presentFeatures(pstn!.features)).toEqual(['transfer', 'recording', 'diagnostics']);
    expect(presentFeatures(teams!.features)).toEqual(['captions', 'transfer', 'recording', 'diagnostics']);
  });

  it('asks the SDK for a feature when it is first read, and once: a call that uses none pays little', async () => {
    const { handle, stub } = await callFeatureWorld('meeting');
    // Subscribing reads only what the platform allows.
    expect([...stub.featureReads.keys()]).toEqual(['DominantSpeakers', 'OptimalVideoCount', 'Capabilities']);
    handle.features.captions;
    handle.features.captions?.getState();
    handle.features.spotlight;
    expect(stub.featureReads.get('Captions')).toBe(1);
    expect(stub.featureReads.get('Spotlight')).toBe(1);
    expect(stub.featureReads.has('RaiseHand')).toBe(false);
    expect(stub.featureReads.has('UserFacingDiagnostics')).toBe(false);
  });

  it('a 1:1 call hears transfers into this endpoint from its first subscriber on', async () => {
    const { stub } = await callFeatureWorld('teams');
    expect(stub.featureReads.get('Transfer')).toBe(1);
    expect(stub.transferFeature.listenerCount('transferAccepted')).toBe(1);
  });

  it.each<[CallFeatureName, keyof SdkFeatures | 'lobby', CallKindUnderTest]>([
    ['captions', 'Captions', 'meeting'],
    ['raiseHand', 'RaiseHand', 'meeting'],
    ['spotlight', 'Spotlight', 'meeting'],
    ['lobby', 'lobby', 'meeting'],
    ['diagnostics', 'UserFacingDiagnostics', 'meeting'],
    ['transfer', 'Transfer', 'teams'],
  ])(
    '%s is absent, and nothing throws, when the SDK throws when asked for it',
    async (name, sdkName, kind) => {
      const { handle, events } = await callFeatureWorld(kind, {
        beforeSubscribe: (stub) => stub.failingFeatures.add(sdkName),
      });
      expect(handle.features[name]).toBeUndefined();
      expect(handle.getState().status).toBe('connected');
      expect(events.at(-1)).toEqual({ type: 'status', status: 'connected' });
    },
  );

  it('recording and transcription indicators need one of the two features', async () => {
    const recordingOnly = await callFeatureWorld('meeting', {
      beforeSubscribe: (stub) => stub.failingFeatures.add('Transcription'),
    });
    expect(recordingOnly.handle.features.recording?.getState()).toEqual({
      recording: 'off',
      transcription: 'off',
    });
    const neither = await callFeatureWorld('meeting', {
      beforeSubscribe: (stub) => {
        stub.failingFeatures.add('Recording');
        stub.failingFeatures.add('Transcription');
      },
    });
    expect(neither.handle.features.recording).toBeUndefined();
  });

  it('without the capabilities feature, the platform says nothing: {}', async () => {
    const { handle } = await callFeatureWorld('teams', {
      beforeSubscribe: (stub) => stub.failingFeatures.add('Capabilities'),
    });
    expect(handle.getState().capabilities).toEqual({});
  });
});
describe('listeners', () => {
  /** Uses every feature of a meeting: each one's state, and captions as they come. */
  async function meetingUsingEverything() {
    const setup = await callFeatureWorld('meeting');
    const { features } = setup.handle;
    const stops = [
      features.captions!.subscribe(() => undefined),
      features.captions!.onCaption(() => undefined),
      features.raiseHand!.subscribe(() => undefined),
      features.recording!.subscribe(() => undefined),
      features.spotlight!.subscribe(() => undefined),
      features.lobby!.subscribe(() => undefined),
      features.diagnostics!.subscribe(() => undefined),
    ];
    return { ...setup, stops, callListeners: () => setup.registry.listenerCount() - agentListeners(setup) };
  }

  /** The agent's own two (`incomingCall`, `connectionStateChanged`), which outlive every call. */
  const agentListeners = ({ world }: Awaited<ReturnType<typeof callFeatureWorld>>) =>
    world.agent().listenerCount();

  it('each feature adds its SDK handlers with its first listener and removes the same ones with its last', async () => {
    const { registry, stops, callListeners } = await meetingUsingEverything();
    // 6 on the call and its role, 2 media features, capabilities; then captions 3 + 1, raise hand 2,
    // recording 2, transcription 1, spotlight 1, lobby 1, diagnostics 2.
    expect(callListeners()).toBe(10 + 13);
    for (const stop of stops) stop();
    expect(callListeners()).toBe(10);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('the call ending removes every feature handler; the SDK drops nothing the port left', async () => {
    const { registry, stub, callListeners } = await meetingUsingEverything();
    stub.end();
    expect(callListeners()).toBe(0);
    expect(registry.droppedListeners()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('the port disconnecting removes them too', async () => {
    const { registry, calling } = await meetingUsingEverything();
    await calling.disconnect();
    expect(registry.listenerCount()).toBe(0);
    expect(registry.droppedListeners()).toBe(0);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('a 1:1 call leaves only transferAccepted to the SDK, which drops it with the ended call', async () => {
    const setup = await callFeatureWorld('teams');
    const { registry, stub } = setup;
    stub.end();
    expect(registry.listenerCount()).toBe(agentListeners(setup));
    expect(stub.transferFeature.droppedCount('transferAccepted')).toBe(1);
    expect(registry.droppedListeners()).toBe(1);
    expect(registry.unmatchedOffs()).toBe(0);
  });

  it('a feature of an ended call keeps its last state, takes no listener and refuses commands', async () => {
    const { handle, stub } = await callFeatureWorld('meeting');
    const raiseHand = handle.features.raiseHand!;
    await raiseHand.raiseHand();
    stub.end();
    expect(raiseHand.getState().raisedHands).toHaveLength(1);
    const stop = raiseHand.subscribe(() => undefined);
    expect(stub.raiseHandFeature.listenerCount()).toBe(0);
    stop();
    await expect(raiseHand.lowerHand()).rejects.toMatchObject({ code: 'invalid_call_state' });
  });
});
