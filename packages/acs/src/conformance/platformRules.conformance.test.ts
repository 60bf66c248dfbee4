import type {
  AudioDeviceInfo,
  CallState,
  DtmfTone as SdkDtmfTone,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import type { CallPortStatus } from '@teams-endpoint/core';
import { platformVerdict } from '@teams-endpoint/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCallPortStatus } from '../callStatus';
import type { SdkDeviceManager } from '../sdkTypes';
import {
  createStubSdkWorld,
  type EmitterKind,
  type SdkErrorName,
  StubDeviceManager,
  StubDominantSpeakersFeature,
  StubLocalVideoStream,
  StubOptimalVideoCountFeature,
  StubRecordingFeature,
  StubRegistry,
  StubRemoteParticipant,
  StubRemoteVideoStream,
  StubTeamsCall,
  StubTeamsCallAgent,
  StubUserFacingDiagnosticsFeature,
  sdkMeetingLinkRefusal,
  stubMediaSdk,
} from '../stubSdk.test-support';
import { type InstalledSdk, loadInstalledSdk } from './loadInstalledSdk.test-support';
import {
  codesOf,
  createRealAgent,
  createRealCall,
  createSdkReferee,
  type Outcome,
  outcomeOf,
  realCamera,
  realRemoteStream,
} from './sdkUnderTest.test-support';

// The SDK stub and the fake calling port refuse what the installed SDK refuses. Each rule runs twice on the same
// input: through the SDK's own code (see `sdkUnderTest.test-support.ts`) and through the stub, or the fake's
// `platformVerdict` table. Both must accept, or both must refuse with the same code and subCode.

let sdk: InstalledSdk;
beforeAll(() => {
  sdk = loadInstalledSdk();
});
afterAll(() => sdk.unload());

const CALL_STATES: CallState[] = [
  'None',
  'Connecting',
  'Ringing',
  'EarlyMedia',
  'Connected',
  'LocalHold',
  'RemoteHold',
  'InLobby',
  'Disconnecting',
  'Disconnected',
];

/** A ready stub agent, as `createTeamsCallAgent` leaves it. */
function stubAgent(): StubTeamsCallAgent {
  const agent = new StubTeamsCallAgent(new StubRegistry());
  agent.markReady();
  return agent;
}

function stubCall(state: CallState): StubTeamsCall {
  const call = new StubTeamsCall(new StubRegistry());
  call.state = state;
  return call;
}

const MEGAN = { microsoftTeamsUserId: 'e8b753b5-4117-464e-9a08-713e1ff266b3' };
const ADELE = { microsoftTeamsUserId: '0b0a3c3d-1111-4222-8333-444455556666' };
const THREAD = '19%3ameeting_NjQ0ZDU2YjQtMTI0Mi00YzM4LWI3ZjQtNzQ0ZTY4MjNmYzYw%40thread.v2';
const CONTEXT = 'context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%228f0c2a9e%22%7d';

describe('startCall: the stub refuses the shapes TeamsCallAgentImpl.startCall refuses', () => {
  it.each<[string, unknown[]]>([
    ['one identifier', [MEGAN]],
    ['one identifier and empty options', [MEGAN, {}]],
    ['a phone number', [{ phoneNumber: '+14255550123' }]],
    ['a one-element array', [[MEGAN]]],
    [
      'a one-element array with a threadId (FACTS.md: 400/40213)',
      [[MEGAN], { threadId: '19:chat@unq.gbl.spaces' }],
    ],
    ['two participants with a threadId', [[MEGAN, ADELE], { threadId: '19:group@thread.v2' }]],
    [
      'two participants, no threadId (the default ECS config lets the server make the thread)',
      [[MEGAN, ADELE], {}],
    ],
  ])('%s', async (_name, args) => {
    const real = createRealAgent(sdk);
    const stub = stubAgent();
    const [participants, options] = args as Parameters<StubTeamsCallAgent['startCall']>;
    expect(await outcomeOf(() => stub.startCall(participants, options))).toEqual(
      await outcomeOf(() => real.startCall(...args)),
    );
  });
});

describe('join: the stub refuses the locators and links TeamsCallAgentImpl.join and createCall refuse', () => {
  it.each<[string, object]>([
    ['no locator at all', {}],
    [
      'a classic link with its context',
      { meetingLink: `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}` },
    ],
    [
      'a classic link without context',
      { meetingLink: `https://teams.microsoft.com/l/meetup-join/${THREAD}/0` },
    ],
    [
      'a classic link with a context that is not JSON',
      { meetingLink: `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=x` },
    ],
    [
      'a classic link with another parameter',
      { meetingLink: `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?${CONTEXT}&anon=true` },
    ],
    ['a short link', { meetingLink: 'https://teams.microsoft.com/meet/21234567890?p=AbC123' }],
    ['a short link without passcode', { meetingLink: 'https://teams.microsoft.com/meet/21234567890' }],
    [
      'a short link with a trailing slash',
      { meetingLink: 'https://teams.microsoft.com/meet/21234567890/?p=AbC123' },
    ],
    [
      'a short link with a parameter before p',
      { meetingLink: 'https://teams.microsoft.com/meet/21234567890?a=1&p=AbC123' },
    ],
    ['a Teams (free) short link', { meetingLink: 'https://teams.live.com/meet/9876543210987?p=abc' }],
    ['a link that is not a URL', { meetingLink: 'not a link' }],
    ['a path that is no meeting', { meetingLink: 'https://teams.microsoft.com/l/chat/0/0?users=a@b.c' }],
    ['a meeting id and passcode', { meetingId: '212345678901', passcode: 'AbC123' }],
  ])('%s', async (_name, locator) => {
    const real = createRealAgent(sdk);
    const stub = stubAgent();
    expect(await outcomeOf(() => stub.join(locator as never))).toEqual(
      await outcomeOf(() => real.join(locator)),
    );
  });

  it('the stub’s link parsing is the SDK’s step by step: refusal names match the codes', () => {
    expect(sdkMeetingLinkRefusal('https://teams.microsoft.com/meet/1?p=2')).toBeUndefined();
    expect(codesOf(sdkMeetingLinkRefusal('https://teams.live.com/meet/1?p=2')!)).toEqual({
      code: 400,
      subCode: 40238,
    });
  });
});

describe('call controls: the stub and the fake refuse what TeamsCallImpl and its stack refuse, in every state', () => {
  const fakeOutcome = (control: 'hold' | 'resume', status: CallPortStatus): Outcome => {
    const verdict = platformVerdict(control, status);
    return typeof verdict === 'string' ? 'accepted' : { code: verdict.code, subCode: verdict.subCode };
  };

  it.each(CALL_STATES)('hold and resume in %s', async (state) => {
    for (const control of ['hold', 'resume'] as const) {
      const real = await outcomeOf(() => createRealCall(sdk, { state })[control]());
      expect(await outcomeOf(() => stubCall(state)[control]()), `stub ${control}`).toEqual(real);
      expect(fakeOutcome(control, toCallPortStatus(state)), `fake ${control}`).toEqual(real);
    }
  });

  it.each(CALL_STATES)('hold with music on hold (the Teams calling policy’s choice) in %s', async (state) => {
    const real = await outcomeOf(() => createRealCall(sdk, { state, musicOnHold: true }).hold());
    expect(await outcomeOf(() => stubCall(state).hold())).toEqual(real);
  });

  it('hold on LocalHold and resume on Connected resolve and change nothing, in the SDK, the stub and the fake', async () => {
    const held = stubCall('LocalHold');
    await held.hold();
    expect(held.state).toBe('LocalHold');
    const connected = stubCall('Connected');
    await connected.resume();
    expect(connected.state).toBe('Connected');
    expect(platformVerdict('hold', 'local_hold')).toBe('no_op');
    expect(platformVerdict('resume', 'connected')).toBe('no_op');
  });

  it.each(CALL_STATES)('hang-up in %s', async (state) => {
    const real = await outcomeOf(() => createRealCall(sdk, { state }).hangUp({ forEveryone: false }));
    expect(await outcomeOf(() => stubCall(state).hangUp({ forEveryone: false }))).toEqual(real);
  });

  const SDK_TONES = [
    'Num0',
    'Num1',
    'Num2',
    'Num3',
    'Num4',
    'Num5',
    'Num6',
    'Num7',
    'Num8',
    'Num9',
    'Star',
    'Pound',
    'A',
    'B',
    'C',
    'D',
    'Flash',
    'Nine',
  ];
  it.each(SDK_TONES)('DTMF %s on a connected call', async (tone) => {
    const real = await outcomeOf(() => createRealCall(sdk, { state: 'Connected' }).sendDtmf(tone));
    expect(await outcomeOf(() => stubCall('Connected').sendDtmf(tone as SdkDtmfTone))).toEqual(real);
  });

  it.each<[string, SdkDtmfTone]>([
    ['0', 'Num0'],
    ['#', 'Pound'],
    ['A', 'A'],
    ['D', 'D'],
  ])('the fake’s DTMF table agrees for key %s', async (key, tone) => {
    const real = await outcomeOf(() => createRealCall(sdk, { state: 'Connected' }).sendDtmf(tone));
    const verdict = platformVerdict('sendDtmf', 'connected', key as never);
    expect(
      typeof verdict === 'string' ? 'accepted' : { code: verdict.code, subCode: verdict.subCode },
    ).toEqual(real);
  });

  it('DTMF without a media session is refused as every DTMF refusal is (400/41022)', async () => {
    expect(
      await outcomeOf(() =>
        createRealCall(sdk, { state: 'Connected', mediaSession: false }).sendDtmf('Num1'),
      ),
    ).toEqual(await outcomeOf(() => stubCall('Ringing').sendDtmf('Num1')));
  });

  it('video: a stream that is not a LocalVideoStream, video already on, already off, or another stream', async () => {
    const camera = realCamera(sdk, 'cam-1');
    const stream = new sdk.exports.LocalVideoStream(camera);
    const other = new sdk.exports.LocalVideoStream(camera);
    const stubStream = new StubLocalVideoStream({ id: 'cam-1', name: 'Camera', deviceType: 'UsbCamera' });
    const stubOther = new StubLocalVideoStream({ id: 'cam-1', name: 'Camera', deviceType: 'UsbCamera' });
    const on = (): StubTeamsCall => {
      const call = stubCall('Connected');
      call.isLocalVideoStarted = true;
      call.localVideoStreams = [stubStream];
      return call;
    };
    const cases: [string, () => unknown, () => unknown][] = [
      [
        'not a LocalVideoStream',
        () => createRealCall(sdk, { state: 'Connected' }).startVideo({ source: camera }),
        () => stubCall('Connected').startVideo({ source: camera } as never),
      ],
      [
        'already on',
        () =>
          createRealCall(sdk, {
            state: 'Connected',
            isLocalVideoStarted: true,
            videoStream: stream,
          }).startVideo(stream),
        () => on().startVideo(stubStream),
      ],
      [
        'already off',
        () => createRealCall(sdk, { state: 'Connected' }).stopVideo(stream),
        () => stubCall('Connected').stopVideo(stubStream),
      ],
      [
        'another stream',
        () =>
          createRealCall(sdk, {
            state: 'Connected',
            isLocalVideoStarted: true,
            videoStream: stream,
          }).stopVideo(other),
        () => on().stopVideo(stubOther),
      ],
      [
        'start, then stop the same stream',
        async () => {
          const call = createRealCall(sdk, { state: 'Connected' });
          await call.startVideo(stream);
          await call.stopVideo(stream);
        },
        async () => {
          const call = stubCall('Connected');
          await call.startVideo(stubStream);
          await call.stopVideo(stubStream);
        },
      ],
    ];
    for (const [name, real, stub] of cases) {
      expect(await outcomeOf(stub), name).toEqual(await outcomeOf(real));
    }
  });

  it('a LocalVideoStream takes only a camera the device manager listed', async () => {
    const real = await outcomeOf(
      () => new sdk.exports.LocalVideoStream({ id: 'cam-1', name: 'Camera', deviceType: 'UsbCamera' }),
    );
    const world = createStubSdkWorld();
    const { LocalVideoStream } = await world.loadSdk();
    expect(
      await outcomeOf(() => new LocalVideoStream({ id: 'cam-1', name: 'C', deviceType: 'UsbCamera' })),
    ).toEqual(real);
    expect(await outcomeOf(() => new LocalVideoStream(world.deviceManager.cameras[0]!))).toBe('accepted');
  });

  it('TeamsCall.mute resolves before the stack has muted: it does not wait for it (`async mute(){super.mute()}`)', async () => {
    const call = createRealCall(sdk, { state: 'Connected' }) as unknown as {
      mute(): Promise<void>;
      tsCall: object;
    };
    let stackAsked = false;
    Object.defineProperty(call.tsCall, 'mute', {
      value: () => {
        stackAsked = true;
        return new Promise(() => undefined);
      },
    });
    Object.defineProperty(call.tsCall, 'isMuted', { value: false });
    await call.mute();
    expect(stackAsked).toBe(true);
  });
});

describe('screen sharing: the stub refuses what TeamsCallImpl.startScreenSharing and stopScreenSharing refuse', () => {
  it.each(
    CALL_STATES.flatMap((state) => [false, true].map((sharing): [CallState, boolean] => [state, sharing])),
  )('in %s, sharing %s', async (state, isScreenSharingOn) => {
    for (const method of ['startScreenSharing', 'stopScreenSharing'] as const) {
      const real = await outcomeOf(() => createRealCall(sdk, { state, isScreenSharingOn })[method]());
      const stub = stubCall(state);
      stub.isScreenSharingOn = isScreenSharingOn;
      expect(await outcomeOf(() => stub[method]())).toEqual(real);
    }
  });

  it('a cancelled picker (NotAllowedError, the stack’s permissionDeniedError) is PERMISSION_DENIED, 403/43001', async () => {
    const real = await outcomeOf(() =>
      createRealCall(sdk, { state: 'Connected', screenPicker: 'cancel' }).startScreenSharing(),
    );
    const stub = stubCall('Connected');
    stub.screenPicker = 'cancel';
    expect(real).toEqual(codesOf('mediaPermissionDenied'));
    expect(await outcomeOf(() => stub.startScreenSharing())).toEqual(real);
  });

  it('a shared screen is a LocalVideoStream of mediaStreamType ScreenSharing in localVideoStreams', async () => {
    const real = createRealCall(sdk, { state: 'Connected' });
    await real.startScreenSharing();
    const stub = stubCall('Connected');
    await stub.startScreenSharing();
    expect(stub.localVideoStreams.map((stream) => stream.mediaStreamType)).toEqual(
      real.localVideoStreams.map((stream) => stream.mediaStreamType),
    );
  });
});

describe('renderers: the stub refuses what VideoStreamRenderer and its views refuse', () => {
  type Renderer = { createView(options?: object): Promise<unknown>; dispose(): void };
  const RealRenderer = () => sdk.exports.VideoStreamRenderer as unknown as new (stream: unknown) => Renderer;
  const registry = new StubRegistry();
  const StubRenderer = stubMediaSdk(registry).VideoStreamRenderer as unknown as new (
    stream: unknown,
  ) => Renderer;

  it.each<[string, unknown]>([
    ['a plain object', {}],
    ['a camera, not its stream', { id: 'cam-1', name: 'Camera', deviceType: 'UsbCamera' }],
    ['nothing', undefined],
  ])('construction with %s (400/43218)', async (_name, stream) => {
    const real = await outcomeOf(() => new (RealRenderer())(stream));
    expect(real).toEqual(codesOf('rendererWrongStreamType'));
    expect(await outcomeOf(() => new StubRenderer(stream))).toEqual(real);
  });

  it.each(['Video', 'ScreenSharing'] as const)(
    'createView of a remote %s stream that is not available (412/43200)',
    async (mediaStreamType) => {
      const real = await outcomeOf(() =>
        new (RealRenderer())(
          realRemoteStream(sdk, { id: 1, mediaStreamType, isAvailable: false }),
        ).createView(),
      );
      expect(real).toEqual(codesOf('streamNotAvailable'));
      const stub = new StubRemoteVideoStream(registry, 1, mediaStreamType);
      expect(await outcomeOf(() => new StubRenderer(stub).createView())).toEqual(real);
    },
  );

  it('dispose twice (400/43222), and createView after dispose (400/43219)', async () => {
    const real = new (RealRenderer())(new sdk.exports.LocalVideoStream(realCamera(sdk, 'cam-1')));
    const stub = new StubRenderer(new StubLocalVideoStream(realCamera(sdk, 'cam-1')));
    for (const renderer of [real, stub]) renderer.dispose();
    expect(await outcomeOf(() => stub.dispose())).toEqual(await outcomeOf(() => real.dispose()));
    expect(await outcomeOf(() => stub.createView())).toEqual(await outcomeOf(() => real.createView()));
    expect(await outcomeOf(() => real.createView())).toEqual(codesOf('rendererDisposed'));
  });
});

describe('switchSource: the stub refuses what LocalVideoStream.switchSource refuses', () => {
  it('the very camera the stream has (400/43005), a camera not from getCameras (400/43004), another one', async () => {
    const world = createStubSdkWorld();
    const { LocalVideoStream } = await world.loadSdk();
    const [first, second] = world.deviceManager.cameras;
    const [realFirst, realSecond] = [realCamera(sdk, 'cam-1'), realCamera(sdk, 'cam-2')];
    const cases: [unknown, unknown][] = [
      [realFirst, first],
      [
        { id: 'cam-9', name: 'Camera', deviceType: 'UsbCamera' },
        { id: 'cam-9', name: 'C', deviceType: 'UsbCamera' },
      ],
      [realSecond, second],
    ];
    const outcomes: Outcome[] = [];
    for (const [realSource, stubSource] of cases) {
      const real = await outcomeOf(() =>
        new sdk.exports.LocalVideoStream(realFirst).switchSource(realSource),
      );
      const stub = await outcomeOf(() =>
        new LocalVideoStream(first!).switchSource(stubSource as VideoDeviceInfo),
      );
      expect(stub).toEqual(real);
      outcomes.push(real);
    }
    expect(outcomes).toEqual([codesOf('switchSameSource'), codesOf('switchSourceWrongType'), 'accepted']);
  });
});

describe('features: the stub behaves as the SDK’s DominantSpeakers and OptimalVideoCount features', () => {
  const context = { call: {}, callAgent: {} };
  type Feature = { on(event: string, listener: () => void): void; optimalVideoCount?: number };
  const real = (name: 'OptimalVideoCountCallFeatureImpl' | 'DominantSpeakersCallFeatureImpl') =>
    new (sdk.internals[name] as unknown as new (context: object) => Feature)(context);

  it('the SDK’s Features name the feature classes the port means', () => {
    const features = sdk.exports.Features as unknown as Record<string, { callApiCtor: { name: string } }>;
    expect(features.DominantSpeakers?.callApiCtor.name).toBe('DominantSpeakersCallFeatureImpl');
    expect(features.OptimalVideoCount?.callApiCtor.name).toBe('OptimalVideoCountCallFeatureImpl');
  });

  it('the optimal video count starts at 1', () => {
    expect(new StubOptimalVideoCountFeature(new StubRegistry()).optimalVideoCount).toBe(
      real('OptimalVideoCountCallFeatureImpl').optimalVideoCount,
    );
  });

  it('the dominant-speakers feature takes any event name', async () => {
    const stub = new StubDominantSpeakersFeature(new StubRegistry());
    expect(await outcomeOf(() => stub.on('somethingChanged', () => undefined))).toEqual(
      await outcomeOf(() => real('DominantSpeakersCallFeatureImpl').on('somethingChanged', () => undefined)),
    );
  });
});

describe('device manager: the stub refuses what DeviceManagerImpl refuses', () => {
  /** A real `DeviceManagerImpl` whose media stack's device manager can or cannot select speakers. */
  const realManager = (canSelectSpeaker: boolean) => {
    const manager = Object.create(sdk.internals.DeviceManagerImpl.prototype) as SdkDeviceManager;
    const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    Object.defineProperties(manager, {
      _disposed: { value: false },
      logger: { value: { ...logger, createFnLogger: () => logger, createChild: () => logger } },
      _tsDeviceManager: { value: { isAudioOutputSelectionSupported: canSelectSpeaker } },
    });
    return manager;
  };
  const stubManager = (canSelectSpeaker: boolean) => {
    const manager = new StubDeviceManager(new StubRegistry());
    manager.isSpeakerSelectionAvailable = canSelectSpeaker;
    return manager;
  };

  it.each<[string, (manager: SdkDeviceManager) => unknown, SdkErrorName]>([
    [
      'a permission request for nothing',
      (m) => m.askDevicePermission({ audio: false, video: false }),
      'noPermissionAsked',
    ],
    [
      'speakers listed where they cannot be selected',
      (m) => m.getSpeakers(),
      'speakerEnumerationUnsupported',
    ],
    [
      'a speaker selected where it cannot be',
      (m) => m.selectSpeaker({ id: 'spk-1', name: 'S', deviceType: 'Speaker', isSystemDefault: true }),
      'speakerSelectionUnsupported',
    ],
    ['a microphone without an id', (m) => m.selectMicrophone({} as AudioDeviceInfo), 'invalidDevice'],
  ])('%s', async (_name, run, name) => {
    const real = await outcomeOf(() => run(realManager(false)));
    expect(real).toEqual(codesOf(name));
    expect(await outcomeOf(() => run(stubManager(false)))).toEqual(real);
  });
});

describe('event names: the stub refuses the names each SDK object’s on and off refuse', () => {
  const registry = new StubRegistry();
  const stubs: Record<
    EmitterKind,
    { on(event: string, listener: () => void): void; off(e: string, l: () => void): void }
  > = {
    agent: stubAgent(),
    call: stubCall('Connected'),
    participant: new StubRemoteParticipant(registry, {
      kind: 'microsoftTeamsUser',
      microsoftTeamsUserId: 'x',
    }),
    deviceManager: new StubDeviceManager(registry),
    remoteVideoStream: new StubRemoteVideoStream(registry, 1, 'Video'),
    optimalVideoCount: new StubOptimalVideoCountFeature(registry),
    recording: new StubRecordingFeature(registry),
    lobby: stubCall('Connected').lobby,
    diagnostics: new StubUserFacingDiagnosticsFeature(registry).network,
  };
  const used: [EmitterKind, string][] = [
    ['agent', 'incomingCall'],
    ['agent', 'connectionStateChanged'],
    ['call', 'stateChanged'],
    ['call', 'isMutedChanged'],
    ['call', 'isLocalVideoStartedChanged'],
    ['call', 'isScreenSharingOnChanged'],
    ['call', 'localVideoStreamsUpdated'],
    ['call', 'remoteParticipantsUpdated'],
    ['participant', 'isMutedChanged'],
    ['participant', 'isSpeakingChanged'],
    ['participant', 'displayNameChanged'],
    ['participant', 'roleChanged'],
    ['participant', 'stateChanged'],
    ['participant', 'videoStreamsUpdated'],
    ['deviceManager', 'audioDevicesUpdated'],
    ['deviceManager', 'videoDevicesUpdated'],
    ['deviceManager', 'selectedMicrophoneChanged'],
    ['deviceManager', 'selectedSpeakerChanged'],
    ['remoteVideoStream', 'isAvailableChanged'],
    ['remoteVideoStream', 'sizeChanged'],
    ['optimalVideoCount', 'optimalVideoCountChanged'],
    ['call', 'roleChanged'],
    ['recording', 'isRecordingActiveChanged'],
    ['recording', 'recordingsUpdated'],
    ['lobby', 'lobbyParticipantsUpdated'],
    ['diagnostics', 'diagnosticChanged'],
  ];
  const unknown = (
    [
      'agent',
      'call',
      'participant',
      'deviceManager',
      'remoteVideoStream',
      'optimalVideoCount',
      'recording',
      'lobby',
      'diagnostics',
    ] as const
  ).map((kind): [EmitterKind, string] => [kind, 'somethingChanged']);
  it.each([...used, ...unknown])('%s.on/off(%s)', async (kind, event) => {
    const referee = createSdkReferee(sdk);
    for (const unsubscribe of [false, true]) {
      const real = await outcomeOf(() => referee.subscribe(kind, event, unsubscribe));
      const stub = await outcomeOf(() =>
        unsubscribe ? stubs[kind].off(event, () => undefined) : stubs[kind].on(event, () => undefined),
      );
      expect(stub).toEqual(real);
    }
  });
});

describe('one Teams call agent per identity: CallClient.createTeamsCallAgent and its static map', () => {
  /** An unsigned Teams-user ACS token: the SDK reads its claims, and only the service checks the signature. */
  const teamsToken = (oid: string) => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      skypeid: `orgid:${oid}`,
      acsScope: 'voip',
      resourceId: 'r',
      tid: 't',
      exp: 4_102_444_800,
    };
    return `${part({ alg: 'none' })}.${part(claims)}.`;
  };
  const credential = (oid: string) => ({
    getToken: async () => ({ token: teamsToken(oid), expiresOnTimestamp: 4_102_444_800_000 }),
    dispose: () => undefined,
  });
  const realClient = (agent?: unknown) => {
    const client = Object.create(sdk.exports.CallClient.prototype) as {
      createTeamsCallAgent(credential: unknown): Promise<unknown>;
    };
    Object.defineProperties(client, {
      _disposed: { value: false, writable: true },
      _teamsCallAgent: { value: agent, writable: true },
      _eventEmitter: { value: { emit: () => undefined } },
      logger: { value: { info: () => undefined, error: () => undefined } },
      sendCallClientOperationEvent: { value: () => undefined },
    });
    return client;
  };

  it('a new call client gets back the agent that is still being created for the same user', async () => {
    const oid = '8f0c2a9e-1b2c-4d5e-8f90-123456789abc';
    const inFlight = { onDisposed: () => undefined };
    const map = sdk.internals.TeamsCallAgentImpl.teamsCallAgents;
    // `initialize` puts the agent in the map before its stack is up.
    map.set(`orgid:${oid}`, inFlight);
    try {
      expect(await realClient().createTeamsCallAgent(credential(oid))).toBe(inFlight);
    } finally {
      map.delete(`orgid:${oid}`);
    }

    const world = createStubSdkWorld();
    const { CallClient } = await world.loadSdk();
    const { AzureCommunicationTokenCredential } = await world.loadCommon();
    const tokenOfTheUser = () =>
      new AzureCommunicationTokenCredential({ tokenRefresher: async () => 't', token: 't' });
    const release = world.holdAgentCreation();
    const first = new CallClient().createTeamsCallAgent(tokenOfTheUser());
    await new Promise((resolve) => setTimeout(resolve));
    const second = (await new CallClient().createTeamsCallAgent(tokenOfTheUser())) as StubTeamsCallAgent;
    expect(second).toMatchObject({ ready: false, connectionState: 'Disconnected' });
    expect(await outcomeOf(() => second.startCall(MEGAN))).toEqual(codesOf('stackNotInitialized'));
    release();
    expect(await first).toBe(second);
    expect(second).toMatchObject({ ready: true, connectionState: 'Connected' });
  });

  it('a call client with an agent refuses one for another user (400/40008), and a disposed one refuses all (404/40012)', async () => {
    const other = realClient({ _caConfigBag: { identityMri: 'orgid:someone-else' } });
    const real = await outcomeOf(() => other.createTeamsCallAgent(credential('8f0c2a9e')));
    const world = createStubSdkWorld({ identityOf: (token) => token });
    const { CallClient } = await world.loadSdk();
    const { AzureCommunicationTokenCredential } = await world.loadCommon();
    const token = (value: string) =>
      new AzureCommunicationTokenCredential({ tokenRefresher: async () => value, token: value });
    const client = new CallClient();
    await client.createTeamsCallAgent(token('someone-else'));
    expect(await outcomeOf(() => client.createTeamsCallAgent(token('8f0c2a9e')))).toEqual(real);

    const disposed = realClient();
    Object.defineProperty(disposed, '_disposed', { value: true });
    await client.dispose();
    expect(await outcomeOf(() => client.createTeamsCallAgent(token('x')))).toEqual(
      await outcomeOf(() => disposed.createTeamsCallAgent(credential('x'))),
    );
  });

  it('disposing an agent twice is refused (409/40204)', async () => {
    const agent = Object.create(sdk.internals.TeamsCallAgentImpl.prototype) as { dispose(): Promise<void> };
    Object.defineProperties(agent, {
      _disposed: { value: true },
      logger: { value: { info: () => undefined, error: () => undefined } },
      sendCallAgentDisposeEvent: { value: () => undefined },
      _telemetryLogManager: { value: { clearTelemetryLoggers: () => undefined } },
    });
    const stub = stubAgent();
    await stub.dispose();
    expect(await outcomeOf(() => stub.dispose())).toEqual(await outcomeOf(() => agent.dispose()));
  });
});
