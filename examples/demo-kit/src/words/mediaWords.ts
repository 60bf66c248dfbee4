// Framework-agnostic words of the media UI: the vanilla pages, the React app and the Vue app all use them.
import type {
  CallParticipant,
  DeviceSettingsSnapshot,
  ParticipantRole,
  ParticipantState,
} from '@teams-endpoint/core';

export const ROLE_WORDS: Record<ParticipantRole, string> = {
  organizer: 'Organizer',
  presenter: 'Presenter',
  attendee: 'Attendee',
};

export const PARTICIPANT_STATE_WORDS: Record<ParticipantState, string> = {
  connecting: 'Connecting',
  inLobby: 'In the lobby',
  connected: 'In the call',
  onHold: 'On hold',
};

/** "1 participant", "1,000 participants". */
export function participantCountLabel(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'participant' : 'participants'}`;
}

/** A participant's name for a tile or a roster row (remote text: render it as text). */
export const participantName = (participant: CallParticipant | undefined): string =>
  participant?.displayName ?? 'Unknown participant';

/** Initials for a tile without video. */
export function initialsOf(name: string): string {
  const words = name.split(' ').filter((word) => word !== '');
  return words
    .slice(0, 2)
    .map((word) => Array.from(word)[0]!.toUpperCase())
    .join('');
}

/** What a roster row says about someone besides their name: role, state, microphone, camera, sharing. */
export function participantDetails(participant: CallParticipant): string {
  return [
    participant.role ? ROLE_WORDS[participant.role] : null,
    participant.state === 'connected' ? null : PARTICIPANT_STATE_WORDS[participant.state],
    participant.isSpeaking ? 'Speaking' : participant.isMuted ? 'Muted' : null,
    participant.isVideoOn ? 'Camera on' : null,
    participant.isScreenSharing ? 'Sharing' : null,
  ]
    .filter((word) => word !== null)
    .join(' · ');
}

/** The height of one roster row, in px: the virtualized roster positions rows by it. */
export const ROSTER_ROW_HEIGHT = 36;
/** Rows drawn beyond the visible ones, above and below, so that scrolling shows no gap. */
export const ROSTER_OVERSCAN = 6;

/** The rows a virtualized list draws for a scroll position: `[start, end)` indexes. */
export function visibleRows(scrollTop: number, viewportHeight: number, count: number): [number, number] {
  const first = Math.floor(scrollTop / ROSTER_ROW_HEIGHT);
  const start = Math.max(0, first - ROSTER_OVERSCAN);
  const end = Math.min(count, first + Math.ceil(viewportHeight / ROSTER_ROW_HEIGHT) + ROSTER_OVERSCAN);
  return [start, Math.max(start, end)];
}

export const DEVICE_LABELS = { microphone: 'Microphone', speaker: 'Speaker', camera: 'Camera' } as const;

/**
 * Guidance for a settings panel: what is blocked and how to unblock it, or `null`. Shown in an alert.
 */
export function deviceGuidance(snapshot: DeviceSettingsSnapshot): string | null {
  const { permissions, error } = snapshot;
  const blocked = [
    permissions.camera === 'denied' || error?.code === 'camera_denied' ? 'camera' : null,
    permissions.microphone === 'denied' || error?.code === 'microphone_denied' ? 'microphone' : null,
  ].filter((kind) => kind !== null);
  if (blocked.length > 0) {
    return `Your ${blocked.join(' and ')} ${blocked.length > 1 ? 'are' : 'is'} blocked. Allow ${blocked.length > 1 ? 'them' : 'it'} in the browser's site settings (the icon left of the address), then choose "Allow camera and microphone" again.`;
  }
  if (error) return error.message;
  return null;
}

/** Guidance for a failed call control (camera, screen share) the call shows next to its buttons. */
export function controlGuidance(code: string | undefined): string | null {
  switch (code) {
    case 'camera_denied':
      return 'Your camera is blocked. Allow it in the browser’s site settings, then start video again.';
    case 'microphone_denied':
      return 'Your microphone is blocked. Allow it in the browser’s site settings.';
    case 'screen_share_denied':
      return 'Screen sharing was cancelled or blocked.';
    default:
      return null;
  }
}
