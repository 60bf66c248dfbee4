import type { AudioDeviceInfo, CollectionUpdatedEvent, VideoDeviceInfo } from '@azure/communication-calling';
import { createListenerSet, TeamsEndpointError } from '@teams-endpoint/core';
import { toOperationError } from './sdkErrors';
import type { AcsCallingSdk, SdkCallClient, SdkDeviceManager, SdkLocalVideoStream } from './sdkTypes';

/** A microphone, speaker or camera, as plain data. `name` is the browser's label: show it as text. */
export interface MediaDevice {
  readonly id: string;
  readonly name: string;
  /** Whether the system uses it by default. Cameras always report `false`: the SDK does not say. */
  readonly isSystemDefault: boolean;
}

export interface DevicePermissionRequest {
  /** Ask for the microphone. Default `true`. */
  readonly audio?: boolean;
  /** Ask for the camera. Default `false`. */
  readonly video?: boolean;
}

/** What the user allowed. */
export interface DevicePermissions {
  readonly audio: boolean;
  readonly video: boolean;
}

/** Devices were plugged in or out. List them again to show the change. */
export interface DevicesChangedEvent {
  readonly kind: 'audio' | 'video';
  readonly added: readonly MediaDevice[];
  readonly removed: readonly MediaDevice[];
}

/**
 * Microphones, speakers and cameras. Every method loads the Calling SDK on first use (before or after
 * `connect`) and rejects only with a `TeamsEndpointError`.
 *
 * @example
 * await calling.devices.requestPermission({ audio: true });
 * const microphones = await calling.devices.listMicrophones();
 * await calling.devices.selectMicrophone(microphones[0].id);
 */
export interface AcsDevices {
  /** Shows the browser's prompt. Rejects with `microphone_denied` when the microphone was asked for and refused. */
  requestPermission(request?: DevicePermissionRequest): Promise<DevicePermissions>;
  listMicrophones(): Promise<readonly MediaDevice[]>;
  /** Empty where the browser cannot choose the speaker (Firefox, Safari). */
  listSpeakers(): Promise<readonly MediaDevice[]>;
  listCameras(): Promise<readonly MediaDevice[]>;
  /** Rejects with `not_found` when no microphone has this id. */
  selectMicrophone(id: string): Promise<void>;
  /** Rejects with `not_found` when no speaker has this id. */
  selectSpeaker(id: string): Promise<void>;
  /** The camera the next `startVideo` sends. Without a choice, the first camera. Rejects with `not_found`. */
  selectCamera(id: string): Promise<void>;
  /**
   * Hears when devices are plugged in or out, once the SDK is loaded (by `connect` or any method above).
   * Returns the function that removes that same listener.
   */
  onDevicesChanged(listener: (event: DevicesChangedEvent) => void): () => void;
}

/** The device side the port keeps for itself: the camera stream for video, and teardown. */
export interface DeviceAccess {
  readonly devices: AcsDevices;
  /** A stream of the chosen (or first) camera. Rejects with `not_found` (`details.reason: 'no_camera'`). */
  createCameraStream(): Promise<SdkLocalVideoStream>;
  /** Removes the SDK listeners and forgets the device manager of a disposed call client. */
  reset(): void;
}

type DeviceKind = 'microphone' | 'speaker' | 'camera';

const toMediaDevice = (device: AudioDeviceInfo | VideoDeviceInfo): MediaDevice => ({
  id: device.id,
  name: device.name,
  isSystemDefault: 'isSystemDefault' in device ? device.isSystemDefault : false,
});

const deviceNotFound = (kind: DeviceKind, id: string) =>
  new TeamsEndpointError('not_found', `No ${kind} with this id is connected. List the devices again.`, {
    details: { reason: 'device_not_found', kind, id },
  });

/**
 * Creates the device side of the port over the SDK's `DeviceManager`.
 *
 * @param runtime loads the SDK and gives the current call client.
 */
export function createDeviceAccess(
  runtime: () => Promise<{ sdk: AcsCallingSdk; client: SdkCallClient }>,
): DeviceAccess {
  let managerPromise: Promise<SdkDeviceManager> | undefined;
  let bound: SdkDeviceManager | undefined;
  let cameraId: string | undefined;

  const listeners = createListenerSet<DevicesChangedEvent>({
    onFirst: () => {
      if (bound) bind(bound);
    },
    onLast: () => unbind(),
  });

  const onAudioDevicesUpdated: CollectionUpdatedEvent<AudioDeviceInfo> = ({ added, removed }) =>
    listeners.emit({ kind: 'audio', added: added.map(toMediaDevice), removed: removed.map(toMediaDevice) });
  const onVideoDevicesUpdated: CollectionUpdatedEvent<VideoDeviceInfo> = ({ added, removed }) =>
    listeners.emit({ kind: 'video', added: added.map(toMediaDevice), removed: removed.map(toMediaDevice) });

  let listeningOn: SdkDeviceManager | undefined;
  function bind(manager: SdkDeviceManager) {
    if (listeningOn || listeners.size === 0) return;
    listeningOn = manager;
    manager.on('audioDevicesUpdated', onAudioDevicesUpdated);
    manager.on('videoDevicesUpdated', onVideoDevicesUpdated);
  }
  function unbind() {
    const manager = listeningOn;
    if (!manager) return;
    listeningOn = undefined;
    manager.off('audioDevicesUpdated', onAudioDevicesUpdated);
    manager.off('videoDevicesUpdated', onVideoDevicesUpdated);
  }

  const deviceManager = (): Promise<SdkDeviceManager> => {
    if (managerPromise) return managerPromise;
    const pending = runtime()
      .then(({ client }) => client.getDeviceManager())
      .then((manager) => {
        // A reset while the manager was on its way means its call client is gone: do not listen to it.
        if (managerPromise === pending) {
          bound = manager;
          bind(manager);
        }
        return manager;
      });
    managerPromise = pending;
    pending.catch(() => {
      if (managerPromise === pending) managerPromise = undefined;
    });
    return pending;
  };

  /** Runs one device operation with its errors typed. */
  const withManager = async <T>(action: string, run: (manager: SdkDeviceManager) => Promise<T>) => {
    try {
      return await run(await deviceManager());
    } catch (error) {
      throw toOperationError(error, action, 'unknown');
    }
  };

  const find = async <T extends { id: string }>(kind: DeviceKind, id: string, list: Promise<T[]>) => {
    const device = (await list).find((candidate) => candidate.id === id);
    if (!device) throw deviceNotFound(kind, id);
    return device;
  };

  const devices: AcsDevices = {
    async requestPermission(request = {}) {
      const audio = request.audio ?? true;
      const video = request.video ?? false;
      const access = await withManager('ask for device permission', (manager) =>
        manager.askDevicePermission({ audio, video }),
      );
      if (audio && !access.audio) {
        throw new TeamsEndpointError(
          'microphone_denied',
          'Microphone access was denied. Allow it in the browser’s site settings, then try again.',
          { details: { video: access.video } },
        );
      }
      return { audio: access.audio, video: access.video };
    },
    listMicrophones: () =>
      withManager('list microphones', async (manager) => (await manager.getMicrophones()).map(toMediaDevice)),
    listSpeakers: () =>
      withManager('list speakers', async (manager) =>
        manager.isSpeakerSelectionAvailable ? (await manager.getSpeakers()).map(toMediaDevice) : [],
      ),
    listCameras: () =>
      withManager('list cameras', async (manager) => (await manager.getCameras()).map(toMediaDevice)),
    selectMicrophone: (id) =>
      withManager('select the microphone', async (manager) =>
        manager.selectMicrophone(await find('microphone', id, manager.getMicrophones())),
      ),
    selectSpeaker: (id) =>
      withManager('select the speaker', async (manager) =>
        manager.selectSpeaker(await find('speaker', id, manager.getSpeakers())),
      ),
    selectCamera: (id) =>
      withManager('select the camera', async (manager) => {
        cameraId = (await find('camera', id, manager.getCameras())).id;
      }),
    onDevicesChanged: (listener) => listeners.add(listener),
  };

  return {
    devices,
    async createCameraStream() {
      const { sdk } = await runtime();
      const cameras = await withManager('list cameras', (manager) => manager.getCameras());
      const camera = cameras.find((candidate) => candidate.id === cameraId) ?? cameras[0];
      if (!camera) {
        throw new TeamsEndpointError('not_found', 'No camera is connected, so video cannot start.', {
          details: { reason: 'no_camera' },
        });
      }
      return new sdk.LocalVideoStream(camera);
    },
    reset() {
      unbind();
      bound = undefined;
      managerPromise = undefined;
    },
  };
}
