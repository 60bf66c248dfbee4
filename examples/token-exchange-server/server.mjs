// Dev server for the examples' real mode: POST /api/acs-token exchanges a Teams user's Entra token
// for an ACS token. Configured by environment variables only; see README.md.
import { createServer } from 'node:http';
import { createTokenExchangeHandler, toNodeHandler } from '@teams-endpoint/token-exchange';

const ROUTE = '/api/acs-token';
const REQUIRED = ['ACS_CONNECTION_STRING', 'ENTRA_CLIENT_ID', 'ALLOWED_TENANT_IDS', 'ALLOWED_ORIGINS'];

const missing = REQUIRED.filter((name) => !process.env[name]?.trim());
if (missing.length > 0) {
  console.error(
    `token-exchange-server: missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.\n` +
      'Set them (or put them in examples/token-exchange-server/.env and run the dev script); see README.md.',
  );
  process.exit(1);
}

const list = (value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`token-exchange-server: PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}

let handler;
try {
  handler = createTokenExchangeHandler({
    connectionString: process.env.ACS_CONNECTION_STRING,
    clientId: process.env.ENTRA_CLIENT_ID.trim(),
    allowedTenantIds: list(process.env.ALLOWED_TENANT_IDS),
    allowedOrigins: list(process.env.ALLOWED_ORIGINS),
    // One JSON line per request. Events never contain a token.
    logger: (event) => console.log(JSON.stringify({ time: new Date().toISOString(), ...event })),
  });
} catch (error) {
  console.error(`token-exchange-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const exchange = toNodeHandler(handler);
const server = createServer((req, res) => {
  if (new URL(req.url ?? '/', 'http://localhost').pathname === ROUTE) {
    void exchange(req, res);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code: 'not_found', message: `Use POST ${ROUTE}.` } }));
});

server.listen(port, () => {
  console.log(`token-exchange-server: POST http://localhost:${server.address().port}${ROUTE}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
