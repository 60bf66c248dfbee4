import { normalizeOptionalRemoteText } from '../domain/remoteText';
import { TeamsEndpointError, type TeamsEndpointErrorInfo, toTeamsEndpointError } from '../errors';
import type {
  DeviceInventory,
  DevicePermissionRequest,
  DevicePermissionStates,
  DevicePort,
  MediaDevice,
  MediaDeviceKind,
} from '../ports/devicePort';
import { createUnitStore, type ObservableUnit, shareArray, shareShallow } from '../store/observableUnit';

export type DeviceSettingsStatus = 'idle' | 'loading' | 'ready' | 'failed';

type PerKind<T> = { readonly [K in MediaDeviceKind]: T };

/** The devices as a settings panel shows them. Names are the browser's labels, normalized; never empty. */
export interface DeviceSettingsSnapshot {
  readonly status: DeviceSettingsStatus;
  readonly microphones: readonly MediaDevice[];
  readonly speakers: readonly MediaDevice[];
  readonly cameras: readonly MediaDevice[];
  /** What the port has selected. */
  readonly selected: PerKind<string | null>;
  /** A selection on its way to the port: bind the picker to `selecting[kind] ?? selected[kind]`. */
  readonly selecting: PerKind<string | null>;
  readonly permissions: DevicePermissionStates;
  /** Whether the browser's prompt is up (a `requestPermission` in flight). */
  readonly requestingPermission: boolean;
  readonly canSelectSpeaker: boolean;
  /**
   * The last failure: `microphone_denied` or `camera_denied` (turn these into guidance: the site settings),
   * `not_found` for a device unplugged meanwhile, or the port's error when listing failed.
   */
  readonly error: TeamsEndpointErrorInfo | null;
}

/**
 * Device settings: the lists, the selection and the permission, kept current as devices come and go.
 *
 * @example
 * const settings = createDeviceSettings(calling.devices);
 * settings.subscribe(() => renderPickers(settings.getSnapshot()));
 * button.onclick = () => settings.requestPermission({ audio: true, video: true });
 * cameraPicker.onchange = () => settings.select('camera', cameraPicker.value);
 */
export interface DeviceSettings extends ObservableUnit<DeviceSettingsSnapshot> {
  /** Lists the devices again (done by itself on every change the port reports). */
  refresh(): void;
  /** Shows the browser's prompt; call it from a user gesture. Resolves once answered; a refusal is in `error`. */
  requestPermission(request?: DevicePermissionRequest): Promise<void>;
  /**
   * Selects a device. The last pick per kind wins: one request is in flight per kind at a time.
   * @throws {TeamsEndpointError} `invalid_argument` for an unknown kind or a non-string id, and `not_found`
   * for an id the lists do not have; nothing changes then.
   */
  select(kind: MediaDeviceKind, id: string): void;
  /** Stops following the port's changes and removes every listener. */
  dispose(): void;
}

const KINDS: readonly MediaDeviceKind[] = ['microphone', 'speaker', 'camera'];
const LIST_OF: PerKind<'microphones' | 'speakers' | 'cameras'> = {
  microphone: 'microphones',
  speaker: 'speakers',
  camera: 'cameras',
};
const LABEL: PerKind<string> = { microphone: 'Microphone', speaker: 'Speaker', camera: 'Camera' };
const NONE: PerKind<null> = { microphone: null, speaker: null, camera: null };

const EMPTY: DeviceInventory = {
  microphones: [],
  speakers: [],
  cameras: [],
  selected: NONE,
  permissions: { microphone: 'prompt', camera: 'prompt' },
  canSelectSpeaker: false,
};

/** Device labels come from the browser and the OS: untrusted text. Empty ones (no permission yet) get a number. */
function shownDevices(
  kind: MediaDeviceKind,
  devices: readonly MediaDevice[],
  previous: readonly MediaDevice[],
) {
  const shown = devices.map((device, index) => {
    const name = normalizeOptionalRemoteText(device.name) ?? `${LABEL[kind]} ${index + 1}`;
    const next = { id: String(device.id), name, isSystemDefault: device.isSystemDefault === true };
    return shareShallow(
      previous.find((old) => old.id === next.id),
      next,
    );
  });
  return shareArray(previous, shown);
}

/** Creates the device settings unit over a calling port's devices. */
export function createDeviceSettings(port: DevicePort): DeviceSettings {
  let status: DeviceSettingsStatus = 'idle';
  let inventory: DeviceInventory = EMPTY;
  let error: TeamsEndpointError | null = null;
  let requestingPermission = false;
  let disposed = false;
  const selecting: Record<MediaDeviceKind, string | null> = { ...NONE };
  const inFlight = new Set<MediaDeviceKind>();
  let loading = false;
  let loadAgain = false;

  const store = createUnitStore<DeviceSettingsSnapshot>((previous) => {
    const next: DeviceSettingsSnapshot = {
      status,
      microphones: shownDevices('microphone', inventory.microphones, previous?.microphones ?? []),
      speakers: shownDevices('speaker', inventory.speakers, previous?.speakers ?? []),
      cameras: shownDevices('camera', inventory.cameras, previous?.cameras ?? []),
      selected: shareShallow(previous?.selected, { ...inventory.selected }),
      selecting: shareShallow(previous?.selecting, { ...selecting }),
      permissions: shareShallow(previous?.permissions, { ...inventory.permissions }),
      requestingPermission,
      canSelectSpeaker: inventory.canSelectSpeaker,
      error: error ? shareShallow(previous?.error ?? undefined, error.toJSON()) : null,
    };
    return shareShallow(previous, next);
  });
  const changed = () => store.invalidate();
  const fail = (failure: unknown, message: string) => {
    error = toTeamsEndpointError(failure, 'unknown', message);
  };

  /** One listing at a time; changes during it list once more after it. */
  const refresh = () => {
    if (disposed) return;
    if (loading) {
      loadAgain = true;
      return;
    }
    loading = true;
    if (status !== 'ready') status = 'loading';
    changed();
    port.getInventory().then(
      (next) => {
        loading = false;
        if (disposed) return;
        inventory = next;
        status = 'ready';
        changed();
        if (loadAgain) {
          loadAgain = false;
          refresh();
        }
      },
      (failure: unknown) => {
        loading = false;
        if (disposed) return;
        status = 'failed';
        fail(failure, 'The devices could not be listed.');
        changed();
        if (loadAgain) {
          loadAgain = false;
          refresh();
        }
      },
    );
  };

  const sendSelection = (kind: MediaDeviceKind) => {
    const id = selecting[kind];
    if (id === null || disposed) return;
    inFlight.add(kind);
    port.select(kind, id).then(
      () => settleSelection(kind, id, null),
      (failure: unknown) => settleSelection(kind, id, failure),
    );
  };
  const settleSelection = (kind: MediaDeviceKind, id: string, failure: unknown) => {
    inFlight.delete(kind);
    if (disposed) return;
    if (selecting[kind] !== id) {
      // The user picked again meanwhile: send that pick now.
      sendSelection(kind);
      return;
    }
    selecting[kind] = null;
    if (failure !== null) fail(failure, `The ${kind} could not be selected.`);
    changed();
    refresh();
  };

  const stopListening = port.onChanged(refresh);
  refresh();

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    state$: store.state$,
    refresh,
    async requestPermission(request = {}) {
      if (disposed) return;
      requestingPermission = true;
      error = null;
      changed();
      try {
        await port.requestPermission(request);
      } catch (failure) {
        if (!disposed) fail(failure, 'Device permission could not be requested.');
      } finally {
        requestingPermission = false;
        if (!disposed) {
          changed();
          refresh();
        }
      }
    },
    select(kind, id) {
      if (!KINDS.includes(kind)) {
        throw new TeamsEndpointError(
          'invalid_argument',
          'The device kind must be microphone, speaker or camera.',
          {
            details: { reason: 'invalid_device_kind' },
          },
        );
      }
      if (typeof id !== 'string' || id === '') {
        throw new TeamsEndpointError('invalid_argument', 'The device id must be a non-empty string.', {
          details: { reason: 'invalid_device_id', kind },
        });
      }
      if (!inventory[LIST_OF[kind]].some((device) => device.id === id)) {
        throw new TeamsEndpointError('not_found', `No ${kind} with this id is connected.`, {
          details: { reason: 'device_not_found', kind },
        });
      }
      if (disposed || (selecting[kind] ?? inventory.selected[kind]) === id) return;
      selecting[kind] = id;
      error = null;
      changed();
      if (!inFlight.has(kind)) sendSelection(kind);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopListening();
      store.close();
    },
  };
}
