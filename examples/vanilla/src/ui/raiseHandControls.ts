import { type Call, callRaisedHands } from '@teams-endpoint/core';
import { bindAttribute, bindDisabled, bindText, subscribeMany } from '@teams-endpoint/vanilla';
import { withCapabilityHint } from './capabilityHint';
import { button, el } from './dom';
import type { Mounted } from './mountKeyed';

/**
 * A meeting's raise-hand buttons for the controls row: "Raise hand" / "Lower hand" (pressed while raised),
 * and "Lower all hands" while hands are up. Who raised a hand shows in the roster.
 */
export function raiseHandControls(call: Call): Mounted {
  const hands = callRaisedHands(call);
  const toggle = button('Raise hand', () => hands.toggle(), { 'aria-pressed': 'false' });
  const lowerAll = button('Lower all hands', () => hands.lowerAll());
  const own = withCapabilityHint(toggle, hands, (s) =>
    s.isHandRaised ? s.canReasons.lower : s.canReasons.raise,
  );
  const everyone = withCapabilityHint(lowerAll, hands, (s) => s.canReasons.lowerAll);
  const node = el('span', { class: 'control-group' }, own.node, everyone.node);
  const stop = subscribeMany(
    bindAttribute(node, 'hidden', hands, (s) => !s.available),
    bindText(toggle, hands, (s) => (s.isHandRaised ? 'Lower hand' : 'Raise hand')),
    bindAttribute(toggle, 'aria-pressed', hands, (s) => String(s.isHandRaised)),
    bindDisabled(toggle, hands, (s) => !(s.isHandRaised ? s.can.lower : s.can.raise)),
    // Only while hands are up; where Teams refuses it (an attendee), it shows disabled with the reason.
    bindAttribute(everyone.node, 'hidden', hands, (s) => s.hands.length === 0),
    bindDisabled(lowerAll, hands, (s) => !s.can.lowerAll),
    own.stop,
    everyone.stop,
  );
  return { node, stop };
}
