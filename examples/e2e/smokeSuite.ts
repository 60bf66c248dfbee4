// The smoke tests of the single-page apps. The React and the Vue app render the same roles, names and
// labels, so one suite drives both, as a person would.

import type { Locator, Page } from '@playwright/test';
import type { DemoView } from '@teams-endpoint/demo-kit';
import { fabrikam } from '@teams-endpoint/testing';
import { endedCallOutcome } from './callSteps';
import { expect, expectAccessible, openSignedIn as openSignedInPage, simulator, test } from './fixtures';

const VIEW_LINKS = [
  'Sign in',
  '1. Call a customer',
  '2. Customer calls',
  '3. Call a colleague',
  '4. Colleague calls',
  '5. Meetings',
] as const;

/** The vanilla pages' helper signs in on `/index.html`, which serves the app, then moves to the view's hash. */
const openSignedIn = (page: Page, view: DemoView['id'] = 'sign-in') =>
  openSignedInPage(page, `/index.html#/${view}`);

/** Follows a navigation link, as a person would. */
async function openView(page: Page, viewLink: (typeof VIEW_LINKS)[number]): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Use cases' }).getByRole('link', { name: viewLink });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Mute, a keypad key, hold and resume on a connected PSTN call, as a person would use them. */
async function useTheInCallControls(call: Locator): Promise<void> {
  await call.getByRole('button', { name: 'Mute' }).click();
  await expect(call.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await call.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: 'Key 5' }).click();
  await call.getByRole('button', { name: 'Hold' }).click();
  await expect(call.getByTestId('call-status')).toHaveText('On hold');
  await call.getByRole('button', { name: 'Resume' }).click();
  await expect(call.getByTestId('call-status')).toHaveText('Connected');
  await expect(call.getByRole('alert')).toHaveCount(0);
}

const callPanel = (page: Page) => page.getByRole('region', { name: 'Call', exact: true });
const incomingNotice = (page: Page) => page.getByRole('region', { name: 'Incoming call', exact: true });

/** Registers the smoke tests of the five use cases. */
export function smokeTestTheFiveUseCases(): void {
  test('signs in with Teams', async ({ page }) => {
    await openSignedIn(page);
    await expect(page.getByTestId('sign-in-state')).toHaveText('Signed in as Alice Anderson.');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('use case 1: calls a customer, uses the controls, and hangs up', async ({ page }, testInfo) => {
    await openSignedIn(page, 'pstn-out');
    await page
      .getByRole('list', { name: 'Customers' })
      .getByRole('button', { name: 'Call Megan Customer' })
      .click();
    const call = callPanel(page);
    await expect(call.getByRole('heading')).toHaveText('Megan Customer (+1 425 555 0101)');
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await expect(call.getByLabel('Call duration')).toHaveText(/0:0[1-9]/);
    await useTheInCallControls(call);
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('pstn-out-connected.png'), fullPage: true });

    await call.getByRole('button', { name: 'Hang up' }).click();
    // The ended call leaves the dock for the recent calls.
    await expect(call).toHaveCount(0);
    await expect(endedCallOutcome(page, 'Megan Customer')).toHaveText('Completed');
  });

  test('use case 1: refuses a malformed number in the alert region and places no call', async ({ page }) => {
    await openSignedIn(page, 'pstn-out');
    await page.getByLabel('Phone number').fill('+1 425 CALL NOW');
    await page.getByRole('button', { name: 'Call number' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /letters/i })).toBeVisible();
    await expect(callPanel(page)).toHaveCount(0);
  });

  test('use case 2: an incoming PSTN call shows the customer, is accepted and connects', async ({
    page,
  }, testInfo) => {
    await openSignedIn(page, 'pstn-in');
    await simulator(page)('Incoming PSTN call from a customer').click();
    const notice = incomingNotice(page);
    await expect(notice.getByTestId('incoming-caller')).toHaveText('Megan Customer (+1 425 555 0101)');
    await expect(notice).toContainText('Tailspin Toys');
    await notice.getByRole('button', { name: /^Accept call from Megan Customer/ }).click();
    await expect(notice).toHaveCount(0);
    await expect(callPanel(page).getByTestId('call-status')).toHaveText('Connected');
    await page.screenshot({ path: testInfo.outputPath('pstn-in-connected.png'), fullPage: true });
  });

  test('use case 3: searches the directory and calls Megan Bowen', async ({ page }, testInfo) => {
    await openSignedIn(page, 'teams-out');
    const people = page.getByRole('list', { name: 'People' });
    await expect(people.getByRole('listitem')).toHaveCount(fabrikam.people.length - 1);
    await page.getByLabel('Search people').fill('meg');
    await expect(people.getByRole('listitem')).toHaveCount(1);
    await people.getByRole('button', { name: 'Call Megan Bowen' }).click();
    const call = callPanel(page);
    await expect(call.getByRole('heading')).toHaveText('Megan Bowen');
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await expect(call.getByRole('group', { name: 'Keypad' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('teams-out-connected.png'), fullPage: true });
  });

  test('use case 3: the hostile display name is literal text in the directory', async ({ page }) => {
    await openSignedIn(page, 'teams-out');
    const people = page.getByRole('list', { name: 'People' });
    await expect(people.getByRole('button', { name: `Call ${fabrikam.hostileDisplayName}` })).toBeVisible();
    await expect(people.getByRole('listitem').filter({ hasText: fabrikam.hostileDisplayName })).toHaveCount(
      1,
    );
    await expect(page.locator('main img, main b')).toHaveCount(0);
  });

  test('use case 4: an incoming Teams call shows the Graph name and is declined', async ({ page }) => {
    await openSignedIn(page, 'teams-in');
    await simulator(page)('Incoming Teams call from a colleague').click();
    const notice = incomingNotice(page);
    await expect(notice.getByTestId('incoming-caller')).toHaveText('Megan Bowen');
    await notice.getByRole('button', { name: 'Decline call from Megan Bowen' }).click();
    await expect(endedCallOutcome(page, 'Megan Bowen')).toHaveText('Declined');
  });

  test('use case 4: a hostile caller name is literal text', async ({ page }, testInfo) => {
    await openSignedIn(page, 'teams-in');
    await simulator(page)('Incoming Teams call from Mallory').click();
    await expect(incomingNotice(page).getByTestId('incoming-caller')).toHaveText(fabrikam.hostileDisplayName);
    await expect(page.locator('main img, main b')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('incoming-hostile-caller.png'), fullPage: true });
  });

  test("use case 5: joins one of this week's meetings, waits in the lobby and is admitted", async ({
    page,
  }, testInfo) => {
    await openSignedIn(page, 'meetings');
    const meetings = page.getByRole('list', { name: 'Meetings this week' });
    await expect(meetings.getByRole('listitem')).toHaveCount(5);
    await expect(meetings.getByRole('button', { name: `Join ${fabrikam.hostileSubject}` })).toBeVisible();
    await meetings.getByRole('button', { name: 'Join Project Tailspin' }).click();
    const call = callPanel(page);
    await expect(call.getByTestId('call-status')).toHaveText('Waiting in the lobby…');
    await simulator(page)('Admit from lobby').click();
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await simulator(page)('25 participants join').click();
    await expect(call.getByTestId('participant-count')).toHaveText('25 participants');
    await page.screenshot({ path: testInfo.outputPath('meetings-connected.png'), fullPage: true });
  });

  test('no view has serious or critical accessibility violations', async ({ page }) => {
    // Six axe scans: more than one test's usual time on a busy machine.
    test.setTimeout(120_000);
    await openSignedIn(page);
    for (const viewLink of VIEW_LINKS) {
      await openView(page, viewLink);
      await expectAccessible(page);
    }
    await simulator(page)('Incoming Teams call from a colleague').click();
    await expect(incomingNotice(page)).toBeVisible();
    await expectAccessible(page);
  });
}
