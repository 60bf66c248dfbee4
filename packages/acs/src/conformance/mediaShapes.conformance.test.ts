// @vitest-environment jsdom
import { getIdentifierRawId } from '@azure/communication-common';
import { LOCAL_STREAM_IDS } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcsCalling } from '../createAcsCalling';
import { createStubSdkWorld, type StubRemoteParticipant, teamsUser } from '../stubSdk.test-support';
import { type InstalledSdk, loadInstalledSdk } from './loadInstalledSdk.test-support';
import { createSdkReferee } from './sdkUnderTest.test-support';

// Conformance of the port's media shapes with the installed SDK's own code, under jsdom: every view the port makes
// goes through the SDK's `new VideoStreamRenderer(stream)` and `createView(options)` up to its media stack (a
// double that records what it was asked), on the SDK's own `LocalVideoStream` or on the SDK's counterpart of a
// stub remote stream. Screen sharing runs `TeamsCallImpl.startScreenSharing` / `stopScreenSharing`, features are
// asked for with the SDK's own `Features`, and a camera switch is the SDK's own `switchSource`.

let sdk: InstalledSdk;
beforeAll(() => {
  sdk = loadInstalledSdk();
});
afterAll(() => sdk.unload());

const getToken = async () => ({ token: 'teams-token', expiresOn: new Date(Date.now() + 3_600_000) });
const ADELE = '0b0a3c3d-1111-4222-8333-444455556666';

async function meetingOverTheInstalledSdk() {
  const referee = createSdkReferee(sdk);
  const world = createStubSdkWorld({ referee });
  const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
  await calling.connect({ getToken });
  const call = await calling.joinMeeting({ kind: 'id', meetingId: '212345678901', passcode: 'AbC123' });
  call.subscribe(() => undefined);
  const stub = world.agent().lastCall();
  stub.setState('Connected');
  const [adele] = stub.addParticipants([ADELE]) as [StubRemoteParticipant];
  return { referee, world, calling, call, stub, adele, container: document.createElement('div') };
}

describe(`the ACS port's media shapes pass @azure/communication-calling's own code`, () => {
  it('renders a remote camera cropped and a remote share fitted, unmirrored, through the SDK’s renderer', async () => {
    const { referee, call, adele, container } = await meetingOverTheInstalledSdk();
    adele.addVideoStream('Video');
    adele.addVideoStream('ScreenSharing');
    const id = getIdentifierRawId(adele.identifier);
    await call.renderStream(`${id}#1`, container);
    await call.renderStream(`${id}#2`, container);
    await call.renderStream(`${id}#1`, container, { scaling: 'fit', mirrored: true });
    // The stack's scaling modes (`toTsScalingMode`): 1 Crop, 2 Fit.
    expect(referee.media.requests).toEqual([
      { kind: 'remote', scalingMode: 1, mirrored: false },
      { kind: 'remote', scalingMode: 2, mirrored: false },
      { kind: 'remote', scalingMode: 2, mirrored: true },
    ]);
  });

  it('renders the local camera, the SDK’s own LocalVideoStream of a listed camera, mirrored', async () => {
    const { referee, world, call, container } = await meetingOverTheInstalledSdk();
    await call.startVideo();
    await call.renderStream(LOCAL_STREAM_IDS.video, container);
    expect(world.cameraStreams[0]).toBeInstanceOf(sdk.exports.LocalVideoStream);
    expect(referee.media.requests).toEqual([{ kind: 'camera', scalingMode: 1, mirrored: true }]);
  });

  it('renders the settings preview of the selected camera outside any call', async () => {
    const referee = createSdkReferee(sdk);
    const world = createStubSdkWorld({ referee });
    const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
    await calling.devices.select('camera', 'cam-2');
    const view = await calling.devices.renderPreview(document.createElement('div'), { scaling: 'fit' });
    expect(world.cameraStreams[0]?.source.id).toBe('cam-2');
    expect(referee.media.requests).toEqual([{ kind: 'camera', scalingMode: 2, mirrored: true }]);
    view.dispose();
  });

  it('shares the screen in a connected call, and renders the SDK’s own screen-sharing LocalVideoStream', async () => {
    const { call, stub, container, world } = await meetingOverTheInstalledSdk();
    await call.startScreenSharing();
    expect(call.getState().isScreenSharingOn).toBe(true);
    const [shared] = stub.localVideoStreams;
    expect(shared).toBeInstanceOf(sdk.exports.LocalVideoStream);
    expect(shared?.mediaStreamType).toBe('ScreenSharing');
    // Its renderer is constructed by the SDK; its view plays a real MediaStream, which only a browser has.
    await call.renderStream(LOCAL_STREAM_IDS.screenSharing, container);
    expect(world.registry.renderers[0]?.stream).toBe(shared);
    await call.stopScreenSharing();
    expect(call.getState().isScreenSharingOn).toBe(false);
  });

  it('the SDK refuses to share the screen of a call on hold (412/41071), and the port says so', async () => {
    const { call, stub } = await meetingOverTheInstalledSdk();
    stub.setState('LocalHold');
    const error = await typedRejection(call.startScreenSharing());
    expect(error).toMatchObject({ code: 'call_failed', details: { code: 412, subCode: 41071 } });
  });

  it('asks for features with the SDK’s own Features factories', async () => {
    const { call, stub } = await meetingOverTheInstalledSdk();
    // The stub answers `feature()` for the SDK's factories only; any other factory would read as absent (null).
    expect(call.getState().optimalVideoCount).toBe(1);
    stub.dominantSpeakersFeature.setSpeakers([teamsUser(ADELE).identifier]);
    expect(call.getState().dominantSpeakers).toEqual([`8:orgid:${ADELE}`]);
  });

  it('switches the live camera with the SDK’s own switchSource, to a camera the device manager listed', async () => {
    const { referee, world, call, calling } = await meetingOverTheInstalledSdk();
    await call.startVideo();
    await calling.devices.select('camera', 'cam-2');
    expect(world.cameraStreams[0]?.source).toBe(referee.cameras[1]);
  });

  it('listens only to event names the SDK knows on streams and features, and removes every listener', async () => {
    const { world, calling, call, adele, container } = await meetingOverTheInstalledSdk();
    const stream = adele.addVideoStream('Video');
    await call.renderStream(`${getIdentifierRawId(adele.identifier)}#1`, container);
    stream.setSize(1280, 720);
    adele.removeVideoStream(stream);
    const stop = calling.devices.onChanged(() => undefined);
    await calling.devices.getInventory();
    stop();
    await calling.disconnect();
    expect(world.registry.listenerCount()).toBe(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
  });
});
