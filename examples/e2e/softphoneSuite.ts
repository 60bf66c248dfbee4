// The softphone tests of the three example apps: calls ring as toasts and live in a dock that stays in view
// whatever the view and the scroll, ended calls go to the recent calls, the keypad, errors beside their
// field, the simulator's picker, the directory and the meetings, and the alerts of a hidden tab. Each flow
// runs on a desktop and on a phone-sized viewport, and saves a screenshot of what a person sees.
import type { Locator, Page } from '@playwright/test';
import { callPanel, endedCallOutcome, showCall } from './callSteps';
import { expect, expectAccessible, openSignedIn, simulator, test } from './fixtures';

/** Where each app shows each view (a hash route of its one page). */
export interface SoftphoneSuiteApp {
  readonly signInPath: string;
  readonly pstnOutPath: string;
  readonly pstnInPath: string;
  readonly teamsOutPath: string;
  readonly teamsInPath: string;
  readonly meetingsPath: string;
}

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

const dock = (page: Page) => page.getByTestId('call-dock');
const toasts = (page: Page) => page.getByRole('region', { name: 'Incoming calls' });
const toast = (page: Page) => page.getByRole('region', { name: 'Incoming call', exact: true });
const recentCalls = (page: Page) =>
  page.getByRole('region', { name: 'Recent calls' }).getByRole('list', { name: 'Call history' });

/** Fails unless the element's box lies inside the viewport (a pixel's rounding allowed). */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  const viewport = page.viewportSize()!;
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(-1);
  expect(box.y).toBeGreaterThanOrEqual(-1);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1);
}

/** Whether the focus is on the dock or inside it. */
const focusIsInDock = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="call-dock"]')?.contains(document.activeElement));

/** Whether a `beforeunload` now would ask the user to stay (the app's guard cancels it). */
const leavingIsGuarded = (page: Page) =>
  page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

/** Clicks a simulator button without scrolling the page to it (the flow needs the page where it is). */
const simulate = (page: Page, name: string) => simulator(page)(name).dispatchEvent('click');

/** Calls a customer from use case 1's list and waits until the call connects. */
async function callCustomer(page: Page, app: SoftphoneSuiteApp, name: string): Promise<Locator> {
  await openSignedIn(page, app.pstnOutPath);
  await page.getByRole('button', { name: `Call ${name}` }).click();
  const call = callPanel(page);
  await expect(call.getByTestId('call-status')).toHaveText('Connected');
  return call;
}

/** Lets the tab be "hidden" on request, and records notifications, which are allowed. */
async function stubHiddenTabAndNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let hidden = false;
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    // As a browser does, a notification with the tag of one already shown replaces it.
    const shown: { title: string; body?: string; tag?: string }[] = [];
    class RecordedNotification {
      static readonly permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string; tag?: string }) {
        shown.push({ title, body: options?.body, tag: options?.tag });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', {
      configurable: true,
      writable: true,
      value: RecordedNotification,
    });
    Object.assign(window, {
      recordedNotifications: shown,
      setTabHidden: (value: boolean) => {
        hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      },
    });
  });
}

const setTabHidden = (page: Page, hidden: boolean) =>
  page.evaluate(
    (value) => (window as unknown as { setTabHidden(v: boolean): void }).setTabHidden(value),
    hidden,
  );
const recordedNotifications = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { recordedNotifications: { title: string; body?: string; tag?: string }[] })
        .recordedNotifications,
  );

/** Registers the softphone tests for one app. */
export function softphoneTests(app: SoftphoneSuiteApp): void {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    const shot = (flow: string) => test.info().outputPath(`${flow}-${size}.png`);

    test.describe(`softphone at ${size}`, () => {
      test.use({ viewport });

      test('a customer’s call rings as a toast at the bottom of a long view; accept, hang up, recent calls', async ({
        page,
      }) => {
        await openSignedIn(page, app.teamsOutPath);
        await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem')).not.toHaveCount(0);
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
        await simulate(page, 'Incoming PSTN call from a customer');
        const ringing = toast(page);
        await expect(ringing.getByTestId('incoming-caller')).toHaveText(/^Megan Customer/);
        await expectInViewport(page, toasts(page));
        await expectInViewport(page, dock(page));
        await page.screenshot({ path: shot('incoming-toast') });

        await ringing.getByRole('button', { name: /^Accept call from Megan Customer/ }).click();
        const call = callPanel(page);
        await expect(call.getByTestId('call-status')).toHaveText('Connected');
        await expect(call.getByRole('button', { name: 'Hang up' })).toBeFocused();
        await expectInViewport(page, dock(page));
        await expectAccessible(page);
        await page.screenshot({ path: shot('incoming-accepted') });

        await call.getByRole('button', { name: 'Hang up' }).click();
        await expect(call).toHaveCount(0);
        await expect.poll(() => focusIsInDock(page)).toBe(true);
        const entry = recentCalls(page).getByRole('listitem').first();
        await expect(entry).toContainText('Megan Customer');
        await expect(entry).toContainText('Incoming');
        await expect(entry.getByTestId('call-ended')).toHaveText('Completed');
        await page.screenshot({ path: shot('recent-calls') });

        // "Call … again" redials from the history.
        await entry.getByRole('button', { name: 'Call Megan Customer again' }).click();
        await expect(callPanel(page).getByTestId('call-status')).toHaveText('Connected');
        await expect(callPanel(page).getByRole('heading')).toHaveText(/^Megan Customer/);
      });

      test('an unknown number rings with the number, formatted', async ({ page }) => {
        await openSignedIn(page, app.pstnInPath);
        await simulator(page)('Incoming call from an unknown number').click();
        const caller = toast(page).getByTestId('incoming-caller');
        await expect(caller).toHaveText('+1 425 555 0199');
        await expect(caller).toHaveAttribute('title', '+14255550199');
        await expectInViewport(page, toasts(page));
        await page.screenshot({ path: shot('unknown-caller') });
        await toast(page).getByRole('button', { name: 'Decline call from +1 425 555 0199' }).click();
        await expect(toast(page)).toHaveCount(0);
        await expect(endedCallOutcome(page, '+1 425 555 0199')).toHaveText('Declined');
      });

      test('a call carries on while the user moves to another use case, and leaving the page is guarded', async ({
        page,
      }) => {
        const call = await callCustomer(page, app, 'Megan Customer');
        await page.evaluate(() => Object.assign(window, { softphoneMarker: 'still this page' }));
        await expect.poll(() => leavingIsGuarded(page)).toBe(true);

        await page
          .getByRole('navigation', { name: 'Use cases' })
          .getByRole('link', { name: '3. Call a colleague' })
          .click();
        const heading = page.getByRole('heading', { level: 1 });
        await expect(heading).toHaveText('Use case 3: call a colleague');
        await expect(heading).toBeFocused();
        await expect(page).toHaveTitle(/Use case 3: call a colleague/);
        await expect(
          page
            .getByRole('navigation', { name: 'Use cases' })
            .getByRole('link', { name: '3. Call a colleague' }),
        ).toHaveAttribute('aria-current', 'page');
        await expect(call.getByTestId('call-status')).toHaveText('Connected');
        await expect(call.getByRole('heading')).toHaveText(/^Megan Customer/);
        expect(await page.evaluate(() => (window as { softphoneMarker?: string }).softphoneMarker)).toBe(
          'still this page',
        );
        await expectInViewport(page, dock(page));
        await page.screenshot({ path: shot('call-across-views') });

        await call.getByRole('button', { name: 'Hang up' }).click();
        await expect(call).toHaveCount(0);
        await expect.poll(() => leavingIsGuarded(page)).toBe(false);
      });

      test('the keypad shows the digits sent', async ({ page }) => {
        const call = await callCustomer(page, app, 'Megan Customer');
        const keypad = call.getByRole('group', { name: 'Keypad' });
        for (const key of ['1', '2', '#']) await keypad.getByRole('button', { name: `Key ${key}` }).click();
        await expect(call.getByTestId('dtmf-digits')).toHaveText('12#');
        await expect(
          call.getByRole('status', { name: 'Digits sent' }).or(call.getByLabel('Digits sent')),
        ).toHaveText('12#');
        await expectInViewport(page, dock(page));
        await page.screenshot({ path: shot('keypad') });
      });

      test('a bad number is explained under its field, and the error clears on edit', async ({ page }) => {
        await openSignedIn(page, app.pstnOutPath);
        const number = page.getByLabel('Phone number');
        await number.fill('+1 425 CALL NOW');
        await page.getByRole('button', { name: 'Call number' }).click();
        await expect(number).toHaveAttribute('aria-invalid', 'true');
        await expect(number).toHaveAccessibleDescription(/letters/i);
        await expect(callPanel(page)).toHaveCount(0);
        await expectAccessible(page);
        await page.screenshot({ path: shot('field-error') });
        await number.press('Backspace');
        await expect(number).not.toHaveAttribute('aria-invalid', 'true');
        await expect(number).not.toHaveAccessibleDescription(/letters/i);
      });

      test('the simulator waits for sign-in; "Ring me from" rings from a colleague and from a customer', async ({
        page,
      }) => {
        await page.goto(app.signInPath);
        const panel = page.getByRole('complementary', { name: 'Simulator' });
        const ringFrom = panel.getByLabel('Ring me from');
        await expect(panel.getByText('Sign in first')).toBeVisible();
        await expect(ringFrom).toBeDisabled();
        for (const control of await panel.getByRole('button').all()) await expect(control).toBeDisabled();
        await page.getByRole('button', { name: 'Sign in with Teams' }).click();
        await expect(page.getByTestId('session-status')).toHaveText('Ready');
        await expect(ringFrom).toBeEnabled();
        await expect(panel.getByText('Sign in first')).toBeHidden();
        for (const control of await panel.getByRole('button').all()) await expect(control).toBeEnabled();

        await ringFrom.selectOption({ label: 'Adele Vance' });
        await panel.getByRole('button', { name: 'Ring', exact: true }).click();
        await expect(toast(page).getByTestId('incoming-caller')).toHaveText('Adele Vance');
        await expectInViewport(page, toasts(page));
        await page.screenshot({ path: shot('ring-from-colleague') });
        await toast(page).getByRole('button', { name: 'Decline call from Adele Vance' }).click();
        await expect(toast(page)).toHaveCount(0);

        await ringFrom.selectOption({ label: 'Bruno Ortega (customer)' });
        await panel.getByRole('button', { name: 'Ring', exact: true }).click();
        await expect(toast(page).getByTestId('incoming-caller')).toHaveText('Bruno Ortega (+1 425 555 0102)');
        await page.screenshot({ path: shot('ring-from-customer') });
      });

      test('the directory leaves out the signed-in user and counts people right', async ({ page }) => {
        await openSignedIn(page, app.teamsOutPath);
        const people = page.getByRole('list', { name: 'People' });
        await expect(people.getByRole('listitem')).toHaveCount(27);
        await expect(page.getByText('27 people', { exact: true })).toBeVisible();
        await expect(people.getByRole('listitem').filter({ hasText: 'Alice Anderson' })).toHaveCount(0);
        await page.getByLabel('Search people').fill('meg');
        await expect(people.getByRole('listitem')).toHaveCount(1);
        await expect(page.getByText('1 person', { exact: true })).toBeVisible();
        await page.screenshot({ path: shot('directory') });
      });

      test('meetings show when they are and whether they are over, on now or to come', async ({ page }) => {
        await openSignedIn(page, app.meetingsPath);
        const meetings = page.getByRole('list', { name: 'Meetings this week' }).getByRole('listitem');
        await expect(meetings).toHaveCount(5);
        for (const meeting of await meetings.all()) {
          await expect(meeting).toContainText(/\d{1,2}:\d{2}/);
          const badge = meeting.locator('.timing');
          await expect(badge).toHaveAttribute('data-timing', /^(past|now|upcoming)$/);
          await expect(badge).toHaveText(/^(Ended|Now|Upcoming)$/);
          await expect(meeting.getByRole('button', { name: /^Join / })).toBeEnabled();
        }
        await expectAccessible(page);
        await page.screenshot({ path: shot('meetings') });
      });

      test('a second and a third call ring during a call: both toasts and the dock are in view', async ({
        page,
      }) => {
        await callCustomer(page, app, 'Bruno Ortega');
        await simulate(page, 'Incoming PSTN call from a customer');
        await simulate(page, 'Incoming Teams call from a colleague');
        await expect(toast(page)).toHaveCount(2);
        for (const ringing of await toast(page).all()) await expectInViewport(page, ringing);
        await expectInViewport(page, dock(page));
        await page.screenshot({ path: shot('two-toasts') });

        await page.getByRole('button', { name: 'Accept call from Megan Bowen' }).click();
        const call = callPanel(page);
        await expect(call.getByRole('heading')).toHaveText('Megan Bowen');
        await expect(call.getByTestId('call-status')).toHaveText('Connected');
        const other = page.getByRole('button', { name: 'Show call with Bruno Ortega' });
        await expectInViewport(page, other);
        await expectInViewport(page, toast(page));
        await page.screenshot({ path: shot('two-calls') });
        await toast(page)
          .getByRole('button', { name: /^Decline call from Megan Customer/ })
          .click();

        const bruno = await showCall(page, 'Bruno Ortega');
        await expect(bruno.getByRole('heading')).toHaveText(/^Bruno Ortega/);
        await expect(page.getByRole('button', { name: 'Show call with Megan Bowen' })).toBeVisible();
      });

      test('a hidden tab: one notification per call, a flashing title, restored when visible again', async ({
        page,
      }) => {
        await stubHiddenTabAndNotifications(page);
        await openSignedIn(page, app.pstnInPath);
        const title = await page.title();
        await setTabHidden(page, true);
        await simulator(page)('Incoming PSTN call from a customer').click();
        // One notification for the call (one tag); shown with the number first if the name is still being
        // looked up, then replaced by one naming the customer.
        await expect
          .poll(async () => (await recordedNotifications(page)).at(-1))
          .toEqual({
            title: 'Incoming call',
            body: 'Megan Customer (+1 425 555 0101)',
            tag: expect.any(String),
          });
        const tags = new Set((await recordedNotifications(page)).map((shown) => shown.tag));
        expect(tags.size).toBe(1);
        await expect.poll(() => page.title(), { timeout: 5_000 }).toContain('is calling');
        await setTabHidden(page, false);
        await expect(page).toHaveTitle(title);
        expect(new Set((await recordedNotifications(page)).map((shown) => shown.tag)).size).toBe(1);
        await page.screenshot({ path: shot('hidden-tab') });
        await toast(page)
          .getByRole('button', { name: /^Decline call from Megan Customer/ })
          .click();
      });

      // The demo environment keeps the history in IndexedDB.
      test('the recent calls survive a reload, and "Call … again" redials', async ({ page }) => {
        const call = await callCustomer(page, app, 'Megan Customer');
        await call.getByRole('button', { name: 'Hang up' }).click();
        await expect(recentCalls(page).getByRole('listitem').first()).toContainText('Megan Customer');
        await page.reload();
        await expect(page.getByTestId('session-status')).toHaveText('Ready');
        const entry = recentCalls(page).getByRole('listitem').first();
        await expect(entry).toContainText('Megan Customer');
        await entry.getByRole('button', { name: 'Call Megan Customer again' }).click();
        await expect(callPanel(page).getByTestId('call-status')).toHaveText('Connected');
        await page.screenshot({ path: shot('history-after-reload') });
      });
    });
  }
}
