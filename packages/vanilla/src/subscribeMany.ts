/**
 * Combines the unsubscribes of several bindings into one, so a page tears down with a single call.
 *
 * @example
 * const stop = subscribeMany(
 *   bindText(statusNode, call, (s) => s.status),
 *   bindDisabled(acceptButton, call, (s) => !s.can.accept),
 * );
 * stop();
 */
export function subscribeMany(...unsubscribes: ReadonlyArray<() => void>): () => void {
  let pending = unsubscribes;
  return () => {
    const current = pending;
    pending = [];
    for (const unsubscribe of current) unsubscribe();
  };
}
