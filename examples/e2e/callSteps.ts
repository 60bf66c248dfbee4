// Steps the example apps' suites share: the call panel, the dock's other calls and recent calls, and a
// meeting joined and admitted from the lobby.
import type { Locator, Page } from '@playwright/test';
import { expect, openSignedIn, simulator } from './fixtures';

/** The one call panel on the page: the dock's active call. */
export const callPanel = (page: Page): Locator => page.getByRole('region', { name: 'Call', exact: true });

/**
 * Makes the call with `name` the dock's active call ("Show call with …" expands a collapsed call) and
 * returns its panel. An app that shows every call's panel has no such button: its panel is there already.
 */
export async function showCall(page: Page, name: string): Promise<Locator> {
  const show = page.getByRole('button', { name: `Show call with ${name}` });
  if (await show.isVisible()) await show.click();
  const panel = callPanel(page).filter({ has: page.getByRole('heading', { name }) });
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * How the call with `name` ended: the newest entry for it in the dock's recent calls (an app that keeps ended
 * calls' panels says it in the panel).
 */
export const endedCallOutcome = (page: Page, name: string): Locator =>
  page
    .getByRole('list', { name: 'Call history' })
    .getByRole('listitem')
    .or(callPanel(page))
    .filter({ hasText: name })
    .getByTestId('call-ended')
    .first();

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
