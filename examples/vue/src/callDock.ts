import { sameItems } from '@teams-endpoint/core';
import { selectDockCallIds, selectTalkingCallId } from '@teams-endpoint/demo-kit';
import { useEndpointSelector } from '@teams-endpoint/vue';
import { computed, type InjectionKey, inject, provide, type Ref, reactive, ref, watch } from 'vue';

export interface CallDock {
  /** The live calls, oldest first; changes when calls come and go, not when one changes. */
  readonly callIds: Readonly<Ref<readonly string[]>>;
  /** The call shown expanded; the others are one row each. */
  readonly activeCallId: Readonly<Ref<string | undefined>>;
  expand(callId: string): void;
  /** The call accepted from its toast: its Hang up button takes the focus once it can. */
  readonly callAwaitingFocus: Ref<string | null>;
  /** The keypad's digits sent so far, per call, kept while a panel is collapsed. */
  readonly digitsSent: Map<string, string>;
}

const callDockKey: InjectionKey<CallDock> = Symbol('call dock');

/** The dock's state, for the dock, its panels and the toasts below the app. */
export function provideCallDock(): CallDock {
  const callIds = useEndpointSelector(selectDockCallIds, sameItems);
  // Until the user picks one, the newest live call not on hold here is the one to show.
  const likelyActive = useEndpointSelector(selectTalkingCallId);
  const chosen = ref<string | null>(null);
  const digitsSent = reactive(new Map<string, string>());
  // A call that joins the dock (placed, accepted, transferred to) is the one the user deals with now.
  watch(callIds, (next, previous) => {
    const arrived = next.filter((id) => !previous.includes(id));
    if (arrived.length > 0) chosen.value = arrived.at(-1) ?? null;
    for (const id of previous) if (!next.includes(id)) digitsSent.delete(id);
  });
  const dock: CallDock = {
    callIds,
    activeCallId: computed(() =>
      chosen.value !== null && callIds.value.includes(chosen.value) ? chosen.value : likelyActive.value,
    ),
    expand: (callId) => {
      chosen.value = callId;
    },
    callAwaitingFocus: ref(null),
    digitsSent,
  };
  provide(callDockKey, dock);
  return dock;
}

export function injectCallDock(): CallDock {
  const dock = inject(callDockKey);
  if (!dock) throw new Error('injectCallDock() needs provideCallDock() in an ancestor.');
  return dock;
}
