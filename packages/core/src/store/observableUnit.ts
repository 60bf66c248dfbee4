import { Observable } from 'rxjs';
import { notifySafely, scheduleFlush } from './notifyScheduler';

/**
 * The contract every observable unit (the endpoint, each call, each list) keeps, and that adapters rely on.
 *
 * - `getSnapshot()` returns the same object until something changed (safe for `useSyncExternalStore`).
 * - `subscribe(listener)` returns the function that removes that listener.
 * - `state$` is the same state as an RxJS observable that emits the current snapshot first.
 */
export interface ObservableUnit<TSnapshot> {
  getSnapshot(): TSnapshot;
  subscribe(listener: () => void): () => void;
  readonly state$: Observable<TSnapshot>;
}

/** The writable side of a unit, kept inside the core. */
export interface UnitStore<TSnapshot> extends ObservableUnit<TSnapshot> {
  /** Marks the snapshot stale; subscribers are notified in a microtask if it changed. */
  invalidate(): void;
  /** How many listeners are subscribed now. */
  readonly subscriberCount: number;
  /**
   * Teardown: tells the listeners about the last change now, then removes them all. Later subscriptions are
   * accepted and do nothing; `state$` emits the final snapshot and completes.
   */
  close(): void;
}

/**
 * Creates a unit whose snapshot is computed by `compute(previous)`; `compute` returns `previous` itself when
 * nothing changed, which keeps snapshots cached and structurally shared.
 *
 * Reads are always current: `invalidate()` marks the unit dirty and `getSnapshot()` recomputes on demand.
 * Notifications are batched: subscribers hear once per burst, in a microtask, and only if the snapshot changed.
 */
export function createUnitStore<TSnapshot>(
  compute: (previous: TSnapshot | undefined) => TSnapshot,
  /** Invalidates a parent unit whose snapshot includes this one (a call inside the endpoint). */
  invalidateParent?: () => void,
): UnitStore<TSnapshot> {
  let snapshot = compute(undefined);
  let dirty = false;
  let notified = snapshot;
  const listeners = new Set<() => void>();
  let closed = false;
  /** Completes the open `state$` subscriptions at teardown. */
  const closing = new Set<() => void>();

  const getSnapshot = () => {
    if (dirty) {
      dirty = false;
      snapshot = compute(snapshot);
    }
    return snapshot;
  };
  const flush = () => {
    const current = getSnapshot();
    if (Object.is(current, notified)) return;
    notified = current;
    for (const listener of [...listeners]) notifySafely(listener);
  };
  const subscribe = (listener: () => void) => {
    if (closed) return () => {};
    const wrapped = () => listener();
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  };

  return {
    getSnapshot,
    subscribe,
    state$: new Observable<TSnapshot>((subscriber) => {
      subscriber.next(getSnapshot());
      if (closed) {
        subscriber.complete();
        return undefined;
      }
      const completers = closing;
      const complete = () => subscriber.complete();
      completers.add(complete);
      const stop = subscribe(() => subscriber.next(getSnapshot()));
      return () => {
        completers.delete(complete);
        stop();
      };
    }),
    invalidate: () => {
      if (closed) {
        dirty = true;
        return;
      }
      // Dirty means a flush is scheduled and the parent was told: only a read clears it, and the parent's own
      // read reads this unit too. A burst of a thousand changes does this once.
      if (dirty) return;
      dirty = true;
      scheduleFlush(flush);
      invalidateParent?.();
    },
    close: () => {
      if (closed) return;
      flush();
      closed = true;
      listeners.clear();
      for (const complete of [...closing]) complete();
      closing.clear();
    },
    get subscriberCount() {
      return listeners.size;
    },
  };
}

/** Returns `previous` when every own property is identical (`Object.is`), else `next`. */
export function shareShallow<T extends object>(previous: T | undefined, next: T): T {
  if (previous === undefined || previous === null) return next;
  const prevKeys = Object.keys(previous);
  const nextKeys = Object.keys(next);
  if (prevKeys.length !== nextKeys.length) return next;
  for (const key of nextKeys) {
    if (!Object.is((previous as Record<string, unknown>)[key], (next as Record<string, unknown>)[key]))
      return next;
  }
  return previous;
}

/** Returns `previous` when both arrays hold the same items in the same order, else `next`. */
export function shareArray<T>(previous: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (!Object.is(previous[i], next[i])) return next;
  return previous;
}
