import {
  type LobbyHandle,
  type LobbyParticipant,
  type LobbyPortState,
  type Participant,
  streamFlags,
} from '@teams-endpoint/core';
import { type FeatureHost, FeatureState, featureCommand, stateHandle } from './fakeFeatureHost';
import { NO_VIDEO_STREAMS } from './fakeRemoteMedia';
import { createParticipants } from './fakeRoster';
import { FEATURE_REFUSALS, featureError } from './featureRefusals';

/** The remote controls of a meeting's lobby. */
export interface FakeLobbyControls {
  /**
   * `count` new people, or the given ones, arrive in the lobby, in that order. Returns those who arrived.
   * Someone already in the lobby or the meeting cannot arrive again (it throws).
   */
  joinLobby(countOrParticipants: number | readonly LobbyParticipant[]): readonly LobbyParticipant[];
  /** Someone in the lobby gives up. Throws for someone not in the lobby. */
  leaveLobby(participantId: string): void;
}

export interface FakeLobby extends FakeLobbyControls {
  readonly handle: LobbyHandle;
  readonly listenerCount: number;
}

/** Someone admitted from the lobby, as the roster reports them: connected, muted, an attendee, no video. */
function admitted(person: LobbyParticipant): Participant {
  return {
    id: person.id,
    kind: person.kind,
    ...(person.displayName === undefined ? {} : { displayName: person.displayName }),
    isMuted: true,
    isSpeaking: false,
    role: 'attendee',
    state: 'connected',
    videoStreams: NO_VIDEO_STREAMS,
    ...streamFlags(NO_VIDEO_STREAMS),
  };
}

/**
 * A meeting's lobby. Admitting moves a person out of the lobby, then into the roster (`participantsAdded`),
 * so that nobody is ever in both. The commands need a connected call and `manageLobby`.
 */
export function createFakeLobby(host: FeatureHost): FakeLobby {
  const state = new FeatureState<LobbyPortState>(
    { participants: Object.freeze([]) },
    () => host.status() !== 'disconnected',
  );
  const waiting = () => state.getState().participants;
  const setWaiting = (participants: readonly LobbyParticipant[]) =>
    state.set({ participants: Object.freeze([...participants]) });

  /** The person waiting with this id; `not_found` otherwise (and why). */
  const inLobby = (participantId: string): LobbyParticipant => {
    const person = waiting().find((candidate) => candidate.id === participantId);
    if (person) return person;
    throw featureError(
      host.hasParticipant(participantId) ? FEATURE_REFUSALS.alreadyInMeeting : FEATURE_REFUSALS.notInLobby,
      { participantId },
    );
  };
  const leave = (participantId: string, admit: boolean) => {
    const person = inLobby(participantId);
    setWaiting(waiting().filter((candidate) => candidate !== person));
    if (admit) host.addParticipants([admitted(person)]);
  };

  const handle: LobbyHandle = {
    ...stateHandle(state),
    admit: (participantId) =>
      featureCommand(
        host,
        { method: 'admit', action: 'admit someone from the lobby', capability: 'manageLobby' },
        () => leave(participantId, true),
      ),
    reject: (participantId) =>
      featureCommand(
        host,
        { method: 'rejectFromLobby', action: 'turn someone away from the lobby', capability: 'manageLobby' },
        () => leave(participantId, false),
      ),
    admitAll: () =>
      featureCommand(
        host,
        { method: 'admitAll', action: 'admit everyone from the lobby', capability: 'manageLobby' },
        () => {
          const everyone = waiting();
          if (everyone.length === 0) return;
          setWaiting([]);
          host.addParticipants(everyone.map(admitted));
        },
      ),
  };

  return {
    handle,
    get listenerCount() {
      return state.listenerCount;
    },
    joinLobby(countOrParticipants) {
      if (host.status() === 'disconnected') return [];
      const arriving =
        typeof countOrParticipants === 'number'
          ? createParticipants(countOrParticipants).map(({ id, kind, displayName }) =>
              Object.freeze({ id, kind, ...(displayName === undefined ? {} : { displayName }) }),
            )
          : countOrParticipants.map((person) => Object.freeze({ ...person }));
      const seen = new Set(waiting().map((person) => person.id));
      for (const person of arriving) {
        if (seen.has(person.id) || host.hasParticipant(person.id))
          throw new Error(`${person.id} is already in the lobby or the meeting.`);
        seen.add(person.id);
      }
      if (arriving.length > 0) setWaiting([...waiting(), ...arriving]);
      return arriving;
    },
    leaveLobby(participantId) {
      if (host.status() === 'disconnected') return;
      if (!waiting().some((person) => person.id === participantId))
        throw new Error(`${participantId} is not in the lobby.`);
      setWaiting(waiting().filter((person) => person.id !== participantId));
    },
  };
}
