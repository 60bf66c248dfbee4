// @vitest-environment jsdom
import { fabrikam } from '@teams-endpoint/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CallAlertsOptions, type NotificationsLike, startCallAlerts } from './alerts';
import type { AudioContextLike } from './audio';
import { settle, signedInEndpoint, useGraphServer } from './signedInEndpoint.test-support';

useGraphServer();

/** A tab whose visibility the test sets, with the title and listeners a document has. */
function fakeTab() {
  const target = new EventTarget();
  let hidden = false;
  return {
    document: {
      get hidden() {
        return hidden;
      },
      title: 'Use case 2 · demo',
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
    } as unknown as NonNullable<CallAlertsOptions['document']>,
    setHidden(value: boolean) {
      hidden = value;
      target.dispatchEvent(new Event('visibilitychange'));
    },
    listenerCount: () => 0,
  };
}

/** The browser's Web Audio, recording the oscillators started (a stand-in for the browser object). */
function recordingAudio() {
  const started: number[][] = [];
  const param = { value: 0, setValueAtTime: () => param, linearRampToValueAtTime: () => param };
  const context = {
    currentTime: 0,
    destination: {},
    state: 'running',
    resume: async () => undefined,
    close: async () => undefined,
    createGain: () => ({ gain: param, connect: () => undefined, disconnect: () => undefined }),
    createOscillator: () => {
      const oscillator = {
        frequency: { value: 0 },
        connect: () => undefined,
        start: () => started.push([oscillator.frequency.value]),
        stop: () => undefined,
      };
      return oscillator;
    },
  } as unknown as AudioContextLike;
  return { factory: () => context, started };
}

/** Notifications as the browser shows them, permission granted. */
function recordingNotifications() {
  const open = new Map<string, { body: string }>();
  const shown: string[] = [];
  const notifications: NotificationsLike = {
    permission: 'granted',
    requestPermission: async () => 'granted',
    show: (_title, options) => {
      open.set(options.tag, { body: options.body });
      shown.push(options.tag);
      return { close: () => open.delete(options.tag), onclick: null };
    },
  };
  return { notifications, open, shown };
}

describe('call alerts', () => {
  it('ring while a call rings, notify and flash the title only while the tab is hidden, and stop when answered', async () => {
    const { world, endpoint } = await signedInEndpoint();
    const tab = fakeTab();
    const audio = recordingAudio();
    const notes = recordingNotifications();
    const alerts = startCallAlerts(endpoint, {
      document: tab.document,
      audioContext: audio.factory,
      notifications: notes.notifications,
    });
    tab.setHidden(true);
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[0]!.phoneNumber,
    });
    await settle();
    const [ringing] = endpoint.getSnapshot().calls;
    expect(alerts.getState()).toEqual({ ringing: true, titleFlashing: true, notifiedCallIds: [ringing!.id] });
    expect(audio.started.length).toBeGreaterThan(0);
    // The caller id lookup finishes while it rings: the notification then names the customer.
    expect([...notes.open.values()][0]!.body).toBe(`${fabrikam.customers[0]!.name} (+1 425 555 0101)`);

    endpoint.getCall(ringing!.id)!.accept();
    await settle();
    expect(alerts.getState()).toEqual({ ringing: false, titleFlashing: false, notifiedCallIds: [] });
    expect(notes.open.size).toBe(0);
    expect(tab.document.title).toBe('Use case 2 · demo');
    alerts.dispose();
    await endpoint.dispose();
  });

  it('keep every alert in step with the calls and the tab, whatever happens in whatever order', async () => {
    type Step =
      | { kind: 'ring'; customer: number }
      | { kind: 'callerHangsUp' | 'accept' | 'decline'; which: number }
      | { kind: 'hide' | 'show' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('ring' as const), customer: fc.nat(5) }),
      fc.record({
        kind: fc.constantFrom('callerHangsUp' as const, 'accept' as const, 'decline' as const),
        which: fc.nat(4),
      }),
      fc.record({ kind: fc.constantFrom('hide' as const, 'show' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const { world, endpoint } = await signedInEndpoint();
        const tab = fakeTab();
        const notes = recordingNotifications();
        const alerts = startCallAlerts(endpoint, {
          document: tab.document,
          audioContext: recordingAudio().factory,
          notifications: notes.notifications,
        });
        let hidden = false;
        for (const next of steps) {
          const ringingCalls = () =>
            endpoint.getSnapshot().calls.filter((call) => call.status === 'incoming');
          if (next.kind === 'ring')
            world.calling.simulateIncomingCall({
              kind: 'phoneNumber',
              phoneNumber: fabrikam.customers[next.customer]!.phoneNumber,
            });
          else if (next.kind === 'hide' || next.kind === 'show') {
            hidden = next.kind === 'hide';
            tab.setHidden(hidden);
          } else if ('which' in next) {
            const rung = ringingCalls();
            const target = rung[next.which % Math.max(rung.length, 1)];
            if (target) {
              if (next.kind === 'accept') endpoint.getCall(target.id)!.accept();
              else if (next.kind === 'decline') endpoint.getCall(target.id)!.reject();
              else world.calling.incomingCalls.find((call) => call.status === 'ringing')?.callerHangsUp();
            }
          }
          await settle();
          const ringingIds = ringingCalls().map((call) => call.id);
          const state = alerts.getState();
          expect(state.ringing).toBe(ringingIds.length > 0);
          expect(state.titleFlashing).toBe(hidden && ringingIds.length > 0);
          expect([...state.notifiedCallIds].sort()).toEqual(hidden ? [...ringingIds].sort() : []);
          expect([...notes.open.keys()].sort()).toEqual([...state.notifiedCallIds].sort());
        }
        // A call is notified again only after the user came back and left again while it still rang, or
        // once more when its caller's name arrived.
        const hides = steps.filter((next) => next.kind === 'hide').length;
        for (const id of new Set(notes.shown))
          expect(notes.shown.filter((shown) => shown === id).length).toBeLessThanOrEqual(2 * hides);
        alerts.dispose();
        expect(alerts.getState()).toEqual({ ringing: false, titleFlashing: false, notifiedCallIds: [] });
        expect(notes.open.size).toBe(0);
        await endpoint.dispose();
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('flash the title between the caller and the page while hidden, and put the page title back', async () => {
    const { world, endpoint } = await signedInEndpoint();
    const tab = fakeTab();
    // The page's timers, run by hand: the ringtone's and the title's intervals, by id.
    const intervals = new Map<number, () => void>();
    let nextId = 0;
    const timers = {
      setInterval: (handler: () => void) => {
        intervals.set(++nextId, handler);
        return nextId;
      },
      clearInterval: (id: number) => intervals.delete(id),
      focus: () => undefined,
    } as unknown as NonNullable<CallAlertsOptions['window']>;
    const alerts = startCallAlerts(endpoint, {
      document: tab.document,
      window: timers,
      audioContext: recordingAudio().factory,
      notifications: null,
    });
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[2]!.phoneNumber,
    });
    await settle();
    const ringtoneIntervals = new Set(intervals.keys());
    tab.setHidden(true);
    const [flashId] = [...intervals.keys()].filter((id) => !ringtoneIntervals.has(id));
    const tick = () => intervals.get(flashId!)?.();
    const titles = [0, 1, 2, 3].map(() => {
      tick();
      return tab.document.title;
    });
    expect(titles).toEqual([
      `📞 ${fabrikam.customers[2]!.name} (+1 425 555 0103) is calling`,
      'Use case 2 · demo',
      `📞 ${fabrikam.customers[2]!.name} (+1 425 555 0103) is calling`,
      'Use case 2 · demo',
    ]);
    tick();
    tab.setHidden(false);
    expect(tab.document.title).toBe('Use case 2 · demo');
    expect(intervals.has(flashId!)).toBe(false);
    alerts.dispose();
    await endpoint.dispose();
  });

  it('stop listening to the endpoint and the tab on dispose', async () => {
    const { world, endpoint } = await signedInEndpoint();
    const tab = fakeTab();
    const notes = recordingNotifications();
    const alerts = startCallAlerts(endpoint, {
      document: tab.document,
      audioContext: recordingAudio().factory,
      notifications: notes.notifications,
    });
    alerts.dispose();
    tab.setHidden(true);
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[1]!.phoneNumber,
    });
    await settle();
    expect(alerts.getState().ringing).toBe(false);
    expect(notes.shown).toEqual([]);
    expect(tab.document.title).toBe('Use case 2 · demo');
    await endpoint.dispose();
  });
});
