// The servers under load, in their own process (forked by `exchangeServerProcess.ts`), as a deployment runs
// them: the token-exchange handler behind `toNodeHandler`, the same with a low rate limit, and the baseline.
// The parent starts it with NODE_EXTRA_CA_CERTS naming the fakes' certificate: both the ACS pipeline (Node's
// https agent) and jose's key fetch (Node's fetch) then trust it, with no option of the handler's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createMemoryRateLimitStore,
  createTokenExchangeHandler,
  type TokenExchangeHandlerOptions,
  type TokenExchangeLogEvent,
  toNodeHandler,
} from '@teams-endpoint/token-exchange';
import type { ExchangeServersConfig, ExchangeServersReply } from './exchangeServerProcess';

/** The api-version `@azure/communication-identity` 1.3.1 sends; the baseline sends the same. */
const ACS_API_VERSION = '2023-10-01';

const rejections: Record<string, number> = {};
const countRejection = (event: TokenExchangeLogEvent) => {
  if (event.type === 'request_rejected') {
    const key = `${event.status} ${event.reason}`;
    rejections[key] = (rejections[key] ?? 0) + 1;
  }
};

const send = (reply: ExchangeServersReply) => process.send?.(reply);

process.on(
  'message',
  (message: { type: 'start'; config: ExchangeServersConfig } | { type: 'rejections' }) => {
    if (message.type === 'rejections') send({ type: 'rejections', rejections });
    else
      start(message.config).then(
        (ports) => send({ type: 'ready', ports }),
        (error: unknown) => send({ type: 'failed', message: String(error) }),
      );
  },
);
// The parent's end is ours.
process.once('disconnect', () => process.exit(0));

async function start(
  config: ExchangeServersConfig,
): Promise<Record<keyof ExchangeServersConfig['servers'], number>> {
  const common: TokenExchangeHandlerOptions = {
    connectionString: `endpoint=${config.identityOrigin}/;accesskey=${config.accessKey}`,
    clientId: config.clientId,
    allowedTenantIds: config.tenantIds,
    authorityHost: config.identityOrigin,
    logger: countRejection,
  };
  const handler = createTokenExchangeHandler({
    ...common,
    rateLimit: { maxRequests: config.servers.handler.maxRequestsPerUser, windowMs: 60_000 },
  });
  const limited = createTokenExchangeHandler({
    ...common,
    rateLimit: {
      maxRequests: config.servers.limited.maxRequestsPerUser,
      windowMs: 60_000,
      store: createMemoryRateLimitStore(),
    },
  });
  const [handlerPort, limitedPort, baselinePort] = await Promise.all([
    listen(createServer(toNodeHandler(handler))),
    listen(createServer(toNodeHandler(limited))),
    listen(createServer(proxyToAcs(config))),
  ]);
  return { handler: handlerPort, limited: limitedPort, baseline: baselinePort };
}

/**
 * The baseline: what the exchange costs without the handler. A plain proxy that forwards the bearer token to
 * the same fake ACS, over a keep-alive https agent as the Azure pipeline uses, and relays the answer. It
 * reads the `oid` from the token's payload without verifying anything, and signs nothing.
 */
function proxyToAcs({ identityOrigin, clientId }: ExchangeServersConfig) {
  const agent = new Agent({ keepAlive: true });
  const url = `${identityOrigin}/teamsUser/:exchangeAccessToken?api-version=${ACS_API_VERSION}`;
  return (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    let userId: unknown;
    try {
      userId = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).oid;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const body = JSON.stringify({ token, appId: clientId, userId });
    const upstream = httpsRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () =>
          res
            .writeHead(answer.statusCode ?? 502, {
              'content-type': 'application/json',
              'cache-control': 'no-store',
            })
            .end(Buffer.concat(chunks)),
        );
      },
    );
    upstream.once('error', () => res.writeHead(502).end());
    upstream.end(body);
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
