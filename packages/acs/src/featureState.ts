import { createListenerSet, type FeatureHandle } from '@teams-endpoint/core';

/** The value, or `null` when reading it throws (or gives nothing): a feature that fails counts as absent. */
export function tryRead<T>(read: () => T | undefined): T | null {
  try {
    return read() ?? null;
  } catch {
    return null;
  }
}

/** Whether two plain data values (primitives, arrays and plain objects of them) hold the same content. */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysOfA = Object.keys(a);
  if (keysOfA.length !== Object.keys(b).length) return false;
  return keysOfA.every(
    (key) =>
      key in b && samePlainData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** What a feature's state is read from, and how its changes are followed, on the SDK. */
export interface FeatureSource<TState> {
  /** Reads the state now. A read that throws keeps the last state. */
  read(): TState;
  /** Adds the SDK handlers, which call `changed`; returns the function that removes those same handlers. */
  follow(changed: () => void): () => void;
}

/** A {@link FeatureHandle} over an SDK feature, plus its teardown. */
export interface FeatureState<TState> extends FeatureHandle<TState> {
  /** Removes the SDK handlers and every listener: the call ended, or the port let go of it. */
  release(): void;
}

/**
 * A feature's state as the core reads it: plain data, read from the SDK, cached, and handed back as the same
 * object until its content changes (a snapshot the adapters can compare by reference). The SDK handlers are
 * added when the first listener arrives and removed, with the same functions, when the last one leaves or the
 * feature is released; listeners are told only when the content changed.
 */
export function createFeatureState<TState>(
  source: FeatureSource<TState>,
  fallback: TState,
): FeatureState<TState> {
  let state = tryRead(() => source.read()) ?? fallback;
  let unfollow: (() => void) | undefined;
  let released = false;

  /** Reads the SDK again; `true` when the content changed. */
  const refresh = () => {
    const next = tryRead(() => source.read());
    if (next === null || samePlainData(state, next)) return false;
    state = next;
    return true;
  };
  const listeners = createListenerSet<void>({
    onFirst: () => {
      if (released) return;
      unfollow = tryRead(() => source.follow(changed)) ?? undefined;
      refresh();
    },
    onLast: () => {
      const stop = unfollow;
      unfollow = undefined;
      tryRead(() => stop?.());
    },
  });
  const changed = () => {
    if (refresh()) listeners.emit();
  };

  return {
    getState() {
      // Followed, the state is current; otherwise it is read now, and kept when its content is the same.
      if (!unfollow && !released) refresh();
      return state;
    },
    subscribe(listener) {
      if (released) return () => undefined;
      return listeners.add(() => listener());
    },
    release() {
      if (released) return;
      // The last word: what the feature says as the call ends is what it keeps saying.
      refresh();
      released = true;
      listeners.clear();
    },
  };
}
