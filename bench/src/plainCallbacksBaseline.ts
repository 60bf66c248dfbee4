import type { CallPortEvent, Participant } from '@teams-endpoint/core';
import type { CallEventListener } from './callEventTap';

/**
 * The baseline for the event cost: what an app would write by hand on top of the port's callbacks, kept
 * minimal and fair. Participant events go into a Map; the list is rebuilt once per burst, in a microtask,
 * and then every listener is called. No snapshot object, no structural sharing, no parent unit.
 */
export function createPlainCallbacksBaseline() {
  const byId = new Map<string, Participant>();
  const listeners = new Set<() => void>();
  let participants: readonly Participant[] = [];
  let dirty = false;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (!dirty) return;
    dirty = false;
    participants = [...byId.values()];
    for (const listener of listeners) listener();
  };

  const onEvent: CallEventListener = (event: CallPortEvent) => {
    switch (event.type) {
      case 'participantsAdded':
        for (const participant of event.participants) byId.set(participant.id, participant);
        break;
      case 'participantsRemoved':
        for (const id of event.ids) byId.delete(id);
        break;
      case 'participantChanged':
        if (!byId.has(event.participant.id)) return;
        byId.set(event.participant.id, event.participant);
        break;
      default:
        return;
    }
    dirty = true;
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };

  return {
    /** The "port subscription": deliver events to these, as to the core's. */
    portListeners: new Set<CallEventListener>([onEvent]),
    getParticipants: () => participants,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
