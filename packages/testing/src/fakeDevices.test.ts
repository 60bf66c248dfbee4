import { LOCAL_STREAM_IDS, TeamsEndpointError } from '@teams-endpoint/core';
import { describe, expect, it } from 'vitest';
import { createFakeCalling } from './fakeCalling';
import { connectedCalling, liveCall, untouchableContainer } from './fakeCalling.test-support';
import { FAKE_DEVICES } from './fakeDevices';
import { typedRejection } from './typedRejection';

const ids = (devices: readonly { id: string }[]) => devices.map((device) => device.id);
const names = (devices: readonly { name: string }[]) => devices.map((device) => device.name);

describe('fake devices: the inventory', () => {
  it('starts with two of each kind, stable ids, nothing asked yet and no labels', async () => {
    const { devices } = createFakeCalling();
    const inventory = await devices.getInventory();
    expect(inventory).toEqual({
      microphones: FAKE_DEVICES.microphone.map((device) => ({ ...device, name: '' })),
      speakers: FAKE_DEVICES.speaker.map((device) => ({ ...device, name: '' })),
      cameras: FAKE_DEVICES.camera.map((device) => ({ ...device, name: '' })),
      selected: {
        microphone: 'fake-microphone-built-in',
        speaker: 'fake-speaker-built-in',
        camera: 'fake-camera-built-in',
      },
      permissions: { microphone: 'prompt', camera: 'prompt' },
      canSelectSpeaker: true,
    });
    expect(inventory.cameras.every((camera) => camera.isSystemDefault === false)).toBe(true);
    expect(ids((await createFakeCalling().devices.getInventory()).microphones)).toEqual(
      ids(inventory.microphones),
    );
  });

  it('hands back the same inventory until something changes', async () => {
    const calling = createFakeCalling();
    const first = await calling.devices.getInventory();
    expect(await calling.devices.getInventory()).toBe(first);
    await calling.devices.select('camera', 'fake-camera-usb');
    expect(await calling.devices.getInventory()).not.toBe(first);
  });

  it('shows the labels of a kind once its permission is granted; speakers follow the microphone', async () => {
    const { devices } = createFakeCalling();
    expect(await devices.requestPermission()).toEqual({ microphone: 'granted', camera: 'prompt' });
    const inventory = await devices.getInventory();
    expect(names(inventory.microphones)).toEqual(['Built-in Microphone', 'Headset Microphone']);
    expect(names(inventory.speakers)).toEqual(['Built-in Speakers', 'Headset Earphones']);
    expect(names(inventory.cameras)).toEqual(['', '']);
    await devices.requestPermission({ audio: false, video: true });
    expect(names((await devices.getInventory()).cameras)).toEqual(['Built-in Camera', 'USB Camera']);
  });

  it('starts with the permissions given in the options', async () => {
    const { devices } = createFakeCalling({ devices: { permissions: { camera: 'granted' } } });
    expect((await devices.getInventory()).permissions).toEqual({ microphone: 'prompt', camera: 'granted' });
  });
});

describe('fake devices: permissions', () => {
  it('a refused microphone rejects with microphone_denied, naming what was refused', async () => {
    const calling = createFakeCalling();
    calling.deviceControls.denyPermission('microphone');
    calling.deviceControls.denyPermission('camera');
    const error = await typedRejection(calling.devices.requestPermission({ audio: true, video: true }));
    expect(error).toBeInstanceOf(TeamsEndpointError);
    expect(error).toMatchObject({
      code: 'microphone_denied',
      details: { refused: ['microphone', 'camera'] },
    });
    expect((await calling.devices.getInventory()).permissions).toEqual({
      microphone: 'denied',
      camera: 'denied',
    });
  });

  it('a refused camera with the microphone allowed rejects with camera_denied', async () => {
    const calling = createFakeCalling();
    calling.deviceControls.denyPermission('camera');
    expect(await typedRejection(calling.devices.requestPermission({ video: true }))).toMatchObject({
      code: 'camera_denied',
      details: { refused: ['camera'] },
    });
    expect(calling.deviceControls.permissions).toEqual({ microphone: 'granted', camera: 'denied' });
    expect(
      await typedRejection(calling.devices.requestPermission({ audio: false, video: true })),
    ).toMatchObject({
      code: 'camera_denied',
    });
  });

  it('a denied kind stays denied when asked again; allowPermission resets it to prompt, and the next ask grants', async () => {
    const calling = createFakeCalling();
    calling.deviceControls.denyPermission('microphone');
    await typedRejection(calling.devices.requestPermission());
    calling.deviceControls.denyPermission('microphone');
    expect(calling.deviceControls.permissions.microphone).toBe('denied');
    calling.deviceControls.allowPermission('microphone');
    expect(calling.deviceControls.permissions.microphone).toBe('prompt');
    expect(await calling.devices.requestPermission()).toMatchObject({ microphone: 'granted' });
  });

  it('denying a kind before it is asked changes nothing until the browser asks', async () => {
    const calling = createFakeCalling();
    calling.deviceControls.denyPermission('camera');
    expect(calling.deviceControls.permissions.camera).toBe('prompt');
    await calling.devices.requestPermission();
    expect(calling.deviceControls.permissions.camera).toBe('prompt');
  });

  it('revoking the camera ends the video of live calls and every preview', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    await handle.startVideo();
    await handle.renderStream(LOCAL_STREAM_IDS.video, untouchableContainer);
    await calling.devices.renderPreview(untouchableContainer);
    expect(calling.liveViewCount()).toBe(2);
    const events: unknown[] = [];
    handle.subscribe((event) => events.push(event));

    calling.deviceControls.denyPermission('camera');

    expect(calling.deviceControls.permissions.camera).toBe('denied');
    expect(events).toEqual([{ type: 'video', isVideoOn: false }]);
    expect(calling.liveViewCount()).toBe(0);
  });
});

describe('fake devices: selection', () => {
  it('selects a device by id and tells the listeners once', async () => {
    const calling = createFakeCalling();
    let changes = 0;
    const stop = calling.devices.onChanged(() => {
      changes += 1;
    });
    await calling.devices.select('microphone', 'fake-microphone-headset');
    await calling.devices.select('microphone', 'fake-microphone-headset');
    expect((await calling.devices.getInventory()).selected.microphone).toBe('fake-microphone-headset');
    expect(changes).toBe(1);
    stop();
  });

  it('rejects an unknown id with not_found, and an unknown kind with invalid_argument', async () => {
    const { devices } = createFakeCalling();
    expect(await typedRejection(devices.select('camera', 'fake-microphone-headset'))).toMatchObject({
      code: 'not_found',
      details: { reason: 'device_not_found', kind: 'camera', id: 'fake-microphone-headset' },
    });
    expect(await typedRejection(devices.select('printer' as never, 'x'))).toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('where the browser cannot choose the speaker, lists none and refuses to select one', async () => {
    const calling = createFakeCalling({ devices: { canSelectSpeaker: false } });
    const inventory = await calling.devices.getInventory();
    expect(inventory).toMatchObject({ canSelectSpeaker: false, speakers: [], selected: { speaker: null } });
    expect(await typedRejection(calling.devices.select('speaker', 'fake-speaker-built-in'))).toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'speaker_selection_unsupported' },
    });
    calling.deviceControls.setCanSelectSpeaker(true);
    await calling.devices.select('speaker', 'fake-speaker-headset');
    expect((await calling.devices.getInventory()).selected.speaker).toBe('fake-speaker-headset');
  });
});

describe('fake devices: plugging in and out', () => {
  it('unplugging the selected device moves the selection to the first remaining one, then to none', async () => {
    const calling = createFakeCalling();
    const { devices, deviceControls } = calling;
    await devices.select('camera', 'fake-camera-usb');
    deviceControls.unplug('camera', 'fake-camera-usb');
    expect((await devices.getInventory()).selected.camera).toBe('fake-camera-built-in');
    deviceControls.unplug('camera', 'fake-camera-built-in');
    expect(await devices.getInventory()).toMatchObject({ cameras: [], selected: { camera: null } });
    deviceControls.plugIn('camera', { id: 'fake-camera-dock', name: 'Dock Camera' });
    expect(await devices.getInventory()).toMatchObject({
      cameras: [{ id: 'fake-camera-dock', isSystemDefault: false }],
      selected: { camera: 'fake-camera-dock' },
    });
  });

  it('unplugging a device that is not selected keeps the selection; the OS picks another default', async () => {
    const calling = createFakeCalling();
    await calling.devices.select('microphone', 'fake-microphone-headset');
    calling.deviceControls.unplug('microphone', 'fake-microphone-built-in');
    expect(await calling.devices.getInventory()).toMatchObject({
      microphones: [{ id: 'fake-microphone-headset', isSystemDefault: true }],
      selected: { microphone: 'fake-microphone-headset' },
    });
  });

  it('a new system default takes the default from the others', async () => {
    const calling = createFakeCalling();
    calling.deviceControls.plugIn('speaker', {
      id: 'fake-speaker-usb',
      name: 'USB Speakers',
      isSystemDefault: true,
    });
    const { speakers, selected } = await calling.devices.getInventory();
    expect(speakers.filter((speaker) => speaker.isSystemDefault).map((speaker) => speaker.id)).toEqual([
      'fake-speaker-usb',
    ]);
    expect(selected.speaker).toBe('fake-speaker-built-in');
  });

  it('plugging in a known id or unplugging an unknown one is a test mistake', () => {
    const { deviceControls } = createFakeCalling();
    expect(() =>
      deviceControls.plugIn('microphone', { id: 'fake-microphone-headset', name: 'Again' }),
    ).toThrow();
    expect(() => deviceControls.unplug('speaker', 'fake-speaker-nowhere')).toThrow();
  });

  it('unplugging the camera in use ends the video and the previews; another camera does not', async () => {
    const calling = await connectedCalling();
    const { handle } = await liveCall(calling);
    await handle.startVideo();
    await calling.devices.renderPreview(untouchableContainer);
    calling.deviceControls.unplug('camera', 'fake-camera-usb');
    expect(handle.getState().isVideoOn).toBe(true);
    expect(calling.deviceControls.previewCount).toBe(1);
    calling.deviceControls.unplug('camera', 'fake-camera-built-in');
    expect(handle.getState().isVideoOn).toBe(false);
    expect(calling.deviceControls.previewCount).toBe(0);
  });

  it('listeners hear every change and are counted until removed', async () => {
    const calling = createFakeCalling();
    let changes = 0;
    const stops = [1, 2].map(() =>
      calling.devices.onChanged(() => {
        changes += 1;
      }),
    );
    expect(calling.deviceControls.listenerCount).toBe(2);
    expect(calling.listenerCount()).toBe(2);
    calling.deviceControls.plugIn('microphone', { id: 'fake-microphone-usb', name: 'USB Microphone' });
    calling.deviceControls.unplug('microphone', 'fake-microphone-usb');
    await calling.devices.requestPermission();
    calling.deviceControls.setCanSelectSpeaker(false);
    expect(changes).toBe(8);
    for (const stop of stops) stop();
    expect(calling.listenerCount()).toBe(0);
  });
});

describe('fake devices: preview', () => {
  it('renders the selected camera, asking for it the first time, counted with the views', async () => {
    const calling = createFakeCalling();
    const preview = await calling.devices.renderPreview(untouchableContainer);
    expect(preview.streamId).toBe(LOCAL_STREAM_IDS.video);
    expect(calling.deviceControls.permissions.camera).toBe('granted');
    expect(calling.liveViewCount()).toBe(1);
    preview.dispose();
    preview.dispose();
    expect(calling.liveViewCount()).toBe(0);
  });

  it('rejects with camera_denied, or not_found (no_camera), and leaves no view', async () => {
    const calling = createFakeCalling();
    calling.deviceControls.denyPermission('camera');
    expect(await typedRejection(calling.devices.renderPreview(untouchableContainer))).toMatchObject({
      code: 'camera_denied',
    });
    for (const camera of FAKE_DEVICES.camera) calling.deviceControls.unplug('camera', camera.id);
    expect(await typedRejection(calling.devices.renderPreview(untouchableContainer))).toMatchObject({
      code: 'not_found',
      details: { reason: 'no_camera' },
    });
    expect(calling.liveViewCount()).toBe(0);
  });

  it('honours its signal', async () => {
    const calling = createFakeCalling();
    const held = calling.deferNext('renderPreview');
    const controller = new AbortController();
    const rendering = calling.devices.renderPreview(untouchableContainer, { signal: controller.signal });
    controller.abort();
    held.resolve();
    expect(await typedRejection(rendering)).toMatchObject({ code: 'aborted' });
    expect(calling.liveViewCount()).toBe(0);
  });
});

describe('fake devices: port controls', () => {
  it('every method counts and takes failNext and deferNext', async () => {
    const calling = createFakeCalling();
    const failure = new TeamsEndpointError('unknown', 'Simulated.');
    calling.failNext('getInventory', failure);
    calling.failNext('requestPermission', failure);
    calling.failNext('select', failure);
    calling.failNext('renderPreview', failure);
    expect(await typedRejection(calling.devices.getInventory())).toBe(failure);
    expect(await typedRejection(calling.devices.requestPermission())).toBe(failure);
    expect(await typedRejection(calling.devices.select('camera', 'fake-camera-usb'))).toBe(failure);
    expect(await typedRejection(calling.devices.renderPreview(untouchableContainer))).toBe(failure);
    expect(calling.deviceControls.permissions.microphone).toBe('prompt');

    const held = calling.deferNext('requestPermission');
    let answered = false;
    const asking = calling.devices.requestPermission().then(() => {
      answered = true;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    held.resolve();
    await asking;
    expect(calling.methodCalls).toMatchObject({
      getInventory: 1,
      requestPermission: 2,
      select: 1,
      renderPreview: 1,
    });
  });
});
