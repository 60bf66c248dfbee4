import type { CapabilityReason } from '@teams-endpoint/core';
import { capabilityHint } from '@teams-endpoint/demo-kit';
import { type ButtonHTMLAttributes, useId } from 'react';

/**
 * What a control gated by a `can` flag says while Teams refuses it (a policy, the meeting role, a licence):
 * the reason's words, for its `title` and for the element with `id` that describes it. A refusal of the
 * call's state (not connected yet, already on) has no words: the control is merely disabled. Controls refused
 * for one reason can share one hint: pass its id as `sharedId`.
 */
export function useCapabilityHint(allowed: boolean, reason: CapabilityReason | undefined, sharedId?: string) {
  const ownId = useId();
  const id = sharedId ?? ownId;
  const words = allowed ? null : capabilityHint(reason);
  return { id, words, hint: words ? { title: words, 'aria-describedby': id } : {} };
}

export interface CapabilityButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  /** The `can` flag. */
  readonly allowed: boolean;
  /** Its `canReasons` entry. */
  readonly reason: CapabilityReason | undefined;
  /** The id of a hint several buttons share (the rows of a list): the button then shows no hint of its own. */
  readonly hintId?: string;
}

/** A button disabled while its `can` flag is false, saying why, in small print under it, when Teams is the reason. */
export function CapabilityButton({ allowed, reason, hintId, children, ...button }: CapabilityButtonProps) {
  const { id, words, hint } = useCapabilityHint(allowed, reason, hintId);
  const control = (
    <button type="button" {...button} {...hint} disabled={!allowed}>
      {children}
    </button>
  );
  if (hintId) return control;
  return (
    <span className="control-with-hint">
      {control}
      {words && (
        <span id={id} className="control-hint">
          {words}
        </span>
      )}
    </span>
  );
}
