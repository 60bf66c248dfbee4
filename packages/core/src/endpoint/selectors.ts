import type { RemoteParty } from '../machines/callTypes';
import { shareArray } from '../store/observableUnit';
import type { CallParticipant, CallSnapshot } from './callUnit';
import type { EndpointSnapshot } from './createTeamsEndpoint';

/**
 * The calls ringing here, waiting for accept or reject. Pair it with {@link sameItems} in a selector so the
 * selection keeps its identity while those calls do not change.
 *
 * @example
 * subscribeToUnit(endpoint, selectIncomingCalls, render, sameItems);
 */
export function selectIncomingCalls(snapshot: EndpointSnapshot): readonly CallSnapshot[] {
  return snapshot.calls.filter((call) => call.status === 'incoming');
}

/** Equality for selected arrays: the same items in the same order. */
export function sameItems<T>(previous: readonly T[], next: readonly T[]): boolean {
  return shareArray(previous, next) === previous;
}

/**
 * The other side of a call in words, for a UI: the name when known, else the phone number, else the meeting
 * subject. Untrusted text: render it as text.
 */
export function remotePartyName(remote: RemoteParty): string {
  switch (remote.kind) {
    case 'phoneNumber':
      return remote.displayName ?? remote.phoneNumber;
    case 'teamsUser':
      return remote.displayName ?? 'Teams user';
    case 'meeting':
      return remote.subject ?? 'Teams meeting';
    default:
      return remote.displayName ?? 'Unknown caller';
  }
}

/** One tile of a video gallery: who, and which of their streams to render (`null`: show their initials). */
export interface GalleryTile {
  readonly participantId: string;
  readonly streamId: string | null;
}

/** What a meeting's stage shows: a remote screen share large, and up to `maxTiles` participants as tiles. */
export interface VideoGallery {
  readonly screenShare: { readonly participantId: string; readonly streamId: string } | null;
  readonly tiles: readonly GalleryTile[];
}

/** The default number of tiles: a 3 × 3 grid. */
export const GALLERY_MAX_TILES = 9;

/**
 * Chooses a gallery from a call: the dominant speakers first (most recent first), then those whose camera is
 * on, then everyone else in roster order, up to `maxTiles`, among connected participants only. Videos are
 * rendered for at most the platform's optimal video count; tiles beyond it show initials. Pair it with
 * {@link sameGallery} in a selector so that the gallery keeps its identity while its choice holds.
 *
 * @example
 * subscribeToUnit(call, (s) => selectVideoGallery(s), renderStage, sameGallery);
 */
export function selectVideoGallery(
  snapshot: CallSnapshot,
  maxTiles: number = GALLERY_MAX_TILES,
): VideoGallery {
  const limit = Math.max(0, Math.floor(maxTiles));
  let screenShare: VideoGallery['screenShare'] = null;
  const chosen: CallParticipant[] = [];
  const taken = new Set<string>();
  const take = (participant: CallParticipant | undefined) => {
    if (!participant || chosen.length >= limit || taken.has(participant.id)) return;
    if (participant.state !== 'connected') return;
    taken.add(participant.id);
    chosen.push(participant);
  };
  const byId = new Map<string, CallParticipant>();
  for (const participant of snapshot.participants) {
    byId.set(participant.id, participant);
    if (screenShare === null && participant.isScreenSharing) {
      const stream = participant.videoStreams.find((s) => s.kind === 'screenSharing' && s.isAvailable);
      if (stream) screenShare = { participantId: participant.id, streamId: stream.id };
    }
  }
  for (const id of snapshot.dominantSpeakers) take(byId.get(id));
  for (const participant of snapshot.participants) if (participant.isVideoOn) take(participant);
  for (const participant of snapshot.participants) take(participant);
  let videos = snapshot.optimalVideoCount ?? limit;
  const tiles = chosen.map((participant): GalleryTile => {
    const stream =
      videos > 0 && participant.isVideoOn
        ? participant.videoStreams.find((s) => s.kind === 'video' && s.isAvailable)
        : undefined;
    if (stream) videos -= 1;
    return { participantId: participant.id, streamId: stream ? stream.id : null };
  });
  return { screenShare, tiles };
}

/** Equality for {@link selectVideoGallery}: the same share and the same tiles in the same order. */
export function sameGallery(previous: VideoGallery, next: VideoGallery): boolean {
  const a = previous.screenShare;
  const b = next.screenShare;
  if (
    a !== b &&
    (a === null || b === null || a.participantId !== b.participantId || a.streamId !== b.streamId)
  )
    return false;
  if (previous.tiles.length !== next.tiles.length) return false;
  return previous.tiles.every(
    (tile, index) =>
      tile.participantId === next.tiles[index]!.participantId &&
      tile.streamId === next.tiles[index]!.streamId,
  );
}
