import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toNodeHandler } from './nodeHttpAdapter';
import { createTokenExchangeHandler } from './tokenExchangeHandler';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Sends a request with node:http; `chunks` are written one by one (chunked transfer encoding). */
function send(
  port: number,
  { method = 'POST', path = '/token', headers = {}, chunks = [] as string[] } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('toNodeHandler', () => {
  it('turns the Node request into a Request and writes the Response back', async () => {
    const seen: Array<{ method: string; url: string; header: string | null; body: string }> = [];
    const port = await listen(
      toNodeHandler(async (req) => {
        seen.push({
          method: req.method,
          url: req.url,
          header: req.headers.get('x-probe'),
          body: await req.text(),
        });
        return new Response('{"ok":true}', {
          status: 201,
          headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        });
      }),
    );

    const response = await send(port, {
      path: '/api/token?x=1',
      headers: { 'X-Probe': 'yes', 'Content-Type': 'application/json' },
      chunks: ['{"a":', '1}'],
    });

    expect(response).toMatchObject({ status: 201, body: '{"ok":true}' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(seen).toEqual([
      { method: 'POST', url: 'http://localhost/api/token?x=1', header: 'yes', body: '{"a":1}' },
    ]);
  });

  it('sends no body for GET', async () => {
    const handler = vi.fn(async (req: Request) => new Response(String(req.body === null)));
    const port = await listen(toNodeHandler(handler));

    expect((await send(port, { method: 'GET' })).body).toBe('true');
  });

  it('answers 413 without calling the handler when Content-Length is over the cap', async () => {
    const handler = vi.fn(async () => new Response('unreachable'));
    const port = await listen(toNodeHandler(handler, { maxBodyBytes: 10 }));

    const response = await send(port, { headers: { 'Content-Length': '11' }, chunks: ['x'.repeat(11)] });

    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'payload_too_large', message: expect.any(String) },
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 413 without calling the handler when a chunked body grows over the cap', async () => {
    const handler = vi.fn(async () => new Response('unreachable'));
    const port = await listen(toNodeHandler(handler, { maxBodyBytes: 10 }));

    const response = await send(port, { chunks: ['x'.repeat(6), 'x'.repeat(6)] });

    expect(response.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 500 when the handler throws, without its message', async () => {
    const port = await listen(
      toNodeHandler(async () => {
        throw new Error('secret detail');
      }),
    );

    const response = await send(port);

    expect(response.status).toBe(500);
    expect(response.body).not.toContain('secret detail');
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'internal_error', message: expect.any(String) },
    });
  });

  it('works after a body parser has read the stream (as with express.json())', async () => {
    const adapter = toNodeHandler(async (req) => new Response(`seen ${req.method}`));
    const port = await listen((req, res) => {
      req.resume();
      req.on('end', () => void adapter(req, res));
    });

    expect((await send(port, { chunks: ['{}'] })).body).toBe('seen POST');
  });

  describe('with the token exchange handler', () => {
    const handler = createTokenExchangeHandler({
      connectionString: `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${btoa('key')}`,
      clientId: '5e1c4e6f-0a2b-4c3d-8e9f-1a2b3c4d5e6f',
      allowedTenantIds: ['f8cdef31-a31e-4b4a-93e4-5f571e91255a'],
    });

    it('answers GET with 405', async () => {
      const port = await listen(toNodeHandler(handler));

      const response = await send(port, { method: 'GET' });

      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('OPTIONS, POST');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('answers a POST without Authorization with 400', async () => {
      const port = await listen(toNodeHandler(handler));

      expect((await send(port)).status).toBe(400);
    });

    it('lets Node refuse a 100 kB header (431) before the handler runs', async () => {
      const port = await listen(toNodeHandler(handler));

      const response = await send(port, { headers: { Authorization: `Bearer ${'A'.repeat(100 * 1024)}` } });

      expect(response.status).toBe(431);
    });
  });
});
