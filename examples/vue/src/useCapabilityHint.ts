import type { CapabilityReason } from '@teams-endpoint/core';
import { capabilityHint } from '@teams-endpoint/demo-kit';
import { computed, type Ref } from 'vue';
import { elementId } from './elementId';

/** The attributes that tie a control to its hint: its `title`, and the element that describes it. */
export interface CapabilityHintAttributes {
  readonly title?: string;
  readonly 'aria-describedby'?: string;
}

export interface CapabilityHint {
  /** The id for the element that holds `words`. */
  readonly id: string;
  /** The reason in words, or `null` while the control is allowed or refused only for now (`state`). */
  readonly words: Readonly<Ref<string | null>>;
  readonly attributes: Readonly<Ref<CapabilityHintAttributes>>;
}

/**
 * What a control gated by a `can` flag says while Teams refuses it (a policy, the meeting role, a licence):
 * the reason's words, for its `title` and for the element with `id` that describes it. A refusal of the
 * call's state (not connected yet, already on) has no words: the control is merely disabled. Controls
 * refused for one reason can share one hint: pass its id as `sharedId`.
 */
export function useCapabilityHint(
  allowed: () => boolean,
  reason: () => CapabilityReason | undefined,
  sharedId?: () => string | undefined,
): CapabilityHint {
  const ownId = elementId('capability-hint');
  const id = computed(() => sharedId?.() ?? ownId);
  const words = computed(() => (allowed() ? null : capabilityHint(reason())));
  const attributes = computed<CapabilityHintAttributes>(() =>
    words.value ? { title: words.value, 'aria-describedby': id.value } : {},
  );
  return { id: ownId, words, attributes };
}
