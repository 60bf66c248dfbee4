import { createDeviceSettings, type DevicePort, type DeviceSettings } from '@teams-endpoint/core';
import { useEffect, useState } from 'react';

/**
 * A device settings unit over `devices`, created after mount and disposed on unmount (under StrictMode's
 * second mount, the first one is disposed): `null` until then.
 */
export function useDeviceSettings(devices: DevicePort): DeviceSettings | null {
  const [settings, setSettings] = useState<DeviceSettings | null>(null);
  useEffect(() => {
    const created = createDeviceSettings(devices);
    setSettings(created);
    return () => created.dispose();
  }, [devices]);
  return settings;
}
