import { isPlainRemoteText, normalizeOptionalRemoteText } from '../domain/remoteText';
import type { CallPortEvent, Participant } from '../ports/callingPort';

/**
 * A participant as snapshots show it: the display name is remote text, normalized (left out when nothing is
 * left of it). A participant whose name is already clean keeps its object.
 */
function shown(participant: Participant, previous: () => Participant | undefined): Participant {
  if (!('displayName' in participant)) return participant;
  const raw = participant.displayName;
  if (typeof raw === 'string' && raw !== '' && isPlainRemoteText(raw)) return participant;
  // Mute and speaking toggles repeat the same name thousands of times. A stored name is normalized, and
  // normalizing is idempotent: a raw name equal to it needs no work.
  const stored = previous()?.displayName;
  const displayName =
    stored !== undefined && stored === raw ? stored : normalizeOptionalRemoteText(participant.displayName);
  if (displayName === participant.displayName) return participant;
  const { displayName: _untrusted, ...rest } = participant;
  return displayName === undefined ? rest : { ...rest, displayName };
}

/**
 * Holds a call's remote participants beside its machine. Large meetings send bursts of joins and
 * mute/speaking toggles; they are applied to a map in O(1) each and the list is rebuilt once per burst,
 * when the snapshot is next read, keeping unchanged participants' objects. Display names are normalized as
 * they arrive (see `normalizeRemoteText`).
 */
export class ParticipantStore {
  private readonly byId = new Map<string, Participant>();
  private list: readonly Participant[] = [];
  private dirty = false;

  constructor(private readonly onChange: () => void) {}

  /** Applies a participant event; returns false for events that are not about participants. */
  apply(event: CallPortEvent): boolean {
    switch (event.type) {
      case 'participantsAdded':
        for (const participant of event.participants) this.put(participant);
        break;
      case 'participantsRemoved':
        for (const id of event.ids) this.byId.delete(id);
        break;
      case 'participantChanged':
        if (!this.byId.has(event.participant.id)) return true;
        this.put(event.participant);
        break;
      default:
        return false;
    }
    this.dirty = true;
    this.onChange();
    return true;
  }

  /** Replaces everything, for the first sync with a call handle. */
  reset(participants: readonly Participant[]): void {
    this.byId.clear();
    for (const participant of participants) this.put(participant);
    this.dirty = true;
    this.onChange();
  }

  private put(participant: Participant): void {
    this.byId.set(
      participant.id,
      shown(participant, () => this.byId.get(participant.id)),
    );
  }

  get snapshot(): readonly Participant[] {
    if (this.dirty) {
      this.list = [...this.byId.values()];
      this.dirty = false;
    }
    return this.list;
  }
}
