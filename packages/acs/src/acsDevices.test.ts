// @vitest-environment jsdom
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { type AcsCallingOptions, createAcsCalling } from './createAcsCalling';
import { camera, createStubSdkWorld, microphone, speaker } from './stubSdk.test-support';

const getToken = async () => ({ token: 't', expiresOn: new Date(Date.now() + 3_600_000) });

function setUp(options: Pick<AcsCallingOptions, 'permissions'> = {}) {
  const world = createStubSdkWorld();
  const calling = createAcsCalling({
    loadSdk: world.loadSdk,
    loadCommon: world.loadCommon,
    permissions: () => world.permissions,
    ...options,
  });
  const listenerCount = () => world.registry.listenerCount() + world.permissions.listenerCount();
  return { world, calling, devices: calling.devices, listenerCount };
}

async function connectedCall(setup: ReturnType<typeof setUp>) {
  await setup.calling.connect({ getToken });
  const call = await setup.calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
  const stub = setup.world.agent().lastCall();
  stub.setState('Connected');
  return { call, stub };
}

describe('inventory', () => {
  it('works before connect, loading only the calling SDK', async () => {
    const { world, devices } = setUp();
    await devices.getInventory();
    expect(world.loads).toEqual({ sdk: 1, common: 0 });
  });

  it('lists devices as plain data, with the selection, the permissions and whether speakers can be chosen', async () => {
    const { world, devices } = setUp();
    world.permissions.statuses.microphone.state = 'granted';
    await expect(devices.getInventory()).resolves.toEqual({
      microphones: [
        { id: 'mic-1', name: 'Microphone mic-1', isSystemDefault: true },
        { id: 'mic-2', name: 'Microphone mic-2', isSystemDefault: false },
      ],
      speakers: [{ id: 'spk-1', name: 'Speaker spk-1', isSystemDefault: true }],
      cameras: [
        { id: 'cam-1', name: 'Camera cam-1', isSystemDefault: false },
        { id: 'cam-2', name: 'Camera cam-2', isSystemDefault: false },
      ],
      // The SDK has selected nothing yet; video would use the first camera.
      selected: { microphone: null, speaker: null, camera: 'cam-1' },
      permissions: { microphone: 'granted', camera: 'prompt' },
      canSelectSpeaker: true,
    });
  });

  it('lists no speakers where the browser cannot choose them (the SDK refuses to list them there)', async () => {
    const { world, devices } = setUp();
    world.deviceManager.isSpeakerSelectionAvailable = false;
    await expect(devices.getInventory()).resolves.toMatchObject({
      speakers: [],
      selected: { speaker: null },
      canSelectSpeaker: false,
    });
  });

  it('reports a selected device only while it is connected, and no camera when none is', async () => {
    const { world, devices } = setUp();
    await devices.select('microphone', 'mic-2');
    expect((await devices.getInventory()).selected.microphone).toBe('mic-2');
    world.deviceManager.unplug(world.deviceManager.microphones[1]!);
    world.deviceManager.cameras = [];
    expect((await devices.getInventory()).selected).toEqual({
      microphone: null,
      speaker: null,
      camera: null,
    });
  });

  it('types a failure of the SDK', async () => {
    const { world, devices } = setUp();
    world.deviceManager.getMicrophones = () => Promise.reject(new Error('NotReadableError'));
    const error = await typedRejection(devices.getInventory());
    expect(error).toMatchObject({ code: 'unknown', message: 'Could not list the devices.' });
  });
});

describe('permissions', () => {
  it('asks for the microphone by default, and for what is asked; nothing asked asks the SDK nothing', async () => {
    const { world, devices } = setUp();
    await expect(devices.requestPermission()).resolves.toEqual({ microphone: 'granted', camera: 'prompt' });
    await expect(devices.requestPermission({ audio: true, video: true })).resolves.toEqual({
      microphone: 'granted',
      camera: 'granted',
    });
    await devices.requestPermission({ audio: false });
    expect(world.deviceManager.permissionRequests).toEqual([
      { audio: true, video: false },
      { audio: true, video: true },
    ]);
  });

  it('rejects with microphone_denied when the microphone is refused; the inventory shows it', async () => {
    const { world, devices } = setUp();
    world.deviceManager.grant = { audio: false, video: true };
    const error = await typedRejection(devices.requestPermission({ audio: true, video: true }));
    expect(error.code).toBe('microphone_denied');
    expect(error.details).toEqual({ permissions: { microphone: 'denied', camera: 'granted' } });
    expect((await devices.getInventory()).permissions).toEqual({ microphone: 'denied', camera: 'granted' });
  });

  it('rejects with camera_denied when the camera is refused, whether or not the microphone was asked for', async () => {
    const { world, devices } = setUp();
    world.deviceManager.grant = { audio: true, video: false };
    expect((await typedRejection(devices.requestPermission({ audio: true, video: true }))).code).toBe(
      'camera_denied',
    );
    const error = await typedRejection(devices.requestPermission({ audio: false, video: true }));
    expect(error).toMatchObject({
      code: 'camera_denied',
      details: { permissions: { microphone: 'granted', camera: 'denied' } },
    });
  });

  it('says prompt until the SDK answers where the browser has no Permissions API, or refuses the names', async () => {
    for (const permissions of [() => undefined, undefined]) {
      const { world, devices } = setUp(permissions ? { permissions } : {});
      world.permissions.refuses = true;
      expect((await devices.getInventory()).permissions).toEqual({ microphone: 'prompt', camera: 'prompt' });
      await devices.requestPermission();
      expect((await devices.getInventory()).permissions).toEqual({ microphone: 'granted', camera: 'prompt' });
    }
  });

  it('keeps the SDK’s answer over the query until the browser reports a change (a dismissed prompt)', async () => {
    const { world, devices } = setUp();
    const changed = vi.fn();
    devices.onChanged(changed);
    await devices.getInventory();
    world.deviceManager.grant = { audio: false, video: false };
    await typedRejection(devices.requestPermission());
    expect(changed).toHaveBeenCalledTimes(1);
    expect((await devices.getInventory()).permissions.microphone).toBe('denied');
    world.permissions.statuses.microphone.change('granted');
    expect(changed).toHaveBeenCalledTimes(2);
    expect((await devices.getInventory()).permissions.microphone).toBe('granted');
  });
});

describe('selection', () => {
  it('selects a microphone and a speaker by id; the SDK’s selection events reach onChanged', async () => {
    const { world, devices } = setUp();
    const changed = vi.fn();
    devices.onChanged(changed);
    await devices.select('microphone', 'mic-2');
    await devices.select('speaker', 'spk-1');
    await devices.select('speaker', 'spk-1');
    expect(world.deviceManager.selectedMicrophone?.id).toBe('mic-2');
    expect(world.deviceManager.selectedSpeaker?.id).toBe('spk-1');
    expect(changed).toHaveBeenCalledTimes(2);
    expect((await devices.getInventory()).selected).toMatchObject({ microphone: 'mic-2', speaker: 'spk-1' });
  });

  it('refuses an unknown id with not_found, and a speaker where none can be chosen with invalid_argument', async () => {
    const { world, devices } = setUp();
    for (const kind of ['microphone', 'speaker', 'camera'] as const) {
      const error = await typedRejection(devices.select(kind, 'gone'));
      expect(error).toMatchObject({ code: 'not_found', details: { reason: 'device_not_found', kind } });
    }
    world.deviceManager.isSpeakerSelectionAvailable = false;
    const error = await typedRejection(devices.select('speaker', 'spk-1'));
    expect(error).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'speaker_selection_unavailable' },
    });
  });

  it('selects the camera of the next video, reporting the change itself (the SDK has no camera event)', async () => {
    const setup = setUp();
    const { world, calling, devices } = setup;
    const changed = vi.fn();
    devices.onChanged(changed);
    await devices.select('camera', 'cam-2');
    await devices.select('camera', 'cam-2');
    expect(changed).toHaveBeenCalledTimes(1);
    expect((await devices.getInventory()).selected.camera).toBe('cam-2');
    const { call } = await connectedCall(setup);
    await call.startVideo();
    expect(world.cameraStreams.map((stream) => stream.source.id)).toEqual(['cam-2']);
    await calling.disconnect();
  });

  it('moves the live video of every call to the selected camera with switchSource', async () => {
    const setup = setUp();
    const { world, devices } = setup;
    const { call, stub } = await connectedCall(setup);
    await call.startVideo();
    const [stream] = world.cameraStreams;
    const switchSource = vi.spyOn(stream!, 'switchSource');
    await devices.select('camera', 'cam-2');
    await devices.select('camera', 'cam-2');
    expect(switchSource).toHaveBeenCalledTimes(1);
    expect(stub.cameraStream?.source.id).toBe('cam-2');
    await call.stopVideo();
    await devices.select('camera', 'cam-1');
    expect(switchSource).toHaveBeenCalledTimes(1);
  });

  it('starts no video without a camera, with a clear not_found error', async () => {
    const setup = setUp();
    setup.world.deviceManager.cameras = [];
    const { call } = await connectedCall(setup);
    const error = await typedRejection(call.startVideo());
    expect(error).toMatchObject({ code: 'not_found', details: { reason: 'no_camera' } });
    expect(error.message).toMatch(/No camera/);
  });
});

describe('onChanged', () => {
  it('hears devices plugged in or out, selections and permission changes, once the SDK is loaded', async () => {
    const { world, devices, listenerCount } = setUp();
    const changed = vi.fn();
    const stop = devices.onChanged(changed);
    expect(world.loads.sdk).toBe(0);
    await devices.getInventory();
    await vi.waitFor(() => expect(world.permissions.listenerCount()).toBe(2));
    world.deviceManager.plugIn(microphone('mic-3'));
    world.deviceManager.plugIn(camera('cam-3'));
    world.deviceManager.unplug(world.deviceManager.cameras[0]!);
    world.deviceManager.emit('selectedSpeakerChanged');
    world.permissions.statuses.camera.change('denied');
    expect(changed).toHaveBeenCalledTimes(5);
    // Four device-manager events, and one `change` handler on each permission.
    expect(listenerCount()).toBe(4 + 2);
    stop();
    expect(listenerCount()).toBe(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
    world.deviceManager.plugIn(speaker('spk-2'));
    expect(changed).toHaveBeenCalledTimes(5);
  });

  it('attaches the handlers once for many listeners, and removes them with the last one', async () => {
    const { devices, listenerCount } = setUp();
    const stops = [devices.onChanged(() => undefined), devices.onChanged(() => undefined)];
    await devices.getInventory();
    await vi.waitFor(() => expect(listenerCount()).toBe(6));
    stops[0]?.();
    expect(listenerCount()).toBe(6);
    stops[1]?.();
    expect(listenerCount()).toBe(0);
  });

  it('removes every handler on disconnect, and listens again on the new device manager', async () => {
    const { world, calling, devices, listenerCount } = setUp();
    const changed = vi.fn();
    devices.onChanged(changed);
    await devices.getInventory();
    await vi.waitFor(() => expect(listenerCount()).toBe(6));
    await calling.disconnect();
    expect(listenerCount()).toBe(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
    await devices.getInventory();
    expect(world.clients).toHaveLength(2);
    world.deviceManager.plugIn(microphone('mic-9'));
    expect(changed).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(listenerCount()).toBe(6));
  });

  it('attaches nothing to the permissions when the listener leaves before they answer', async () => {
    const { devices, world } = setUp();
    const stop = devices.onChanged(() => undefined);
    await devices.getInventory();
    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(world.permissions.listenerCount()).toBe(0);
  });
});

describe('renderPreview', () => {
  it('renders the selected camera into the container, cropped and mirrored by default', async () => {
    const { world, devices } = setUp();
    await devices.select('camera', 'cam-2');
    const container = document.createElement('div');
    container.append(document.createElement('span'));
    const view = await devices.renderPreview(container);
    expect(view.streamId).toBe('local:video');
    expect(container.children).toHaveLength(2);
    const [renderer] = world.registry.renderers;
    expect(renderer?.stream).toMatchObject({ source: { id: 'cam-2' } });
    expect(renderer?.views[0]?.options).toEqual({ scalingMode: 'Crop', isMirrored: true });
    view.dispose();
    view.dispose();
    expect(container.children).toHaveLength(1);
    expect(world.registry.liveViews()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
    expect(world.cameraStreams[0]).toMatchObject({ disposed: true });
  });

  it('takes the scaling and mirroring asked for', async () => {
    const { world, devices } = setUp();
    await devices.renderPreview(document.createElement('div'), { scaling: 'fit', mirrored: false });
    expect(world.registry.views[0]?.options).toEqual({ scalingMode: 'Fit', isMirrored: false });
  });

  it('follows the camera selected while it shows', async () => {
    const { world, devices } = setUp();
    await devices.renderPreview(document.createElement('div'));
    await devices.select('camera', 'cam-2');
    expect(world.cameraStreams[0]?.source.id).toBe('cam-2');
  });

  it('refuses with not_found / no_camera without a camera, and camera_denied when the camera is refused', async () => {
    const { world, devices } = setUp();
    world.deviceManager.grant = { audio: true, video: false };
    const denied = await typedRejection(devices.renderPreview(document.createElement('div')));
    expect(denied).toMatchObject({ code: 'camera_denied', details: { code: 403, subCode: 43001 } });
    expect(world.registry.liveRenderers()).toBe(0);
    expect(world.cameraStreams[0]).toMatchObject({ disposed: true });
    world.deviceManager.cameras = [];
    const none = await typedRejection(devices.renderPreview(document.createElement('div')));
    expect(none).toMatchObject({ code: 'not_found', details: { reason: 'no_camera' } });
  });

  it('aborted while the view is being made: rejects with aborted at once, and disposes the view that arrives', async () => {
    const { world, devices } = setUp();
    const release = world.registry.holdViews();
    const controller = new AbortController();
    const container = document.createElement('div');
    const pending = devices.renderPreview(container, { signal: controller.signal });
    await vi.waitFor(() => expect(world.registry.renderers).toHaveLength(1));
    controller.abort();
    expect((await typedRejection(pending)).code).toBe('aborted');
    release();
    await vi.waitFor(() => expect(world.registry.views).toHaveLength(1));
    await vi.waitFor(() => expect(world.registry.liveViews()).toBe(0));
    expect(world.registry.liveRenderers()).toBe(0);
    expect(container.children).toHaveLength(0);
  });

  it('aborted while the camera is being found: rejects with aborted and leaves no camera stream open', async () => {
    const { world, devices } = setUp();
    const controller = new AbortController();
    const pending = devices.renderPreview(document.createElement('div'), { signal: controller.signal });
    controller.abort();
    expect((await typedRejection(pending)).code).toBe('aborted');
    expect(world.cameraStreams).toEqual([expect.objectContaining({ disposed: true })]);
    expect(world.registry.renderers).toHaveLength(0);
  });

  it('disconnect disposes the previews', async () => {
    const { world, calling, devices } = setUp();
    const container = document.createElement('div');
    await devices.renderPreview(container);
    await calling.disconnect();
    expect(world.registry.liveViews()).toBe(0);
    expect(world.registry.liveRenderers()).toBe(0);
    expect(container.children).toHaveLength(0);
  });
});
