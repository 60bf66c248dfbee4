import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  AUTHORITY_HOST,
  createFakeAcs,
  createFakeEntra,
  type FakeAcs,
  type FakeEntra,
} from '@teams-endpoint/testing/server';
import { getResponse, type RequestHandler } from 'msw';
import type { LoopbackCertificate } from './loopbackCertificate';

/** The path ACS's identity API exchanges a Teams user's token on (the colon is literal). */
const ACS_EXCHANGE_PATH = '/teamsUser/:exchangeAccessToken';

/** The fake ACS identity endpoint and the fake Entra's key sets, served for real over HTTPS on loopback. */
export interface FakeIdentityServer {
  /** `https://127.0.0.1:<port>`: the ACS endpoint and the authority host at once. */
  readonly origin: string;
  /** The shared fake ACS: its tokens and expiry are what this server answers. */
  readonly acs: FakeAcs;
  readonly entra: FakeEntra;
  /**
   * `POST /teamsUser/:exchangeAccessToken` requests answered, by whether they were signed with the resource key
   * (`HMAC-SHA256`, as the ACS client signs every request); the baseline proxy signs nothing.
   */
  readonly acsCalls: { readonly signed: number; readonly unsigned: number };
  close(): Promise<void>;
}

/**
 * The shared fakes of `@teams-endpoint/testing/server` on a real socket. The key sets are the fake Entra's MSW
 * handlers, each request handed to them (`getResponse`) as if sent to Entra's host. The exchange answers as
 * the fake ACS does (`acs.tokenFor(userId)`, `acs.expiresOn`) but directly: MSW's matching costs about
 * 0.4 ms a request, as much as the whole baseline proxy, and would hide the handler's own cost.
 */
export async function startFakeIdentityServer(certificate: LoopbackCertificate): Promise<FakeIdentityServer> {
  const acs = createFakeAcs();
  const entra = await createFakeEntra();
  const entraHandlers: RequestHandler[] = entra.handlers();
  const acsCalls = { signed: 0, unsigned: 0 };

  const exchange = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.headers.authorization ?? '').startsWith('HMAC-SHA256')) acsCalls.signed += 1;
    else acsCalls.unsigned += 1;
    const { userId } = JSON.parse((await readBody(req)).toString('utf8')) as { userId?: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: acs.tokenFor(userId ?? ''), expiresOn: acs.expiresOn }));
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', AUTHORITY_HOST);
    if (req.method === 'POST' && url.pathname === ACS_EXCHANGE_PATH && url.searchParams.has('api-version')) {
      await exchange(req, res);
      return;
    }
    const request = new Request(url, { method: req.method ?? 'GET', headers: headersOf(req) });
    const response = req.method === 'GET' ? await getResponse(entraHandlers, request) : undefined;
    if (response === undefined) {
      res.writeHead(404).end();
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    response.headers.forEach((value, name) => {
      res.setHeader(name, value);
    });
    res.writeHead(response.status).end(body);
  };

  const server: Server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => {
    serve(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `https://127.0.0.1:${port}`,
    acs,
    entra,
    acsCalls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
  }
  return headers;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
