import { defineConfig, devices } from '@playwright/test';
import { liveTenant } from './liveTenant';

/**
 * The live-tenant smoke suite: the five use cases against a real Teams tenant, in Debian's Chromium (never a
 * downloaded browser). Run it with `npx playwright test --config e2e-live/playwright.config.ts` and the
 * `TEAMS_LIVE_*` variables of the README's "Verifying on your tenant". Without them every spec is skipped
 * ("no tenant configured"), and nothing is built. The default `playwright.config.ts` never loads this suite.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.live.spec.ts',
  globalSetup: './globalSetup.ts',
  // One signed-in Teams user, one call at a time.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../test-results/e2e-live',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${liveTenant?.port ?? 4180}`,
    headless: true,
    trace: 'retain-on-failure',
    permissions: ['microphone', 'camera'],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A real call needs media: Chromium's fake microphone and camera, granted without a prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
});
