import { fileURLToPath } from 'node:url';
import { build, type PreviewServer, preview } from 'vite';
import { EXAMPLE_APPS } from './exampleApps';

/** Builds every example app and serves it from this process; returns the teardown that stops the servers. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const servers: PreviewServer[] = [];
  // E2E_APPS=vanilla,react builds only those (handy with --project while working on one app).
  const only = process.env.E2E_APPS?.split(',');
  for (const app of EXAMPLE_APPS.filter((candidate) => !only || only.includes(candidate.name))) {
    const root = fileURLToPath(new URL(`../${app.name}/`, import.meta.url));
    await build({ root, logLevel: 'warn', configFile: `${root}vite.config.ts` });
    servers.push(
      await preview({
        root,
        configFile: `${root}vite.config.ts`,
        preview: { port: app.port, strictPort: true },
        logLevel: 'warn',
      }),
    );
  }
  return async () => {
    await Promise.all(servers.map((server) => server.close()));
  };
}
