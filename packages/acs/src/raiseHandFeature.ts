import type { RaisedHandListener } from '@azure/communication-calling';
import type { RaiseHandHandle, RaiseHandPortState } from '@teams-endpoint/core';
import type { FeatureContext } from './featureContext';
import { createFeatureState, type FeatureState } from './featureState';
import type { SdkRaiseHandFeature } from './sdkTypes';

const NO_HANDS: RaiseHandPortState = { raisedHands: [] };

/**
 * Raised hands over `Features.RaiseHand`, the local user's as `LOCAL_PARTICIPANT_ID`.
 *
 * SDK rules (`RaiseHandCallImplOverTsCall`, 2.0.0): `raiseHand` in a 1:1 call throws 400/45758, so the port
 * offers the feature in meetings only; raising a raised hand, or lowering a lowered one, resolves and does
 * nothing; `getRaisedHands` numbers hands from 1 in the order the service ranks them.
 */
export function createRaiseHandHandle(
  feature: SdkRaiseHandFeature,
  context: FeatureContext,
): RaiseHandHandle & Pick<FeatureState<RaiseHandPortState>, 'release'> {
  const state = createFeatureState<RaiseHandPortState>(
    {
      read: () => ({
        raisedHands: feature
          .getRaisedHands()
          .map((hand) => ({ participantId: context.participants.idOf(hand.identifier), order: hand.order }))
          .sort((a, b) => a.order - b.order),
      }),
      follow(changed: RaisedHandListener) {
        feature.on('raisedHandEvent', changed);
        feature.on('loweredHandEvent', changed);
        return () => {
          feature.off('raisedHandEvent', changed);
          feature.off('loweredHandEvent', changed);
        };
      },
    },
    NO_HANDS,
  );

  return {
    ...state,
    raiseHand: () => context.command('raise your hand', () => feature.raiseHand()),
    lowerHand: () => context.command('lower your hand', () => feature.lowerHand()),
    lowerAllHands: () => context.command('lower all hands', () => feature.lowerAllHands()),
  };
}
