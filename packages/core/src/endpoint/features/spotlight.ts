import { TeamsEndpointError } from '../../errors';
import { type CapabilityReason, LOCAL_PARTICIPANT_ID } from '../../ports/callFeatures';
import { type ObservableUnit, shareShallow } from '../../store/observableUnit';
import type { Call } from '../callUnit';
import {
  cachedPerCall,
  createFeatureUnit,
  definedOnly,
  featureCommand,
  observablePart,
  reasonFrom,
} from './featureUnit';

export interface CallSpotlightCapabilities {
  /** Spotlighting someone (or oneself), while fewer than `maxSpotlighted` are. */
  readonly spotlight: boolean;
  /** Removing someone else's spotlight, or everyone's. */
  readonly removeSpotlight: boolean;
  /** Removing one's own spotlight. */
  readonly stopOwnSpotlight: boolean;
}

export interface CallSpotlightSnapshot {
  readonly available: boolean;
  /** Participant ids (or `LOCAL_PARTICIPANT_ID`), in the order they were spotlighted. */
  readonly spotlighted: readonly string[];
  readonly isLocalSpotlighted: boolean;
  readonly maxSpotlighted: number;
  readonly can: CallSpotlightCapabilities;
  readonly canReasons: { readonly [K in keyof CallSpotlightCapabilities]?: CapabilityReason };
}

export interface CallSpotlight extends ObservableUnit<CallSpotlightSnapshot> {
  /** Throws `invalid_argument` for someone not in the call, or when `maxSpotlighted` are already; changes nothing. */
  spotlight(participantId: string): void;
  /** Ignored for someone not spotlighted. */
  unspotlight(participantId: string): void;
  unspotlightAll(): void;
}

const NONE: readonly string[] = [];

/**
 * Spotlight in a meeting (one unit per call): who is spotlighted, and commands where Teams allows them.
 *
 * @example
 * const spotlight = callSpotlight(call);
 * if (spotlight.getSnapshot().can.spotlight) spotlight.spotlight(participant.id);
 */
export const callSpotlight = /* @__PURE__ */ cachedPerCall((call: Call): CallSpotlight => {
  const unit = createFeatureUnit(call, {
    feature: 'spotlight',
    compute: ({ port, call: snapshot, allows }, previous): CallSpotlightSnapshot => {
      const state = port?.getState();
      const spotlighted = state?.spotlighted ?? NONE;
      const maxSpotlighted = state?.maxSpotlighted ?? 0;
      const isLocalSpotlighted = spotlighted.includes(LOCAL_PARTICIPANT_ID);
      const can: CallSpotlightCapabilities = {
        spotlight: spotlighted.length < maxSpotlighted && allows(featureCommand('spotlight', 'spotlight')),
        removeSpotlight: spotlighted.length > 0 && allows(featureCommand('spotlight', 'removeSpotlight')),
        stopOwnSpotlight: isLocalSpotlighted && allows(featureCommand('spotlight')),
      };
      return shareShallow(previous, {
        available: port !== null,
        spotlighted: shareShallow(previous?.spotlighted, spotlighted),
        isLocalSpotlighted,
        maxSpotlighted,
        can: shareShallow(previous?.can, can),
        canReasons: shareShallow(
          previous?.canReasons,
          definedOnly({
            spotlight: reasonFrom(snapshot, 'spotlight', can.spotlight),
            removeSpotlight: reasonFrom(snapshot, 'removeSpotlight', can.removeSpotlight),
            stopOwnSpotlight: reasonFrom(snapshot, null, can.stopOwnSpotlight),
          }),
        ),
      });
    },
  });

  const inCall = (participantId: unknown): string => {
    if (
      typeof participantId !== 'string' ||
      (participantId !== LOCAL_PARTICIPANT_ID && !call.getParticipant(participantId))
    ) {
      throw new TeamsEndpointError('invalid_argument', 'Only someone in the call can be spotlighted.');
    }
    return participantId;
  };

  return {
    ...observablePart(unit),
    spotlight: (participantId) => {
      const id = inCall(participantId);
      const snapshot = unit.getSnapshot();
      if (snapshot.spotlighted.includes(id)) return;
      if (snapshot.available && snapshot.spotlighted.length >= snapshot.maxSpotlighted) {
        throw new TeamsEndpointError(
          'invalid_argument',
          `At most ${snapshot.maxSpotlighted} people can be spotlighted at once.`,
        );
      }
      if (snapshot.can.spotlight) unit.run('spotlight', (port) => port.startSpotlight([id]));
    },
    unspotlight: (participantId) => {
      const snapshot = unit.getSnapshot();
      if (typeof participantId !== 'string' || !snapshot.spotlighted.includes(participantId)) return;
      if (participantId === LOCAL_PARTICIPANT_ID) {
        if (snapshot.can.stopOwnSpotlight) unit.run(undefined, (port) => port.stopSpotlight([participantId]));
      } else if (snapshot.can.removeSpotlight) {
        unit.run('removeSpotlight', (port) => port.stopSpotlight([participantId]));
      }
    },
    unspotlightAll: () => {
      if (unit.getSnapshot().can.removeSpotlight)
        unit.run('removeSpotlight', (port) => port.stopAllSpotlight());
    },
  };
});
