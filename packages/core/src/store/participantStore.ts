import { isPlainRemoteText, normalizeOptionalRemoteText } from '../domain/remoteText';
import type { CallPortEvent, Participant, RemoteVideoStream } from '../ports/callingPort';
import { notifySafely, scheduleFlush } from './notifyScheduler';
import { shareArray } from './observableUnit';

/**
 * A roster entry as snapshots show it: the port's participant, its display name normalized (left out when
 * nothing is left of it). `isVideoOn` and `isScreenSharing` say whether a camera or screen-share stream is
 * available now.
 */
export type CallParticipant = Participant;

function normalizedName(participant: Participant, stored: Participant | undefined): string | undefined {
  const raw = participant.displayName;
  // Mute and speaking toggles repeat the same name thousands of times. A stored name is normalized, and
  // normalizing is idempotent: a raw name equal to it needs no work.
  const storedName = stored?.displayName;
  if (storedName !== undefined && storedName === raw) return storedName;
  if (typeof raw === 'string' && raw !== '' && isPlainRemoteText(raw)) return raw;
  return normalizeOptionalRemoteText(raw);
}

/** Whether two stream lists hold the same streams (each stream's fields and its size). */
function sameStreams(a: readonly RemoteVideoStream[], b: readonly RemoteVideoStream[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.kind !== y.kind || x.isAvailable !== y.isAvailable) return false;
    if (x.size !== y.size && (x.size?.width !== y.size?.width || x.size?.height !== y.size?.height))
      return false;
  }
  return true;
}

/**
 * The entry for `participant`: the stored entry itself when nothing it shows changed; else the port's own
 * object when its name is clean (bursts run this 10,000 times: no copy); else a copy with the name normalized.
 */
function shown(participant: Participant, stored: Participant | undefined): Participant {
  const displayName = 'displayName' in participant ? normalizedName(participant, stored) : undefined;
  if (
    stored !== undefined &&
    stored.isSpeaking === participant.isSpeaking &&
    stored.isMuted === participant.isMuted &&
    stored.isVideoOn === participant.isVideoOn &&
    stored.isScreenSharing === participant.isScreenSharing &&
    stored.state === participant.state &&
    stored.role === participant.role &&
    stored.kind === participant.kind &&
    stored.displayName === displayName &&
    sameStreams(stored.videoStreams, participant.videoStreams)
  )
    return stored;
  if (displayName === participant.displayName) return participant;
  const { displayName: _untrusted, ...rest } = participant;
  return displayName === undefined ? rest : { ...rest, displayName };
}

/**
 * Holds a call's high-frequency media state beside its machine: the remote participants, the dominant
 * speakers and the advised video count. Large meetings send bursts of joins and mute, speaking and stream
 * toggles; each is applied to a map in O(1) and the list is rebuilt once per burst, when the snapshot is next
 * read, keeping unchanged participants' objects. Display names are normalized as they arrive (see
 * `normalizeRemoteText`).
 *
 * Subscribers to one participant (`subscribe(id, …)`) hear only that participant's changes, once per burst.
 */
export class ParticipantStore {
  private readonly byId = new Map<string, Participant>();
  private list: readonly CallParticipant[] = [];
  private dirty = false;
  private speakers: readonly string[] = [];
  private videoCount: number | null = null;
  private readonly watchers = new Map<string, Set<() => void>>();
  /** Whose stream each stream id is: built on demand, once per burst at most, dropped by any change. */
  private owners: Map<string, string> | null = null;
  private readonly changed = new Set<string>();
  private closed = false;

  constructor(private readonly onChange: () => void) {}

  /** Applies a media event; returns false for events that are not about participants or speakers. */
  apply(event: CallPortEvent): boolean {
    switch (event.type) {
      case 'participantsAdded':
        for (const participant of event.participants) this.put(participant);
        break;
      case 'participantsRemoved':
        for (const id of event.ids) {
          if (this.byId.delete(id)) this.touch(id);
        }
        break;
      case 'participantChanged':
        if (!this.byId.has(event.participant.id)) return true;
        if (!this.put(event.participant)) return true;
        break;
      case 'dominantSpeakers': {
        const next = shareArray(this.speakers, event.ids);
        if (next === this.speakers) return true;
        this.speakers = next;
        this.onChange();
        return true;
      }
      case 'optimalVideoCount':
        if (this.videoCount === event.count) return true;
        this.videoCount = event.count;
        this.onChange();
        return true;
      default:
        return false;
    }
    this.dirty = true;
    this.owners = null;
    this.onChange();
    return true;
  }

  /** Replaces everything, for the first sync with a call handle. */
  reset(state: {
    readonly participants: readonly Participant[];
    readonly dominantSpeakers: readonly string[];
    readonly optimalVideoCount: number | null;
  }): void {
    const before = new Set(this.byId.keys());
    this.byId.clear();
    for (const participant of state.participants) this.put(participant);
    for (const id of before) if (!this.byId.has(id)) this.touch(id);
    this.speakers = shareArray(this.speakers, state.dominantSpeakers);
    this.videoCount = state.optimalVideoCount;
    this.dirty = true;
    this.owners = null;
    this.onChange();
  }

  /** Stores a participant; false when nothing it shows changed. */
  private put(participant: Participant): boolean {
    const stored = this.byId.get(participant.id);
    const next = shown(participant, stored);
    if (next === stored) return false;
    this.byId.set(participant.id, next);
    this.touch(participant.id);
    return true;
  }

  /**
   * The participant whose stream this is, or `undefined`. The index is built from the roster on the first
   * question after a change, so that nine tiles looking up their streams scan the roster once, not nine times.
   */
  ownerOf(streamId: string): string | undefined {
    if (this.owners === null) {
      const owners = new Map<string, string>();
      for (const participant of this.byId.values()) {
        for (const stream of participant.videoStreams) owners.set(stream.id, participant.id);
      }
      this.owners = owners;
    }
    return this.owners.get(streamId);
  }

  /** Notes a change for the participant's own subscribers, told once per burst. */
  private touch(id: string): void {
    if (this.watchers.size === 0 || !this.watchers.has(id)) return;
    if (this.changed.size === 0) scheduleFlush(this.flush);
    this.changed.add(id);
  }

  private readonly flush = () => {
    const ids = [...this.changed];
    this.changed.clear();
    for (const id of ids) {
      const listeners = this.watchers.get(id);
      if (listeners) for (const listener of [...listeners]) notifySafely(listener);
    }
  };

  get snapshot(): readonly CallParticipant[] {
    if (this.dirty) {
      this.list = [...this.byId.values()];
      this.dirty = false;
    }
    return this.list;
  }

  get dominantSpeakers(): readonly string[] {
    return this.speakers;
  }

  get optimalVideoCount(): number | null {
    return this.videoCount;
  }

  /** One participant's entry now, or `undefined` when it is not in the call. */
  get(id: string): CallParticipant | undefined {
    return this.byId.get(id);
  }

  /** Hears that participant's changes (joins, leaves, any field), once per burst. */
  subscribe(id: string, listener: () => void): () => void {
    if (this.closed) return () => {};
    let listeners = this.watchers.get(id);
    if (!listeners) {
      listeners = new Set();
      this.watchers.set(id, listeners);
    }
    const wrapped = () => listener();
    listeners.add(wrapped);
    return () => {
      const current = this.watchers.get(id);
      if (!current) return;
      current.delete(wrapped);
      if (current.size === 0) this.watchers.delete(id);
    };
  }

  /** How many per-participant listeners are subscribed, for teardown checks. */
  get watcherCount(): number {
    let count = 0;
    for (const listeners of this.watchers.values()) count += listeners.size;
    return count;
  }

  /** Teardown: tells pending changes now, then removes every per-participant listener. */
  close(): void {
    if (this.closed) return;
    if (this.changed.size > 0) this.flush();
    this.closed = true;
    this.watchers.clear();
  }
}
