// The Teams feature tests of the three example apps: captions, raised hands, spotlight, recording, the lobby,
// transfers, call notices and what Teams refuses. The apps render the same roles, names and labels, so one
// suite drives all three, as a person would; the simulator plays the other side.
import type { Locator, Page } from '@playwright/test';
import { callPanel, endedCallOutcome, joinAdmitted, showCall } from './callSteps';
import { expect, expectAccessible, openSignedIn, simulator, test } from './fixtures';

/** Where each app shows a use case (a hash route of its one page). */
export interface FeaturesSuiteApp {
  readonly meetingsPath: string;
  readonly colleaguesPath: string;
  readonly pstnOutPath: string;
}

const roster = (call: Locator) => call.getByRole('list', { name: 'Participants' });

/** Signs in and calls Megan Bowen on Teams, who answers. */
async function callColleague(page: Page, app: FeaturesSuiteApp): Promise<Locator> {
  await openSignedIn(page, app.colleaguesPath);
  await page.getByRole('button', { name: 'Call Megan Bowen' }).click();
  const call = callPanel(page);
  await expect(call.getByTestId('call-status')).toHaveText('Connected');
  return call;
}

/** Signs in and calls Megan Customer's phone, which answers. */
async function callCustomer(page: Page, app: FeaturesSuiteApp): Promise<Locator> {
  await openSignedIn(page, app.pstnOutPath);
  await page.getByRole('button', { name: 'Call Megan Customer' }).click();
  const call = callPanel(page);
  await expect(call.getByTestId('call-status')).toHaveText('Connected');
  return call;
}

/** Registers the Teams feature tests for one app. */
export function featuresTests(app: FeaturesSuiteApp): void {
  test.describe('Teams features', () => {
    test('captions appear while they are on, and go away when they stop', async ({ page }, testInfo) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await call.getByRole('button', { name: 'Start captions' }).click();
      const captions = call.getByRole('region', { name: 'Captions' });
      await expect(captions).toBeVisible();
      await expect(captions).toHaveAttribute('aria-live', 'polite');
      await expect(captions.getByLabel('Spoken language')).toBeVisible();
      await simulator(page)('Someone speaks').click();
      const lines = captions.getByRole('list', { name: 'Captions' }).getByRole('listitem');
      await expect(lines).toHaveCount(1);
      await expect(lines.first()).toHaveText(/^.+: Shall we start with the quarterly numbers\?$/);
      await captions.scrollIntoViewIfNeeded();
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('captions.png'), fullPage: true });
      await call.getByRole('button', { name: 'Stop captions' }).click();
      await expect(captions).toHaveCount(0);
      await expect(call.getByRole('button', { name: 'Start captions' })).toBeEnabled();
    });

    test('a raised hand shows in the roster, and one’s own hand is pressed', async ({ page }, testInfo) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await simulator(page)('Raise a remote hand').click();
      const raised = roster(call)
        .getByRole('listitem')
        .filter({ has: page.getByRole('img', { name: 'Hand raised' }) });
      await expect(raised).toHaveCount(1);
      await call.getByRole('button', { name: 'Raise hand' }).click();
      const own = call.getByRole('button', { name: 'Lower hand' });
      await expect(own).toHaveAttribute('aria-pressed', 'true');
      await expect(call.getByRole('button', { name: 'Lower all hands' })).toBeEnabled();
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('raised-hand.png'), fullPage: true });
      await own.click();
      await expect(call.getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');
    });

    test('an organizer spotlights a participant, and can remove the spotlight', async ({
      page,
    }, testInfo) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await simulator(page)('25 participants join').click();
      const people = roster(call);
      await people
        .getByRole('button', { name: /^Spotlight / })
        .first()
        .click();
      await expect(people.getByRole('img', { name: 'Spotlighted' })).toHaveCount(1);
      const remove = people.getByRole('button', { name: /^Remove spotlight from / });
      await expect(remove).toHaveCount(1);
      await page.screenshot({ path: testInfo.outputPath('spotlight.png'), fullPage: true });
      await remove.click();
      await expect(people.getByRole('img', { name: 'Spotlighted' })).toHaveCount(0);
    });

    test('a transfer ends the call with a transferred outcome; bad input is explained', async ({
      page,
    }, testInfo) => {
      const call = await callCustomer(page, app);
      const form = call.getByRole('form', { name: 'Transfer' });
      const target = form.getByLabel('Transfer to');
      await target.fill('+1 425 CALL NOW');
      await form.getByRole('button', { name: 'Transfer', exact: true }).click();
      await expect(target).toHaveAttribute('aria-invalid', 'true');
      await expect(target).toHaveAccessibleDescription(/letters/i);
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('transfer-invalid.png'), fullPage: true });

      await target.fill('+1 425 555 0199');
      await expect(target).not.toHaveAttribute('aria-invalid', 'true');
      await form.getByRole('button', { name: 'Transfer', exact: true }).click();
      const status = call.getByTestId('transfer-status');
      await expect(status).toHaveText('Transferring…');
      // The call ends, handed on: the dock lists it in the recent calls.
      await expect(endedCallOutcome(page, 'Megan Customer')).toContainText('Transferred');
      await page.screenshot({ path: testInfo.outputPath('transferred.png'), fullPage: true });
    });

    test('a failed transfer says why, and the call goes on', async ({ page }, testInfo) => {
      const call = await callCustomer(page, app);
      await simulator(page)('Next transfer fails').click();
      const form = call.getByRole('form', { name: 'Transfer' });
      await form.getByLabel('Transfer to').fill('+1 425 555 0199');
      await form.getByRole('button', { name: 'Transfer', exact: true }).click();
      await expect(call.getByTestId('transfer-status')).toHaveText(/^Transfer failed: .+/);
      await expect(call.getByTestId('call-status')).toHaveText('Connected');
      await page.screenshot({ path: testInfo.outputPath('transfer-failed.png'), fullPage: true });
    });

    test('a consultative transfer connects a held call to another live call', async ({ page }, testInfo) => {
      await callCustomer(page, app);
      await simulator(page)('Next outbound call is answered').click();
      await page.getByRole('button', { name: 'Call Bruno Ortega' }).click();
      const other = callPanel(page).filter({ has: page.getByRole('heading', { name: /Bruno Ortega/ }) });
      await expect(other.getByTestId('call-status')).toHaveText('Connected');
      // The first call waits on hold; the dock shows it again on request.
      const held = await showCall(page, 'Megan Customer');
      await expect(held.getByTestId('call-status')).toHaveText('On hold');

      const form = held.getByRole('form', { name: 'Transfer' });
      const otherCall = form.getByLabel('Or transfer to another call');
      await expect(otherCall.getByRole('option')).toHaveText(['Bruno Ortega']);
      await otherCall.selectOption({ label: 'Bruno Ortega' });
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Transfer to that call', exact: true }).click();
      await expect(endedCallOutcome(page, 'Megan Customer')).toContainText('Transferred');
      await page.screenshot({ path: testInfo.outputPath('consultative-transfer.png'), fullPage: true });
    });

    test('being transferred: the old call says so, and the new call connects', async ({ page }, testInfo) => {
      await callColleague(page, app);
      await simulator(page)('Transfer me to a colleague').click();
      const next = callPanel(page).filter({ hasNot: page.getByRole('heading', { name: 'Megan Bowen' }) });
      await expect(endedCallOutcome(page, 'Megan Bowen')).toContainText('Transferred');
      await expect(next.getByTestId('call-status')).toHaveText('Connected');
      await expect(next.getByRole('heading')).toHaveText('Adele Vance');
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('being-transferred.png'), fullPage: true });
    });

    test('a call notice appears on a poor network and clears when it recovers', async ({
      page,
    }, testInfo) => {
      const call = await callColleague(page, app);
      await simulator(page)('Poor network').click();
      const notices = call.getByRole('list', { name: 'Call notices' }).getByRole('listitem');
      await expect(notices).toHaveCount(1);
      await expect(notices.first()).toContainText('Your network is very poor');
      await expect(notices.first().getByRole('alert')).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('call-notice.png'), fullPage: true });
      await simulator(page)('Network recovered').click();
      await expect(notices).toHaveCount(0);
    });

    test('the recording banner appears with Teams’ wording, and changes when recording stops', async ({
      page,
    }, testInfo) => {
      const call = await callColleague(page, app);
      const banner = call.getByTestId('recording-banner');
      await simulator(page)('Start recording').click();
      await expect(banner).toHaveText('This call is being recorded. By staying, you agree to be recorded.');
      await expect(banner).toHaveRole('status');
      await simulator(page)('Start transcription').click();
      await expect(banner).toHaveText(
        'This call is being recorded and transcribed. By staying, you agree to be recorded and transcribed.',
      );
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('recording-banner.png'), fullPage: true });
      await simulator(page)('Stop recording').click();
      await expect(banner).toHaveText(
        'This call is being transcribed. By staying, you agree to be transcribed.',
      );
    });

    test('the stopped banner can be dismissed', async ({ page }) => {
      const call = await callColleague(page, app);
      const banner = call.getByTestId('recording-banner');
      await simulator(page)('Start recording').click();
      await expect(call.getByRole('button', { name: 'Dismiss' })).toHaveCount(0);
      await simulator(page)('Stop recording').click();
      await expect(banner).toHaveText('Recording and transcription have stopped.');
      await call.getByRole('button', { name: 'Dismiss' }).click();
      await expect(banner.filter({ hasText: /\S/ })).toHaveCount(0);
    });

    test('someone in the lobby is admitted and joins the roster', async ({ page }, testInfo) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await expect(call.getByRole('region', { name: 'Lobby' })).toHaveCount(0);
      await simulator(page)('Someone waits in the lobby').click();
      const lobby = call.getByRole('region', { name: 'Lobby' });
      await expect(lobby).toBeInViewport();
      const waiting = lobby.getByRole('list', { name: 'Waiting in the lobby' }).getByRole('listitem');
      await expect(waiting).toHaveCount(1);
      await expect(waiting.first()).toContainText('Adele Vance');
      await expect(lobby.getByRole('button', { name: 'Admit all' })).toBeEnabled();
      await expect(lobby.getByRole('button', { name: 'Reject Adele Vance' })).toBeEnabled();
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('lobby.png'), fullPage: true });
      await lobby.getByRole('button', { name: 'Admit Adele Vance' }).click();
      await expect(lobby).toHaveCount(0);
      await expect(roster(call).getByRole('listitem').filter({ hasText: 'Adele Vance' })).toBeVisible();
    });

    test('video forbidden by policy stays visible, disabled, and says why', async ({ page }, testInfo) => {
      const call = await callColleague(page, app);
      const startVideo = call.getByRole('button', { name: 'Start video' });
      await expect(startVideo).toBeEnabled();
      await simulator(page)('Forbid video by policy').click();
      await expect(startVideo).toBeDisabled();
      await expect(startVideo).toHaveAccessibleDescription('Not allowed by your Teams policy');
      await expect(startVideo).toHaveAttribute('title', 'Not allowed by your Teams policy');
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('video-forbidden.png'), fullPage: true });
      await simulator(page)('Allow video').click();
      await expect(startVideo).toBeEnabled();
      await expect(startVideo).toHaveAccessibleDescription('');
    });

    test('the Teams feature buttons do nothing harmful without a call', async ({ page }) => {
      await openSignedIn(page, app.meetingsPath);
      const teamsFeatures = page
        .getByRole('complementary', { name: 'Simulator' })
        .getByRole('group', { name: 'Teams features' })
        .getByRole('button');
      for (const control of await teamsFeatures.all()) await control.click();
      await expect(callPanel(page)).toHaveCount(0);
    });
  });
}
