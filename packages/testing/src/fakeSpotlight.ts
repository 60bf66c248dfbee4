import { LOCAL_PARTICIPANT_ID, type SpotlightHandle, type SpotlightPortState } from '@teams-endpoint/core';
import { type FeatureHost, FeatureState, featureCommand, LIVE_STATES, stateHandle } from './fakeFeatureHost';
import { FEATURE_REFUSALS, featureError } from './featureRefusals';

/** How many people a meeting spotlights at once: the SDK 2.0.0's ECS default `maxSpotlightParticipants`. */
export const FAKE_MAX_SPOTLIGHTED = 7;

/** The remote controls of a meeting's spotlight. */
export interface FakeSpotlightControls {
  /**
   * An organizer or presenter sets who is spotlighted (in this order). Ids must be participants of the call
   * or `LOCAL_PARTICIPANT_ID`, at most {@link FAKE_MAX_SPOTLIGHTED}.
   */
  setSpotlight(participantIds: readonly string[]): void;
}

export interface FakeSpotlight extends FakeSpotlightControls {
  readonly handle: SpotlightHandle;
  readonly listenerCount: number;
  /** Participants who left lose their spotlight. */
  participantsLeft(ids: readonly string[]): void;
}

/**
 * A meeting's spotlight. Spotlighting someone already spotlighted, or stopping someone's spotlight that is
 * not on, changes nothing (the SDK refuses a start where everyone named is spotlighted, 400/45900; the port
 * must leave them out). Stopping one's own spotlight needs no capability; anyone else's needs `removeSpotlight`.
 */
export function createFakeSpotlight(host: FeatureHost): FakeSpotlight {
  const state = new FeatureState<SpotlightPortState>(
    { spotlighted: Object.freeze([]), maxSpotlighted: FAKE_MAX_SPOTLIGHTED },
    () => host.status() !== 'disconnected',
  );
  const isInCall = (id: string) => id === LOCAL_PARTICIPANT_ID || host.hasParticipant(id);
  const setSpotlighted = (spotlighted: readonly string[]) => {
    const current = state.getState();
    const same =
      spotlighted.length === current.spotlighted.length &&
      spotlighted.every((id, at) => id === current.spotlighted[at]);
    if (!same) state.set({ ...current, spotlighted: Object.freeze([...spotlighted]) });
  };

  /** The named ids, once each; refuses an empty list or anything that is not a participant id string. */
  const namedIds = (participantIds: readonly string[]): readonly string[] => {
    if (!Array.isArray(participantIds) || participantIds.length === 0)
      throw featureError(FEATURE_REFUSALS.noParticipants);
    for (const id of participantIds) {
      if (typeof id !== 'string') throw featureError(FEATURE_REFUSALS.notAParticipant);
    }
    return [...new Set(participantIds)];
  };

  const handle: SpotlightHandle = {
    ...stateHandle(state),
    startSpotlight: (participantIds) =>
      featureCommand(
        host,
        { method: 'startSpotlight', action: 'spotlight participants', capability: 'spotlight' },
        () => {
          const ids = namedIds(participantIds);
          const stranger = ids.find((id) => !isInCall(id));
          if (stranger !== undefined)
            throw featureError(FEATURE_REFUSALS.notAParticipant, { participantId: stranger });
          const { spotlighted, maxSpotlighted } = state.getState();
          const added = ids.filter((id) => !spotlighted.includes(id));
          if (spotlighted.length + added.length > maxSpotlighted)
            throw featureError(FEATURE_REFUSALS.tooManySpotlighted, { maxSpotlighted });
          setSpotlighted([...spotlighted, ...added]);
        },
      ),
    stopSpotlight: (participantIds) => {
      // Judged on the ids named, when issued: only one's own spotlight is free to stop.
      const othersNamed =
        !Array.isArray(participantIds) || participantIds.some((id) => id !== LOCAL_PARTICIPANT_ID);
      return featureCommand(
        host,
        {
          method: 'stopSpotlight',
          action: 'stop spotlighting participants',
          states: LIVE_STATES,
          ...(othersNamed ? { capability: 'removeSpotlight' as const } : {}),
        },
        () => {
          const ids = namedIds(participantIds);
          const { spotlighted } = state.getState();
          const stranger = ids.find((id) => !isInCall(id) && !spotlighted.includes(id));
          if (stranger !== undefined)
            throw featureError(FEATURE_REFUSALS.notAParticipant, { participantId: stranger });
          setSpotlighted(spotlighted.filter((id) => !ids.includes(id)));
        },
      );
    },
    stopAllSpotlight: () =>
      featureCommand(
        host,
        {
          method: 'stopAllSpotlight',
          action: 'stop every spotlight',
          states: LIVE_STATES,
          capability: 'removeSpotlight',
        },
        () => setSpotlighted([]),
      ),
  };

  return {
    handle,
    get listenerCount() {
      return state.listenerCount;
    },
    setSpotlight(participantIds) {
      const ids = [...new Set(participantIds)];
      const stranger = ids.find((id) => !isInCall(id));
      if (stranger !== undefined) throw new Error(`${stranger} is not a participant of the call.`);
      if (ids.length > FAKE_MAX_SPOTLIGHTED)
        throw new Error(`At most ${FAKE_MAX_SPOTLIGHTED} people can be spotlighted.`);
      setSpotlighted(ids);
    },
    participantsLeft(ids) {
      const gone = new Set(ids);
      setSpotlighted(state.getState().spotlighted.filter((id) => !gone.has(id)));
    },
  };
}
