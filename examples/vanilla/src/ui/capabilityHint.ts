import type { CapabilityReason } from '@teams-endpoint/core';
import { capabilityHint } from '@teams-endpoint/demo-kit';
import { type SubscribableUnit, subscribeToUnit } from '@teams-endpoint/vanilla';
import { el } from './dom';
import type { Mounted } from './mountKeyed';

/** A control with its hint: `hintId` for other controls refused for the same reason to point at. */
export interface HintedControl extends Mounted {
  readonly node: HTMLElement;
  readonly hintId: string;
}

let serial = 0;

/** A fresh id for an element another one points at (`aria-describedby`, `for`): several calls can be on one page. */
export const uniqueId = (prefix: string): string => `${prefix}-${++serial}`;

/**
 * Says why Teams refuses a control, on the control itself and beside it: while `selectReason` gives a Teams
 * reason (not `state`), the control gets a `title` and an accessible description in words, shown in small
 * print under it. The control's `disabled` stays bound where it is: this only explains it.
 *
 * @example
 * const video = withCapabilityHint(videoButton, call, (s) => (s.can.stopVideo ? undefined : s.canReasons.startVideo));
 */
/**
 * Describes why Teams refuses a control (`words`, from `capabilityHint`) on the control itself: its `title`, and
 * `aria-describedby` pointing at the hint that says it (`hintId`). No words: both go.
 */
export function describeRefusal(
  control: HTMLElement,
  words: string | null | undefined,
  hintId: string,
): void {
  if (words) {
    control.title = words;
    control.setAttribute('aria-describedby', hintId);
  } else {
    control.removeAttribute('title');
    control.removeAttribute('aria-describedby');
  }
}

export function withCapabilityHint<TSnapshot>(
  control: HTMLElement,
  unit: SubscribableUnit<TSnapshot>,
  selectReason: (snapshot: TSnapshot) => CapabilityReason | undefined,
): HintedControl {
  const hint = el('span', { class: 'control-hint', id: uniqueId('control-hint') });
  const node = el('span', { class: 'control-with-hint' }, control, hint);
  const stop = subscribeToUnit(
    unit,
    (snapshot) => capabilityHint(selectReason(snapshot)),
    (words) => {
      hint.textContent = words ?? '';
      describeRefusal(control, words, hint.id);
    },
  );
  return { node, stop, hintId: hint.id };
}
