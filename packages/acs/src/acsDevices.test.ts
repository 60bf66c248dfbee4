import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import type { DevicesChangedEvent } from './acsDevices';
import { createAcsCalling } from './createAcsCalling';
import { camera, createStubSdkWorld, microphone } from './stubSdk.test-support';

function setUp() {
  const world = createStubSdkWorld();
  const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
  return { world, calling, devices: calling.devices };
}

describe('devices', () => {
  it('works before connect, loading only the calling SDK', async () => {
    const { world, devices } = setUp();
    await devices.listMicrophones();
    expect(world.loads).toEqual({ sdk: 1, common: 0 });
  });

  it('asks for the microphone by default and reports what was granted', async () => {
    const { world, devices } = setUp();
    await expect(devices.requestPermission()).resolves.toEqual({ audio: true, video: false });
    await expect(devices.requestPermission({ audio: true, video: true })).resolves.toEqual({
      audio: true,
      video: true,
    });
    expect(world.deviceManager.permissionRequests).toEqual([
      { audio: true, video: false },
      { audio: true, video: true },
    ]);
  });

  it('rejects with microphone_denied when the microphone is refused', async () => {
    const { world, devices } = setUp();
    world.deviceManager.grant = { audio: false, video: true };
    const error = await typedRejection(devices.requestPermission({ audio: true, video: true }));
    expect(error.code).toBe('microphone_denied');
    expect(error.details).toEqual({ video: true });
  });

  it('reports a refused camera without failing when only the camera was asked for', async () => {
    const { world, devices } = setUp();
    world.deviceManager.grant = { audio: true, video: false };
    await expect(devices.requestPermission({ audio: false, video: true })).resolves.toEqual({
      audio: false,
      video: false,
    });
  });

  it('lists devices as plain data', async () => {
    const { world, devices } = setUp();
    await expect(devices.listMicrophones()).resolves.toEqual([
      { id: 'mic-1', name: 'Microphone mic-1', isSystemDefault: true },
      { id: 'mic-2', name: 'Microphone mic-2', isSystemDefault: false },
    ]);
    await expect(devices.listSpeakers()).resolves.toEqual([
      { id: 'spk-1', name: 'Speaker spk-1', isSystemDefault: true },
    ]);
    await expect(devices.listCameras()).resolves.toEqual([
      { id: 'cam-1', name: 'Camera cam-1', isSystemDefault: false },
      { id: 'cam-2', name: 'Camera cam-2', isSystemDefault: false },
    ]);
    world.deviceManager.isSpeakerSelectionAvailable = false;
    await expect(devices.listSpeakers()).resolves.toEqual([]);
  });

  it('selects a microphone and a speaker by id; an unknown id is not_found', async () => {
    const { world, devices } = setUp();
    await devices.selectMicrophone('mic-2');
    await devices.selectSpeaker('spk-1');
    expect(world.deviceManager.selectedMicrophone?.id).toBe('mic-2');
    expect(world.deviceManager.selectedSpeaker?.id).toBe('spk-1');
    const error = await typedRejection(devices.selectMicrophone('gone'));
    expect(error).toMatchObject({
      code: 'not_found',
      details: { reason: 'device_not_found', kind: 'microphone' },
    });
    expect((await typedRejection(devices.selectSpeaker('gone'))).code).toBe('not_found');
    expect((await typedRejection(devices.selectCamera('gone'))).code).toBe('not_found');
  });

  it('starts video on the selected camera, or the first one', async () => {
    const { world, calling, devices } = setUp();
    await calling.connect({
      getToken: async () => ({ token: 't', expiresOn: new Date(Date.now() + 3_600_000) }),
    });
    const first = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    world.agent().lastCall().setState('Connected');
    await first.startVideo();
    await devices.selectCamera('cam-2');
    const second = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550124' });
    world.agent().lastCall().setState('Connected');
    await second.startVideo();
    expect(world.cameraStreams.map((stream) => stream.source.id)).toEqual(['cam-1', 'cam-2']);
  });

  it('refuses video without a camera with a clear not_found error', async () => {
    const { world, calling } = setUp();
    await calling.connect({
      getToken: async () => ({ token: 't', expiresOn: new Date(Date.now() + 3_600_000) }),
    });
    world.deviceManager.cameras = [];
    const call = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    world.agent().lastCall().setState('Connected');
    const error = await typedRejection(call.startVideo());
    expect(error).toMatchObject({ code: 'not_found', details: { reason: 'no_camera' } });
    expect(error.message).toMatch(/No camera/);
  });

  it('hears devices plugged in once the SDK is loaded, until the listener is removed', async () => {
    const { world, devices } = setUp();
    const heard: DevicesChangedEvent[] = [];
    const stop = devices.onDevicesChanged((event) => heard.push(event));
    expect(world.loads.sdk).toBe(0);
    await devices.listCameras();
    world.deviceManager.plugIn(microphone('mic-3'));
    world.deviceManager.plugIn(camera('cam-3'));
    expect(heard).toEqual([
      {
        kind: 'audio',
        added: [{ id: 'mic-3', name: 'Microphone mic-3', isSystemDefault: false }],
        removed: [],
      },
      { kind: 'video', added: [{ id: 'cam-3', name: 'Camera cam-3', isSystemDefault: false }], removed: [] },
    ]);
    expect(world.registry.listenerCount()).toBe(2);
    stop();
    expect(world.registry.listenerCount()).toBe(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
  });

  it('listens again on the new device manager after a disconnect', async () => {
    const { world, calling, devices } = setUp();
    const heard: DevicesChangedEvent[] = [];
    devices.onDevicesChanged((event) => heard.push(event));
    await devices.listMicrophones();
    await calling.disconnect();
    expect(world.registry.listenerCount()).toBe(0);
    await devices.listMicrophones();
    expect(world.clients).toHaveLength(2);
    world.deviceManager.plugIn(microphone('mic-9'));
    expect(heard).toHaveLength(1);
  });

  it('types a failure of the SDK', async () => {
    const { world, devices } = setUp();
    world.deviceManager.getMicrophones = () => Promise.reject(new Error('NotReadableError'));
    const error = await typedRejection(devices.listMicrophones());
    expect(error).toMatchObject({ code: 'unknown', message: 'Could not list microphones.' });
  });
});
