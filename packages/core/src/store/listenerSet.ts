import { notifySafely } from './notifyScheduler';

/** Listeners of one kind of event. `add` returns the function that removes that same listener. */
export interface ListenerSet<T> {
  add(listener: (value: T) => void): () => void;
  /**
   * Calls every listener with `value`. A listener that throws does not stop the others: its error goes to
   * the platform's `reportError` (browsers), else to `console.error` (the one policy, see `notifySafely`).
   */
  emit(value: T): void;
  /** Removes every listener (teardown). */
  clear(): void;
  readonly size: number;
}

export interface ListenerSetHooks {
  /** Called when the first listener is added: the moment to attach SDK handlers. */
  readonly onFirst?: () => void;
  /** Called when the last listener is removed: the moment to detach them. */
  readonly onLast?: () => void;
}

/**
 * Creates a {@link ListenerSet}. Each `add` registers its own entry, so adding the same function twice needs
 * two removals, and a remover called twice removes nothing the second time.
 *
 * @example
 * const incoming = createListenerSet<IncomingCallHandle>();
 * const stop = incoming.add((call) => console.log(call.caller));
 * incoming.emit(call);
 * stop();
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
      for (const entry of [...entries]) notifySafely(() => entry(value));
    },
    clear() {
      const hadAny = entries.size > 0;
      entries.clear();
      if (hadAny) hooks.onLast?.();
    },
    get size() {
      return entries.size;
    },
  };
}
