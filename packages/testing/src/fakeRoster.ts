import type { CallPortEvent, Participant, RemoteVideoStream, VideoStreamKind } from '@teams-endpoint/core';
import { availableStream, NO_VIDEO_STREAMS, withStreamAvailability } from './fakeRemoteMedia';

/** What `updateParticipant` may change; streams change through `setParticipantVideo` and `setParticipantScreenShare`. */
export type ParticipantChange = Partial<
  Pick<Participant, 'isMuted' | 'isSpeaking' | 'state' | 'role' | 'displayName'>
>;

let participantSerial = 0;

/** Creates deterministic participants for bursts. */
export function createParticipants(count: number): Participant[] {
  return Array.from({ length: count }, () => {
    participantSerial += 1;
    return {
      id: `8:orgid:00000000-0000-4000-8000-${participantSerial.toString(16).padStart(12, '0')}`,
      kind: 'teamsUser' as const,
      displayName: `Participant ${participantSerial}`,
      isMuted: true,
      isSpeaking: false,
      state: 'connected' as const,
      videoStreams: NO_VIDEO_STREAMS,
      isVideoOn: false,
      isScreenSharing: false,
    };
  });
}

/** How a roster reaches its call. */
export interface RosterHooks {
  /** The participants changed: the call's state takes the new list, before the event goes out. */
  readonly changed: (participants: readonly Participant[]) => void;
  readonly emit: (event: CallPortEvent) => void;
  /** A stream stopped, or its participant left: its views go. */
  readonly streamGone: (streamId: string) => void;
}

/**
 * The remote participants of one fake call. Copy on write: a list handed out earlier never changes, and a
 * participant whose streams did not change keeps its `videoStreams` array, so the core can share structure.
 */
export class FakeRoster {
  private list: readonly Participant[] = [];
  private readonly byId = new Map<string, Participant>();
  private readonly speaking = new Set<string>();

  constructor(
    private readonly callId: string,
    private readonly hooks: RosterHooks,
  ) {}

  get participants(): readonly Participant[] {
    return this.list;
  }
  get anyoneSpeaking(): boolean {
    return this.speaking.size > 0;
  }
  /** The participant with this id. A test that names someone not in the call made a mistake: it throws. */
  get(id: string): Participant {
    const participant = this.byId.get(id);
    if (!participant) throw new Error(`No participant ${id} in ${this.callId}.`);
    return participant;
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  /** The participant's display name now ('' when they left or have none). */
  nameOf(id: string): string {
    return this.byId.get(id)?.displayName ?? '';
  }
  /** The stream with this id, and whose it is. */
  findStream(
    streamId: string,
  ): { readonly participantId: string; readonly stream: RemoteVideoStream } | undefined {
    for (const participant of this.list) {
      const stream = participant.videoStreams.find((candidate) => candidate.id === streamId);
      if (stream) return { participantId: participant.id, stream };
    }
    return undefined;
  }

  add(added: readonly Participant[]): void {
    for (const participant of added) this.track(participant);
    this.set([...this.list, ...added]);
    this.hooks.emit({ type: 'participantsAdded', participants: added });
  }
  remove(ids: readonly string[]): void {
    const gone = new Set(ids);
    for (const id of gone) {
      const participant = this.byId.get(id);
      if (!participant) continue;
      // The contract: a participant who leaves takes the views of their streams along.
      for (const stream of participant.videoStreams) this.hooks.streamGone(stream.id);
      this.byId.delete(id);
      this.speaking.delete(id);
    }
    this.set(this.list.filter((participant) => !gone.has(participant.id)));
    this.hooks.emit({ type: 'participantsRemoved', ids });
  }
  update(id: string, change: ParticipantChange): void {
    this.replace({ ...this.get(id), ...change });
  }
  /** Turns a participant's stream on or off, reporting a real change only. */
  turnStream(participantId: string, kind: VideoStreamKind, on: boolean): void {
    const current = this.get(participantId);
    const next = withStreamAvailability(current, kind, on);
    if (next === current) return;
    // The contract: a stream that stops being available loses its views.
    if (!on) {
      for (const stream of current.videoStreams) if (stream.kind === kind) this.hooks.streamGone(stream.id);
    }
    this.replace(next);
  }
  /** Ends every remote screen share but `exceptParticipantId`'s. */
  endShares(exceptParticipantId?: string): void {
    for (const participant of this.list) {
      if (participant.id !== exceptParticipantId && availableStream(participant, 'screenSharing')) {
        this.turnStream(participant.id, 'screenSharing', false);
      }
    }
  }

  private set(participants: readonly Participant[]) {
    this.list = participants;
    this.hooks.changed(participants);
  }
  private track(participant: Participant) {
    this.byId.set(participant.id, participant);
    if (participant.isSpeaking) this.speaking.add(participant.id);
    else this.speaking.delete(participant.id);
  }
  private replace(next: Participant) {
    const index = this.list.findIndex((candidate) => candidate.id === next.id);
    const participants = [...this.list];
    participants[index] = next;
    this.track(next);
    this.set(participants);
    this.hooks.emit({ type: 'participantChanged', participant: next });
  }
}
