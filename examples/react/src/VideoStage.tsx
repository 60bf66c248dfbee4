import {
  type Call,
  type CallSnapshot,
  type GalleryTile,
  LOCAL_STREAM_IDS,
  sameGallery,
  selectVideoGallery,
  type VideoGallery,
} from '@teams-endpoint/core';
import { initialsOf, participantName } from '@teams-endpoint/demo-kit';
import { useParticipant, useUnitSelector, VideoStream } from '@teams-endpoint/react';
import { memo } from 'react';

const selectIsVideoOn = (snapshot: CallSnapshot) => snapshot.isVideoOn;
const selectHasVideo = (snapshot: CallSnapshot) => snapshot.isVideoOn || snapshot.participants.length > 0;

/**
 * A call's video: a remote screen share large, a gallery of up to 9 tiles, and the local camera. It takes
 * only the call, so the call panel re-rendering (someone speaking) does not re-render it.
 */
export const VideoStage = memo(function VideoStage({ call }: { call: Call }) {
  const shown = useUnitSelector(call, selectHasVideo);
  const isVideoOn = useUnitSelector(call, selectIsVideoOn);
  // Re-renders when the choice of tiles changes, not each time someone speaks.
  const { screenShare, tiles } = useUnitSelector(call, selectVideoGallery, sameGallery);
  if (!shown) return null;
  return (
    <section className="video-stage" aria-label="Video">
      {screenShare && <SharedScreen call={call} share={screenShare} />}
      <ul className="video-gallery" aria-label="Video gallery">
        {tiles.map((tile) => (
          <VideoTile key={tile.participantId} call={call} tile={tile} />
        ))}
      </ul>
      {isVideoOn && (
        <VideoStream
          call={call}
          streamId={LOCAL_STREAM_IDS.video}
          className="local-preview"
          aria-label="Your camera"
        />
      )}
    </section>
  );
});

/** One participant's tile: their video while the tile has a stream, else their initials. */
function VideoTile({ call, tile }: { call: Call; tile: GalleryTile }) {
  // Re-renders only when this participant changes: others speaking do not touch it.
  const participant = useParticipant(call, tile.participantId);
  const name = participantName(participant);
  return (
    <li className="video-tile" aria-label={name} data-speaking={participant?.isSpeaking ? '' : undefined}>
      {tile.streamId ? (
        <VideoStream call={call} streamId={tile.streamId} className="tile-video" />
      ) : (
        <span className="tile-initials" aria-hidden="true">
          {initialsOf(name)}
        </span>
      )}
      <span className="tile-name">{name}</span>
    </li>
  );
}

function SharedScreen({ call, share }: { call: Call; share: NonNullable<VideoGallery['screenShare']> }) {
  const sharer = useParticipant(call, share.participantId);
  return (
    <section className="shared-screen" aria-label="Shared screen">
      <VideoStream call={call} streamId={share.streamId} className="shared-screen-video" />
      <p className="shared-screen-caption">{participantName(sharer)} is sharing their screen</p>
    </section>
  );
}
