import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** Opens a demo page and signs in on the simulated tenant. */
export async function openSignedIn(page: Page, path: string): Promise<void> {
  await page.goto('/index.html');
  await page.getByRole('button', { name: 'Sign in with Teams' }).click();
  await expect(page.getByTestId('session-status')).toHaveText('Ready');
  await page.goto(path);
  await expect(page.getByTestId('session-status')).toHaveText('Ready');
}

/** The simulator panel, by its buttons' names. */
export function simulator(page: Page) {
  return (name: string) =>
    page.getByRole('complementary', { name: 'Simulator' }).getByRole('button', { name });
}

/** Fails on serious or critical accessibility violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`),
  ).toEqual([]);
}

export const test = base.extend<{ failOnConsoleErrors: undefined }>({
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(undefined);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
