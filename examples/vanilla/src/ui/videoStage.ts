import {
  type Call,
  type GalleryTile,
  LOCAL_STREAM_IDS,
  sameGallery,
  selectVideoGallery,
  type VideoGallery,
} from '@teams-endpoint/core';
import { initialsOf, participantName } from '@teams-endpoint/demo-kit';
import {
  bindAttribute,
  bindParticipant,
  bindVideo,
  subscribeMany,
  subscribeToUnit,
} from '@teams-endpoint/vanilla';
import { el } from './dom';
import { keyedMounts, type Mounted, mountKeyed } from './mountKeyed';

type ScreenShare = NonNullable<VideoGallery['screenShare']>;

/** A tile keeps its node while its participant shows the same stream; a new stream is a new tile. */
const tileKey = (tile: GalleryTile) => `${tile.participantId}\n${tile.streamId ?? ''}`;

/** One gallery tile: the participant's video while the tile has a stream, over their initials. */
function videoTile(call: Call, tile: GalleryTile): Mounted {
  const initials = el('span', { class: 'tile-initials', 'aria-hidden': 'true' });
  const view = el('div', { class: 'tile-video' });
  const name = el('span', { class: 'tile-name' });
  const item = el('li', { class: 'video-tile' }, initials, view, name);
  const stop = subscribeMany(
    // Only this participant's changes reach the tile: others speaking do not.
    bindParticipant(call, tile.participantId, (participant) => {
      const text = participantName(participant);
      item.setAttribute('aria-label', text);
      name.textContent = text;
      initials.textContent = initialsOf(text);
      item.toggleAttribute('data-speaking', participant?.isSpeaking === true);
    }),
    tile.streamId ? bindVideo(view, call, tile.streamId) : () => {},
  );
  return { node: item, stop };
}

function sharedScreen(call: Call, share: ScreenShare): Mounted {
  const view = el('div', { class: 'shared-screen-video' });
  const caption = el('p', { class: 'shared-screen-caption' });
  const section = el('section', { class: 'shared-screen', 'aria-label': 'Shared screen' }, view, caption);
  const stop = subscribeMany(
    bindParticipant(call, share.participantId, (participant) => {
      caption.textContent = `${participantName(participant)} is sharing their screen`;
    }),
    bindVideo(view, call, share.streamId),
  );
  return { node: section, stop };
}

function localPreview(call: Call): Mounted {
  const node = el('div', { class: 'local-preview', role: 'img', 'aria-label': 'Your camera' });
  return { node, stop: bindVideo(node, call, LOCAL_STREAM_IDS.video) };
}

/** A call's video: a remote screen share large, the gallery of up to 9 tiles, and the local camera. */
export function videoStage(call: Call): Mounted {
  const shareSlot = el('div');
  const gallery = el('ul', { class: 'video-gallery', 'aria-label': 'Video gallery' });
  const previewSlot = el('div');
  const region = el(
    'section',
    { class: 'video-stage', 'aria-label': 'Video' },
    shareSlot,
    gallery,
    previewSlot,
  );

  const shares = keyedMounts(
    shareSlot,
    (share: ScreenShare) => share.streamId,
    (share) => sharedScreen(call, share),
  );
  const tiles = keyedMounts(gallery, tileKey, (tile) => videoTile(call, tile));
  const stop = subscribeMany(
    bindAttribute(region, 'hidden', call, (s) => !s.isVideoOn && s.participants.length === 0),
    subscribeToUnit(
      call,
      (s) => selectVideoGallery(s),
      ({ screenShare, tiles: chosen }) => {
        shares.update(screenShare ? [screenShare] : []);
        tiles.update(chosen);
      },
      sameGallery,
    ),
    shares.stop,
    tiles.stop,
    mountKeyed(
      previewSlot,
      call,
      (s) => (s.isVideoOn ? [LOCAL_STREAM_IDS.video] : []),
      () => localPreview(call),
    ),
  );
  return { node: region, stop };
}
