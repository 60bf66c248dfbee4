import { raceSignal, type TeamsEndpointError, throwIfAborted } from '@teams-endpoint/core';

/** A port call held by `deferNext`. */
export interface FakeDeferred {
  /** Lets the held call go on as usual. */
  resolve(): void;
  /** Makes the held call reject with `error`. */
  reject(error: TeamsEndpointError): void;
}

/**
 * What every fake port offers its tests for each method: call counting, injected failures (`failNext`) and
 * held calls (`deferNext`). Shared by the fake identity and the fake calling port.
 */
export function createPortControls<TMethod extends string>(methods: readonly TMethod[]) {
  const calls = Object.fromEntries(methods.map((method) => [method, 0])) as Record<TMethod, number>;
  const failures = new Map<TMethod, { error: TeamsEndpointError; times: number }>();
  const deferred = new Map<TMethod, Promise<void>>();

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
    /** Counts the call, waits while it is held, honours the signal, and applies an injected failure. */
    async enter(method: TMethod, signal?: AbortSignal): Promise<void> {
      calls[method] += 1;
      throwIfAborted(signal);
      const held = deferred.get(method);
      if (held) {
        deferred.delete(method);
        await raceSignal(held, signal);
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
