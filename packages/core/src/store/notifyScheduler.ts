/**
 * Batches change notifications: everything that changes during one synchronous burst (a machine's chain of
 * transitions, a thousand participants joining) reaches each subscriber as one notification, in a microtask.
 */
const pending = new Set<() => void>();
let scheduled = false;

function flushAll(): void {
  // A flush may schedule further flushes (a call's change updates the endpoint): drain until quiet.
  while (pending.size > 0) {
    const batch = [...pending];
    pending.clear();
    for (const flush of batch) flush();
  }
  scheduled = false;
}

export function scheduleFlush(flush: () => void): void {
  pending.add(flush);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(flushAll);
  }
}
