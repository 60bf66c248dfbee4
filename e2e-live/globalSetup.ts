import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { liveTenant } from './liveTenant';

/**
 * Builds the vanilla demo in real mode (MSAL, the token exchange, Graph and the ACS Calling SDK) and serves it
 * from this process. Without a tenant it does nothing, so that a run without one costs nothing.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (!liveTenant) return undefined;
  const root = fileURLToPath(new URL('../examples/vanilla/', import.meta.url));
  const outDir = fileURLToPath(new URL('../test-results/e2e-live-dist/', import.meta.url));
  // Vite exposes VITE_* variables of the environment to the app: these switch the demo to real mode.
  process.env.VITE_TEAMS_CLIENT_ID = liveTenant.clientId;
  process.env.VITE_TOKEN_EXCHANGE_URL = liveTenant.exchangeUrl;
  const configFile = `${root}vite.config.ts`;
  await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root,
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: liveTenant.port, strictPort: true },
  });
  return async () => {
    await server.close();
  };
}
