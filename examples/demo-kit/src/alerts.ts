// Incoming calls get noticed: a ringtone while any call rings, and, while the tab is hidden, a browser
// notification per call and a flashing title. Shared by the three apps.
import type { CallSnapshot, TeamsEndpoint } from '@teams-endpoint/core';
import {
  type AudioContextFactory,
  browserAudioContext,
  createRingtone,
  createSharedAudio,
  type SharedAudio,
} from './audio';
import { remoteLabel } from './words/callWords';

/** The browser's notifications, as the alerts use them (a test passes a stand-in). */
export interface NotificationsLike {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  show(
    title: string,
    options: { body: string; tag: string },
  ): { close(): void; onclick: ((event: Event) => void) | null } | null;
}

export const browserNotifications = (): NotificationsLike | null =>
  typeof Notification === 'undefined'
    ? null
    : {
        get permission() {
          return Notification.permission;
        },
        requestPermission: () => Notification.requestPermission(),
        show: (title, options) => new Notification(title, options),
      };

/**
 * Asks for permission to show notifications. Browsers only ask from a user gesture, so call it from a click
 * handler (the apps do on "Sign in"); it never throws, and asks at most once.
 */
export function askNotificationPermission(notifications = browserNotifications()): void {
  if (notifications?.permission === 'default') notifications.requestPermission().catch(() => undefined);
}

export interface CallAlertsOptions {
  readonly document?: Pick<Document, 'hidden' | 'title' | 'addEventListener' | 'removeEventListener'>;
  readonly window?: Pick<Window, 'setInterval' | 'clearInterval' | 'focus'>;
  readonly audioContext?: AudioContextFactory;
  /** The app's one audio context (the keypad's tones use it too); the alerts then leave it open on dispose. */
  readonly audio?: SharedAudio;
  readonly notifications?: NotificationsLike | null;
}

/** What the alerts are doing now (for tests and for an app that shows it). */
export interface CallAlertsState {
  readonly ringing: boolean;
  readonly titleFlashing: boolean;
  /** The calls a notification is shown for. */
  readonly notifiedCallIds: readonly string[];
}

/** How often the title flips between the caller and the page's own title. */
export const TITLE_FLASH_MS = 1_000;

/** The flashing title's text for a ringing call. */
export const incomingTitle = (call: CallSnapshot): string => `📞 ${remoteLabel(call)} is calling`;

/**
 * Starts the alerts for `endpoint`'s incoming calls; `dispose` stops them all (ringtone, notifications,
 * title, listeners).
 */
export function startCallAlerts(endpoint: TeamsEndpoint, options: CallAlertsOptions = {}) {
  const doc = options.document ?? document;
  const win = options.window ?? window;
  const notifications = options.notifications === undefined ? browserNotifications() : options.notifications;
  const ownAudio = options.audio === undefined;
  const audio = options.audio ?? createSharedAudio(options.audioContext ?? browserAudioContext);
  const ringtone = createRingtone(audio, win);
  /** The notification shown per ringing call, with the text it shows. */
  const shown = new Map<string, { notification: { close(): void }; body: string }>();
  let flash: number | undefined;
  let pageTitle = '';
  let flashOn = false;

  const ringingCalls = () => endpoint.getSnapshot().calls.filter((call) => call.status === 'incoming');

  const stopFlashing = () => {
    if (flash === undefined) return;
    win.clearInterval(flash);
    flash = undefined;
    doc.title = pageTitle;
  };

  const update = () => {
    const ringing = ringingCalls();
    if (ringing.length > 0) ringtone.start();
    else ringtone.stop();

    for (const [id, { notification }] of shown) {
      if (!ringing.some((call) => call.id === id) || !doc.hidden) {
        notification.close();
        shown.delete(id);
      }
    }
    if (doc.hidden && notifications?.permission === 'granted') {
      for (const call of ringing) {
        const body = remoteLabel(call);
        const current = shown.get(call.id);
        // The caller's name arrives after the number (the lookup runs while it rings): say it then.
        if (current?.body === body) continue;
        current?.notification.close();
        const notification = notifications.show('Incoming call', { body, tag: call.id });
        if (!notification) {
          shown.delete(call.id);
          continue;
        }
        notification.onclick = () => {
          win.focus();
          notification.close();
        };
        shown.set(call.id, { notification, body });
      }
    }

    if (doc.hidden && ringing.length > 0) {
      if (flash === undefined) {
        pageTitle = doc.title;
        flashOn = false;
        flash = win.setInterval(() => {
          const latest = ringingCalls().at(-1);
          flashOn = !flashOn && latest !== undefined;
          doc.title = flashOn && latest ? incomingTitle(latest) : pageTitle;
        }, TITLE_FLASH_MS);
      }
    } else {
      stopFlashing();
    }
  };

  const unsubscribe = endpoint.subscribe(update);
  doc.addEventListener('visibilitychange', update);
  update();

  return {
    getState(): CallAlertsState {
      return {
        ringing: ringtone.ringing,
        titleFlashing: flash !== undefined,
        notifiedCallIds: [...shown.keys()],
      };
    },
    dispose(): void {
      unsubscribe();
      doc.removeEventListener('visibilitychange', update);
      ringtone.stop();
      stopFlashing();
      for (const { notification } of shown.values()) notification.close();
      shown.clear();
      if (ownAudio) audio.close();
    },
  };
}

export type CallAlerts = ReturnType<typeof startCallAlerts>;
