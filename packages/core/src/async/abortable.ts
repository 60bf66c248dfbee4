import { abortedError, type TeamsEndpointError } from '../errors';

/** Waits `ms`, or rejects with the typed `aborted` error as soon as `signal` aborts. The timer is cleared. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `promise`, or rejects with `aborted` as soon as `signal` aborts, without cancelling the work
 * underneath (a shared request in flight outlives one impatient caller). The abort listener is removed.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export interface TimeoutOptions {
  readonly timeoutMs: number;
  /** The caller's signal: aborting it rejects with `aborted` and aborts the work's signal. */
  readonly signal?: AbortSignal | undefined;
  /** The error when the time runs out; the work's signal is aborted with it. */
  readonly timeoutError: () => TeamsEndpointError;
  /** Lets the owner stop the attempt too; its abort reason becomes the rejection. */
  readonly attempt?: AbortController;
}

/**
 * Runs `work` until it settles, the time runs out, or the caller aborts, whichever comes first. `work`
 * receives a signal that aborts in the last two cases. Its late result or error is ignored, so work that
 * creates something must check `signal.aborted` after each await and clean up.
 */
export async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: TimeoutOptions,
): Promise<T> {
  const attempt = options.attempt ?? new AbortController();
  const { signal } = options;
  const abortByCaller = () => attempt.abort(abortedError());
  if (signal?.aborted) abortByCaller();
  signal?.addEventListener('abort', abortByCaller, { once: true });
  const timer = setTimeout(() => attempt.abort(options.timeoutError()), options.timeoutMs);
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(attempt.signal.reason);
    if (attempt.signal.aborted) onAbort();
    else attempt.signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = attempt.signal.aborted ? stopped : work(attempt.signal);
  running.catch(() => undefined);
  try {
    return await Promise.race([running, stopped]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abortByCaller);
    attempt.signal.removeEventListener('abort', onAbort);
  }
}
