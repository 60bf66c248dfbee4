import type { ObservableUnit } from '@teams-endpoint/core';

/**
 * Resolves with the unit's snapshot as soon as `predicate` holds, checking on every notification (no
 * polling). Rejects after `timeoutMs` with the last snapshot in the message, so a failing test says where
 * the unit got stuck.
 *
 * @example
 * endpoint.people.load('meg');
 * const people = await waitForSnapshot(endpoint.people, (s) => s.status === 'loaded');
 */
export function waitForSnapshot<T>(
  unit: Pick<ObservableUnit<T>, 'getSnapshot' | 'subscribe'>,
  predicate: (snapshot: T) => boolean,
  timeoutMs = 2_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = (): boolean => {
      const snapshot = unit.getSnapshot();
      if (!predicate(snapshot)) return false;
      clearTimeout(timer);
      stop();
      resolve(snapshot);
      return true;
    };
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(
          `waitForSnapshot timed out after ${timeoutMs} ms; last snapshot: ${JSON.stringify(unit.getSnapshot())}`,
        ),
      );
    }, timeoutMs);
    const stop = unit.subscribe(check);
    check();
  });
}
