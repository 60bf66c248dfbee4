import { connect, createServer } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startTestPostgres, startTestRedis, type TestServer } from './testServers';

// Each start is bounded by the helper (15 s); a cold initdb takes a few seconds.
const redis = await startTestRedis();
const postgres = await startTestPostgres();
afterAll(async () => {
  await Promise.all([redis.url && redis.stop(), postgres.url && postgres.stop()]);
});

/** Sends raw RESP and returns the first reply line. */
function redisCommand(url: string, ...args: string[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () =>
      socket.write(
        `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`,
      ),
    );
    socket.setTimeout(2_000, () => socket.destroy(new Error('no answer')));
    socket.once('data', (chunk) => {
      socket.end();
      resolve(chunk.toString('utf8').split('\r\n')[0] ?? '');
    });
    socket.once('error', reject);
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function skipped(server: TestServer): boolean {
  return server.url === undefined;
}

describe.skipIf(skipped(redis))('startTestRedis', () => {
  it('gives a loopback Redis that answers', async () => {
    const url = redis.url!;

    expect(await redisCommand(url, 'PING')).toBe('+PONG');
    expect(await redisCommand(url, 'SET', 'teams-endpoint:test-servers', '1')).toBe('+OK');
    expect(await redisCommand(url, 'GET', 'teams-endpoint:test-servers')).toBe('$1');
  });

  it('starts another server for another test file, and stop() ends ours', async () => {
    const other = await startTestRedis();
    expect(other.url).toBeDefined();
    if (other.url === undefined) return;
    expect(await redisCommand(other.url, 'PING')).toBe('+PONG');

    await other.stop();

    if (process.env.REDIS_URL) return; // a shared server is left running
    expect(other.url).not.toBe(redis.url);
    await expect(redisCommand(other.url, 'PING')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);
});

describe.skipIf(skipped(postgres))('startTestPostgres', () => {
  it('gives a fresh, empty database that answers', async () => {
    const tables = await withClient(postgres.url!, async (client) => {
      await client.query('CREATE TABLE greeting (text text NOT NULL)');
      await client.query("INSERT INTO greeting VALUES ('hello')");
      return client.query<{ text: string }>('SELECT text FROM greeting');
    });

    expect(tables.rows).toEqual([{ text: 'hello' }]);
    expect(new URL(postgres.url!).pathname).toMatch(/^\/test_[0-9a-f]{16}$/);
  });

  it('gives each caller its own database, and stop() drops or ends it', async () => {
    const other = await startTestPostgres();
    expect(other.url).toBeDefined();
    if (other.url === undefined) return;
    expect(other.url).not.toBe(postgres.url);
    const tables = await withClient(other.url, (client) =>
      client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
    );
    expect(tables.rows).toEqual([{ n: 0 }]);

    await other.stop();

    await expect(withClient(other.url, (client) => client.query('SELECT 1'))).rejects.toThrow();
  }, 30_000);
});

describe('when no server can be had', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('skips with the reason, printed, outside CI, and throws in CI', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('REDIS_URL', undefined);
    vi.stubEnv('PATH', '');
    vi.stubEnv('CI', undefined);

    const skipped = await startTestRedis();

    expect(skipped).toEqual({ skip: expect.stringContaining('redis-server is not installed') });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('redis-server is not installed'));

    vi.stubEnv('CI', 'true');
    await expect(startTestRedis()).rejects.toThrow(/CI is set/);
  });

  it('throws, CI or not, when REDIS_URL or DATABASE_URL is set but does not answer', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    vi.stubEnv('CI', undefined);
    vi.stubEnv('REDIS_URL', `redis://:secret-password@127.0.0.1:${closedPort}`);
    vi.stubEnv('DATABASE_URL', `postgres://postgres:secret-password@127.0.0.1:${closedPort}/postgres`);

    const redisError = await startTestRedis().catch((error: Error) => error);
    const postgresError = await startTestPostgres().catch((error: Error) => error);

    expect(String(redisError)).toMatch(/REDIS_URL .* does not answer PING/);
    expect(String(postgresError)).toMatch(/DATABASE_URL .* refused CREATE DATABASE/);
    // The password never shows in a message.
    expect(String(redisError)).not.toContain('secret-password');
    expect(String(postgresError)).not.toContain('secret-password');
  });
});
