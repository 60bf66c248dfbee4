import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the servers' process is told (see `exchangeServers.ts`). */
export interface ExchangeServersConfig {
  /** The fake ACS and fake Entra, `https://127.0.0.1:<port>`. */
  readonly identityOrigin: string;
  /** The access key of the connection string (any base64: the fake does not check the signature). */
  readonly accessKey: string;
  readonly clientId: string;
  readonly tenantIds: readonly string[];
  readonly servers: {
    /** The handler under load. */
    readonly handler: { readonly maxRequestsPerUser: number };
    /** The handler whose limit the rate-limit run reaches. */
    readonly limited: { readonly maxRequestsPerUser: number };
    /** The plain proxy (no options). */
    readonly baseline: Record<string, never>;
  };
}

export type ExchangeServerName = keyof ExchangeServersConfig['servers'];

export type ExchangeServersReply =
  | { type: 'ready'; ports: Record<ExchangeServerName, number> }
  | { type: 'failed'; message: string }
  | { type: 'rejections'; rejections: Record<string, number> };

export interface ExchangeServerProcess {
  /** `http://127.0.0.1:<port>` of each server. */
  readonly urls: Record<ExchangeServerName, string>;
  /** What the handlers refused, by `status reason`, from their logger. */
  rejections(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Forks the servers' process, trusting `caFile` (NODE_EXTRA_CA_CERTS is read at start-up only, hence a
 * process of their own; it also keeps the load generator and the fakes off the servers' event loop).
 */
export async function startExchangeServers(
  config: ExchangeServersConfig,
  caFile: string,
): Promise<ExchangeServerProcess> {
  const child = fork(fileURLToPath(new URL('./exchangeServers.ts', import.meta.url)), {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const ready = await reply(child, 'ready', START_TIMEOUT_MS, () => child.send({ type: 'start', config }));
    if (ready.type !== 'ready')
      throw new Error(
        `the exchange servers did not start: ${ready.type === 'failed' ? ready.message : ready.type}`,
      );
    const urls = Object.fromEntries(
      Object.entries(ready.ports).map(([name, port]) => [name, `http://127.0.0.1:${port}`]),
    ) as Record<ExchangeServerName, string>;
    return {
      urls,
      rejections: async () => {
        const answer = await reply(child, 'rejections', START_TIMEOUT_MS, () =>
          child.send({ type: 'rejections' }),
        );
        return answer.type === 'rejections' ? answer.rejections : {};
      },
      stop: async () => {
        child.disconnect();
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function reply(
  child: ChildProcess,
  type: 'ready' | 'rejections',
  timeoutMs: number,
  ask: () => void,
): Promise<ExchangeServersReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no answer (${type}) within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: ExchangeServersReply) => {
      if (message.type === type || message.type === 'failed') finish(undefined, message);
    };
    const onExit = (code: number | null) => finish(new Error(`the exchange servers exited (${code})`));
    const finish = (error?: Error, message?: ExchangeServersReply) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    ask();
  });
}
