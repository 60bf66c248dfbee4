/**
 * Batches change notifications: everything that changes during one synchronous burst (a machine's chain of
 * transitions, a thousand participants joining) reaches each subscriber as one notification, in a microtask.
 */
const pending = new Set<() => void>();
let scheduled = false;

function flushAll(): void {
  try {
    // A flush may schedule further flushes (a call's change updates the endpoint): drain until quiet.
    while (pending.size > 0) {
      const batch = [...pending];
      pending.clear();
      for (const flush of batch) flush();
    }
  } finally {
    scheduled = false;
  }
}

/**
 * Calls a subscriber. A subscriber that throws must not silence the others, nor every later notification:
 * its error goes to the platform's `reportError` (browsers), else to `console.error`.
 */
export function notifySafely(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
    if (report) report(error);
    else console.error(error);
  }
}

export function scheduleFlush(flush: () => void): void {
  pending.add(flush);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(flushAll);
  }
}
