// Contoso's dev server: `npm run dev` (reads .env) or `npm start` (reads the environment). See README.md.
import { startContosoServer } from './contosoServer';
import { readServerConfig } from './serverConfig';

try {
  const config = readServerConfig(process.env, process.cwd());
  const contoso = await startContosoServer(config);
  const address = contoso.server.address();
  const origin = `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
  const database =
    config.directory.database.kind === 'sqlite'
      ? `SQLite ${config.directory.database.filename}`
      : 'PostgreSQL';
  console.log(`contoso-server: POST ${origin}/api/acs-token`);
  console.log(`contoso-server: GET  ${origin}/api/customers, ${origin}/api/customers/lookup (${database})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void contoso.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
