/** Thrown by {@link withDeadline} when the deadline passes first. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/**
 * Runs `work` with a signal that aborts when `timeoutMs` passes (or `outer` aborts), and settles by then
 * whatever `work` does: a dependency that ignores its signal still cannot hold the request. The deadline
 * rejects with {@link DeadlineExceeded}; a late rejection of `work` is swallowed, never left unhandled.
 * The signal is aborted once the wait is over either way, so `work` stops retrying.
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => PromiseLike<T> | T,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<T> {
  const budget = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      budget.abort();
      reject(new DeadlineExceeded(`No answer within ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  try {
    const signal = outer === undefined ? budget.signal : AbortSignal.any([outer, budget.signal]);
    const running = Promise.resolve().then(() => work(signal));
    running.catch(() => {});
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
    budget.abort();
  }
}
