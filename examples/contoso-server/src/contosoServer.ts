import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname } from 'node:path';
import {
  type CustomerDirectoryLogEvent,
  type CustomerRepository,
  createCustomerDirectoryHandler,
  createPostgresCustomerRepository,
  createSqliteCustomerRepository,
} from '@teams-endpoint/customer-directory';
import {
  createRedisRateLimitStore,
  createTokenExchangeHandler,
  type TokenExchangeHandlerOptions,
  type TokenExchangeLogEvent,
  toNodeHandler,
} from '@teams-endpoint/token-exchange';
import { Redis } from 'ioredis';
import type { ContosoServerConfig } from './serverConfig';

export const EXCHANGE_ROUTE = '/api/acs-token';
export const DIRECTORY_BASE_PATH = '/api';

/** Node's own bounds on a slow client: the whole request, and its headers. */
const REQUEST_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 10_000;

export interface ContosoServer {
  readonly server: Server;
  readonly repository: CustomerRepository;
  /** Stops accepting requests, then closes the database and Redis. */
  close(): Promise<void>;
}

export interface ContosoServerDependencies {
  /** Receives the handlers' events (never a token, a phone number or a name). Default: one JSON line each on stdout. */
  log?: (event: TokenExchangeLogEvent | CustomerDirectoryLogEvent) => void;
  /** Options of the exchange that a deployment (or a test) may set, such as the ACS client's retries. */
  exchange?: Partial<
    Pick<TokenExchangeHandlerOptions, 'identityClientOptions' | 'authorityHost' | 'acsTimeoutMs'>
  >;
}

/**
 * Contoso's backend for the examples' real mode, on one port: `POST /api/acs-token` (the token exchange) and
 * `GET /api/customers`, `GET /api/customers/lookup` (the customer directory). The database is opened (and
 * created and migrated, for SQLite) before the server listens.
 */
export async function startContosoServer(
  config: ContosoServerConfig,
  {
    log = (event) => console.log(JSON.stringify({ time: new Date().toISOString(), ...event })),
    exchange = {},
  }: ContosoServerDependencies = {},
): Promise<ContosoServer> {
  const repository = await openRepository(config.directory.database);
  let redis: Redis | undefined;
  try {
    if (config.redisUrl) {
      // Fail fast: a Redis that is down or slow makes the exchange answer 503, it never holds a request.
      redis = new Redis(config.redisUrl, {
        commandTimeout: 500,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: true,
      });
      await redis.connect();
    }
    const exchangeHandler = createTokenExchangeHandler({
      connectionString: config.exchange.acsConnectionString,
      clientId: config.clientId,
      allowedTenantIds: config.allowedTenantIds,
      allowedOrigins: config.allowedOrigins,
      signatureValidation: config.exchange.signatureValidation,
      ...(redis
        ? {
            rateLimit: {
              maxRequests: 10,
              windowMs: 60_000,
              store: createRedisRateLimitStore({ client: redis }),
            },
          }
        : {}),
      logger: log,
      ...exchange,
    });
    const directoryHandler = createCustomerDirectoryHandler({
      repository,
      auth: {
        clientId: config.clientId,
        audiences: config.directory.audiences,
        requiredScopes: config.directory.requiredScopes,
        allowedTenantIds: config.allowedTenantIds,
        ...(exchange.authorityHost ? { authorityHost: exchange.authorityHost } : {}),
      },
      allowedOrigins: config.allowedOrigins,
      basePath: DIRECTORY_BASE_PATH,
      ...(config.directory.defaultCountryCallingCode
        ? { defaultCountryCallingCode: config.directory.defaultCountryCallingCode }
        : {}),
      logger: log,
    });
    const serveExchange = toNodeHandler(exchangeHandler);
    // The directory answers 404 (JSON) for any path it does not serve, so everything else goes to it.
    const serveDirectory = toNodeHandler(directoryHandler);

    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      void (path === EXCHANGE_ROUTE ? serveExchange(req, res) : serveDirectory(req, res));
    });
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });

    const connectedRedis = redis;
    return {
      server,
      repository,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await repository.close();
        connectedRedis?.disconnect();
      },
    };
  } catch (error) {
    redis?.disconnect();
    await repository.close();
    throw error;
  }
}

export async function openRepository(
  database: ContosoServerConfig['directory']['database'],
): Promise<CustomerRepository> {
  if (database.kind === 'postgres')
    return createPostgresCustomerRepository({ connectionString: database.url });
  await mkdir(dirname(database.filename), { recursive: true });
  return createSqliteCustomerRepository({ filename: database.filename });
}
