import type { CallParticipant, CapabilityReason } from '@teams-endpoint/core';
import {
  capabilityHint,
  handOrderLabel,
  participantDetails,
  participantName,
  ROSTER_ROW_HEIGHT,
  spotlightButtonLabel,
} from '@teams-endpoint/demo-kit';
import { memo } from 'react';

/**
 * One roster row: a raised hand and its place in the queue, the name, a spotlight, the details, and the
 * spotlight button. An unchanged participant keeps its object, and every other prop is plain data, so a row
 * renders again only when it moves or changes, or its hand or spotlight does.
 */
export const RosterRow = memo(function RosterRow(props: {
  participant: CallParticipant;
  index: number;
  count: number;
  /** Their raised hand's place in the queue (1 first); absent while it is down. */
  handOrder: number | undefined;
  isSpotlighted: boolean;
  /** Whether the call has a spotlight at all. */
  spotlightable: boolean;
  spotlightAllowed: boolean;
  spotlightReason: CapabilityReason | undefined;
  spotlightHintId: string;
  onToggleSpotlight: (participantId: string, isSpotlighted: boolean) => void;
}) {
  const { participant, index, count, handOrder, isSpotlighted, spotlightAllowed } = props;
  const name = participantName(participant);
  const words = spotlightAllowed ? null : capabilityHint(props.spotlightReason);
  return (
    <li
      className="roster-row"
      style={{ top: index * ROSTER_ROW_HEIGHT, height: ROSTER_ROW_HEIGHT }}
      aria-posinset={index + 1}
      aria-setsize={count}
    >
      {handOrder !== undefined && (
        <span className="roster-hand">
          <span role="img" aria-label="Hand raised" title="Hand raised">
            ✋
          </span>
          <span className="hand-order">{handOrderLabel(handOrder)}</span>
        </span>
      )}
      <span className="roster-name">{name}</span>
      {isSpotlighted && (
        <span className="roster-spotlighted" role="img" aria-label="Spotlighted" title="Spotlighted">
          🔦
        </span>
      )}
      <span className="roster-details">{participantDetails(participant)}</span>
      {/* Where the call has no spotlight, or refuses it only for now (the most are spotlighted), no button. */}
      {props.spotlightable && (spotlightAllowed || words) && (
        <button
          type="button"
          className="roster-action"
          disabled={!spotlightAllowed}
          title={words ?? undefined}
          aria-describedby={words ? props.spotlightHintId : undefined}
          onClick={() => props.onToggleSpotlight(participant.id, isSpotlighted)}
        >
          {spotlightButtonLabel(name, isSpotlighted)}
        </button>
      )}
    </li>
  );
});
