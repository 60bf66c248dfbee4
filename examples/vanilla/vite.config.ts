import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const packagesDir = fileURLToPath(new URL('../../packages', import.meta.url));

/** One HTML entry per page: sign-in, one page per use case, MSAL's redirect bridge and the ACS smoke test. */
export const pages = [
  'index',
  'pstn-out',
  'pstn-in',
  'teams-out',
  'teams-in',
  'meetings',
  'redirect',
  'acs-smoke',
] as const;

export default defineConfig({
  root,
  // The demo runs the workspace packages from source, so it needs no package build first.
  resolve: {
    alias: readdirSync(packagesDir).map((name) => ({
      find: new RegExp(`^@teams-endpoint/${name}$`),
      replacement: `${packagesDir}/${name}/src/index.ts`,
    })),
  },
  build: {
    target: 'es2022',
    rollupOptions: { input: Object.fromEntries(pages.map((page) => [page, `${root}${page}.html`])) },
  },
  preview: { port: 4173, strictPort: false },
  server: { port: 5173 },
});
