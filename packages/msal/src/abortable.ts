import { TeamsEndpointError } from '@teams-endpoint/core';

/** The typed error for a cancelled operation. */
export const abortedError = (cause?: unknown): TeamsEndpointError =>
  new TeamsEndpointError('aborted', 'The operation was cancelled.', cause === undefined ? {} : { cause });

/**
 * Settles like `promise`, or rejects with `aborted` as soon as `signal` aborts.
 *
 * MSAL calls take no signal, and a shared in-flight request must outlive one impatient caller: this lets a caller
 * stop waiting without cancelling the work underneath.
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
