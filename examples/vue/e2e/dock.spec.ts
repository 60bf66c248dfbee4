// What the Vue app adds to the shared softphone suite: a collapsed call expands on request, the keypad's
// digits belong to their call, and a search text Graph refuses is explained under the search field.
import type { Page } from '@playwright/test';
import { callPanel } from '../../e2e/callSteps';
import { expect, expectAccessible, openSignedIn, test } from '../../e2e/fixtures';

const dock = (page: Page) => page.getByTestId('call-dock');
const history = (page: Page) => page.getByRole('list', { name: 'Call history' }).getByRole('listitem');

test('a second call collapses the first to a row that can be shown again', async ({ page }) => {
  await openSignedIn(page, '/index.html#/pstn-out');
  await page.getByRole('button', { name: 'Call Megan Customer' }).click();
  await expect(callPanel(page).getByTestId('call-status')).toHaveText('Connected');
  await page.getByRole('button', { name: 'Call Bruno Ortega' }).click();
  await expect(callPanel(page).getByRole('heading')).toHaveText('Bruno Ortega (+1 425 555 0102)');
  await expect(callPanel(page).getByRole('heading')).toHaveAttribute('title', '+14255550102');
  await expect(callPanel(page)).toHaveCount(1);
  await expect(dock(page).getByText('On hold')).toBeVisible();
  await expectAccessible(page);
  await dock(page).getByRole('button', { name: 'Show call with Megan Customer' }).click();
  await expect(callPanel(page).getByRole('heading')).toHaveText('Megan Customer (+1 425 555 0101)');
  await expect(dock(page).getByRole('button', { name: 'Show call with Bruno Ortega' })).toBeVisible();
});

test('the keypad’s digits belong to their call: a redial starts with none', async ({ page }) => {
  await openSignedIn(page, '/index.html#/pstn-out');
  await page.getByRole('button', { name: 'Call Megan Customer' }).click();
  const call = callPanel(page);
  await expect(call.getByTestId('call-status')).toHaveText('Connected');
  const keypad = call.getByRole('group', { name: 'Keypad' });
  for (const key of ['1', '2', '#']) await keypad.getByRole('button', { name: `Key ${key}` }).click();
  await expect(call.getByTestId('dtmf-digits')).toHaveText('12#');
  await call.getByRole('button', { name: 'Hang up' }).click();
  await expect(call).toHaveCount(0);
  const entry = history(page).first();
  await expect(entry.getByTestId('call-ended')).toHaveText('Completed');
  await expect(entry.getByTitle('+14255550101')).toHaveText('Megan Customer');
  await entry.getByRole('button', { name: 'Call Megan Customer again' }).click();
  await expect(callPanel(page).getByTestId('call-status')).toHaveText('Connected');
  await expect(callPanel(page).getByTestId('dtmf-digits')).toHaveText('');
});

test('a search text Graph refuses is explained under the search field', async ({ page }) => {
  await openSignedIn(page, '/index.html#/teams-out');
  const field = page.getByLabel('Search people');
  await field.fill('x'.repeat(201));
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/too long/i);
  await expectAccessible(page);
  await field.fill('meg');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
});
