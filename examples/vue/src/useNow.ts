import { onScopeDispose, type Ref, ref } from 'vue';

/** The time now (epoch ms), moving on every `everyMs`: enough for words such as "Now" and "Ended". */
export function useNow(everyMs = 60_000): Readonly<Ref<number>> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, everyMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
