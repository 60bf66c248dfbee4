import { getIdentifierRawId } from '@azure/communication-common';
import { LOCAL_PARTICIPANT_ID, type PlatformCapabilities } from '@teams-endpoint/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADELE, callFeatureWorld, MEGAN, nextTask, PHONE } from '../callFeatureWorld.test-support';
import { toPlatformCapabilities } from '../capabilitiesFeature';
import { createDiagnosticsHandle } from '../diagnosticsFeature';
import { createFeatureContext } from '../featureContext';
import { createFeatureParticipants } from '../featureParticipants';
import { createRaiseHandHandle } from '../raiseHandFeature';
import { createRecordingHandle } from '../recordingFeature';
import type {
  SdkRaiseHandFeature,
  SdkRecordingFeature,
  SdkTeamsCall,
  SdkUserFacingDiagnosticsFeature,
} from '../sdkTypes';
import {
  initialCapabilities,
  type SdkErrorName,
  StubCapabilitiesFeature,
  StubRegistry,
  StubTeamsCall,
  sdkAcceptsIdentifier,
  sdkMriOf,
  teamsUser,
} from '../stubSdk.test-support';
import { type InstalledSdk, loadInstalledSdk } from './loadInstalledSdk.test-support';
import {
  codesOf,
  type Outcome,
  outcomeOf,
  type RealEmitter,
  realCapabilities,
  realDiagnostics,
  realFeature,
  realLobby,
  realRaiseHandFeature,
  realRecording,
  realSpotlightFeature,
  realTeamsCaptions,
  realTransferFeature,
} from './sdkUnderTest.test-support';

// Conformance of the port's Teams-feature shapes with the installed SDK 2.0.0's own feature classes, built with
// their public constructors (`Features.X.callApiCtor`, and `LobbyImpl` for `call.lobby`) over doubles of the
// signalling stack (see `sdkUnderTest.test-support.ts`). Each test runs the port over the SDK stub, takes the exact
// arguments it handed the stub, and runs the SDK's own method on them: our shapes must pass the SDK's checks and
// reach signalling as they should; wrong shapes must fail, or (where the SDK does not check) visibly go wrong.
// The stub's rules are run against the SDK's on the same inputs.
//
// What cannot run without a tenant: a transfer's completion (the service moves `transferState` on), the captions
// bot joining and sending captions, the state service's raise-hand and spotlight updates (`publishedStatesChanged`
// is raised here by hand, in the service's shape), and recording bots. The tests stop where the SDK hands over to
// signalling, and drive the SDK's events with the stack's own payloads where they need them.

let sdk: InstalledSdk;
beforeAll(() => {
  sdk = loadInstalledSdk();
});
afterAll(() => sdk.unload());

const ADELE_ID = `8:orgid:${ADELE}`;
const MEGAN_ID = `8:orgid:${MEGAN}`;
const adele = teamsUser(ADELE).identifier;

describe('transfer: TransferCallFeatureImpl and TransferImpl', () => {
  it.each([
    ['a phone number', { kind: 'phoneNumber', phoneNumber: PHONE } as const, `4:${PHONE}`],
    ['a Teams user', { kind: 'teamsUser', userId: ADELE } as const, ADELE_ID],
  ])(
    'the port’s blind transfer to %s reaches signalling with the target’s MRI',
    async (_name, target, mri) => {
      const setup = await callFeatureWorld('teams');
      void setup.handle.features.transfer!.transfer(target).catch(() => undefined);
      await nextTask();
      const [args] = setup.stub.transferFeature.transferArgs;
      const real = realTransferFeature(sdk, { held: true });
      const transfer = real.feature.transfer(args);
      expect(transfer.state).toBe('Transferring');
      expect(real.signalled).toEqual([{ mri }]);
      expect(setup.stub.transferFeature.signalled).toEqual(real.signalled);
    },
  );

  it('the port’s consultative transfer names the other call by its SDK id', async () => {
    const setup = await callFeatureWorld('teams');
    const other = await setup.calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550100' });
    const otherStub = setup.world.agent().lastCall();
    void setup.handle.features.transfer!.transfer({ kind: 'call', callId: other.id }).catch(() => undefined);
    await nextTask();
    const [args] = setup.stub.transferFeature.transferArgs;
    expect(args).toEqual({ targetCallId: otherStub.id });
    const real = realTransferFeature(sdk, { held: true, otherCallIds: [otherStub.id] });
    expect(real.feature.transfer(args).state).toBe('Transferring');
    expect(real.signalled).toEqual([{ targetCallId: otherStub.id }]);
  });

  /** The stub call the same as the SDK's double: a 1:1 call or a meeting of three, held or not. */
  const stubCall = ({ held, meeting = false }: { held: boolean; meeting?: boolean }) => {
    const registry = new StubRegistry();
    const call = new StubTeamsCall(registry, { context: meeting ? 'TeamsMeeting' : 'TwoParty' });
    call.state = held ? 'LocalHold' : 'Connected';
    if (meeting) call.addParticipants(3);
    return call;
  };
  /** The SDK's refusal, or the state and error of the transfer it handed back. */
  const transferOutcome = async (start: () => { readonly state: unknown; readonly error?: unknown }) => {
    let transfer: { readonly state: unknown; readonly error?: unknown } | undefined;
    const outcome = await outcomeOf(() => {
      transfer = start();
    });
    return outcome === 'accepted' && transfer ? { state: transfer.state, error: transfer.error } : outcome;
  };

  it.each<[string, { held: boolean; meeting?: boolean }, unknown]>([
    [
      'a call not on local hold: Failed at once, with { code: 0, subCode: 0 }',
      { held: false },
      { targetParticipant: { phoneNumber: PHONE } },
    ],
    ['an unknown targetCallId: Failed at once', { held: true }, { targetCallId: 'unknown' }],
    ['a meeting: 400/46051', { held: true, meeting: true }, { targetParticipant: { phoneNumber: PHONE } }],
    ['no target at all: 400/46052', { held: true }, {}],
    ['a misnamed target: 400/46052', { held: true }, { participant: { phoneNumber: PHONE } }],
    ['a raw-id string: not checked, Transferring', { held: true }, { targetParticipant: `4:${PHONE}` }],
    ['an empty object: not checked, Transferring', { held: true }, { targetParticipant: {} }],
  ])('the stub agrees with the SDK on %s', async (_name, call, target) => {
    const real = realTransferFeature(sdk, call);
    const stub = stubCall(call);
    expect(await transferOutcome(() => stub.transferFeature.transfer(target as never))).toEqual(
      await transferOutcome(() => real.feature.transfer(target)),
    );
  });

  it('a target the SDK does not check reaches signalling with an undefined MRI (why the port builds identifiers)', () => {
    for (const targetParticipant of [`4:${PHONE}`, {}]) {
      const real = realTransferFeature(sdk, { held: true });
      real.feature.transfer({ targetParticipant });
      expect(real.signalled).toEqual([{ mri: undefined }]);
      expect(sdkMriOf(targetParticipant)).toBeUndefined();
    }
  });

  it('its off adds the listener a second time (why the port never calls it); the stub does the same', () => {
    const listener = () => undefined;
    const real = realTransferFeature(sdk, { held: true }).feature;
    real.on('transferAccepted', listener);
    real.off('transferAccepted', listener);
    expect(real.eventEmitter.listenerCount('transferAccepted')).toBe(2);
    const stub = stubCall({ held: true }).transferFeature;
    stub.on('transferAccepted', listener);
    stub.off('transferAccepted', listener);
    expect(stub.listenerCount('transferAccepted')).toBe(2);
  });
});

describe('spotlight: SpotlightCallFeatureImpl', () => {
  it('the port’s shapes: participants’ own identifiers, and the local user without participants', async () => {
    const setup = await callFeatureWorld('meeting');
    setup.stub.addParticipants([ADELE, MEGAN]);
    await setup.handle.features.spotlight!.startSpotlight([ADELE_ID, LOCAL_PARTICIPANT_ID]);
    await setup.handle.features.spotlight!.stopSpotlight([LOCAL_PARTICIPANT_ID]);
    const real = realSpotlightFeature(sdk, { context: 'TeamsMeeting', localMri: '8:orgid:local' });
    for (const args of setup.stub.spotlightFeature.startArgs) await real.feature.startSpotlight(args);
    for (const args of setup.stub.spotlightFeature.stopArgs) await real.feature.stopSpotlight(args);
    expect(real.published).toEqual([
      ['publishState', { level: 'user', type: 'spotlight', content: '{}', participantIds: [ADELE_ID] }],
      [
        'publishState',
        { level: 'user', type: 'spotlight', content: '{}', participantIds: ['8:orgid:local'] },
      ],
      ['removeState', { stateIds: [] }],
    ]);
  });

  it.each<[string, unknown]>([
    ['a raw-id string', ADELE_ID],
    ['an empty object', {}],
    ['a Teams user without an id', { microsoftTeamsUserId: '' }],
    ['an ACS user without its prefix', { communicationUserId: 'abc' }],
  ])(
    'an identifier validateIdentifier refuses (%s) makes startSpotlight do nothing, silently',
    async (_name, identifier) => {
      const real = realSpotlightFeature(sdk, { context: 'TeamsMeeting', localMri: '8:orgid:local' });
      await expect(real.feature.startSpotlight([identifier])).resolves.toBeUndefined();
      expect(real.published).toEqual([]);
      expect(sdkAcceptsIdentifier(identifier)).toBe(false);
    },
  );

  it.each<[string, unknown]>([
    ['a Teams user', { microsoftTeamsUserId: ADELE }],
    ['a Teams user identifier kind', adele],
    ['a phone number', { phoneNumber: PHONE }],
    ['an ACS user', { communicationUserId: '8:acs:abc' }],
    ['an unknown identifier', { id: '28:orgid:bot' }],
    ['a raw-id string', ADELE_ID],
    ['an empty object', {}],
    ['null', null],
  ])('the stub accepts an identifier (%s) as validateIdentifier does', (_name, identifier) => {
    const real = (() => {
      try {
        sdk.internals.validateIdentifier(identifier);
        return true;
      } catch {
        return false;
      }
    })();
    expect(sdkAcceptsIdentifier(identifier)).toBe(real);
  });

  it('in a 1:1 call: 400/45906, in the SDK and the stub', async () => {
    const real = realSpotlightFeature(sdk, { context: 'TwoParty', localMri: '8:orgid:local' });
    const stub = new StubTeamsCall(new StubRegistry(), { context: 'TwoParty' }).spotlightFeature;
    expect(await outcomeOf(() => real.feature.startSpotlight([adele]))).toEqual(codesOf('spotlightOneToOne'));
    expect(await outcomeOf(() => stub.startSpotlight([adele]))).toEqual(codesOf('spotlightOneToOne'));
  });

  it('the SDK’s default limit is 7, as the stub’s', () => {
    const real = realSpotlightFeature(sdk, { context: 'TeamsMeeting', localMri: '8:orgid:local' });
    expect(real.feature.maxParticipantsToSpotlight).toBe(
      new StubTeamsCall(new StubRegistry()).spotlightFeature.maxParticipantsToSpotlight,
    );
  });
});

describe('raise hand: RaiseHandCallFeatureImpl', () => {
  it('the port’s raiseHand() publishes the local user’s raised hand; 1:1 calls refuse it (400/45758)', async () => {
    const setup = await callFeatureWorld('meeting');
    await setup.handle.features.raiseHand!.raiseHand();
    const real = realRaiseHandFeature(sdk, { context: 'TeamsMeeting', localMri: '8:orgid:local' });
    await real.feature.raiseHand();
    expect(real.published).toEqual([['publishState', { level: 'user', type: 'raiseHands', content: '{}' }]]);
    const oneToOne = realRaiseHandFeature(sdk, { context: 'TwoParty', localMri: '8:orgid:local' });
    const stub = new StubTeamsCall(new StubRegistry(), { context: 'TwoParty' }).raiseHandFeature;
    expect(await outcomeOf(() => oneToOne.feature.raiseHand())).toEqual(codesOf('raiseHandOneToOne'));
    expect(await outcomeOf(() => stub.raiseHand())).toEqual(codesOf('raiseHandOneToOne'));
  });

  it('the port maps the SDK’s raised hands and events, the local user as LOCAL_PARTICIPANT_ID', () => {
    const handlers: ((states: unknown) => void)[] = [];
    const published = { typeStates: [] as unknown[] };
    const feature = realFeature(sdk, 'RaiseHand', { context: 'TeamsMeeting' });
    const tsCall = {
      callId: 'call-1',
      participantId: 'participant-1',
      publishedStates: published,
      on: (event: string, handler: (states: unknown) => void) => {
        if (event === 'publishedStatesChanged') handlers.push(handler);
      },
    };
    feature.initialize(
      {
        tsCall,
        callAgent: { getUserMri: () => '8:orgid:local' },
        telemetryLogManager: { sendEvent: () => undefined },
      },
      {
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
        log: () => undefined,
        createChild: () => ({
          info: () => undefined,
          warn: () => undefined,
          error: () => undefined,
          log: () => undefined,
        }),
      },
    );
    const call = { remoteParticipants: [{ identifier: adele }] } as unknown as SdkTeamsCall;
    const context = createFeatureContext(
      call,
      createFeatureParticipants(call, getIdentifierRawId, '8:orgid:local'),
      () => false,
    );
    const hands = createRaiseHandHandle(feature as unknown as SdkRaiseHandFeature, context);
    let heard = 0;
    hands.subscribe(() => {
      heard += 1;
    });
    // The state service's update, in its own shape (`publishedStatesChanged`, ranked by `typeRank`).
    const state = (id: string, typeRank: number) => ({
      id,
      publishedState: { stateId: `s-${id}`, typeRank },
    });
    for (const handler of handlers) {
      handler({
        typeStates: [
          { type: 'raiseHands', participantStates: [state(ADELE_ID, 2), state('8:orgid:local', 1)] },
        ],
      });
    }
    expect(heard).toBe(1);
    expect(hands.getState()).toEqual({
      raisedHands: [
        { participantId: LOCAL_PARTICIPANT_ID, order: 1 },
        { participantId: ADELE_ID, order: 2 },
      ],
    });
    hands.release();
  });
});

describe('lobby: LobbyImpl', () => {
  it('the port admits and rejects with the participant’s own identifier, which the SDK signals as its MRI', async () => {
    const setup = await callFeatureWorld('meeting');
    setup.stub.role = 'Organizer';
    const waiting = setup.stub.lobby.arrive(ADELE);
    setup.stub.lobby.arrive(MEGAN);
    await setup.handle.features.lobby!.admit(ADELE_ID);
    await setup.handle.features.lobby!.reject(MEGAN_ID);
    const [admitted] = setup.stub.lobby.admitted;
    const [rejected] = setup.stub.lobby.rejected;
    const real = realLobby(sdk, {
      role: 'Organizer',
      participants: [
        { identifier: waiting.identifier, state: 'InLobby' },
        { identifier: teamsUser(MEGAN).identifier, state: 'InLobby' },
      ],
    });
    await real.lobby.admit(admitted);
    await real.lobby.reject(rejected);
    await real.lobby.admitAll();
    expect(real.signalled).toEqual([
      ['admitParticipant', ADELE_ID],
      ['removeParticipant', MEGAN_ID],
      ['admit', { scope: 'all' }],
    ]);
  });

  it.each<[string, string, unknown, SdkErrorName]>([
    ['someone not in the call', 'Organizer', teamsUser('nobody').identifier, 'lobbyNotInLobby'],
    ['someone already in the meeting', 'Organizer', teamsUser(MEGAN).identifier, 'lobbyAlreadyInMeeting'],
    ['an attendee admitting', 'Attendee', adele, 'lobbyUnauthorized'],
    ['a raw-id string', 'Organizer', ADELE_ID, 'invalidIdentifier'],
    ['an empty object', 'Organizer', {}, 'invalidIdentifier'],
  ])('the stub refuses %s as the SDK does', async (_name, role, identifier, refusal) => {
    const real = realLobby(sdk, {
      role,
      participants: [
        { identifier: adele, state: 'InLobby' },
        { identifier: teamsUser(MEGAN).identifier, state: 'Connected' },
      ],
    });
    const stubCall = new StubTeamsCall(new StubRegistry(), { context: 'TeamsMeeting' });
    stubCall.role = role as StubTeamsCall['role'];
    stubCall.lobby.arrive(ADELE);
    stubCall.addParticipants([MEGAN]);
    const outcome = await outcomeOf(() => real.lobby.admit(identifier));
    expect(outcome).toEqual(codesOf(refusal));
    expect(await outcomeOf(() => stubCall.lobby.admit(identifier as never))).toEqual(outcome);
  });

  it('admitAll by an attendee: 403/41805 in both', async () => {
    const real = realLobby(sdk, { role: 'Attendee', participants: [] });
    const stubCall = new StubTeamsCall(new StubRegistry(), { context: 'TeamsMeeting' });
    stubCall.role = 'Attendee';
    expect(await outcomeOf(() => real.lobby.admitAll())).toEqual(codesOf('lobbyUnauthorized'));
    expect(await outcomeOf(() => stubCall.lobby.admitAll())).toEqual(codesOf('lobbyUnauthorized'));
  });
});

describe('captions: TeamsCaptionsImpl over CaptionsCallFeatureImplOverTsCall', () => {
  it('are Teams captions for a Teams user; the default ECS config has en-us and en only', async () => {
    const { captions } = await realTeamsCaptions(sdk, { connected: true });
    expect(captions.kind).toBe('TeamsCaptions');
    expect(captions.supportedSpokenLanguages).toEqual(['en-us']);
    expect(captions.supportedCaptionLanguages).toEqual(['en']);
  });

  it('the port’s start({ spokenLanguage }) and start() invite the captions bot with that language, en-us by default', async () => {
    const setup = await callFeatureWorld('meeting');
    const captions = setup.handle.features.captions!;
    await captions.start({ spokenLanguage: 'en-us' });
    await captions.stop();
    await captions.start();
    const sent = [];
    for (const options of setup.stub.captionsFeature.captions.startOptions) {
      const real = await realTeamsCaptions(sdk, { connected: true });
      await real.captions.startCaptions(options);
      sent.push(real.invitations.map((invitation) => invitation.spokenLanguage));
      expect(real.captions.isCaptionsFeatureActive).toBe(true);
    }
    expect(sent).toEqual([['en-us'], ['en-us']]);
  });

  it('a misnamed option ({ language }) is not checked: the SDK listens for en-us (why the port builds the shape)', async () => {
    const real = await realTeamsCaptions(sdk, { connected: true });
    await real.captions.startCaptions({ language: 'fr-fr' });
    expect(real.invitations.map((invitation) => invitation.spokenLanguage)).toEqual(['en-us']);
  });

  it.each<[string, (captions: RealEmitter) => unknown, Outcome]>([
    [
      'a language not supported (case counts): 400/45202',
      (c) => c.startCaptions({ spokenLanguage: 'EN-US' }),
      codesOf('spokenLanguageUnsupported'),
    ],
    [
      'setSpokenLanguage before captions started: 400/45206',
      (c) => c.setSpokenLanguage('en-us'),
      codesOf('spokenLanguageNotStarted'),
    ],
    [
      'setCaptionLanguage before captions started: 400/45210',
      (c) => c.setCaptionLanguage('en'),
      codesOf('captionLanguageNotStarted'),
    ],
    ['stopCaptions while off: resolves', (c) => c.stopCaptions(), 'accepted'],
  ])('the stub agrees with the SDK on %s', async (_name, run, expected) => {
    const real = await realTeamsCaptions(sdk, { connected: true });
    const stub = new StubTeamsCall(new StubRegistry(), { context: 'TeamsMeeting' });
    stub.state = 'Connected';
    stub.captionsFeature.captions.supportedSpokenLanguages = ['en-us'];
    stub.captionsFeature.captions.supportedCaptionLanguages = ['en'];
    expect(await outcomeOf(() => run(real.captions))).toEqual(expected);
    expect(await outcomeOf(() => run(stub.captionsFeature.captions as unknown as RealEmitter))).toEqual(
      expected,
    );
  });

  it('startCaptions off a connected call resolves and invites nobody (why the port refuses it first)', async () => {
    const real = await realTeamsCaptions(sdk, { connected: false });
    await expect(real.captions.startCaptions({ spokenLanguage: 'en-us' })).resolves.toBeUndefined();
    expect(real.invitations).toEqual([]);
    expect(real.captions.isCaptionsFeatureActive).toBe(false);
  });
});

describe('capabilities: CapabilitiesFeatureImpl', () => {
  it('a 1:1 call: every capability FeatureNotSupported, as the stub says; the port reports {}', () => {
    const real = realCapabilities(sdk, 'TwoParty', 'Unknown').capabilities;
    expect(real).toEqual(initialCapabilities('TwoParty'));
    expect(toPlatformCapabilities(real, 'teams', 'Unknown')).toEqual({});
    expect(new StubCapabilitiesFeature(new StubRegistry(), 'TwoParty').capabilities).toEqual(real);
  });

  it('a meeting joined as an attendee (Unknown counts as Attendee), as the stub starts one', () => {
    const real = realCapabilities(sdk, 'TeamsMeeting', 'Unknown').capabilities;
    expect(real).toEqual(initialCapabilities('TeamsMeeting'));
    expect(realCapabilities(sdk, 'TeamsMeeting', 'Attendee').capabilities).toEqual(real);
  });

  it.each<[string, PlatformCapabilities]>([
    [
      'Attendee',
      {
        startVideo: { allowed: true },
        unmute: { allowed: true },
        startScreenSharing: { allowed: false, reason: 'role' },
        raiseHand: { allowed: true },
        manageLobby: { allowed: false, reason: 'role' },
        spotlight: { allowed: false, reason: 'role' },
        removeSpotlight: { allowed: false, reason: 'role' },
        startCaptions: { allowed: true },
        setCaptionLanguage: { allowed: true },
        lowerAllHands: { allowed: false, reason: 'role' },
        transfer: { allowed: false, reason: 'call_type' },
      },
    ],
    [
      'Presenter',
      {
        startVideo: { allowed: true },
        unmute: { allowed: true },
        startScreenSharing: { allowed: true },
        raiseHand: { allowed: true },
        manageLobby: { allowed: true },
        spotlight: { allowed: true },
        removeSpotlight: { allowed: true },
        startCaptions: { allowed: true },
        setCaptionLanguage: { allowed: true },
        lowerAllHands: { allowed: true },
        transfer: { allowed: false, reason: 'call_type' },
      },
    ],
  ])('what the SDK resolves for a meeting’s %s, in the port’s words', (role, expected) => {
    const real = realCapabilities(sdk, 'TeamsMeeting', role).capabilities;
    expect(toPlatformCapabilities(real, 'meeting', role as 'Attendee')).toEqual(expected);
  });

  it('on and off take any event name, as the stub’s', async () => {
    const real = realCapabilities(sdk, 'TwoParty', 'Unknown');
    expect(await outcomeOf(() => real.on('somethingChanged', () => undefined))).toBe('accepted');
  });
});

describe('user-facing diagnostics: UserFacingDiagnosticsFeatureImpl', () => {
  it('the port maps the SDK’s own diagnostics, raised with the stack’s event numbers', () => {
    const real = realDiagnostics(sdk);
    const diagnostics = createDiagnosticsHandle(real.feature as unknown as SdkUserFacingDiagnosticsFeature);
    let heard = 0;
    diagnostics.subscribe(() => {
      heard += 1;
    });
    // The stack's types (`tsToAcs…EventTypeMap`): 2 networkReceiveQuality, 43 noMicrophoneDevicesEnumerated,
    // 45 cameraFreeze; values 1 Good, 2 Poor, 3 Bad (a flag: 3 raised, 1 lowered).
    real.raise(2, 2);
    real.raise(43, 3);
    real.raise(45, 3, 1);
    expect(diagnostics.getState().conditions).toEqual([
      { kind: 'network_receive', severity: 'poor' },
      { kind: 'no_microphone', severity: 'bad' },
      { kind: 'camera_frozen', severity: 'poor' },
    ]);
    real.raise(45, 1, 1);
    real.raise(2, 1);
    expect(diagnostics.getState().conditions).toEqual([{ kind: 'no_microphone', severity: 'bad' }]);
    expect(heard).toBe(5);
    diagnostics.release();
  });

  it('the stub’s diagnosticChanged and getLatest have the SDK’s shapes', () => {
    const real = realDiagnostics(sdk);
    const heard: unknown[] = [];
    real.feature.media.on('diagnosticChanged', (args: unknown) => heard.push(args));
    real.raise(43, 3);
    const stub = new StubTeamsCall(new StubRegistry()).diagnosticsFeature;
    const stubHeard: unknown[] = [];
    stub.media.on('diagnosticChanged', (args: unknown) => stubHeard.push(args));
    stub.media.raise('noMicrophoneDevicesEnumerated', true);
    expect(stubHeard).toEqual(heard);
    expect(stub.media.getLatest()).toEqual(real.feature.media.getLatest());
  });

  it('the port’s constants are the SDK’s enums: DiagnosticQuality 2 Poor, 3 Bad; RecordingState 2 Paused', () => {
    const { DiagnosticQuality, RecordingState } = sdk.exports as unknown as Record<
      string,
      Record<string, number>
    >;
    expect([DiagnosticQuality?.Poor, DiagnosticQuality?.Bad, RecordingState?.Paused]).toEqual([2, 3, 2]);
  });
});

describe('recording: RecordingCallFeatureImpl', () => {
  it('the port reads a call without recording bots as off, and follows the SDK’s own event names', () => {
    const real = realRecording(sdk);
    const recording = createRecordingHandle(real as unknown as SdkRecordingFeature, null);
    const stop = recording.subscribe(() => undefined);
    expect(recording.getState()).toEqual({ recording: 'off', transcription: 'off' });
    expect(real.eventEmitter.listenerCount('isRecordingActiveChanged')).toBe(1);
    expect(real.eventEmitter.listenerCount('recordingsUpdated')).toBe(1);
    stop();
    expect(real.eventEmitter.listenerCount('isRecordingActiveChanged')).toBe(0);
    expect(real.eventEmitter.listenerCount('recordingsUpdated')).toBe(0);
  });
});
