import { Agent, request } from 'node:http';
import { type Latency, summarizeLatency } from './latency';

export interface LoadOptions {
  /**
   * `http://127.0.0.1:<port>` of each server; each request is `POST /` to one of them, in turn. With one
   * client and two servers, their requests alternate, so that both see the same moments of a busy machine.
   */
  readonly targets: readonly string[];
  /** Clients, each with its own keep-alive connections, each sending its next request when the last answered. */
  readonly concurrency: number;
  /** Requests in all, over the targets. */
  readonly requests: number;
  /** The bearer token of the `index`-th request to a target. */
  tokenFor(index: number): string;
  /** Whether the answer to the `index`-th request to a target is the one expected (status and body). */
  isExpected(index: number, status: number, body: string): boolean;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly requests: number;
  /** Clients ÷ mean latency: the throughput of a closed loop on this target alone. */
  readonly requestsPerSecond: number;
  readonly latency: Latency;
  /** How many answers had each status. */
  readonly statuses: Readonly<Record<number, number>>;
  /** Answers that were not the expected ones, and requests that failed (connection errors). */
  readonly errors: number;
}

/**
 * A closed-loop load: `concurrency` clients share `requests` requests, each sending the next one as soon as
 * its previous one is answered. The latency of each request runs from its send to the end of its answer.
 * One result per target.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult[]> {
  const { targets, concurrency, requests } = options;
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: concurrency }));
  const latencies = new Float64Array(requests);
  const outcomes = targets.map(() => ({ statuses: {} as Record<number, number>, errors: 0 }));
  let next = 0;

  const client = async () => {
    while (next < requests) {
      const sent = next++;
      const target = sent % targets.length;
      const index = Math.floor(sent / targets.length);
      const outcome = outcomes[target]!;
      const sentAt = performance.now();
      try {
        const { status, body } = await post(targets[target]!, agents[target]!, options.tokenFor(index));
        latencies[sent] = performance.now() - sentAt;
        outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
        if (!options.isExpected(index, status, body)) outcome.errors += 1;
      } catch {
        latencies[sent] = performance.now() - sentAt;
        outcome.errors += 1;
      }
    }
  };

  await Promise.all(Array.from({ length: concurrency }, client));
  for (const agent of agents) agent.destroy();
  return outcomes.map((outcome, target) => {
    const own = latencies.filter((_, sent) => sent % targets.length === target);
    const meanMs = own.reduce((sum, value) => sum + value, 0) / own.length;
    return {
      concurrency,
      requests: own.length,
      requestsPerSecond: (concurrency / meanMs) * 1000,
      latency: summarizeLatency(own),
      ...outcome,
    };
  });
}

function post(url: string, agent: Agent, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-length': 0 } },
      (answer) => {
        let body = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          body += chunk;
        });
        answer.once('end', () => resolve({ status: answer.statusCode ?? 0, body }));
        answer.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end();
  });
}
