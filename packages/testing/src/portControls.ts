import { raceSignal, type TeamsEndpointError, throwIfAborted } from '@teams-endpoint/core';

/** A port call held by `deferNext`. */
export interface FakeDeferred {
  /** Lets the held call go on as usual. */
  resolve(): void;
  /** Makes the held call reject with `error`. */
  reject(error: TeamsEndpointError): void;
}

/** Every call of one method, held in arrival order until the test settles it (see `holdAll`). */
export interface FakeQueue {
  /** Calls waiting now. */
  readonly pending: number;
  /** Lets the oldest waiting call go on as usual. Throws when none is waiting. */
  resolveNext(): void;
  /** Makes the oldest waiting call reject with `error`. Throws when none is waiting. */
  rejectNext(error: TeamsEndpointError): void;
  /** Stops holding: waiting calls go on, later ones are not held. */
  release(): void;
}

/**
 * What every fake port offers its tests for each method: call counting, injected failures (`failNext`) and
 * held calls (`deferNext`). Shared by the fake identity and the fake calling port.
 */
export function createPortControls<TMethod extends string>(methods: readonly TMethod[]) {
  const calls = Object.fromEntries(methods.map((method) => [method, 0])) as Record<TMethod, number>;
  const failures = new Map<TMethod, { error: TeamsEndpointError; times: number }>();
  const deferred = new Map<TMethod, Promise<void>>();
  const queues = new Map<TMethod, FakeDeferred[]>();

  return {
    calls,
    failNext(method: TMethod, error: TeamsEndpointError, times = 1): void {
      failures.set(method, { error, times });
    },
    deferNext(method: TMethod): FakeDeferred {
      let controls!: FakeDeferred;
      const held = new Promise<void>((resolve, reject) => {
        controls = { resolve: () => resolve(), reject };
      });
      held.catch(() => undefined);
      deferred.set(method, held);
      return controls;
    },
    /**
     * Holds every call of `method` from now on, each until the test settles it: for model-based tests that
     * decide when each answer arrives.
     */
    holdAll(method: TMethod): FakeQueue {
      const queue: FakeDeferred[] = [];
      queues.set(method, queue);
      const next = () => {
        const held = queue.shift();
        if (!held) throw new Error(`No ${method} call is waiting.`);
        return held;
      };
      return {
        get pending() {
          return queue.length;
        },
        resolveNext: () => next().resolve(),
        rejectNext: (error) => next().reject(error),
        release: () => {
          if (queues.get(method) === queue) queues.delete(method);
          for (const held of queue.splice(0)) held.resolve();
        },
      };
    },
    /** Counts the call, waits while it is held, honours the signal, and applies an injected failure. */
    async enter(method: TMethod, signal?: AbortSignal): Promise<void> {
      calls[method] += 1;
      throwIfAborted(signal);
      const held = deferred.get(method);
      if (held) {
        deferred.delete(method);
        await raceSignal(held, signal);
      }
      const queue = queues.get(method);
      if (queue) {
        let entry!: FakeDeferred;
        const waiting = new Promise<void>((resolve, reject) => {
          entry = { resolve: () => resolve(), reject };
        });
        waiting.catch(() => undefined);
        queue.push(entry);
        // A call whose caller gave up leaves the queue, so that `resolveNext` settles a live one.
        const leave = () => {
          const index = queue.indexOf(entry);
          if (index >= 0) queue.splice(index, 1);
        };
        signal?.addEventListener('abort', leave, { once: true });
        try {
          await raceSignal(waiting, signal);
        } finally {
          signal?.removeEventListener('abort', leave);
        }
      }
      await Promise.resolve();
      throwIfAborted(signal);
      const failure = failures.get(method);
      if (failure) {
        failure.times -= 1;
        if (failure.times <= 0) failures.delete(method);
        throw failure.error;
      }
    },
  };
}
