/**
 * A logger made harmless: what it throws is ignored, and so is a promise it returns that rejects (a log
 * shipper whose sink is down), which would otherwise crash the process as an unhandled rejection. Nothing
 * waits for it.
 */
export function safeLogger<Event>(logger: ((event: Event) => unknown) | undefined): (event: Event) => void {
  return (event) => {
    try {
      const result = logger?.(event);
      if (isThenable(result)) result.then(undefined, ignore);
    } catch {
      // Logging is best effort.
    }
  };
}

function ignore(): void {}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === 'object' || typeof value === 'function') &&
      value !== null &&
      typeof (value as { then?: unknown }).then === 'function'
    );
  } catch {
    // A `then` getter that throws.
    return false;
  }
}
