import type { Person } from '../domain/people';
import { throwIfAborted, toTeamsEndpointError } from '../errors';
import type { GraphPort } from '../ports/graphPort';

/**
 * Looks people up through Graph once: results are cached, concurrent lookups of the same id share one
 * request, and failures are not cached. A caller's abort only stops that caller's wait.
 */
export function createPersonResolver(graph: GraphPort, lifetime: AbortSignal) {
  const cache = new Map<string, Promise<Person>>();
  return (id: string, signal: AbortSignal): Promise<Person> => {
    throwIfAborted(signal);
    let lookup = cache.get(id);
    if (!lookup) {
      lookup = graph.getPerson(id, { signal: lifetime });
      cache.set(id, lookup);
      lookup.catch(() => cache.delete(id));
    }
    return new Promise<Person>((resolve, reject) => {
      const onAbort = () =>
        reject(toTeamsEndpointError(signal.reason ?? new DOMException('Aborted', 'AbortError')));
      signal.addEventListener('abort', onAbort, { once: true });
      lookup.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
