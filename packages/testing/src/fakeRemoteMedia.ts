import {
  type Participant,
  type RemoteVideoStream,
  streamFlags,
  type VideoStreamKind,
  type VideoStreamSize,
} from '@teams-endpoint/core';

/**
 * The `videoStreams` of every participant without a camera or a share: one frozen array, shared, so that a
 * burst of a thousand participants allocates none and the core can compare streams by identity.
 */
export const NO_VIDEO_STREAMS: readonly RemoteVideoStream[] = Object.freeze([]);

/** The frame size the fake reports for a stream once it flows: an HD camera, a Full HD screen. */
const STREAM_SIZES: Readonly<Record<VideoStreamKind, VideoStreamSize>> = Object.freeze({
  video: Object.freeze({ width: 1280, height: 720 }),
  screenSharing: Object.freeze({ width: 1920, height: 1080 }),
});

/**
 * The id the fake gives a participant's stream of one kind: unique within the call (the participant's id is)
 * and stable while the participant stays.
 *
 * @example
 * remoteStreamId('8:orgid:…', 'video'); // '8:orgid:…/video'
 */
export function remoteStreamId(participantId: string, kind: VideoStreamKind): string {
  return `${participantId}/${kind}`;
}

/** The participant's first stream of `kind` that flows now, if any. */
export function availableStream(
  participant: Participant,
  kind: VideoStreamKind,
): RemoteVideoStream | undefined {
  return participant.videoStreams.find((stream) => stream.kind === kind && stream.isAvailable);
}

/**
 * The participant with its stream of `kind` turned on or off, or the very same participant when nothing
 * changes (so that its `videoStreams` keep their identity). Turning a stream on adds it the first time; turning
 * it off keeps it, unavailable. `isVideoOn` and `isScreenSharing` follow the streams.
 */
export function withStreamAvailability(
  participant: Participant,
  kind: VideoStreamKind,
  on: boolean,
): Participant {
  const index = participant.videoStreams.findIndex((stream) => stream.kind === kind);
  const current = participant.videoStreams[index];
  if (current ? current.isAvailable === on : !on) return participant;
  // The SDK keeps a stream in `RemoteParticipant.videoStreams` when it stops and flips `isAvailable` (typings:
  // "When this flag becomes true, the remote participant has their video turned on").
  const stream: RemoteVideoStream = Object.freeze({
    id: current?.id ?? remoteStreamId(participant.id, kind),
    kind,
    isAvailable: on,
    size: current?.size ?? STREAM_SIZES[kind],
  });
  const videoStreams = current
    ? participant.videoStreams.map((candidate, at) => (at === index ? stream : candidate))
    : [...participant.videoStreams, stream];
  return { ...participant, videoStreams: Object.freeze(videoStreams), ...streamFlags(videoStreams) };
}
