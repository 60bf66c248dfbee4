import { type Ref, ref, watch } from 'vue';

/** Follows `source` once it has not changed for `ms` (a search waits for the typing to pause). */
export function useDebounced<T>(source: Ref<T>, ms: number): Readonly<Ref<T>> {
  const settled = ref(source.value) as Ref<T>;
  watch(source, (value, _previous, onCleanup) => {
    const debounce = setTimeout(() => {
      settled.value = value;
    }, ms);
    onCleanup(() => clearTimeout(debounce));
  });
  return settled;
}
