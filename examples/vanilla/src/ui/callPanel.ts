import type { Call, TeamsEndpoint } from '@teams-endpoint/core';
import {
  callStatusLabel,
  controlGuidance,
  formatDuration,
  isOneToOneCall,
  KEYPAD_KEYS,
  playDtmfTone,
  remoteText,
  type SharedAudio,
  type ShownText,
  showsKeypad,
} from '@teams-endpoint/demo-kit';
import {
  bindAttribute,
  bindDisabled,
  bindText,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { callNotices } from './callNotices';
import { withCapabilityHint } from './capabilityHint';
import { captionsPanel } from './captionsPanel';
import { button, el } from './dom';
import { errorMessage } from './fieldError';
import { lobbyPanel } from './lobbyPanel';
import type { Mounted } from './mountKeyed';
import { raiseHandControls } from './raiseHandControls';
import { recordingBanner } from './recordingBanner';
import { roster } from './roster';
import { transferForm } from './transferForm';
import { videoStage } from './videoStage';

/** Calls whose panel takes focus when it appears (an incoming call accepted from the keyboard). */
export const focusOnArrival = new Set<string>();

/** One call's panel, and how to hand it the focus when it is expanded. */
export interface CallPanel extends Mounted {
  readonly node: HTMLElement;
  readonly focusTitle: () => void;
}

const sameShownText = (a: ShownText, b: ShownText) => a.text === b.text && a.title === b.title;

/** Shows `shown` as the node's text, with its tooltip (a number's E.164). */
export function showText(node: HTMLElement, shown: ShownText): void {
  node.textContent = shown.text;
  if (shown.title) node.title = shown.title;
  else node.removeAttribute('title');
}

/**
 * One live call: who, status, duration, recording banner and call notices, controls (mute, hold, video,
 * screen sharing, raise hand, captions, keypad with the digits sent, hang up), captions, its video, a 1:1
 * call's transfer form, a meeting's lobby and roster. A control Teams refuses says why. The keypad plays each
 * key's tone here through `audio`.
 */
export function callPanel(call: Call, endpoint: TeamsEndpoint, audio: SharedAudio): CallPanel {
  const title = el('h3', { class: 'call-title', tabindex: '-1' });
  const status = el('p', { class: 'call-status', 'aria-live': 'polite', 'data-testid': 'call-status' });
  const timer = el('p', { class: 'call-timer', 'aria-label': 'Call duration' }, '0:00');
  const controlError = el('p', { class: 'error', role: 'alert' });

  const mute = button('Mute', () => call.toggleMute());
  const hold = button('Hold', () => (call.getSnapshot().can.resume ? call.resume() : call.hold()));
  const video = button('Start video', () =>
    call.getSnapshot().can.stopVideo ? call.stopVideo() : call.startVideo(),
  );
  const share = button('Share screen', () =>
    call.getSnapshot().can.stopScreenSharing ? call.stopScreenSharing() : call.startScreenSharing(),
  );
  const hangUp = button('Hang up', () => call.hangUp(), { class: 'danger' });
  const digits = el('output', {
    class: 'dtmf-digits',
    'aria-label': 'Digits sent',
    'data-testid': 'dtmf-digits',
  });
  const pressKey = (key: string) => {
    try {
      call.sendDtmf(key);
    } catch (error) {
      // Not sent, so not shown as sent: the refusal shows with the controls' errors.
      controlError.textContent = errorMessage(error);
      return;
    }
    digits.textContent += key;
    playDtmfTone(audio, key);
  };
  const keypad = el(
    'div',
    { class: 'keypad-area' },
    digits,
    el(
      'div',
      { class: 'keypad', role: 'group', 'aria-label': 'Keypad' },
      ...KEYPAD_KEYS.map((key) => button(key, () => pressKey(key), { 'aria-label': `Key ${key}` })),
    ),
  );

  // Why Teams refuses a control; an on toggle can always be turned off.
  const muteHint = withCapabilityHint(mute, call, (s) => (s.isMuted ? s.canReasons.unmute : undefined));
  const videoHint = withCapabilityHint(video, call, (s) =>
    s.can.stopVideo ? undefined : s.canReasons.startVideo,
  );
  const shareHint = withCapabilityHint(share, call, (s) =>
    s.can.stopScreenSharing ? undefined : s.canReasons.startScreenSharing,
  );

  const isMeeting = !isOneToOneCall(call.getSnapshot());
  const banner = recordingBanner(call);
  const notices = callNotices(call);
  const captions = captionsPanel(call);
  const hands = isMeeting ? raiseHandControls(call) : null;
  const stage = videoStage(call);
  const transfer = isMeeting ? null : transferForm(call, endpoint);
  const lobby = isMeeting ? lobbyPanel(call) : null;
  const people = isMeeting ? roster(call) : null;
  const section = el(
    'section',
    { class: 'call', 'aria-label': 'Call' },
    title,
    status,
    timer,
    banner.node,
    notices.node,
    el(
      'div',
      { class: 'controls' },
      muteHint.node,
      hold,
      videoHint.node,
      shareHint.node,
      hands?.node,
      captions.control,
      hangUp,
    ),
    controlError,
    keypad,
    captions.node,
    stage.node,
    transfer?.node,
    lobby?.node,
    people?.node,
  );

  let ticking: ReturnType<typeof setInterval> | undefined;
  const renderTimer = () => {
    const { connectedAt, endedAt } = call.getSnapshot();
    if (connectedAt !== null) timer.textContent = formatDuration((endedAt ?? Date.now()) - connectedAt);
  };

  const stop = subscribeMany(
    subscribeToUnit(call, remoteText, (shown) => showText(title, shown), sameShownText),
    bindText(status, call, callStatusLabel),
    bindAttribute(section, 'data-status', call, (s) => s.status),
    bindText(mute, call, (s) => (s.isMuted ? 'Unmute' : 'Mute')),
    bindAttribute(mute, 'aria-pressed', call, (s) => String(s.isMuted)),
    bindDisabled(mute, call, (s) => !(s.can.mute || s.can.unmute)),
    bindText(hold, call, (s) => (s.can.resume ? 'Resume' : 'Hold')),
    bindDisabled(hold, call, (s) => !(s.can.hold || s.can.resume)),
    bindText(video, call, (s) => (s.can.stopVideo ? 'Stop video' : 'Start video')),
    bindAttribute(video, 'aria-pressed', call, (s) => String(s.can.stopVideo)),
    bindDisabled(video, call, (s) => !(s.can.startVideo || s.can.stopVideo)),
    bindText(share, call, (s) => (s.can.stopScreenSharing ? 'Stop sharing' : 'Share screen')),
    bindAttribute(share, 'aria-pressed', call, (s) => String(s.can.stopScreenSharing)),
    bindDisabled(share, call, (s) => !(s.can.startScreenSharing || s.can.stopScreenSharing)),
    bindDisabled(hangUp, call, (s) => !s.can.hangUp),
    bindAttribute(keypad, 'hidden', call, (s) => !showsKeypad(s)),
    bindText(controlError, call, (s) => controlGuidance(s.controlError?.code) ?? s.controlError?.message),
    subscribeToUnit(
      call,
      (s) => s.connectedAt !== null && s.endedAt === null,
      (running) => {
        clearInterval(ticking);
        ticking = running ? setInterval(renderTimer, 1_000) : undefined;
        renderTimer();
      },
    ),
    () => clearInterval(ticking),
    muteHint.stop,
    videoHint.stop,
    shareHint.stop,
    banner.stop,
    notices.stop,
    captions.stop,
    stage.stop,
    ...[hands, transfer, lobby, people].flatMap((part) => (part ? [part.stop] : [])),
  );
  if (focusOnArrival.delete(call.id)) queueMicrotask(() => hangUp.focus());
  return { node: section, stop, focusTitle: () => title.focus() };
}
