import type { RenderStreamOptions, StreamView } from './callingPort';

/** A microphone, speaker or camera, as plain data. `name` is the browser's label: untrusted, show it as text. */
export interface MediaDevice {
  readonly id: string;
  readonly name: string;
  /** Whether the system uses it by default. Cameras report `false`: the platform does not say. */
  readonly isSystemDefault: boolean;
}

export type MediaDeviceKind = 'microphone' | 'speaker' | 'camera';

/** Whether the browser lets the page use a device kind: not asked yet, allowed, or refused. */
export type DevicePermissionState = 'prompt' | 'granted' | 'denied';

export interface DevicePermissionStates {
  readonly microphone: DevicePermissionState;
  readonly camera: DevicePermissionState;
}

/** Everything the port knows about devices at one moment. */
export interface DeviceInventory {
  readonly microphones: readonly MediaDevice[];
  /** Empty where the browser cannot choose the speaker (Firefox, Safari): see `canSelectSpeaker`. */
  readonly speakers: readonly MediaDevice[];
  readonly cameras: readonly MediaDevice[];
  /** The id of the selected device of each kind, `null` when none is (or none is connected). */
  readonly selected: { readonly [K in MediaDeviceKind]: string | null };
  readonly permissions: DevicePermissionStates;
  readonly canSelectSpeaker: boolean;
}

export interface DevicePermissionRequest {
  /** Ask for the microphone. Default `true`. */
  readonly audio?: boolean;
  /** Ask for the camera. Default `false`. */
  readonly video?: boolean;
}

/**
 * Microphones, speakers and cameras. Every method rejects only with a `TeamsEndpointError`.
 *
 * Real implementation: `createAcsCalling(...).devices` (the SDK's `DeviceManager`). Fake: the fake calling
 * port's `devices`, scriptable (plug a device in or out, deny a permission).
 */
export interface DevicePort {
  /** The devices and permissions now. Labels may be empty until permission is granted. */
  getInventory(): Promise<DeviceInventory>;
  /**
   * Shows the browser's prompt for what is asked. Rejects with `microphone_denied` (audio asked and refused)
   * or `camera_denied` (video asked and refused, audio allowed or not asked); the inventory's permissions
   * show the result either way.
   */
  requestPermission(request?: DevicePermissionRequest): Promise<DevicePermissionStates>;
  /**
   * Selects a device by id. The selection applies to live calls and to the next one (the camera: the next
   * `startVideo`, and the live video stream if it is on). Rejects with `not_found` when no device of that
   * kind has this id, and with `invalid_argument` for a speaker where `canSelectSpeaker` is false.
   */
  select(kind: MediaDeviceKind, id: string): Promise<void>;
  /** Hears any change of devices, selection or permission. Returns the function that removes that listener. */
  onChanged(listener: () => void): () => void;
  /**
   * Renders the selected camera into `container` outside any call (a settings preview), mirrored by default.
   * Rejects with `camera_denied` or `not_found` (`details.reason: 'no_camera'`).
   */
  renderPreview(container: HTMLElement, options?: RenderStreamOptions): Promise<StreamView>;
}
