import { type Browser, test as base, expect, type Page } from '@playwright/test';
import { type LiveTenant, liveTenant } from './liveTenant';

/** A Teams account of the tenant. */
interface Account {
  readonly username: string;
  readonly password: string;
}

/** A browser signed in to the real-mode demo as one Teams user. */
export interface SignedInUser {
  readonly page: Page;
  /** The display name the demo shows after sign-in. */
  readonly displayName: string;
  /** Opens a view of the demo and waits until the session is ready again (the demo signs in again by itself). */
  open(path: string): Promise<Page>;
}

/**
 * Signs in through the demo's "Sign in with Teams" button and Microsoft's sign-in popup, with a password. Use
 * a test account that Conditional Access lets sign in without MFA, and grant admin consent to the app first:
 * the suite does not answer consent prompts.
 */
async function signIn(page: Page, account: Account): Promise<string> {
  await page.goto('/index.html');
  await expect(page.getByTestId('session-status')).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in with Teams' }).click();
  const popup = await popupOpened;
  const closed = popup.waitForEvent('close', { timeout: 90_000 });
  await popup.locator('input[name="loginfmt"]').fill(account.username);
  await popup.locator('input[type="submit"]').click();
  await popup.locator('input[name="passwd"]').fill(account.password);
  await popup.locator('input[type="submit"]').click();
  // "Stay signed in?" is shown to some accounts: answer no. The popup then closes itself.
  await popup
    .locator('#idBtn_Back')
    .click({ timeout: 15_000 })
    .catch(() => undefined);
  await closed;
  await expect(page.getByTestId('session-status')).toHaveText('Ready', { timeout: 60_000 });
  const state = (await page.getByTestId('sign-in-state').textContent()) ?? '';
  return state.replace(/^Signed in as /, '').replace(/\.$/, '');
}

async function signedInUser(browser: Browser, tenant: LiveTenant, account: Account): Promise<SignedInUser> {
  const context = await browser.newContext({
    baseURL: `http://localhost:${tenant.port}`,
    permissions: ['microphone', 'camera'],
  });
  const page = await context.newPage();
  const displayName = await signIn(page, account);
  return {
    page,
    displayName,
    async open(path) {
      await page.goto(path);
      await expect(page.getByTestId('session-status')).toHaveText('Ready', { timeout: 60_000 });
      return page;
    },
  };
}

/** The people the demo's Graph port loaded, by Entra object id, read from Graph's own responses. */
export function watchPeople(page: Page): Map<string, string> {
  const names = new Map<string, string>();
  page.on('response', async (response) => {
    if (!/^https:\/\/graph\.microsoft\.com\/v1\.0\/users/.test(response.url())) return;
    try {
      const body = (await response.json()) as { value?: { id: string; displayName: string }[] };
      for (const person of body.value ?? []) names.set(person.id, person.displayName);
    } catch {
      // Not a list of people.
    }
  });
  return names;
}

/** The Teams test user, signed in once per worker; and the colleague, when their sign-in is configured. */
export const test = base.extend<object, { user: SignedInUser; colleague: SignedInUser | undefined }>({
  user: [
    async ({ browser }, use) => {
      if (!liveTenant) throw new Error('The live suite ran without a tenant: its specs must be skipped.');
      const user = await signedInUser(browser, liveTenant, liveTenant);
      await use(user);
      await user.page.context().close();
    },
    { scope: 'worker' },
  ],
  colleague: [
    async ({ browser }, use) => {
      const account = liveTenant?.colleague;
      const colleague = liveTenant && account ? await signedInUser(browser, liveTenant, account) : undefined;
      await use(colleague);
      await colleague?.page.context().close();
    },
    { scope: 'worker' },
  ],
});

export { expect };
