import type {
  RemoteParticipantState,
  ParticipantRole as SdkParticipantRole,
} from '@azure/communication-calling';
import type { CommunicationIdentifierKind } from '@azure/communication-common';
import {
  type Participant,
  type ParticipantRole,
  type ParticipantState,
  type RemoteVideoStream,
  streamFlags,
  type VideoStreamKind,
} from '@teams-endpoint/core';
import { nameOf, type RawIdOf } from './sdkIdentifiers';
import type { SdkRemoteParticipant, SdkRemoteVideoStream } from './sdkTypes';

const STATE_BY_SDK_STATE: Readonly<Record<RemoteParticipantState, ParticipantState>> = {
  Idle: 'connecting',
  Connecting: 'connecting',
  Ringing: 'connecting',
  EarlyMedia: 'connecting',
  InLobby: 'inLobby',
  Connected: 'connected',
  Hold: 'onHold',
  // A participant on its way out. The SDK removes it from the call next, and the port reports that removal
  // rather than this state (see `acsCallHandle.ts`).
  Disconnected: 'connecting',
};

/** Meeting roles. `Unknown` (1:1 calls, PSTN) and `Consumer` say nothing; nor does `Collaborator`, for now. */
const ROLE_BY_SDK_ROLE: Readonly<Record<SdkParticipantRole, ParticipantRole | undefined>> = {
  Organizer: 'organizer',
  'Co-organizer': 'organizer',
  Presenter: 'presenter',
  Attendee: 'attendee',
  Unknown: undefined,
  Consumer: undefined,
  Collaborator: undefined,
};

/**
 * The id of a remote stream within its call. The SDK's stream id is a number unique per participant only, so
 * the participant's raw id goes in front of it.
 *
 * @example
 * remoteStreamId('8:orgid:0b0a3c3d-…', 2); // '8:orgid:0b0a3c3d-…#2'
 */
export const remoteStreamId = (participantId: string, stream: Pick<SdkRemoteVideoStream, 'id'>) =>
  `${participantId}#${stream.id}`;

/** The kind of a remote stream the port reports, or `undefined` for the kinds it leaves out (live streams). */
export function streamKindOf(
  stream: Pick<SdkRemoteVideoStream, 'mediaStreamType'>,
): VideoStreamKind | undefined {
  if (stream.mediaStreamType === 'Video') return 'video';
  if (stream.mediaStreamType === 'ScreenSharing') return 'screenSharing';
  return undefined;
}

/** The kind of participant an identifier names, in the core's words. */
export function participantKind(identifier: CommunicationIdentifierKind): Participant['kind'] {
  if (identifier.kind === 'microsoftTeamsUser') return 'teamsUser';
  if (identifier.kind === 'phoneNumber') return 'phoneNumber';
  return 'unknown';
}

function toRemoteVideoStreams(
  participantId: string,
  streams: readonly SdkRemoteVideoStream[],
): RemoteVideoStream[] {
  const mapped: RemoteVideoStream[] = [];
  for (const stream of streams) {
    const kind = streamKindOf(stream);
    if (!kind) continue;
    const { width, height } = stream.size;
    mapped.push({
      id: remoteStreamId(participantId, stream),
      kind,
      isAvailable: stream.isAvailable,
      // The SDK reports 0 × 0 until it knows the size.
      size: width > 0 && height > 0 ? { width, height } : null,
    });
  }
  return mapped;
}

/**
 * Maps a remote participant; its id is the SDK's raw id, and its streams' ids start with it. `isVideoOn` and
 * `isScreenSharing` are derived from the streams (the core's `streamFlags`).
 */
export function toParticipant(participant: SdkRemoteParticipant, rawIdOf: RawIdOf): Participant {
  const id = rawIdOf(participant.identifier);
  const role = ROLE_BY_SDK_ROLE[participant.role];
  const videoStreams = toRemoteVideoStreams(id, participant.videoStreams);
  return {
    id,
    kind: participantKind(participant.identifier),
    ...nameOf(participant.displayName),
    isMuted: participant.isMuted,
    isSpeaking: participant.isSpeaking,
    ...(role ? { role } : {}),
    state: STATE_BY_SDK_STATE[participant.state],
    videoStreams,
    ...streamFlags(videoStreams),
  };
}
