import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './responses';

export interface NodeHandlerOptions {
  /** Largest request body accepted, in bytes; a larger one is answered with 413. Default 16 KiB. */
  maxBodyBytes?: number;
}

/** The token exchange needs no body at all; the cap only stops a client from making the server buffer one. */
const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

const TOO_LARGE = Symbol('too large');

/**
 * Adapts a fetch-style handler to Node's `http.createServer` (and to Express, whose `req` and `res`
 * extend Node's). The returned listener never rejects: a failure becomes a 500 JSON response.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(createTokenExchangeHandler(options))).listen(8787);
 * ```
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  { maxBodyBytes = DEFAULT_MAX_BODY_BYTES }: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const body = await readBody(req, maxBodyBytes);
      if (body === TOO_LARGE) {
        res.setHeader('Connection', 'close');
        await writeResponse(res, errorResponse(413, 'payload_too_large', 'The request body is too large.'));
        return;
      }
      const aborted = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) aborted.abort();
      });
      await writeResponse(res, await handler(toRequest(req, body, aborted.signal)));
    } catch {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      await writeResponse(res, errorResponse(500, 'internal_error', 'The request could not be handled.'));
    }
  };
}

function toRequest(
  req: IncomingMessage,
  body: Uint8Array<ArrayBuffer> | undefined,
  signal: AbortSignal,
): Request {
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index]!;
    // HTTP/2 pseudo-headers (`:path`) are not headers a Request can carry.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[index + 1]!);
  }
  return new Request(new URL(req.url ?? '/', 'http://localhost'), {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(body === undefined ? {} : { body }),
  });
}

function readBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined | typeof TOO_LARGE> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(undefined);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    req.resume();
    return Promise.resolve(TOO_LARGE);
  }
  // A body parser such as express.json() may have read the stream already.
  if (req.readableEnded) return Promise.resolve(undefined);

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        // Discard the rest without buffering it; the response closes the connection.
        req.resume();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(size === 0 ? undefined : new Uint8Array(Buffer.concat(chunks)));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.end(response.body === null ? undefined : Buffer.from(await response.arrayBuffer()));
}
