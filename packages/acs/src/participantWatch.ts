import type { CollectionUpdatedEvent } from '@azure/communication-calling';
import type { RawIdOf } from './sdkIdentifiers';
import { remoteStreamId } from './sdkParticipant';
import type { SdkRemoteParticipant, SdkRemoteVideoStream } from './sdkTypes';

export interface ParticipantWatchContext {
  readonly rawIdOf: RawIdOf;
  /** Something in the participant's entry changed: mute, speaking, name, role, state or a stream. */
  readonly onChanged: (participant: SdkRemoteParticipant) => void;
  /** A stream stopped being renderable (unavailable, or removed): its views must go. */
  readonly onStreamGone: (streamId: string) => void;
}

/** The handlers on one participant and on each of its streams, kept to remove those same functions. */
interface Watched {
  readonly onChanged: () => void;
  readonly onStateChanged: () => void;
  readonly onStreamsUpdated: CollectionUpdatedEvent<SdkRemoteVideoStream>;
  readonly streams: Map<SdkRemoteVideoStream, { onAvailable: () => void; onSize: () => void }>;
}

export interface ParticipantWatch {
  watch(participant: SdkRemoteParticipant): void;
  unwatch(participant: SdkRemoteParticipant): void;
  unwatchAll(): void;
}

/**
 * Follows what changes the entries of a call's participants, and each one's video streams: `isAvailableChanged`
 * and `sizeChanged` on every stream, `videoStreamsUpdated` on the participant. Every handler is kept, so that
 * `off` gets the very function `on` got; a participant's handlers go when it is unwatched.
 */
export function createParticipantWatch(context: ParticipantWatchContext): ParticipantWatch {
  const watched = new Map<SdkRemoteParticipant, Watched>();

  const watchStream = (participant: SdkRemoteParticipant, entry: Watched, stream: SdkRemoteVideoStream) => {
    const streamId = remoteStreamId(context.rawIdOf(participant.identifier), stream);
    const onAvailable = () => {
      if (!stream.isAvailable) context.onStreamGone(streamId);
      context.onChanged(participant);
    };
    const onSize = () => context.onChanged(participant);
    entry.streams.set(stream, { onAvailable, onSize });
    stream.on('isAvailableChanged', onAvailable);
    stream.on('sizeChanged', onSize);
  };

  const unwatchStream = (entry: Watched, stream: SdkRemoteVideoStream) => {
    const handlers = entry.streams.get(stream);
    if (!handlers) return;
    stream.off('isAvailableChanged', handlers.onAvailable);
    stream.off('sizeChanged', handlers.onSize);
    entry.streams.delete(stream);
  };

  const watch = (participant: SdkRemoteParticipant) => {
    if (watched.has(participant)) return;
    const onChanged = () => context.onChanged(participant);
    // A participant on its way out says `Disconnected` first; its removal follows, and is what the port reports.
    const onStateChanged = () => {
      if (participant.state !== 'Disconnected') context.onChanged(participant);
    };
    const onStreamsUpdated: CollectionUpdatedEvent<SdkRemoteVideoStream> = ({ added, removed }) => {
      const participantId = context.rawIdOf(participant.identifier);
      for (const stream of removed) {
        unwatchStream(entry, stream);
        context.onStreamGone(remoteStreamId(participantId, stream));
      }
      for (const stream of added) watchStream(participant, entry, stream);
      context.onChanged(participant);
    };
    const entry: Watched = { onChanged, onStateChanged, onStreamsUpdated, streams: new Map() };
    watched.set(participant, entry);
    participant.on('isMutedChanged', onChanged);
    participant.on('isSpeakingChanged', onChanged);
    participant.on('displayNameChanged', onChanged);
    participant.on('roleChanged', onChanged);
    participant.on('stateChanged', onStateChanged);
    participant.on('videoStreamsUpdated', onStreamsUpdated);
    for (const stream of participant.videoStreams) watchStream(participant, entry, stream);
  };

  const unwatch = (participant: SdkRemoteParticipant) => {
    const entry = watched.get(participant);
    if (!entry) return;
    participant.off('isMutedChanged', entry.onChanged);
    participant.off('isSpeakingChanged', entry.onChanged);
    participant.off('displayNameChanged', entry.onChanged);
    participant.off('roleChanged', entry.onChanged);
    participant.off('stateChanged', entry.onStateChanged);
    participant.off('videoStreamsUpdated', entry.onStreamsUpdated);
    for (const stream of [...entry.streams.keys()]) unwatchStream(entry, stream);
    watched.delete(participant);
  };

  return {
    watch,
    unwatch,
    unwatchAll() {
      for (const participant of [...watched.keys()]) unwatch(participant);
    },
  };
}
