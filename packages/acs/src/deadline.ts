import { TeamsEndpointError } from '@teams-endpoint/core';

export interface DeadlineOptions {
  readonly timeoutMs: number;
  /** The caller's signal: aborting it rejects with `aborted`. */
  readonly signal?: AbortSignal;
  /** Lets the owner stop the attempt too; its abort reason is the rejection. */
  readonly attempt: AbortController;
  /** The error when time runs out. */
  readonly timeoutError: () => TeamsEndpointError;
}

/**
 * Runs `work` until it settles, the time runs out, or the attempt is aborted, whichever comes first.
 *
 * `work` receives the attempt's signal. It may still settle after the deadline, and must then clean up what
 * it created (check `signal.aborted` after each await): its late result or error is ignored here.
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions,
): Promise<T> {
  const { attempt, signal, timeoutMs } = options;
  const abortByCaller = () =>
    attempt.abort(new TeamsEndpointError('aborted', 'The operation was cancelled.'));
  if (signal?.aborted) abortByCaller();
  signal?.addEventListener('abort', abortByCaller, { once: true });
  const timer = setTimeout(() => attempt.abort(options.timeoutError()), timeoutMs);
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
