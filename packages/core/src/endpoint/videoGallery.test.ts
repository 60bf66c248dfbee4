// The gallery a meeting stage shows: who gets a tile, whose video renders, and which share is shown large.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RemoteVideoStream } from '../ports/callingPort';
import type { CallParticipant, CallSnapshot } from './callUnit';
import { GALLERY_MAX_TILES, sameGallery, selectVideoGallery } from './selectors';

const stream = (id: string, kind: RemoteVideoStream['kind'], isAvailable = true): RemoteVideoStream => ({
  id,
  kind,
  isAvailable,
  size: null,
});

function person(
  index: number,
  options: { video?: boolean | undefined; share?: boolean; state?: CallParticipant['state'] } = {},
): CallParticipant {
  const id = `8:orgid:p${index}`;
  const videoStreams = [
    ...(options.video === undefined ? [] : [stream(`${id}/video`, 'video', options.video)]),
    ...(options.share ? [stream(`${id}/screen`, 'screenSharing')] : []),
  ];
  return {
    id,
    kind: 'teamsUser',
    displayName: `P${index}`,
    isMuted: true,
    isSpeaking: false,
    state: options.state ?? 'connected',
    videoStreams,
    isVideoOn: options.video === true,
    isScreenSharing: options.share === true,
  };
}

function meeting(
  participants: readonly CallParticipant[],
  dominantSpeakers: readonly string[] = [],
  optimalVideoCount: number | null = null,
) {
  return { participants, dominantSpeakers, optimalVideoCount } as Pick<
    CallSnapshot,
    'participants' | 'dominantSpeakers' | 'optimalVideoCount'
  > as CallSnapshot;
}

describe('selectVideoGallery', () => {
  it('puts the dominant speakers first, then cameras on, then the roster, up to 9 tiles', () => {
    const people = Array.from({ length: 30 }, (_, i) => person(i, { video: i % 5 === 0 }));
    const gallery = selectVideoGallery(meeting(people, [people[7]!.id, people[3]!.id]));
    expect(gallery.tiles.map((tile) => tile.participantId)).toEqual(
      [7, 3, 0, 5, 10, 15, 20, 25, 1].map((i) => people[i]!.id),
    );
    expect(gallery.tiles.filter((tile) => tile.streamId !== null).map((tile) => tile.participantId)).toEqual(
      [0, 5, 10, 15, 20, 25].map((i) => people[i]!.id),
    );
    expect(gallery.screenShare).toBeNull();
  });

  it('renders no more videos than the optimal video count; the other tiles show initials', () => {
    const people = Array.from({ length: 12 }, (_, i) => person(i, { video: true }));
    const gallery = selectVideoGallery(meeting(people, [], 4));
    expect(gallery.tiles).toHaveLength(GALLERY_MAX_TILES);
    expect(gallery.tiles.filter((tile) => tile.streamId !== null)).toHaveLength(4);
  });

  it('shows one available remote share large, leaves out people in the lobby or connecting, and streams that are off', () => {
    const people = [
      person(0, { state: 'inLobby', video: true }),
      person(1, { state: 'connecting' }),
      person(2, { video: false, share: true }),
      person(3, { video: true }),
    ];
    const gallery = selectVideoGallery(meeting(people, [people[0]!.id]));
    expect(gallery.screenShare).toEqual({
      participantId: people[2]!.id,
      streamId: `${people[2]!.id}/screen`,
    });
    expect(gallery.tiles).toEqual([
      { participantId: people[3]!.id, streamId: `${people[3]!.id}/video` },
      { participantId: people[2]!.id, streamId: null },
    ]);
  });

  it('holds for any roster: at most maxTiles distinct connected tiles, videos within the advice, each stream its own', () => {
    const roster = fc
      .array(
        fc.record({
          video: fc.option(fc.boolean(), { nil: undefined }),
          share: fc.boolean(),
          state: fc.constantFrom<CallParticipant['state']>('connected', 'connected', 'inLobby', 'onHold'),
        }),
        { maxLength: 40 },
      )
      .map((entries) => entries.map((entry, index) => person(index, entry)));
    fc.assert(
      fc.property(
        roster,
        fc.array(fc.nat({ max: 45 }), { maxLength: 5 }),
        fc.option(fc.nat({ max: 12 }), { nil: null }),
        fc.integer({ min: -1, max: 16 }),
        (people, speakers, optimal, maxTiles) => {
          const snapshot = meeting(
            people,
            speakers.map((i) => `8:orgid:p${i}`),
            optimal,
          );
          const { tiles, screenShare } = selectVideoGallery(snapshot, maxTiles);
          const byId = new Map(people.map((p) => [p.id, p]));
          expect(tiles.length).toBeLessThanOrEqual(Math.max(0, maxTiles));
          expect(new Set(tiles.map((t) => t.participantId)).size).toBe(tiles.length);
          const videos = tiles.filter((t) => t.streamId !== null);
          expect(videos.length).toBeLessThanOrEqual(optimal ?? Math.max(0, maxTiles));
          for (const tile of tiles) {
            const participant = byId.get(tile.participantId)!;
            expect(participant.state).toBe('connected');
            if (tile.streamId !== null) {
              const own = participant.videoStreams.find((s) => s.id === tile.streamId);
              expect(own).toMatchObject({ kind: 'video', isAvailable: true });
            }
          }
          const connected = people.filter((p) => p.state === 'connected').length;
          expect(tiles.length).toBe(Math.min(connected, Math.max(0, maxTiles)));
          if (screenShare) expect(byId.get(screenShare.participantId)!.isScreenSharing).toBe(true);
          else expect(people.some((p) => p.isScreenSharing)).toBe(false);
          expect(sameGallery({ tiles, screenShare }, selectVideoGallery(snapshot, maxTiles))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sameGallery tells a changed share or tile apart', () => {
    const people = [person(0, { video: true }), person(1, { share: true })];
    const before = selectVideoGallery(meeting(people));
    expect(sameGallery(before, selectVideoGallery(meeting([person(0, { video: false }), people[1]!])))).toBe(
      false,
    );
    expect(sameGallery(before, selectVideoGallery(meeting([people[0]!, person(1)])))).toBe(false);
    expect(sameGallery(before, selectVideoGallery(meeting([...people])))).toBe(true);
  });
});
