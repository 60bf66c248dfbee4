import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chownSync,
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect as connectTcp, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { connect as connectTls } from 'node:tls';

/**
 * A server for one test file: its `url` and `stop()`, or, when none can be had outside CI, `skip` (the
 * reason, already printed). Narrow on `url`:
 *
 * @example
 * ```ts
 * const redis = await startTestRedis();
 * afterAll(() => redis.url && redis.stop());
 * describe.skipIf(redis.url === undefined)('with Redis', () => {
 *   it('answers', async () => { const client = new Redis(redis.url!); ... });
 * });
 * ```
 */
export type TestServer =
  | { readonly url: string; stop(): Promise<void> }
  | { readonly url?: undefined; readonly skip: string };

/** A server that has not answered within this is an error, not something to wait longer for. */
const START_TIMEOUT_MS = 15_000;
/** One readiness probe, and each admin statement on PostgreSQL. */
const PROBE_TIMEOUT_MS = 2_000;
const STOP_TIMEOUT_MS = 5_000;
/** A free port can be taken by someone else before the server binds it: try again on another, this often. */
const PORT_ATTEMPTS = 3;

/**
 * Redis for one test file: `REDIS_URL` if set (it must answer, else this throws); otherwise a `redis-server`
 * started by us on a free loopback port in a temporary folder (`--save '' --appendonly no`). Tests that share
 * a `REDIS_URL` server keep apart by key prefix: `stop()` leaves that server and its keys alone.
 */
export async function startTestRedis(): Promise<TestServer> {
  const given = process.env.REDIS_URL;
  if (given) {
    const url = parseServerUrl(given, 'REDIS_URL', ['redis:', 'rediss:']);
    try {
      await pingRedis(url);
    } catch (error) {
      throw new Error(`REDIS_URL (${redactUrl(url)}) does not answer PING: ${messageOf(error)}`, {
        cause: error,
      });
    }
    return { url: given, stop: async () => {} };
  }
  const redisServer = findExecutable('redis-server', []);
  if (redisServer === undefined) {
    return unavailable(
      'redis-server is not installed (apt-get install -y redis-server) and REDIS_URL is not set',
    );
  }
  const owned = await startOwnedServer('redis', async (dir, port, logFd) => ({
    child: launch(
      redisServer,
      [
        ['--port', String(port)],
        ['--bind', '127.0.0.1'],
        ['--save', ''],
        ['--appendonly', 'no'],
        ['--daemonize', 'no'],
        ['--dir', dir],
      ].flat(),
      { cwd: dir, logFd },
    ),
    url: `redis://127.0.0.1:${port}`,
    isReady: () => pingRedis(new URL(`redis://127.0.0.1:${port}`)),
    // SIGTERM: Redis shuts down at once (nothing to save with `--save ''`).
    stopSignal: 'SIGTERM',
  }));
  return { url: owned.url, stop: owned.stop };
}

/**
 * A fresh, empty PostgreSQL database for one test file: in the server at `DATABASE_URL` if set (`CREATE
 * DATABASE` with a random name, `DROP` on `stop()`), otherwise in a cluster we start ourselves (`initdb` into
 * a temporary folder, loopback, a free port, trust authentication). The URL's user is a superuser.
 */
export async function startTestPostgres(): Promise<TestServer> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const url = parseServerUrl(given, 'DATABASE_URL', ['postgres:', 'postgresql:']);
    let database: string;
    try {
      database = await createDatabase(url);
    } catch (error) {
      throw new Error(`DATABASE_URL (${redactUrl(url)}) refused CREATE DATABASE: ${messageOf(error)}`, {
        cause: error,
      });
    }
    return { url: withDatabase(url, database), stop: () => dropDatabase(url, database) };
  }
  const bin = findPostgresBin();
  if (bin === undefined) {
    return unavailable(
      'PostgreSQL is not installed (apt-get install -y postgresql) and DATABASE_URL is not set',
    );
  }
  // PostgreSQL refuses to run as root: it then runs as the `postgres` user, which Debian's package creates.
  const asRoot = process.getuid?.() === 0;
  const account = asRoot ? lookUpAccount('postgres') : undefined;
  if (asRoot && account === undefined) {
    return unavailable('running as root, and there is no postgres user to run PostgreSQL as');
  }
  const owned = await startOwnedServer(
    'postgres',
    async (dir, port, logFd) => {
      const data = join(dir, 'data');
      await runToEnd(
        join(bin, 'initdb'),
        ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
        { cwd: dir, logFd, account },
      );
      const adminUrl = new URL(`postgres://postgres@127.0.0.1:${port}/postgres`);
      return {
        child: launch(
          join(bin, 'postgres'),
          // Durability is worthless for a throwaway cluster; these make it start and write faster.
          [
            ['-D', data],
            ['-k', dir],
            ['-h', '127.0.0.1'],
            ['-p', String(port)],
            ['-c', 'fsync=off'],
            ['-c', 'synchronous_commit=off'],
            ['-c', 'full_page_writes=off'],
          ].flat(),
          { cwd: dir, logFd, account },
        ),
        url: adminUrl.href,
        isReady: () => queryPostgres(adminUrl, 'SELECT 1'),
        // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients a test left connected.
        stopSignal: 'SIGINT',
      };
    },
    account,
  );
  let database: string;
  try {
    database = await createDatabase(new URL(owned.url));
  } catch (error) {
    await owned.stop();
    throw error;
  }
  return { url: withDatabase(new URL(owned.url), database), stop: owned.stop };
}

interface Account {
  readonly uid: number;
  readonly gid: number;
}

interface Launched {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves once the server answers; rejects while it does not yet. */
  isReady(): Promise<void>;
  readonly stopSignal: NodeJS.Signals;
}

/**
 * Starts a server of ours in a fresh temporary folder on a free loopback port and waits until it answers.
 * `stop()` kills it and removes the folder; so does the exit of this process, and the server gets SIGKILL
 * when this process dies without exiting cleanly (see `launch`).
 */
async function startOwnedServer(
  name: string,
  start: (dir: string, port: number, logFd: number) => Promise<Launched>,
  account?: Account,
): Promise<{ url: string; stop(): Promise<void> }> {
  removeAbandonedFolders(name);
  for (let attempt = 1; ; attempt += 1) {
    const dir = mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${name}-`));
    const logPath = join(dir, `${name}.log`);
    let logFd: number | undefined;
    let launched: Launched | undefined;
    const cleanUp = () => {
      if (launched !== undefined && isRunning(launched.child)) launched.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    };
    const forgetOnExit = cleanUpOnExit(cleanUp);
    const stop = async () => {
      forgetOnExit();
      if (launched !== undefined) await stopChild(launched.child, launched.stopSignal);
      cleanUp();
    };
    try {
      writeFileSync(join(dir, OWNER_FILE), String(process.pid));
      if (account !== undefined) chownSync(dir, account.uid, account.gid);
      logFd = openSync(logPath, 'a');
      launched = await start(dir, await freePort(), logFd);
      await waitUntilReady(name, launched, logPath);
      return { url: launched.url, stop };
    } catch (error) {
      const portTaken = logTail(logPath).includes('Address already in use');
      await stop();
      if (!portTaken || attempt === PORT_ATTEMPTS) throw error;
    } finally {
      if (logFd !== undefined) closeSync(logFd);
    }
  }
}

const FOLDER_PREFIX = 'teams-endpoint-';
const OWNER_FILE = 'owner.pid';

/**
 * Removes the folders of servers whose test process is gone. Vitest ends its workers with SIGTERM, which
 * runs no exit handler: the server then dies of its parent-death signal, but its folder stays behind.
 */
function removeAbandonedFolders(name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${FOLDER_PREFIX}${name}-`));
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = join(tmpdir(), entry);
    try {
      const owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      }
    } catch {
      // Being created or removed by someone else, or not ours to remove.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntilReady(name: string, { child, isReady }: Launched, logPath: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isRunning(child)) {
      throw new Error(
        `${name} exited before it answered (${exitDescription(child)}). Its log:\n${logTail(logPath)}`,
      );
    }
    try {
      await isReady();
      return;
    } catch (error) {
      lastError = error;
    }
    await delay(100);
  }
  throw new Error(
    `${name} did not answer within ${START_TIMEOUT_MS} ms (last: ${messageOf(lastError)}). ` +
      `Its log:\n${logTail(logPath)}`,
  );
}

/**
 * Spawns a server as our child, its output to `logFd`. Through util-linux `setpriv --pdeathsig KILL` where
 * there is one (Linux), so that the kernel kills the server when the thread that spawned it dies, even
 * by SIGKILL or a crash, when no exit handler runs. With `account`, it runs as that user (PostgreSQL refuses
 * root); Node switches the user itself, so the server stays our direct child: `runuser` would sit between,
 * neither dying with us nor passing on PostgreSQL's shutdown signal.
 */
function launch(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const setpriv = findExecutable('setpriv', ['/usr/bin', '/bin']);
  const [file, argv] =
    setpriv === undefined ? [command, args] : [setpriv, ['--pdeathsig', 'KILL', '--', command, ...args]];
  const child = spawn(file, argv, {
    cwd: options.cwd,
    stdio: ['ignore', options.logFd, options.logFd],
    env: { ...process.env, LC_ALL: 'C' },
    ...(options.account ?? {}),
  });
  child.on('error', () => {});
  // A server left running must not keep the test process alive: the exit handler kills it.
  child.unref();
  return child;
}

interface SpawnOptions {
  readonly cwd: string;
  readonly logFd: number;
  readonly account?: Account | undefined;
}

/** Runs a one-shot command (initdb) to its end, within the start timeout. */
function runToEnd(command: string, args: readonly string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['ignore', options.logFd, options.logFd],
      env: { ...process.env, LC_ALL: 'C' },
      timeout: START_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      ...(options.account ?? {}),
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (${signal ? `killed by ${signal}` : `exit code ${code}`}).`));
    });
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  if (await Promise.race([exited.then(() => true), delay(STOP_TIMEOUT_MS).then(() => false)])) return;
  child.kill('SIGKILL');
  await Promise.race([exited, delay(STOP_TIMEOUT_MS)]);
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

function exitDescription(child: ChildProcess): string {
  if (child.pid === undefined) return 'it could not be spawned';
  return child.signalCode ? `killed by ${child.signalCode}` : `exit code ${child.exitCode}`;
}

const exitCleanups = new Set<() => void>();

/** Runs `cleanUp` (synchronous) if this process exits before it is forgotten; returns the forget. */
function cleanUpOnExit(cleanUp: () => void): () => void {
  if (exitCleanups.size === 0) process.once('exit', runExitCleanups);
  exitCleanups.add(cleanUp);
  return () => {
    exitCleanups.delete(cleanUp);
    if (exitCleanups.size === 0) process.off('exit', runExitCleanups);
  };
}

function runExitCleanups(): void {
  for (const cleanUp of exitCleanups) {
    try {
      cleanUp();
    } catch {
      // Best effort while exiting: the next clean-up still runs.
    }
  }
  exitCleanups.clear();
}

/** Sends `PING` (after `AUTH` when the URL has credentials) in plain RESP and waits for `+PONG`. */
function pingRedis(url: URL): Promise<void> {
  const command = (...args: string[]) =>
    `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
  const password = decodeURIComponent(url.password);
  const username = decodeURIComponent(url.username);
  const auth = password ? (username ? command('AUTH', username, password) : command('AUTH', password)) : '';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 6379);

  return new Promise((resolve, reject) => {
    const socket: Socket =
      url.protocol === 'rediss:' ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    let replies = '';
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
    socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () =>
      socket.write(`${auth}${command('PING')}`),
    );
    socket.on('data', (chunk) => {
      replies += chunk.toString('utf8');
      const failure = /^-(.*)\r\n/m.exec(replies);
      if (failure) finish(new Error(`Redis answered: ${failure[1]}`));
      else if (/^\+PONG\r\n/m.test(replies)) finish();
    });
    socket.once('error', (error) => finish(error));
    socket.once('close', () => finish(new Error('the connection closed before PONG')));
  });
}

/** Runs one statement in a fresh connection, bounded in time, and closes it. */
async function queryPostgres(url: URL, statement: string): Promise<void> {
  // Loaded on use, so that the fakes of this entry point do not need `pg`.
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url.href,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS * 5,
  });
  // A connection the server ends (a shutdown) is reported as an event; it must not crash the test process.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabase(serverUrl: URL): Promise<string> {
  // Only [a-z0-9_]: safe to quote into the statement.
  const database = `test_${randomBytes(8).toString('hex')}`;
  await queryPostgres(serverUrl, `CREATE DATABASE "${database}"`);
  return database;
}

async function dropDatabase(serverUrl: URL, database: string): Promise<void> {
  // FORCE (PostgreSQL 13+) ends the connections a test left open, which would otherwise block the drop.
  await queryPostgres(
    withMaintenanceDatabase(serverUrl, database),
    `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
  );
}

/** The server URL for statements about `database`: the URL's own database, unless it is that one. */
function withMaintenanceDatabase(serverUrl: URL, database: string): URL {
  return serverUrl.pathname.slice(1) === database ? new URL(withDatabase(serverUrl, 'postgres')) : serverUrl;
}

function withDatabase(serverUrl: URL, database: string): string {
  const url = new URL(serverUrl.href);
  url.pathname = `/${database}`;
  return url.href;
}

function parseServerUrl(value: string, name: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} is not a URL.`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new TypeError(
      `${name} must start with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}.`,
    );
  }
  return url;
}

/** The URL without its password, for messages. */
function redactUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return shown.href;
}

/** Outside CI: the reason, printed, and `skip`. In CI these tests must run, so it throws. */
function unavailable(reason: string): TestServer {
  if (isCi())
    throw new Error(`No test server: ${reason}. CI is set, so the tests that need it cannot be skipped.`);
  console.warn(`Skipping the tests that need this server: ${reason}.`);
  return { skip: reason };
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Debian's newest `/usr/lib/postgresql/<major>/bin`, else the folder of an `initdb` on the PATH. */
function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  let majors: string[] = [];
  try {
    majors = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  } catch {
    // Not Debian's layout.
  }
  const candidates = [...majors.map((major) => join(root, major, 'bin'))];
  const initdb = findExecutable('initdb', []);
  if (initdb !== undefined) candidates.push(dirname(initdb));
  return candidates.find((bin) => isExecutable(join(bin, 'initdb')) && isExecutable(join(bin, 'postgres')));
}

function findExecutable(name: string, moreDirs: readonly string[]): string | undefined {
  return [...(process.env.PATH ?? '').split(delimiter), ...moreDirs]
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function lookUpAccount(user: string): Account | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, user], { encoding: 'utf8', timeout: 5_000 }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function logTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2_000);
  } catch {
    return '(no log)';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
