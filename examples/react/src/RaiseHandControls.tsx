import { type Call, callRaisedHands } from '@teams-endpoint/core';
import { useCallFeature } from '@teams-endpoint/react';
import { CapabilityButton } from './CapabilityButton';

/**
 * A meeting's raise-hand buttons for the controls row: "Raise hand" / "Lower hand" (pressed while raised),
 * and "Lower all hands" while hands are up. Who raised a hand shows in the roster.
 */
export function RaiseHandControls({ call }: { call: Call }) {
  const hands = useCallFeature(call, callRaisedHands);
  if (!hands?.available) return null;
  const { isHandRaised, can, canReasons } = hands;
  return (
    <span className="control-group">
      <CapabilityButton
        aria-pressed={isHandRaised}
        allowed={isHandRaised ? can.lower : can.raise}
        reason={isHandRaised ? canReasons.lower : canReasons.raise}
        onClick={() => callRaisedHands(call).toggle()}
      >
        {isHandRaised ? 'Lower hand' : 'Raise hand'}
      </CapabilityButton>
      {/* Where Teams refuses it (an attendee), it shows disabled with the reason. */}
      {hands.hands.length > 0 && (
        <CapabilityButton
          allowed={can.lowerAll}
          reason={canReasons.lowerAll}
          onClick={() => callRaisedHands(call).lowerAll()}
        >
          Lower all hands
        </CapabilityButton>
      )}
    </span>
  );
}
