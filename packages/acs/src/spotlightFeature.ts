import type { CollectionUpdatedEvent, SpotlightedParticipant } from '@azure/communication-calling';
import type { CommunicationIdentifier } from '@azure/communication-common';
import type { SpotlightHandle, SpotlightPortState } from '@teams-endpoint/core';
import type { FeatureContext } from './featureContext';
import { createFeatureState, type FeatureState } from './featureState';
import type { SdkSpotlightFeature } from './sdkTypes';

const NO_SPOTLIGHT: SpotlightPortState = { spotlighted: [], maxSpotlighted: 0 };

/**
 * Spotlight over `Features.Spotlight`.
 *
 * SDK rules (`SpotlightCallFeatureImpl` and `SpotlightCallImplOverTsCall`, 2.0.0):
 * - `startSpotlight()` and `stopSpotlight()` without participants act on the local user, and stopping one's own
 *   spotlight needs no role; so `LOCAL_PARTICIPANT_ID` is sent as a call of its own, without participants;
 * - an identifier `validateIdentifier` refuses makes the command resolve and do nothing: the port sends the
 *   participants' own `identifier`s, nothing it builds;
 * - starting only participants already spotlighted throws 400/45900, so they are left out (and nothing is sent
 *   when nobody is left); going over `maxParticipantsToSpotlight` throws 400/45902; in a 1:1 call 400/45906;
 *   without the presenter or organizer role in a role-based meeting 403/45903.
 */
export function createSpotlightHandle(
  feature: SdkSpotlightFeature,
  context: FeatureContext,
): SpotlightHandle & Pick<FeatureState<SpotlightPortState>, 'release'> {
  const spotlightedNow = (): string[] =>
    [...feature.getSpotlightedParticipants()]
      .sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER))
      .map((participant) => context.participants.idOf(participant.identifier));

  const state = createFeatureState<SpotlightPortState>(
    {
      read: () => ({ spotlighted: spotlightedNow(), maxSpotlighted: feature.maxParticipantsToSpotlight }),
      follow(changed: CollectionUpdatedEvent<SpotlightedParticipant>) {
        feature.on('spotlightChanged', changed);
        return () => feature.off('spotlightChanged', changed);
      },
    },
    NO_SPOTLIGHT,
  );

  /** Runs `run` for the remote participants named, then for the local user, each only when there is one. */
  const each = async (
    participantIds: readonly string[],
    keep: (participantId: string) => boolean,
    run: (identifiers?: CommunicationIdentifier[]) => Promise<void>,
  ) => {
    const { remotes, includesLocal } = context.participants.resolve(participantIds.filter(keep));
    if (remotes.length > 0) await run(remotes.map((participant) => participant.identifier));
    if (includesLocal) await run();
  };

  return {
    ...state,
    startSpotlight: (participantIds) =>
      context.command('spotlight', () => {
        const already = new Set(spotlightedNow());
        return each(
          participantIds,
          (id) => !already.has(id),
          (identifiers) => feature.startSpotlight(identifiers),
        );
      }),
    stopSpotlight: (participantIds) =>
      context.command('stop the spotlight', () => {
        const spotlighted = new Set(spotlightedNow());
        return each(
          participantIds,
          (id) => spotlighted.has(id),
          (identifiers) => feature.stopSpotlight(identifiers),
        );
      }),
    stopAllSpotlight: () => context.command('stop every spotlight', () => feature.stopAllSpotlight()),
  };
}
