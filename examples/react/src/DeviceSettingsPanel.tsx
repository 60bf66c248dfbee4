import type {
  DevicePort,
  DeviceSettings,
  DeviceSettingsSnapshot,
  MediaDeviceKind,
} from '@teams-endpoint/core';
import { DEVICE_LABELS, deviceGuidance } from '@teams-endpoint/demo-kit';
import { useUnitSelector } from '@teams-endpoint/react';
import { useEffect, useRef } from 'react';
import { useDeviceSettings } from './useDeviceSettings';

export const DEVICE_SETTINGS_ID = 'device-settings';

const LISTS = { microphone: 'microphones', speaker: 'speakers', camera: 'cameras' } as const;
const SPEAKER_NOTE_ID = 'speaker-note';

const whole = (snapshot: DeviceSettingsSnapshot) => snapshot;

/**
 * The device settings panel. The app mounts it when it is first opened, because listing devices loads the
 * ACS Calling SDK on the live tenant, and keeps it (hidden while closed) so that the app has one settings unit.
 */
export function DeviceSettingsPanel(props: {
  devices: DevicePort;
  open: boolean;
  showError: (message: string) => void;
}) {
  const { devices, open, showError } = props;
  const settings = useDeviceSettings(devices);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  return (
    <section
      ref={panel}
      id={DEVICE_SETTINGS_ID}
      className="device-settings"
      aria-labelledby="device-settings-title"
      tabIndex={-1}
      hidden={!open}
    >
      <h2 id="device-settings-title">Device settings</h2>
      {settings && <DevicePickers settings={settings} showError={showError} />}
    </section>
  );
}

function DevicePickers({
  settings,
  showError,
}: {
  settings: DeviceSettings;
  showError: (message: string) => void;
}) {
  const snapshot = useUnitSelector(settings, whole);
  const guidance = deviceGuidance(snapshot);
  const picker = (kind: MediaDeviceKind) => (
    <DevicePicker kind={kind} snapshot={snapshot} settings={settings} showError={showError} />
  );
  return (
    <>
      {picker('microphone')}
      {picker('speaker')}
      {!snapshot.canSelectSpeaker && (
        <p id={SPEAKER_NOTE_ID} className="hint">
          This browser plays calls on the system’s speaker.
        </p>
      )}
      {picker('camera')}
      <button
        type="button"
        disabled={snapshot.requestingPermission}
        onClick={() => void settings.requestPermission({ audio: true, video: true })}
      >
        Allow camera and microphone
      </button>
      {guidance !== null && (
        <p className="error" role="alert">
          {guidance}
        </p>
      )}
    </>
  );
}

/** A labelled picker of one kind of device; its value follows the pick on its way to the port. */
function DevicePicker(props: {
  kind: MediaDeviceKind;
  snapshot: DeviceSettingsSnapshot;
  settings: DeviceSettings;
  showError: (message: string) => void;
}) {
  const { kind, snapshot, settings, showError } = props;
  const devices = snapshot[LISTS[kind]];
  const speakerFixed = kind === 'speaker' && !snapshot.canSelectSpeaker;
  const id = `device-${kind}`;
  const pick = (deviceId: string) => {
    try {
      settings.select(kind, deviceId);
    } catch (error) {
      // The device went away between the list and the pick.
      showError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="device-field">
      <label htmlFor={id}>{DEVICE_LABELS[kind]}</label>
      <select
        id={id}
        value={snapshot.selecting[kind] ?? snapshot.selected[kind] ?? ''}
        disabled={devices.length === 0 || speakerFixed}
        aria-describedby={speakerFixed ? SPEAKER_NOTE_ID : undefined}
        onChange={(event) => pick(event.target.value)}
      >
        {/* Device names come from the browser and the OS: React renders them as text. */}
        {devices.map((device) => (
          <option key={device.id} value={device.id}>
            {device.name}
          </option>
        ))}
      </select>
    </div>
  );
}
