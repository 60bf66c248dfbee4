import { type CallTimes, callDuration, isTimerRunning } from '@teams-endpoint/demo-kit';
import { computed, onScopeDispose, type Ref, ref, toValue, watch } from 'vue';

/** The call's duration as text, ticking every second while it is connected. */
export function useCallDuration(times: () => CallTimes): Readonly<Ref<string>> {
  const now = ref(Date.now());
  let ticking: ReturnType<typeof setInterval> | undefined;
  const stop = () => clearInterval(ticking);
  watch(
    () => isTimerRunning(toValue(times)),
    (running) => {
      stop();
      now.value = Date.now();
      if (running) ticking = setInterval(() => (now.value = Date.now()), 1_000);
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return computed(() => callDuration(toValue(times), now.value));
}
