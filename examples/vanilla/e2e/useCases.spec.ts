// The five use cases in the vanilla app, driven by role and label as a person would.

import type { Page } from '@playwright/test';
import { fabrikam } from '@teams-endpoint/testing';
import { expect, expectAccessible, openSignedIn, simulator, test } from '../../e2e/fixtures';

/** The app's views: one page, the use case in the hash. */
const VIEWS = {
  signIn: '/index.html',
  pstnOut: '/index.html#/pstn-out',
  pstnIn: '/index.html#/pstn-in',
  teamsOut: '/index.html#/teams-out',
  teamsIn: '/index.html#/teams-in',
  meetings: '/index.html#/meetings',
} as const;

/** How the last call went: the newest entry of the dock's recent calls. */
const lastCallOutcome = (page: Page) =>
  page.getByRole('list', { name: 'Call history' }).getByRole('listitem').first().getByTestId('call-ended');

test.describe('use case 1: call a customer', () => {
  test('calls Megan from the customer list, uses the controls, and hangs up', async ({ page }, testInfo) => {
    await openSignedIn(page, VIEWS.pstnOut);
    await page.getByRole('button', { name: 'Call Megan Customer' }).click();
    const call = page.getByRole('region', { name: 'Call', exact: true });
    await expect(call.getByRole('heading')).toHaveText('Megan Customer (+1 425 555 0101)');
    await expect(call.getByRole('heading')).toHaveAttribute('title', '+14255550101');
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await expect(call.getByLabel('Call duration')).toHaveText(/0:0\d/);

    await call.getByRole('button', { name: 'Mute' }).click();
    await expect(call.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
    await call.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: 'Key 5' }).click();
    await call.getByRole('button', { name: 'Hold' }).click();
    await expect(call.getByTestId('call-status')).toHaveText('On hold');
    await call.getByRole('button', { name: 'Resume' }).click();
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('pstn-out-connected.png'), fullPage: true });

    await call.getByRole('button', { name: 'Hang up' }).click();
    // The ended call leaves the dock for the recent calls.
    await expect(call).toHaveCount(0);
    await expect(lastCallOutcome(page)).toHaveText('Completed');
  });

  for (const [outcome, words] of [
    ['busy', 'Busy'],
    ['unanswered', 'Not answered'],
    ['declined', 'Declined'],
  ] as const) {
    test(`says so when the next call is ${outcome}`, async ({ page }) => {
      await openSignedIn(page, VIEWS.pstnOut);
      await simulator(page)(`Next outbound call is ${outcome}`).click();
      await page.getByLabel('Phone number').fill('+1 (425) 555-0103');
      await page.getByRole('button', { name: 'Call number' }).click();
      await expect(lastCallOutcome(page)).toHaveText(words);
    });
  }

  test('refuses a malformed number with a clear message under the field and places no call', async ({
    page,
  }) => {
    await openSignedIn(page, VIEWS.pstnOut);
    const number = page.getByLabel('Phone number');
    await number.fill('+1 425 CALL NOW');
    await page.getByRole('button', { name: 'Call number' }).click();
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toHaveAccessibleDescription(/letters/i);
    await expect(number).toBeFocused();
    await expect(page.getByRole('region', { name: 'Call', exact: true })).toHaveCount(0);
  });
});

test.describe('use case 2: a customer calls', () => {
  test('shows the customer name, accepts and connects', async ({ page }, testInfo) => {
    await openSignedIn(page, VIEWS.pstnIn);
    await simulator(page)('Incoming PSTN call from a customer').click();
    const notice = page.getByRole('region', { name: 'Incoming call', exact: true });
    await expect(notice.getByTestId('incoming-caller')).toHaveText('Megan Customer (+1 425 555 0101)');
    await notice.getByRole('button', { name: /^Accept call from Megan Customer/ }).click();
    await expect(
      page.getByRole('region', { name: 'Call', exact: true }).getByTestId('call-status'),
    ).toHaveText('Connected');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('pstn-in-connected.png'), fullPage: true });
  });

  test('declines', async ({ page }) => {
    await openSignedIn(page, VIEWS.pstnIn);
    await simulator(page)('Incoming PSTN call from a customer').click();
    await page.getByRole('button', { name: /^Decline call from Megan Customer/ }).click();
    await expect(lastCallOutcome(page)).toHaveText('Declined');
  });

  test('the caller hangs up first: missed', async ({ page }) => {
    await openSignedIn(page, VIEWS.pstnIn);
    await simulator(page)('Incoming PSTN call from a customer').click();
    await expect(page.getByRole('region', { name: 'Incoming call', exact: true })).toBeVisible();
    await simulator(page)('Caller hangs up').click();
    await expect(page.getByRole('region', { name: 'Incoming call', exact: true })).toHaveCount(0);
    await expect(lastCallOutcome(page)).toHaveText('Missed');
  });
});

test.describe('use case 3: call a colleague', () => {
  test('searches the directory and calls Megan on a Teams chat thread', async ({ page }, testInfo) => {
    await openSignedIn(page, VIEWS.teamsOut);
    // Everyone but Alice, who is signed in.
    await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem')).toHaveCount(27);
    await page.getByLabel('Search people').fill('meg');
    await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem')).toHaveCount(1);
    await page.getByRole('button', { name: 'Call Megan Bowen' }).click();
    const call = page.getByRole('region', { name: 'Call', exact: true });
    await expect(call.getByRole('heading')).toHaveText('Megan Bowen');
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await expect(call.getByRole('group', { name: 'Keypad' })).toBeHidden();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('teams-out-connected.png'), fullPage: true });
  });

  test('shows the hostile display name as literal text in the directory', async ({ page }) => {
    await openSignedIn(page, VIEWS.teamsOut);
    const people = page.getByRole('list', { name: 'People' });
    const hostile = fabrikam.hostileDisplayName;
    await expect(people.getByRole('button', { name: `Call ${hostile}` })).toBeVisible();
    await expect(people.locator('.person').filter({ hasText: hostile })).toHaveCount(1);
    await expect(people.locator('img, b')).toHaveCount(0);
  });
});

test.describe('use case 4: a colleague calls', () => {
  test("shows the caller's Graph name, accepts and connects", async ({ page }, testInfo) => {
    await openSignedIn(page, VIEWS.teamsIn);
    await simulator(page)('Incoming Teams call from a colleague').click();
    const notice = page.getByRole('region', { name: 'Incoming call', exact: true });
    await expect(notice.getByTestId('incoming-caller')).toHaveText('Megan Bowen');
    await notice.getByRole('button', { name: 'Accept call from Megan Bowen' }).click();
    await expect(
      page.getByRole('region', { name: 'Call', exact: true }).getByTestId('call-status'),
    ).toHaveText('Connected');
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('teams-in-connected.png'), fullPage: true });
  });

  test('declines', async ({ page }) => {
    await openSignedIn(page, VIEWS.teamsIn);
    await simulator(page)('Incoming Teams call from a colleague').click();
    await page.getByRole('button', { name: 'Decline call from Megan Bowen' }).click();
    await expect(lastCallOutcome(page)).toHaveText('Declined');
  });

  test('a hostile caller name is rendered as text, not markup', async ({ page }) => {
    await openSignedIn(page, VIEWS.teamsIn);
    await simulator(page)('Incoming Teams call from Mallory').click();
    const caller = page
      .getByRole('region', { name: 'Incoming call', exact: true })
      .getByTestId('incoming-caller');
    await expect(caller).toHaveText(fabrikam.hostileDisplayName);
    await expect(page.locator('main img, main b')).toHaveCount(0);
  });
});

test.describe('use case 5: meetings', () => {
  test("lists this week's Teams meetings, joins one, waits in the lobby and is admitted", async ({
    page,
  }, testInfo) => {
    await openSignedIn(page, VIEWS.meetings);
    const meetings = page.getByRole('list', { name: 'Meetings this week' });
    await expect(meetings.getByRole('listitem')).toHaveCount(5);
    await meetings.getByRole('button', { name: 'Join Project Tailspin' }).click();
    const call = page.getByRole('region', { name: 'Call', exact: true });
    await expect(call.getByTestId('call-status')).toHaveText('Waiting in the lobby…');
    await simulator(page)('Admit from lobby').click();
    await expect(call.getByTestId('call-status')).toHaveText('Connected');
    await simulator(page)('25 participants join').click();
    await expect(call.getByTestId('participant-count')).toHaveText('25 participants');
    await expect(
      call.getByRole('list', { name: 'Participants' }).getByRole('listitem').first(),
    ).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath('meetings-connected.png'), fullPage: true });
  });

  test('denied from the lobby', async ({ page }) => {
    await openSignedIn(page, VIEWS.meetings);
    await page.getByRole('button', { name: 'Join Project Tailspin' }).click();
    await expect(
      page.getByRole('region', { name: 'Call', exact: true }).getByTestId('call-status'),
    ).toHaveText('Waiting in the lobby…');
    await simulator(page)('Deny from lobby').click();
    await expect(lastCallOutcome(page)).toHaveText('Declined');
  });

  test('refuses a lookalike meeting link', async ({ page }) => {
    await openSignedIn(page, VIEWS.meetings);
    await page
      .getByLabel('Meeting link')
      .fill('https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting_x%40thread.v2/0');
    await page.getByRole('button', { name: 'Join by link' }).click();
    const link = page.getByLabel('Meeting link');
    await expect(link).toHaveAttribute('aria-invalid', 'true');
    await expect(link).toHaveAccessibleDescription(/host/i);
    await link.press('End');
    await link.press('Backspace');
    await expect(link).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('region', { name: 'Call', exact: true })).toHaveCount(0);
  });
});

test.describe('keyboard only', () => {
  for (const action of ['Accept', 'Decline'] as const) {
    test(`an incoming call can be ${action === 'Accept' ? 'accepted' : 'declined'} with the keyboard alone`, async ({
      page,
    }) => {
      await openSignedIn(page, VIEWS.teamsIn);
      await simulator(page)('Incoming Teams call from a colleague').click();
      const target = page.getByRole('button', { name: `${action} call from Megan Bowen` });
      await expect(target).toBeVisible();
      await page.locator('body').focus();
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (await target.evaluate((node) => node === document.activeElement)) break;
      }
      await expect(target).toBeFocused();
      await page.keyboard.press('Enter');
      const call = page.getByRole('region', { name: 'Call', exact: true });
      if (action === 'Accept') {
        await expect(call.getByTestId('call-status')).toHaveText('Connected');
        // Focus moves to the call's controls, so the keyboard user can hang up right away.
        await expect(call.getByRole('button', { name: 'Hang up' })).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(lastCallOutcome(page)).toHaveText('Completed');
        // The call's panel went with the focused button: the dock has the focus.
        await expect(page.getByTestId('call-dock')).toBeFocused();
      } else await expect(lastCallOutcome(page)).toHaveText('Declined');
    });
  }
});

test('every view has no serious or critical accessibility violations', async ({ page }) => {
  // Six sign-ins and six axe scans: more than one test's usual time on a busy machine.
  test.setTimeout(120_000);
  for (const path of Object.values(VIEWS)) {
    await openSignedIn(page, path);
    await expectAccessible(page);
  }
});
