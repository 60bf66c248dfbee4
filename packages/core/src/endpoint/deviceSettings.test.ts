// Device settings over the fake port's devices: lists, selection as an intent, permission and its refusal,
// devices plugged in and out, bad input, and teardown.
import { createFakeCalling, FAKE_DEVICES } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MediaDeviceKind } from '../ports/devicePort';
import { createDeviceSettings } from './deviceSettings';

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup() {
  const calling = createFakeCalling();
  const settings = createDeviceSettings(calling.devices);
  return { calling, settings };
}

describe('createDeviceSettings', () => {
  it('lists devices; labels the browser hides are numbered until the permission is granted', async () => {
    const { calling, settings } = setup();
    await flush();
    let snapshot = settings.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.microphones.map((device) => device.name)).toEqual(['Microphone 1', 'Microphone 2']);
    expect(snapshot.permissions).toEqual({ microphone: 'prompt', camera: 'prompt' });
    await settings.requestPermission({ audio: true, video: true });
    await flush();
    snapshot = settings.getSnapshot();
    expect(snapshot.permissions).toEqual({ microphone: 'granted', camera: 'granted' });
    expect(snapshot.cameras.map((device) => device.name)).toEqual(
      FAKE_DEVICES.camera.map((device) => device.name),
    );
    expect(snapshot.error).toBeNull();
    settings.dispose();
    expect(calling.listenerCount()).toBe(0);
  });

  it('a refused camera is camera_denied, a refused microphone microphone_denied, and the states say denied', async () => {
    const { calling, settings } = setup();
    calling.deviceControls.denyPermission('camera');
    await settings.requestPermission({ audio: true, video: true });
    await flush();
    expect(settings.getSnapshot().error?.code).toBe('camera_denied');
    expect(settings.getSnapshot().permissions).toEqual({ microphone: 'granted', camera: 'denied' });
    calling.deviceControls.denyPermission('microphone');
    await settings.requestPermission({ audio: true });
    await flush();
    expect(settings.getSnapshot().error?.code).toBe('microphone_denied');
    expect(settings.getSnapshot().permissions.microphone).toBe('denied');
    expect(settings.getSnapshot().requestingPermission).toBe(false);
    settings.dispose();
  });

  it('follows devices plugged in and out; unplugging the selected camera moves the selection', async () => {
    const { calling, settings } = setup();
    await settings.requestPermission({ audio: true, video: true });
    await flush();
    settings.select('camera', 'fake-camera-usb');
    await flush();
    expect(settings.getSnapshot().selected.camera).toBe('fake-camera-usb');
    calling.deviceControls.plugIn('camera', { id: 'fake-camera-dock', name: 'Dock <b>Camera</b>\u202E' });
    await flush();
    expect(settings.getSnapshot().cameras.at(-1)).toEqual({
      id: 'fake-camera-dock',
      name: 'Dock <b>Camera</b>',
      isSystemDefault: false,
    });
    calling.deviceControls.unplug('camera', 'fake-camera-usb');
    await flush();
    const { cameras, selected } = settings.getSnapshot();
    expect(cameras.map((camera) => camera.id)).toEqual(['fake-camera-built-in', 'fake-camera-dock']);
    expect(selected.camera).toBe('fake-camera-built-in');
    settings.dispose();
  });

  it('bad input throws and changes nothing: no port call, the same snapshot', async () => {
    const { calling, settings } = setup();
    await flush();
    const before = { snapshot: settings.getSnapshot(), selects: calling.methodCalls.select };
    const attempts: [MediaDeviceKind, unknown][] = [
      ['webcam' as MediaDeviceKind, 'fake-camera-usb'],
      ['camera', 42],
      ['camera', ''],
      ['camera', 'fake-microphone-built-in'],
      ['speaker', 'no-such-speaker'],
    ];
    for (const [kind, id] of attempts) {
      expect(() => settings.select(kind, id as string)).toThrow(
        expect.objectContaining({ code: expect.stringMatching(/^(invalid_argument|not_found)$/) }),
      );
    }
    await flush();
    expect(settings.getSnapshot()).toBe(before.snapshot);
    expect(calling.methodCalls.select).toBe(before.selects);
    settings.dispose();
  });

  it('selection is an intent: picks while one is in flight send only the last, which ends selected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom<MediaDeviceKind>('microphone', 'speaker', 'camera'),
            index: fc.nat({ max: 1 }),
            answer: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        async (picks) => {
          const { calling, settings } = setup();
          const held = calling.holdAll('select');
          await flush();
          const last: Partial<Record<MediaDeviceKind, string>> = {};
          const kindsAsked = new Set<MediaDeviceKind>();
          for (const pick of picks) {
            const id = FAKE_DEVICES[pick.kind][pick.index]!.id;
            settings.select(pick.kind, id);
            last[pick.kind] = id;
            kindsAsked.add(pick.kind);
            if (pick.answer && held.pending > 0) held.resolveNext();
            await flush();
            expect(held.pending).toBeLessThanOrEqual(kindsAsked.size);
          }
          held.release();
          await flush();
          await flush();
          const { selected, selecting } = settings.getSnapshot();
          for (const [kind, id] of Object.entries(last)) expect(selected[kind as MediaDeviceKind]).toBe(id);
          expect(selecting).toEqual({ microphone: null, speaker: null, camera: null });
          expect(calling.methodCalls.select).toBeLessThanOrEqual(picks.length);
          settings.dispose();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a listing that fails shows the typed error and is retried on the next change', async () => {
    const calling = createFakeCalling();
    const { TeamsEndpointError } = await import('../errors');
    calling.failNext('getInventory', new TeamsEndpointError('service_error', 'Simulated.'));
    const settings = createDeviceSettings(calling.devices);
    await flush();
    expect(settings.getSnapshot()).toMatchObject({ status: 'failed', error: { code: 'service_error' } });
    calling.deviceControls.plugIn('microphone', { id: 'mic-3', name: 'Conference Mic' });
    await flush();
    expect(settings.getSnapshot().status).toBe('ready');
    expect(settings.getSnapshot().microphones).toHaveLength(3);
    settings.dispose();
    calling.deviceControls.plugIn('microphone', { id: 'mic-4', name: 'Another' });
    await flush();
    expect(settings.getSnapshot().microphones).toHaveLength(3);
    expect(calling.listenerCount()).toBe(0);
  });
});
