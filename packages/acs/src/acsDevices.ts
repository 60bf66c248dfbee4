import type { AudioDeviceInfo, VideoDeviceInfo } from '@azure/communication-calling';
import {
  abortedError,
  createListenerSet,
  type DeviceInventory,
  type DevicePermissionStates,
  type DevicePort,
  LOCAL_STREAM_IDS,
  type MediaDevice,
  type MediaDeviceKind,
  TeamsEndpointError,
  throwIfAborted,
} from '@teams-endpoint/core';
import { createDevicePermissions, type PermissionsApi } from './devicePermissions';
import { toOperationError, toRenderError } from './sdkErrors';
import type { AcsCallingSdk, SdkCallClient, SdkDeviceManager, SdkLocalVideoStream } from './sdkTypes';
import { createStreamViews, type StreamViews } from './streamViews';

export interface DeviceAccessOptions {
  /** Moves the camera stream of every live call with video on to `camera`. */
  readonly switchLiveCameras: (camera: VideoDeviceInfo) => Promise<void>;
  /** The browser's Permissions API. Default: `navigator.permissions`, where the page has it. */
  readonly permissions?: () => PermissionsApi | undefined;
}

/** The device side the port keeps for itself: the camera stream for video, and teardown. */
export interface DeviceAccess {
  readonly devices: DevicePort;
  /** A stream of the selected (or first) camera. Rejects with `not_found` (`details.reason: 'no_camera'`). */
  createCameraStream(): Promise<SdkLocalVideoStream>;
  /** Removes the SDK listeners, disposes the previews and forgets the device manager of a disposed call client. */
  reset(): void;
}

const toMediaDevice = (device: AudioDeviceInfo | VideoDeviceInfo): MediaDevice => ({
  id: device.id,
  name: device.name,
  isSystemDefault: 'isSystemDefault' in device ? device.isSystemDefault : false,
});

/** The id of a selected device, or `null` when it is not among those connected. */
const listedId = (selected: AudioDeviceInfo | undefined, listed: readonly AudioDeviceInfo[]) =>
  selected && listed.some((device) => device.id === selected.id) ? selected.id : null;

const deviceNotFound = (kind: MediaDeviceKind, id: string) =>
  new TeamsEndpointError('not_found', `No ${kind} with this id is connected. List the devices again.`, {
    details: { reason: 'device_not_found', kind, id },
  });

const noCamera = (purpose: string) =>
  new TeamsEndpointError('not_found', `No camera is connected, so ${purpose}.`, {
    details: { reason: 'no_camera' },
  });

const denied = (kind: 'microphone' | 'camera', permissions: DevicePermissionStates) =>
  new TeamsEndpointError(
    kind === 'microphone' ? 'microphone_denied' : 'camera_denied',
    `${kind === 'microphone' ? 'Microphone' : 'Camera'} access was denied. Allow it in the browser’s site settings, then try again.`,
    { details: { permissions } },
  );

/**
 * Creates the device port over the SDK's `DeviceManager`. Every method loads the Calling SDK on first use (before
 * or after `connect`) and rejects only with a `TeamsEndpointError`.
 *
 * `onChanged` follows `audioDevicesUpdated`, `videoDevicesUpdated`, `selectedMicrophoneChanged`,
 * `selectedSpeakerChanged` and the browser's permission changes, from its first listener to its last one (and
 * once the SDK is loaded); the port reports a camera selection and a permission answer itself, since the SDK has
 * no event for them.
 *
 * @param runtime loads the SDK and gives the current call client.
 */
export function createDeviceAccess(
  runtime: () => Promise<{ sdk: AcsCallingSdk; client: SdkCallClient }>,
  options: DeviceAccessOptions,
): DeviceAccess {
  let managerPromise: Promise<SdkDeviceManager> | undefined;
  let bound: SdkDeviceManager | undefined;
  let cameraId: string | undefined;
  let previews: StreamViews | undefined;
  const previewStreams = new Set<SdkLocalVideoStream>();
  const permissions = createDevicePermissions(options.permissions);

  const listeners = createListenerSet<void>({
    onFirst: () => {
      if (bound) bind(bound);
    },
    onLast: () => unbind(),
  });
  // One handler for every event: each of them means "read the inventory again".
  const changed = () => listeners.emit();

  let listening: { manager: SdkDeviceManager; stopWatchingPermissions: () => void } | undefined;
  function bind(manager: SdkDeviceManager) {
    if (listening || listeners.size === 0) return;
    manager.on('audioDevicesUpdated', changed);
    manager.on('videoDevicesUpdated', changed);
    manager.on('selectedMicrophoneChanged', changed);
    manager.on('selectedSpeakerChanged', changed);
    listening = { manager, stopWatchingPermissions: permissions.watch(changed) };
  }
  function unbind() {
    if (!listening) return;
    const { manager, stopWatchingPermissions } = listening;
    listening = undefined;
    manager.off('audioDevicesUpdated', changed);
    manager.off('videoDevicesUpdated', changed);
    manager.off('selectedMicrophoneChanged', changed);
    manager.off('selectedSpeakerChanged', changed);
    stopWatchingPermissions();
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

  const find = async <T extends { id: string }>(kind: MediaDeviceKind, id: string, list: Promise<T[]>) => {
    const device = (await list).find((candidate) => candidate.id === id);
    if (!device) throw deviceNotFound(kind, id);
    return device;
  };

  /** The camera video uses: the selected one while it is connected, else the first. */
  const chosenCamera = (cameras: readonly VideoDeviceInfo[]) =>
    cameras.find((candidate) => candidate.id === cameraId) ?? cameras[0];

  /** Moves the live calls and the previews to `camera`. `switchSource` refuses the camera a stream has. */
  const switchCameras = async (camera: VideoDeviceInfo) => {
    const switching = [...previewStreams]
      .filter((stream) => stream.source.id !== camera.id)
      .map((stream) => stream.switchSource(camera));
    await Promise.all([options.switchLiveCameras(camera), ...switching]);
  };

  const devices: DevicePort = {
    getInventory: () =>
      withManager('list the devices', async (manager): Promise<DeviceInventory> => {
        const canSelectSpeaker = manager.isSpeakerSelectionAvailable;
        const [microphones, speakers, cameras, states] = await Promise.all([
          manager.getMicrophones(),
          // The SDK refuses to list speakers where it cannot select them (405/40606).
          canSelectSpeaker ? manager.getSpeakers() : Promise.resolve([]),
          manager.getCameras(),
          permissions.read(),
        ]);
        return {
          microphones: microphones.map(toMediaDevice),
          speakers: speakers.map(toMediaDevice),
          cameras: cameras.map(toMediaDevice),
          selected: {
            microphone: listedId(manager.selectedMicrophone, microphones),
            speaker: listedId(manager.selectedSpeaker, speakers),
            camera: chosenCamera(cameras)?.id ?? null,
          },
          permissions: states,
          canSelectSpeaker,
        };
      }),

    async requestPermission(request = {}) {
      const audio = request.audio ?? true;
      const video = request.video ?? false;
      // Nothing to ask: the SDK refuses such a request (DEVICE_MANAGER.ONE_PERMISSION_ATLEAST, 400/40612).
      if (!audio && !video) return permissions.read();
      const access = await withManager('ask for device permission', (manager) =>
        manager.askDevicePermission({ audio, video }),
      );
      permissions.record({
        ...(audio ? { microphone: access.audio } : {}),
        ...(video ? { camera: access.video } : {}),
      });
      changed();
      const states = await permissions.read();
      if (audio && !access.audio) throw denied('microphone', states);
      if (video && !access.video) throw denied('camera', states);
      return states;
    },

    select: (kind, id) =>
      withManager(`select the ${kind}`, async (manager) => {
        if (kind === 'microphone') {
          await manager.selectMicrophone(await find(kind, id, manager.getMicrophones()));
          return;
        }
        if (kind === 'speaker') {
          if (!manager.isSpeakerSelectionAvailable) {
            // The SDK refuses too (DEVICE_MANAGER.SPEAKER_SELECTION_UNSUPPORTED, 405/40611).
            throw new TeamsEndpointError('invalid_argument', 'This browser cannot choose the speaker.', {
              details: { reason: 'speaker_selection_unavailable' },
            });
          }
          await manager.selectSpeaker(await find(kind, id, manager.getSpeakers()));
          return;
        }
        const camera = await find(kind, id, manager.getCameras());
        if (cameraId !== camera.id) {
          cameraId = camera.id;
          changed();
        }
        await switchCameras(camera);
      }),

    onChanged: (listener) => listeners.add(listener),

    async renderPreview(container, renderOptions = {}) {
      throwIfAborted(renderOptions.signal);
      const { sdk, camera } = await withManager('show the camera preview', async (manager) => {
        const [{ sdk: loaded }, cameras] = await Promise.all([runtime(), manager.getCameras()]);
        const chosen = chosenCamera(cameras);
        if (!chosen) throw noCamera('there is nothing to preview');
        return { sdk: loaded, camera: chosen };
      });
      let stream: SdkLocalVideoStream;
      try {
        stream = new sdk.LocalVideoStream(camera);
      } catch (error) {
        throw toRenderError(error, 'camera');
      }
      previewStreams.add(stream);
      previews ??= createStreamViews(sdk.VideoStreamRenderer);
      return previews.render({
        streamId: LOCAL_STREAM_IDS.video,
        ownerId: 'preview',
        stream,
        container,
        scaling: renderOptions.scaling ?? 'crop',
        mirrored: renderOptions.mirrored ?? true,
        signal: renderOptions.signal,
        source: 'camera',
        onReleased: () => {
          previewStreams.delete(stream);
          stream.dispose();
        },
      });
    },
  };

  return {
    devices,
    async createCameraStream() {
      const { sdk } = await runtime();
      const cameras = await withManager('list cameras', (manager) => manager.getCameras());
      const camera = chosenCamera(cameras);
      if (!camera) throw noCamera('video cannot start');
      return new sdk.LocalVideoStream(camera);
    },
    reset() {
      unbind();
      previews?.release(() => true, abortedError(undefined, 'The calling port disconnected.'));
      bound = undefined;
      managerPromise = undefined;
    },
  };
}
