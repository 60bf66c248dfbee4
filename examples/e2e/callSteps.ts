// Steps the example apps' suites share: the call panel, and a meeting joined and admitted from the lobby.
import type { Locator, Page } from '@playwright/test';
import { expect, openSignedIn, simulator } from '../vanilla/e2e/fixtures';

/** The one call panel on the page. */
export const callPanel = (page: Page): Locator => page.getByRole('region', { name: 'Call', exact: true });

/** Signs in, joins Project Tailspin from this week's meetings, and is admitted from the lobby. */
export async function joinAdmitted(page: Page, meetingsPath: string): Promise<Locator> {
  await openSignedIn(page, meetingsPath);
  await page
    .getByRole('list', { name: 'Meetings this week' })
    .getByRole('button', { name: 'Join Project Tailspin' })
    .click();
  const call = callPanel(page);
  await expect(call.getByTestId('call-status')).toHaveText('Waiting in the lobby…');
  await simulator(page)('Admit from lobby').click();
  await expect(call.getByTestId('call-status')).toHaveText('Connected');
  return call;
}
