/** Listeners of one kind of event. `add` returns the function that removes that same listener. */
export interface ListenerSet<T> {
  add(listener: (value: T) => void): () => void;
  /** Calls every listener. One that throws does not stop the others; its error is rethrown in a microtask. */
  emit(value: T): void;
  readonly size: number;
}

export interface ListenerSetHooks {
  /** Called when the first listener is added: the moment to attach SDK handlers. */
  readonly onFirst?: () => void;
  /** Called when the last listener is removed: the moment to detach them. */
  readonly onLast?: () => void;
}

/**
 * Creates a {@link ListenerSet}. Each `add` registers its own entry, so adding the same function twice
 * needs two removals, and a remover called twice removes nothing the second time.
 */
export function createListenerSet<T>(hooks: ListenerSetHooks = {}): ListenerSet<T> {
  const entries = new Set<(value: T) => void>();
  return {
    add(listener) {
      const entry = (value: T) => listener(value);
      entries.add(entry);
      if (entries.size === 1) hooks.onFirst?.();
      return () => {
        if (entries.delete(entry) && entries.size === 0) hooks.onLast?.();
      };
    },
    emit(value) {
      for (const entry of [...entries]) {
        try {
          entry(value);
        } catch (error) {
          // An app's listener must not break the SDK's event loop or the other listeners.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    get size() {
      return entries.size;
    },
  };
}
