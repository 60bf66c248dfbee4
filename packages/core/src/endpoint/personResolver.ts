import type { Person } from '../domain/people';
import { parseTeamsUserId } from '../domain/teamsUserId';
import { TeamsEndpointError, throwIfAborted } from '../errors';
import type { GraphPort } from '../ports/graphPort';

interface Waiter {
  readonly resolve: (person: Person) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Looks people up through Graph as few times as possible:
 * - results are cached, and failures are not;
 * - concurrent lookups of the same id share one request;
 * - ids asked for in the same tick (ten callers ringing at once) go out together, as one `$batch`.
 * A caller's abort only stops that caller's wait.
 */
export function createPersonResolver(graph: GraphPort, lifetime: AbortSignal) {
  const cache = new Map<string, Promise<Person>>();
  let queued: Map<string, Waiter> | null = null;

  const flush = (batch: Map<string, Waiter>) => {
    const ids = [...batch.keys()];
    const lookup =
      ids.length === 1
        ? graph.getPerson(ids[0]!, { signal: lifetime }).then((person) => new Map([[ids[0]!, person]]))
        : graph.getPeople(ids, { signal: lifetime });
    lookup.then(
      (people) => {
        for (const [id, waiter] of batch) {
          const person = people.get(id);
          if (person) waiter.resolve(person);
          else waiter.reject(new TeamsEndpointError('not_found', 'This person is not in the directory.'));
        }
      },
      (error: unknown) => {
        for (const waiter of batch.values()) waiter.reject(error);
      },
    );
  };

  const lookUp = (id: string): Promise<Person> => {
    const cached = cache.get(id);
    if (cached) return cached;
    const lookup = new Promise<Person>((resolve, reject) => {
      if (!queued) {
        const batch = new Map<string, Waiter>();
        queued = batch;
        queueMicrotask(() => {
          queued = null;
          flush(batch);
        });
      }
      queued.set(id, { resolve, reject });
    });
    cache.set(id, lookup);
    lookup.catch(() => cache.delete(id));
    return lookup;
  };

  return (id: string, signal: AbortSignal): Promise<Person> => {
    throwIfAborted(signal);
    const lookup = lookUp(parseTeamsUserId(id));
    return new Promise<Person>((resolve, reject) => {
      const onAbort = () => reject(new TeamsEndpointError('aborted', 'The operation was cancelled.'));
      signal.addEventListener('abort', onAbort, { once: true });
      lookup.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
