import {
  createListenerSet,
  type DeviceInventory,
  type DevicePermissionRequest,
  type DevicePermissionState,
  type DevicePermissionStates,
  type DevicePort,
  LOCAL_STREAM_IDS,
  type MediaDevice,
  type MediaDeviceKind,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import type { FakeStreamViews, FakeViewSource } from './fakeStreamViews';

/** The device methods of the fake, for fault injection and call counting (`onChanged` is synchronous). */
export const FAKE_DEVICE_METHODS = ['getInventory', 'requestPermission', 'select', 'renderPreview'] as const;
export type FakeDeviceMethod = (typeof FAKE_DEVICE_METHODS)[number];

/** A kind the browser asks permission for. Speakers need none: their labels follow the microphone's. */
export type DevicePermissionKind = keyof DevicePermissionStates;

/** A device to plug in. `isSystemDefault` is ignored for cameras, which never report it. */
export interface FakeDeviceInput {
  readonly id: string;
  readonly name: string;
  readonly isSystemDefault?: boolean;
}

export interface FakeDevicesOptions {
  /** The permissions at start. Default: both `prompt`, as on a first visit. */
  readonly permissions?: Partial<DevicePermissionStates>;
  /** Whether the browser can choose the speaker. Default `true` (Chromium); `false` is Firefox and Safari. */
  readonly canSelectSpeaker?: boolean;
}

/** The remote control of the fake's devices: what the user and the hardware do. */
export interface FakeDeviceControls {
  /** The permission states now. */
  readonly permissions: DevicePermissionStates;
  /** `onChanged` listeners now. Zero after teardown. */
  readonly listenerCount: number;
  /** Device previews (`renderPreview`) still alive. */
  readonly previewCount: number;
  /**
   * The user refuses `kind` from now on: a `prompt` state turns `denied` at the next ask (a request, a
   * `startVideo`, a preview); a `granted` one turns `denied` now (revoked in the site settings), which ends
   * the camera's video and previews.
   */
  denyPermission(kind: DevicePermissionKind): void;
  /** The user allows `kind` from now on: a `prompt` state turns `granted` at the next ask; a `denied` one is reset to `prompt`. */
  allowPermission(kind: DevicePermissionKind): void;
  /** Plugs a device in. Throws when one of that kind already has the id. */
  plugIn(kind: MediaDeviceKind, device: FakeDeviceInput): void;
  /** Unplugs a device. Throws when none of that kind has the id. */
  unplug(kind: MediaDeviceKind, id: string): void;
  setCanSelectSpeaker(canSelect: boolean): void;
}

/** What the fake calling port uses of its devices, beyond the port itself. */
export interface FakeDevices {
  readonly port: DevicePort;
  readonly controls: FakeDeviceControls;
  /**
   * Opens the selected camera for a call's video or a preview, asking for the permission if it was not asked
   * yet. Throws `not_found` (`details.reason: 'no_camera'`) or `camera_denied`.
   */
  openCamera(): MediaDevice;
  /** What a local camera view shows: the selected camera, read on every frame (a new selection shows at once). */
  localCameraSource(): FakeViewSource;
  listenerCount(): number;
}

/** The devices of a new fake, with stable ids; the first microphone and speaker are the system's defaults. */
export const FAKE_DEVICES: { readonly [K in MediaDeviceKind]: readonly MediaDevice[] } = Object.freeze({
  microphone: Object.freeze([
    Object.freeze({ id: 'fake-microphone-built-in', name: 'Built-in Microphone', isSystemDefault: true }),
    Object.freeze({ id: 'fake-microphone-headset', name: 'Headset Microphone', isSystemDefault: false }),
  ]),
  speaker: Object.freeze([
    Object.freeze({ id: 'fake-speaker-built-in', name: 'Built-in Speakers', isSystemDefault: true }),
    Object.freeze({ id: 'fake-speaker-headset', name: 'Headset Earphones', isSystemDefault: false }),
  ]),
  camera: Object.freeze([
    Object.freeze({ id: 'fake-camera-built-in', name: 'Built-in Camera', isSystemDefault: false }),
    Object.freeze({ id: 'fake-camera-usb', name: 'USB Camera', isSystemDefault: false }),
  ]),
});

const KINDS: readonly MediaDeviceKind[] = ['microphone', 'speaker', 'camera'];
const PREVIEW_OWNER = 'fake-devices:preview';

/** The permission whose grant reveals a kind's labels. */
const LABEL_PERMISSION: { readonly [K in MediaDeviceKind]: DevicePermissionKind } = {
  microphone: 'microphone',
  // Media Capture and Streams, "device information exposure": audio outputs are exposed with the microphone.
  speaker: 'microphone',
  camera: 'camera',
};

const refusal = (refused: readonly DevicePermissionKind[]) => {
  const details = { refused: Object.freeze([...refused]) };
  return refused.includes('microphone')
    ? new TeamsEndpointError('microphone_denied', 'The browser refused access to the microphone.', {
        details,
      })
    : new TeamsEndpointError('camera_denied', 'The browser refused access to the camera.', { details });
};

function requireKind(kind: MediaDeviceKind): void {
  if (!KINDS.includes(kind)) {
    throw new TeamsEndpointError(
      'invalid_argument',
      'The device kind is not one of microphone, speaker, camera.',
      {
        details: { reason: 'unknown_device_kind' },
      },
    );
  }
}

/**
 * Creates the fake's devices over the calling port's controls (so that `failNext` and `deferNext` work on
 * every method) and its view registry (previews count as live views).
 *
 * @param onCameraLost runs when the selected camera stops delivering (unplugged or permission revoked).
 */
export function createFakeDevices(deps: {
  readonly enter: (method: FakeDeviceMethod, signal?: AbortSignal) => Promise<void>;
  readonly views: FakeStreamViews;
  readonly onCameraLost: () => void;
  readonly options?: FakeDevicesOptions;
}): FakeDevices {
  const { enter, views, onCameraLost } = deps;
  const devices: Record<MediaDeviceKind, MediaDevice[]> = {
    microphone: [...FAKE_DEVICES.microphone],
    speaker: [...FAKE_DEVICES.speaker],
    camera: [...FAKE_DEVICES.camera],
  };
  const firstChoice = (kind: MediaDeviceKind) =>
    (devices[kind].find((device) => device.isSystemDefault) ?? devices[kind][0])?.id ?? null;
  const selected: Record<MediaDeviceKind, string | null> = {
    microphone: firstChoice('microphone'),
    speaker: firstChoice('speaker'),
    camera: firstChoice('camera'),
  };
  // Media Capture and Streams: a page that has not asked yet is in `prompt`.
  const permissions: Record<DevicePermissionKind, DevicePermissionState> = {
    microphone: deps.options?.permissions?.microphone ?? 'prompt',
    camera: deps.options?.permissions?.camera ?? 'prompt',
  };
  const answers: Record<DevicePermissionKind, 'allow' | 'deny'> = { microphone: 'allow', camera: 'allow' };
  let canSelectSpeaker = deps.options?.canSelectSpeaker ?? true;
  const listeners = createListenerSet<void>();
  let inventory: DeviceInventory | undefined;

  const changed = () => {
    inventory = undefined;
    listeners.emit();
  };

  const cameraLost = () => {
    views.disposeOwner(PREVIEW_OWNER);
    onCameraLost();
  };

  /** The browser's prompt, for a kind not decided yet: the scripted answer decides. */
  const ask = (kind: DevicePermissionKind): boolean => {
    if (permissions[kind] !== 'prompt') return false;
    permissions[kind] = answers[kind] === 'deny' ? 'denied' : 'granted';
    return true;
  };

  const shown = (kind: MediaDeviceKind): readonly MediaDevice[] => {
    // Media Capture and Streams, `enumerateDevices`: labels are empty until the kind's permission is granted.
    if (permissions[LABEL_PERMISSION[kind]] === 'granted') return Object.freeze([...devices[kind]]);
    return Object.freeze(devices[kind].map((device) => Object.freeze({ ...device, name: '' })));
  };

  const snapshot = (): DeviceInventory =>
    Object.freeze({
      microphones: shown('microphone'),
      // The contract (devicePort.ts): no speakers where the browser cannot choose one.
      speakers: canSelectSpeaker ? shown('speaker') : Object.freeze([]),
      cameras: shown('camera'),
      selected: Object.freeze({ ...selected, speaker: canSelectSpeaker ? selected.speaker : null }),
      permissions: Object.freeze({ ...permissions }),
      canSelectSpeaker,
    });

  const selectedCamera = () => devices.camera.find((camera) => camera.id === selected.camera);

  const openCamera = (): MediaDevice => {
    const camera = selectedCamera();
    // The ACS port lists the cameras first (`createCameraStream`) and refuses before any prompt when there is none.
    if (!camera) {
      throw new TeamsEndpointError('not_found', 'No camera is connected.', {
        details: { reason: 'no_camera' },
      });
    }
    // Opening a camera (getUserMedia) shows the prompt when the page has not asked yet.
    if (ask('camera')) changed();
    if (permissions.camera === 'denied') throw refusal(['camera']);
    return camera;
  };

  const localCameraSource = (): FakeViewSource => ({
    streamId: LOCAL_STREAM_IDS.video,
    kind: 'video',
    isLocalCamera: true,
    seed: LOCAL_STREAM_IDS.video,
    describe: () => ({ name: 'You', caption: selectedCamera()?.name ?? '' }),
  });

  const port: DevicePort = {
    async getInventory() {
      await enter('getInventory');
      inventory ??= snapshot();
      return inventory;
    },
    async requestPermission(request: DevicePermissionRequest = {}) {
      await enter('requestPermission');
      // The contract's defaults: the microphone unless `audio: false`, the camera only with `video: true`.
      const asked: DevicePermissionKind[] = [];
      if (request.audio !== false) asked.push('microphone');
      if (request.video === true) asked.push('camera');
      // Browsers do not prompt again for a kind already decided: a denied one stays denied.
      const prompted = asked.map(ask).some(Boolean);
      if (prompted) changed();
      const refused = asked.filter((kind) => permissions[kind] === 'denied');
      if (refused.length > 0) throw refusal(refused);
      return Object.freeze({ ...permissions });
    },
    async select(kind, id) {
      await enter('select');
      requireKind(kind);
      // The contract: choosing a speaker where the browser cannot (no `setSinkId`) is refused.
      if (kind === 'speaker' && !canSelectSpeaker) {
        throw new TeamsEndpointError('invalid_argument', 'This browser cannot choose the speaker.', {
          details: { reason: 'speaker_selection_unsupported' },
        });
      }
      // As the ACS port: an id no device of that kind has (unplugged meanwhile) is `not_found`.
      if (!devices[kind].some((device) => device.id === id)) {
        throw new TeamsEndpointError(
          'not_found',
          `No ${kind} with this id is connected. List the devices again.`,
          {
            details: { reason: 'device_not_found', kind, id },
          },
        );
      }
      if (selected[kind] === id) return;
      selected[kind] = id;
      changed();
    },
    onChanged(listener) {
      return listeners.add(listener);
    },
    async renderPreview(container, options = {}) {
      await enter('renderPreview', options.signal);
      openCamera();
      return views.render(PREVIEW_OWNER, localCameraSource(), container, options);
    },
  };

  const controls: FakeDeviceControls = {
    get permissions() {
      return Object.freeze({ ...permissions });
    },
    get listenerCount() {
      return listeners.size;
    },
    get previewCount() {
      return views.count(PREVIEW_OWNER);
    },
    denyPermission(kind) {
      answers[kind] = 'deny';
      if (permissions[kind] !== 'granted') return;
      permissions[kind] = 'denied';
      // A revoked permission ends the kind's tracks; the SDK stops video when its camera track ends
      // (2.0.0 LocalVideoManager: "camera track ended — stopping video").
      if (kind === 'camera') cameraLost();
      changed();
    },
    allowPermission(kind) {
      answers[kind] = 'allow';
      if (permissions[kind] !== 'denied') return;
      permissions[kind] = 'prompt';
      changed();
    },
    plugIn(kind, device) {
      requireKind(kind);
      if (devices[kind].some((existing) => existing.id === device.id)) {
        throw new Error(`A ${kind} with id ${device.id} is already plugged in.`);
      }
      // Cameras never report a system default (the SDK's VideoDeviceInfo has no such field); the OS has one
      // default per kind.
      const isSystemDefault = kind !== 'camera' && device.isSystemDefault === true;
      if (isSystemDefault) {
        devices[kind] = devices[kind].map((other) => Object.freeze({ ...other, isSystemDefault: false }));
      }
      devices[kind].push(Object.freeze({ id: device.id, name: device.name, isSystemDefault }));
      // With nothing selected, the new device is the one in use, as the browser's default would be.
      selected[kind] ??= device.id;
      changed();
    },
    unplug(kind, id) {
      requireKind(kind);
      const gone = devices[kind].find((device) => device.id === id);
      if (!gone) throw new Error(`No ${kind} with id ${id} is plugged in.`);
      devices[kind] = devices[kind].filter((device) => device !== gone);
      const first = devices[kind][0];
      // The OS makes another device the default when its default goes.
      if (gone.isSystemDefault && first)
        devices[kind][0] = Object.freeze({ ...first, isSystemDefault: true });
      if (selected[kind] === id) {
        // The SDK moves the selection to a remaining device (or none) when the selected one goes.
        selected[kind] = devices[kind][0]?.id ?? null;
        if (kind === 'camera') cameraLost();
      }
      changed();
    },
    setCanSelectSpeaker(canSelect) {
      if (canSelect === canSelectSpeaker) return;
      canSelectSpeaker = canSelect;
      changed();
    },
  };

  return { port, controls, openCamera, localCameraSource, listenerCount: () => listeners.size };
}
