import {
  type Call,
  type CallSnapshot,
  type CallStatus,
  remotePartyName,
  type TeamsEndpoint,
} from '@teams-endpoint/core';
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
import { button, el, formatDuration } from './dom';
import { isOneToOneCall, TRANSFERRED_STATUS_WORDS } from './featureWords';
import { lobbyPanel } from './lobbyPanel';
import { controlGuidance } from './mediaWords';
import type { Mounted } from './mountKeyed';
import { raiseHandControls } from './raiseHandControls';
import { recordingBanner } from './recordingBanner';
import { roster } from './roster';
import { transferForm } from './transferForm';
import { videoStage } from './videoStage';

/** A call's status in words. */
export const STATUS_WORDS: Record<CallStatus, string> = {
  preparing: 'Preparing the chat…',
  connecting: 'Connecting…',
  ringing: 'Ringing…',
  early_media: 'Ringing (early media)…',
  incoming: 'Incoming call',
  accepting: 'Answering…',
  rejecting: 'Declining…',
  in_lobby: 'Waiting in the lobby…',
  connected: 'Connected',
  holding: 'Putting on hold…',
  on_hold: 'On hold',
  resuming: 'Resuming…',
  remote_hold: 'Held by the other party',
  disconnecting: 'Hanging up…',
  ended: 'Call ended',
  failed: 'Call failed',
};

const OUTCOME_WORDS: Record<NonNullable<CallSnapshot['outcome']>, string> = {
  completed: 'Completed.',
  dropped: 'The call dropped.',
  unanswered: 'Not answered.',
  cancelled: 'Cancelled.',
  missed: 'Missed call.',
  rejected: 'Declined.',
  denied: 'Not admitted from the lobby.',
  signed_out: 'Ended by signing out.',
  disposed: 'Ended when the app closed.',
  transferred: 'Transferred.',
};

/** A call's status in words, for `data-testid="call-status"`: a call handed on says "Transferred". */
export function callStatusLabel(snapshot: CallSnapshot): string {
  return snapshot.outcome === 'transferred' ? TRANSFERRED_STATUS_WORDS : STATUS_WORDS[snapshot.status];
}

/** The other party in words (a known caller's number beside the name). Always rendered as text. */
export function remoteLabel(snapshot: CallSnapshot): string {
  const { remote } = snapshot;
  const name = remotePartyName(remote);
  return remote.kind === 'phoneNumber' && remote.displayName ? `${name} (${remote.phoneNumber})` : name;
}

/** How the call ended, in words: the end reason and the outcome, or the error. */
export function endedLabel(snapshot: CallSnapshot): string {
  if (snapshot.status === 'failed') return snapshot.error?.message ?? 'The call failed.';
  if (snapshot.status !== 'ended') return '';
  const outcome = snapshot.outcome ? OUTCOME_WORDS[snapshot.outcome] : '';
  return [outcome, snapshot.endReason?.message].filter(Boolean).join(' ');
}

/** Calls whose panel takes focus when it appears (an incoming call accepted from the keyboard). */
export const focusOnArrival = new Set<string>();

/** The keypad's keys, in keypad order. */
export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * One call: who, status, duration, recording banner and call notices, controls (mute, hold, video, screen
 * sharing, raise hand, captions, keypad, hang up), captions, its video, a 1:1 call's transfer form, a
 * meeting's lobby and roster, and how it ended. A control Teams refuses says why.
 */
export function callPanel(call: Call, endpoint: TeamsEndpoint): Mounted {
  const title = el('h3', { class: 'call-title' });
  const status = el('p', { class: 'call-status', 'aria-live': 'polite', 'data-testid': 'call-status' });
  const timer = el('p', { class: 'call-timer', 'aria-label': 'Call duration' }, '0:00');
  const ended = el('p', { class: 'call-ended', role: 'status', 'data-testid': 'call-ended' });
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
  const keypad = el(
    'div',
    { class: 'keypad', role: 'group', 'aria-label': 'Keypad' },
    ...KEYPAD_KEYS.map((key) => button(key, () => call.sendDtmf(key), { 'aria-label': `Key ${key}` })),
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
    ended,
  );

  let ticking: ReturnType<typeof setInterval> | undefined;
  const renderTimer = () => {
    const { connectedAt, endedAt } = call.getSnapshot();
    if (connectedAt !== null) timer.textContent = formatDuration((endedAt ?? Date.now()) - connectedAt);
  };

  const stop = subscribeMany(
    bindText(title, call, remoteLabel),
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
    // The keypad is for PSTN calls (IVRs, extensions).
    bindAttribute(keypad, 'hidden', call, (s) => !s.can.sendDtmf || s.remote.kind !== 'phoneNumber'),
    bindText(ended, call, endedLabel),
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
  return { node: section, stop };
}
