import type { Person } from '../domain/people';
import { parseTeamsUserId } from '../domain/teamsUserId';
import { abortedError, TeamsEndpointError, throwIfAborted } from '../errors';
import type { GraphPort } from '../ports/graphPort';

interface Waiter {
  readonly resolve: (person: Person) => void;
  readonly reject: (error: unknown) => void;
}

/** The ids asked for in one tick, and the one request that looks them up. */
interface Batch {
  readonly waiters: Map<string, Waiter>;
  /** Stops the request once nobody waits for any of its ids, and when the endpoint goes away. */
  readonly controller: AbortController;
  /** Ids of the batch that some caller still waits for. */
  wanted: number;
}

/** One id's lookup, shared by every caller asking for it. */
interface Lookup {
  readonly person: Promise<Person>;
  readonly batch: Batch;
  /** Callers waiting for it now. */
  callers: number;
  settled: boolean;
}

/**
 * Looks people up through Graph as few times as possible:
 * - results are cached, and failures are not;
 * - concurrent lookups of the same id share one request;
 * - ids asked for in the same tick (ten callers ringing at once) go out together, as one `$batch`.
 * A caller's abort only stops that caller's wait. A lookup that every caller gave up on (each one's request
 * timeout ran out) is forgotten, and its request stopped once nobody waits for its batch: the next caller
 * asks Graph again instead of waiting for an answer that may never come.
 */
export function createPersonResolver(graph: GraphPort, lifetime: AbortSignal) {
  const cache = new Map<string, Lookup>();
  let queued: Batch | null = null;

  const forget = (id: string, lookup: Lookup) => {
    if (cache.get(id) === lookup) cache.delete(id);
  };

  const flush = (batch: Batch) => {
    const ids = [...batch.waiters.keys()];
    if (ids.length === 0) return;
    const stop = () => batch.controller.abort();
    if (lifetime.aborted) stop();
    else lifetime.addEventListener('abort', stop, { once: true });
    const { signal } = batch.controller;
    const lookup =
      ids.length === 1
        ? graph.getPerson(ids[0]!, { signal }).then((person) => new Map([[ids[0]!, person]]))
        : graph.getPeople(ids, { signal });
    lookup
      .then(
        (people) => {
          for (const [id, waiter] of batch.waiters) {
            const person = people.get(id);
            if (person) waiter.resolve(person);
            else waiter.reject(new TeamsEndpointError('not_found', 'This person is not in the directory.'));
          }
        },
        (error: unknown) => {
          for (const waiter of batch.waiters.values()) waiter.reject(error);
        },
      )
      .finally(() => lifetime.removeEventListener('abort', stop));
  };

  const lookUp = (id: string): Lookup => {
    const cached = cache.get(id);
    if (cached) return cached;
    if (!queued) {
      const next: Batch = { waiters: new Map(), controller: new AbortController(), wanted: 0 };
      queued = next;
      queueMicrotask(() => {
        queued = null;
        flush(next);
      });
    }
    const batch = queued;
    const person = new Promise<Person>((resolve, reject) => batch.waiters.set(id, { resolve, reject }));
    batch.wanted += 1;
    const lookup: Lookup = { person, batch, callers: 0, settled: false };
    cache.set(id, lookup);
    person.then(
      () => {
        lookup.settled = true;
      },
      () => {
        lookup.settled = true;
        forget(id, lookup);
      },
    );
    return lookup;
  };

  /** The last caller of a lookup still in flight left. */
  const abandon = (id: string, lookup: Lookup) => {
    forget(id, lookup);
    const { batch } = lookup;
    batch.waiters.delete(id);
    batch.wanted -= 1;
    if (batch.wanted === 0) batch.controller.abort();
  };

  return (id: string, signal: AbortSignal): Promise<Person> => {
    throwIfAborted(signal);
    const key = parseTeamsUserId(id);
    const lookup = lookUp(key);
    lookup.callers += 1;
    return new Promise<Person>((resolve, reject) => {
      const onAbort = () => {
        reject(abortedError());
        lookup.callers -= 1;
        if (lookup.callers === 0 && !lookup.settled) abandon(key, lookup);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      lookup.person.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
