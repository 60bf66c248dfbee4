import {
  LOCAL_PARTICIPANT_ID,
  type RaisedHand,
  type RaiseHandHandle,
  type RaiseHandPortState,
} from '@teams-endpoint/core';
import { type FeatureHost, FeatureState, featureCommand, LIVE_STATES, stateHandle } from './fakeFeatureHost';

/** The remote controls of a meeting's raised hands. */
export interface FakeRaiseHandControls {
  /** A participant of the call raises their hand; raising a raised hand changes nothing. */
  raiseRemoteHand(participantId: string): void;
  /** A participant lowers their hand; a hand that is not raised changes nothing. */
  lowerRemoteHand(participantId: string): void;
}

export interface FakeRaiseHand extends FakeRaiseHandControls {
  readonly handle: RaiseHandHandle;
  readonly listenerCount: number;
  /** Participants who left take their raised hands with them. */
  participantsLeft(ids: readonly string[]): void;
}

/**
 * The raised hands of one meeting, in the order they were raised. `order` is the order of publication across
 * the call (SDK 2.0.0 `RaisedHand.order`): it only grows, and is not renumbered when a hand is lowered.
 */
export function createFakeRaiseHand(host: FeatureHost): FakeRaiseHand {
  const state = new FeatureState<RaiseHandPortState>(
    { raisedHands: Object.freeze([]) },
    () => host.status() !== 'disconnected',
  );
  let lastOrder = 0;

  const raise = (participantId: string) => {
    const { raisedHands } = state.getState();
    if (raisedHands.some((hand) => hand.participantId === participantId)) return;
    lastOrder += 1;
    const hand: RaisedHand = Object.freeze({ participantId, order: lastOrder });
    state.set({ raisedHands: Object.freeze([...raisedHands, hand]) });
  };
  const lower = (isLowered: (participantId: string) => boolean) => {
    const { raisedHands } = state.getState();
    const kept = raisedHands.filter((hand) => !isLowered(hand.participantId));
    if (kept.length !== raisedHands.length) state.set({ raisedHands: Object.freeze(kept) });
  };

  const handle: RaiseHandHandle = {
    ...stateHandle(state),
    raiseHand: () =>
      featureCommand(host, { method: 'raiseHand', action: 'raise your hand', capability: 'raiseHand' }, () =>
        raise(LOCAL_PARTICIPANT_ID),
      ),
    lowerHand: () =>
      featureCommand(host, { method: 'lowerHand', action: 'lower your hand', states: LIVE_STATES }, () =>
        lower((id) => id === LOCAL_PARTICIPANT_ID),
      ),
    lowerAllHands: () =>
      featureCommand(
        host,
        { method: 'lowerAllHands', action: 'lower everyone’s hands', capability: 'lowerAllHands' },
        () => lower(() => true),
      ),
  };

  return {
    handle,
    get listenerCount() {
      return state.listenerCount;
    },
    raiseRemoteHand(participantId) {
      if (!host.hasParticipant(participantId))
        throw new Error(`${participantId} is not a participant of the call.`);
      raise(participantId);
    },
    lowerRemoteHand(participantId) {
      lower((id) => id === participantId);
    },
    participantsLeft(ids) {
      const gone = new Set(ids);
      lower((id) => gone.has(id));
    },
  };
}
