import type { CallPortEvent, CaptionResult, Participant, StreamView } from '@teams-endpoint/core';
import type { CallEventListener, CaptionListener } from './callEventTap';

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

/**
 * The baseline for the event cost with video tiles: the same hand-written store, plus what an app adds by
 * hand for tiles. Each event about a participant that has per-participant listeners notes its id; the flush
 * rebuilds the list, calls the call's listeners, then each noted participant's listeners once.
 */
export function createPlainVideoCallbacksBaseline() {
  const byId = new Map<string, Participant>();
  const listeners = new Set<() => void>();
  const watchers = new Map<string, Set<() => void>>();
  const changed = new Set<string>();
  let participants: readonly Participant[] = [];
  let dirty = false;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (!dirty) return;
    dirty = false;
    participants = [...byId.values()];
    for (const listener of listeners) listener();
    for (const id of changed) {
      const tile = watchers.get(id);
      if (tile) for (const listener of tile) listener();
    }
    changed.clear();
  };

  const touch = (id: string) => {
    if (watchers.has(id)) changed.add(id);
  };

  const onEvent: CallEventListener = (event: CallPortEvent) => {
    switch (event.type) {
      case 'participantsAdded':
        for (const participant of event.participants) {
          byId.set(participant.id, participant);
          touch(participant.id);
        }
        break;
      case 'participantsRemoved':
        for (const id of event.ids) {
          byId.delete(id);
          touch(id);
        }
        break;
      case 'participantChanged':
        if (!byId.has(event.participant.id)) return;
        byId.set(event.participant.id, event.participant);
        touch(event.participant.id);
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
    portListeners: new Set<CallEventListener>([onEvent]),
    getParticipants: () => participants,
    getParticipant: (id: string) => byId.get(id),
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeParticipant(id: string, listener: () => void): () => void {
      let tile = watchers.get(id);
      if (!tile) {
        tile = new Set();
        watchers.set(id, tile);
      }
      tile.add(listener);
      return () => {
        tile.delete(listener);
        if (tile.size === 0) watchers.delete(id);
      };
    },
  };
}

export type PlainVideoCallbacksBaseline = ReturnType<typeof createPlainVideoCallbacksBaseline>;

/**
 * A stream bound to a container by hand, as `bindVideoStream` does: on each change of its participant, the
 * view is requested from the port when the stream is available and none is there, and disposed when the
 * stream is gone. The app knows whose stream it is (its gallery said), so it listens to that participant only.
 */
export function bindStreamByHand(
  baseline: PlainVideoCallbacksBaseline,
  participantId: string,
  streamId: string,
  render: (streamId: string) => Promise<StreamView>,
) {
  let view: StreamView | null = null;
  let pending = false;
  let stopped = false;
  let error: unknown = null;
  const isAvailable = () => {
    const streams = baseline.getParticipant(participantId)?.videoStreams;
    if (!streams) return false;
    for (const stream of streams) if (stream.id === streamId) return stream.isAvailable;
    return false;
  };
  const update = () => {
    if (stopped || pending) return;
    const available = isAvailable();
    if (available && !view && error === null) {
      pending = true;
      render(streamId).then(
        (created) => {
          pending = false;
          view = created;
          // The stream may have gone, or the binding stopped, while the view was on its way.
          if (stopped) release();
          else update();
        },
        (failure: unknown) => {
          pending = false;
          error = failure;
        },
      );
    } else if (!available) {
      release();
      error = null;
    }
  };
  const release = () => {
    view?.dispose();
    view = null;
  };
  const stop = baseline.subscribeParticipant(participantId, update);
  update();
  return {
    get rendered() {
      return view !== null;
    },
    get error() {
      return error;
    },
    dispose() {
      stopped = true;
      stop();
      release();
    },
  };
}

/**
 * The baseline for a burst of caption results: what an app would write by hand on the port's `onCaption`,
 * kept minimal. A result replaces its speaker's last phrase while that one is partial, and is appended
 * otherwise (the oldest dropped past `maxEntries`), in place; the list is copied once per burst, in a
 * microtask, and then every listener is called. No text normalization, no entry ids, no snapshot object.
 */
export function createPlainCaptionsBaseline(maxEntries: number) {
  const working: CaptionResult[] = [];
  const listeners = new Set<() => void>();
  let entries: readonly CaptionResult[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    entries = [...working];
    for (const listener of listeners) listener();
  };

  const onResult: CaptionListener = (result) => {
    let index = -1;
    for (let i = working.length - 1; i >= 0; i--) {
      if (working[i]!.speakerId === result.speakerId) {
        if (!working[i]!.isFinal) index = i;
        break;
      }
    }
    if (index >= 0) working[index] = result;
    else {
      working.push(result);
      if (working.length > maxEntries) working.shift();
    }
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };

  return {
    /** The "port subscription": deliver caption results to these, as to the core's. */
    portListeners: new Set<CaptionListener>([onResult]),
    getEntries: () => entries,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
