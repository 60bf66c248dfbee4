import type { Call } from '@teams-endpoint/core';

/** The call dock's id: the focus goes there when what had it (a call, a toast) leaves. */
export const CALL_DOCK_ID = 'call-dock';

export const focusCallDock = (): void =>
  document.getElementById(CALL_DOCK_ID)?.focus({ preventScroll: true });

// Calls accepted from their toast whose panel has not yet taken the focus: it moves to their Hang up button
// as soon as that button can be used.
const awaitingFocus = new Set<string>();

/** Accepts the call; its panel in the call dock then takes the focus. */
export function acceptAndFocus(call: Call): void {
  awaitingFocus.add(call.id);
  call.accept();
}

/** Whether the call was just accepted and its panel should take the focus (true at most once per call). */
export const takeAcceptFocus = (callId: string): boolean => awaitingFocus.delete(callId);

/** Whether the call was accepted here and its panel has not yet taken the focus. */
export const awaitsAcceptFocus = (callId: string): boolean => awaitingFocus.has(callId);
