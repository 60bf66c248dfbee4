import { defineConfig, devices } from '@playwright/test';
import { EXAMPLE_APPS } from './examples/e2e/exampleApps';

/**
 * End-to-end tests of the example apps in Debian's Chromium (never a downloaded browser). The global setup
 * builds each app with Vite and serves it from this process with `vite preview`.
 */
export default defineConfig({
  testDir: './examples',
  testMatch: '*/e2e/**/*.spec.ts',
  globalSetup: './examples/e2e/globalSetup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    ...devices['Desktop Chrome'],
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  projects: [
    ...EXAMPLE_APPS.map((app) => ({
      name: app.name,
      testMatch: `${app.name}/e2e/**/*.spec.ts`,
      use: { baseURL: `http://localhost:${app.port}` },
    })),
    // The IndexedDB call history in real Chromium; its spec bundles the package and serves its own page.
    { name: 'call-history-idb', testDir: './packages/call-history-idb/e2e', testMatch: '**/*.spec.ts' },
  ],
});
