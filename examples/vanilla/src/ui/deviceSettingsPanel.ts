import {
  createDeviceSettings,
  type DevicePort,
  type DeviceSettings,
  type MediaDeviceKind,
} from '@teams-endpoint/core';
import { DEVICE_LABELS, deviceGuidance } from '@teams-endpoint/demo-kit';
import { bindAttribute, bindDisabled, subscribeMany, subscribeToUnit } from '@teams-endpoint/vanilla';
import { button, el } from './dom';

const LISTS = { microphone: 'microphones', speaker: 'speakers', camera: 'cameras' } as const;

/** A labelled picker of one kind of device; its value follows `selecting ?? selected`. */
function devicePicker(settings: DeviceSettings, kind: MediaDeviceKind, showError: (message: string) => void) {
  const id = `device-${kind}`;
  const select = el('select', { id });
  select.addEventListener('change', () => {
    try {
      settings.select(kind, select.value);
    } catch (error) {
      // The device went away between the list and the pick.
      showError(error instanceof Error ? error.message : String(error));
    }
  });
  const stop = subscribeMany(
    subscribeToUnit(
      settings,
      (s) => ({ devices: s[LISTS[kind]], value: s.selecting[kind] ?? s.selected[kind] }),
      ({ devices, value }) => {
        // Device names come from the browser and the OS: text only.
        select.replaceChildren(...devices.map((device) => el('option', { value: device.id }, device.name)));
        select.value = value ?? '';
      },
      (a, b) => a.devices === b.devices && a.value === b.value,
    ),
    bindDisabled(
      select,
      settings,
      (s) => s[LISTS[kind]].length === 0 || (kind === 'speaker' && !s.canSelectSpeaker),
    ),
  );
  const node = el('div', { class: 'device-field' }, el('label', { for: id }, DEVICE_LABELS[kind]), select);
  return { node, stop };
}

/** Fills the panel for one settings unit; returns the function that stops its bindings. */
function renderSettings(panel: HTMLElement, settings: DeviceSettings, showError: (message: string) => void) {
  const pickers = (['microphone', 'speaker', 'camera'] as const).map((kind) =>
    devicePicker(settings, kind, showError),
  );
  const speakerNote = el('p', { class: 'hint' }, 'This browser plays calls on the system’s speaker.');
  const allow = button('Allow camera and microphone', () => {
    void settings.requestPermission({ audio: true, video: true });
  });
  const guidance = el('div');
  panel.append(pickers[0]!.node, pickers[1]!.node, speakerNote, pickers[2]!.node, allow, guidance);
  return subscribeMany(
    ...pickers.map((picker) => picker.stop),
    bindAttribute(speakerNote, 'hidden', settings, (s) => s.canSelectSpeaker),
    bindDisabled(allow, settings, (s) => s.requestingPermission),
    subscribeToUnit(settings, deviceGuidance, (text) =>
      guidance.replaceChildren(...(text === null ? [] : [el('p', { class: 'error', role: 'alert' }, text)])),
    ),
  );
}

/**
 * The page's device settings: a toggle for the session bar and the panel it opens. The settings unit is
 * created on first open, because listing devices loads the ACS Calling SDK on the live tenant.
 */
export function deviceSettingsPanel(devices: DevicePort, showError: (message: string) => void) {
  const close = button('Close', () => setOpen(false));
  const panel = el(
    'section',
    {
      id: 'device-settings',
      class: 'device-settings',
      'aria-labelledby': 'device-settings-title',
      tabindex: '-1',
      hidden: true,
    },
    el(
      'div',
      { class: 'device-settings-head' },
      el('h2', { id: 'device-settings-title' }, 'Device settings'),
      close,
    ),
  );
  const toggle = button('Device settings', () => setOpen(panel.hidden), {
    'aria-expanded': 'false',
    'aria-controls': 'device-settings',
  });
  let settings: DeviceSettings | undefined;
  let stop = () => {};

  function setOpen(open: boolean) {
    if (open && !settings) {
      settings = createDeviceSettings(devices);
      stop = renderSettings(panel, settings, showError);
    }
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) panel.focus();
    else toggle.focus();
  }

  const dispose = () => {
    stop();
    settings?.dispose();
  };
  return { toggle, panel, dispose };
}
