import { type CapabilityReason, LOCAL_PARTICIPANT_ID } from '../../ports/callFeatures';
import { type ObservableUnit, shareShallow } from '../../store/observableUnit';
import type { Call, CallParticipant } from '../callUnit';
import {
  cachedPerCall,
  createFeatureUnit,
  definedOnly,
  featureCommand,
  observablePart,
  reasonFrom,
  shareItems,
} from './featureUnit';

/** A raised hand, with the name to show (normalized remote text; absent for the local user or unknown people). */
export interface RaisedHandEntry {
  readonly participantId: string;
  readonly order: number;
  readonly isLocal: boolean;
  readonly displayName?: string;
}

export interface CallRaisedHandsCapabilities {
  readonly raise: boolean;
  readonly lower: boolean;
  readonly lowerAll: boolean;
}

export interface CallRaisedHandsSnapshot {
  /** Whether the call offers raise hand (meetings). */
  readonly available: boolean;
  /** In the order they were raised. */
  readonly hands: readonly RaisedHandEntry[];
  readonly isHandRaised: boolean;
  readonly can: CallRaisedHandsCapabilities;
  readonly canReasons: { readonly [K in keyof CallRaisedHandsCapabilities]?: CapabilityReason };
}

export interface CallRaisedHands extends ObservableUnit<CallRaisedHandsSnapshot> {
  raise(): void;
  lower(): void;
  /** Raises if lowered, lowers if raised. */
  toggle(): void;
  /** Organizers and presenters (`can.lowerAll`). */
  lowerAll(): void;
}

/**
 * Raised hands of a call (one unit per call): who raised a hand, in order, and one's own hand.
 *
 * @example
 * const hands = callRaisedHands(call);
 * hands.subscribe(() => render(hands.getSnapshot().hands));
 * hands.toggle();
 */
export const callRaisedHands = /* @__PURE__ */ cachedPerCall((call: Call): CallRaisedHands => {
  const unit = createFeatureUnit(call, {
    feature: 'raiseHand',
    compute: ({ port, call: snapshot, allows }, previous): CallRaisedHandsSnapshot => {
      const raised = [...(port?.getState().raisedHands ?? [])].sort((a, b) => a.order - b.order);
      const hands = raised.map((hand): RaisedHandEntry => {
        const isLocal = hand.participantId === LOCAL_PARTICIPANT_ID;
        const displayName = isLocal ? undefined : call.getParticipant(hand.participantId)?.displayName;
        return {
          participantId: hand.participantId,
          order: hand.order,
          isLocal,
          ...(displayName ? { displayName } : {}),
        };
      });
      const isHandRaised = hands.some((hand) => hand.isLocal);
      const can: CallRaisedHandsCapabilities = {
        raise: !isHandRaised && allows(featureCommand('raiseHand', 'raiseHand')),
        lower: isHandRaised && allows(featureCommand('raiseHand')),
        lowerAll: hands.length > 0 && allows(featureCommand('raiseHand', 'lowerAllHands')),
      };
      return shareShallow(previous, {
        available: port !== null,
        hands: shareItems(previous?.hands, hands),
        isHandRaised,
        can: shareShallow(previous?.can, can),
        canReasons: shareShallow(
          previous?.canReasons,
          definedOnly({
            raise: reasonFrom(snapshot, 'raiseHand', can.raise),
            lower: reasonFrom(snapshot, null, can.lower),
            lowerAll: reasonFrom(snapshot, 'lowerAllHands', can.lowerAll),
          }),
        ),
      });
    },
  });
  const raise = () => {
    if (unit.getSnapshot().can.raise) unit.run('raiseHand', (port) => port.raiseHand());
  };
  const lower = () => {
    if (unit.getSnapshot().can.lower) unit.run(undefined, (port) => port.lowerHand());
  };
  return {
    ...observablePart(unit),
    raise,
    lower,
    toggle: () => (unit.getSnapshot().isHandRaised ? lower() : raise()),
    lowerAll: () => {
      if (unit.getSnapshot().can.lowerAll) unit.run('lowerAllHands', (port) => port.lowerAllHands());
    },
  };
});

/**
 * A roster with raised hands first, in the order they went up, then everyone else in the roster's order; the
 * same array when no hand is up.
 *
 * @example
 * const rows = raisedHandsFirst(call.getSnapshot().participants, callRaisedHands(call).getSnapshot().hands);
 */
export function raisedHandsFirst(
  participants: readonly CallParticipant[],
  hands: readonly Pick<RaisedHandEntry, 'participantId'>[] | undefined,
): readonly CallParticipant[] {
  if (!hands?.length) return participants;
  const raised = new Set(hands.map((hand) => hand.participantId));
  const byId = new Map(participants.filter((p) => raised.has(p.id)).map((p) => [p.id, p]));
  const first = hands.flatMap((hand) => byId.get(hand.participantId) ?? []);
  return [...first, ...participants.filter((participant) => !raised.has(participant.id))];
}
