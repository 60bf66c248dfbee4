// The media tests of the three example apps: video gallery, screen share, roster, devices and a 1:1 call's
// video. The apps render the same roles, names and labels, so one suite drives all three, as a person would.
// The simulated tenant's fake port draws each camera on a canvas, so "moving video" is real pixels.
import type { Locator, Page } from '@playwright/test';
import { callPanel, joinAdmitted } from './callSteps';
import { expect, expectAccessible, openSignedIn, simulator, test } from './fixtures';

/** Where each app shows a use case (a hash route of its one page). */
export interface MediaSuiteApp {
  readonly meetingsPath: string;
  readonly colleaguesPath: string;
}

const video = (call: Locator) => call.getByRole('region', { name: 'Video' });
const gallery = (call: Locator) => video(call).getByRole('list', { name: 'Video gallery' });
const settings = (page: Page) => page.getByRole('region', { name: 'Device settings' });

async function openDeviceSettings(page: Page): Promise<Locator> {
  const panel = settings(page);
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Device settings' }).click();
  await expect(panel).toBeVisible();
  await expect(panel).toBeInViewport();
  return panel;
}

/** Registers the media tests for one app. */
export function mediaTests(app: MediaSuiteApp): void {
  test.describe('media', () => {
    test('the meeting gallery shows up to 9 tiles of moving video', async ({ page }, testInfo) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await simulator(page)('12 cameras on').click();
      const tiles = gallery(call).getByRole('listitem');
      await expect(tiles).toHaveCount(9);
      const tile = tiles.first();
      await expect(tile.locator('video')).toHaveCount(1);
      await tile.scrollIntoViewIfNeeded();
      // Two screenshots of one tile, a moment apart, differ: the picture moves.
      const first = await tile.screenshot();
      await page.waitForTimeout(700);
      const second = await tile.screenshot();
      expect(first.equals(second)).toBe(false);
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('meeting-gallery.png'), fullPage: true });
    });

    test('a remote screen share appears large, and disappears when it stops', async ({ page }) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await simulator(page)('25 participants join').click();
      await simulator(page)('A participant starts or stops sharing').click();
      const share = video(call).getByRole('region', { name: 'Shared screen' });
      await expect(share).toBeVisible();
      await expect(share.locator('video')).toHaveCount(1);
      await simulator(page)('A participant starts or stops sharing').click();
      await expect(share).toHaveCount(0);
    });

    test('the roster stays small in the DOM with 1,000 participants, and the local preview shows', async ({
      page,
    }) => {
      const call = await joinAdmitted(page, app.meetingsPath);
      await simulator(page)('1,000 participants join').click();
      await expect(call.getByTestId('participant-count')).toHaveText('1,000 participants');
      const roster = call.getByRole('list', { name: 'Participants' });
      await expect(roster.getByRole('listitem').first()).toBeVisible();
      expect(await roster.getByRole('listitem').count()).toBeLessThan(100);
      await call.getByRole('button', { name: 'Start video' }).click();
      await expect(video(call).getByRole('img', { name: 'Your camera' }).locator('video')).toHaveCount(1);
      await call.getByRole('button', { name: 'Stop video' }).click();
      await expect(video(call).getByRole('img', { name: 'Your camera' })).toHaveCount(0);
    });

    test('switching devices changes the selected device', async ({ page }) => {
      await openSignedIn(page, app.meetingsPath);
      const panel = await openDeviceSettings(page);
      await panel.getByRole('button', { name: 'Allow camera and microphone' }).click();
      const camera = panel.getByLabel('Camera', { exact: true });
      await expect(camera.locator('option')).toHaveCount(2);
      await expect(camera.locator('option').nth(1)).toHaveText('USB Camera');
      await camera.selectOption({ label: 'USB Camera' });
      await expect(camera).toHaveValue('fake-camera-usb');
      await panel.getByLabel('Microphone', { exact: true }).selectOption({ label: 'Headset Microphone' });
      await expect(panel.getByLabel('Microphone', { exact: true })).toHaveValue('fake-microphone-headset');
      await simulator(page)('Plug in or unplug a USB camera').click();
      await expect(camera.locator('option')).toHaveCount(3);
      await expectAccessible(page);
    });

    test('a blocked camera shows guidance', async ({ page }) => {
      await openSignedIn(page, app.meetingsPath);
      await simulator(page)('Block the camera').click();
      const panel = await openDeviceSettings(page);
      await panel.getByRole('button', { name: 'Allow camera and microphone' }).click();
      await expect(panel.getByRole('alert')).toContainText('camera is blocked');
      await simulator(page)('Unblock camera and microphone').click();
      await panel.getByRole('button', { name: 'Allow camera and microphone' }).click();
      await expect(panel.getByRole('alert')).toHaveCount(0);
    });

    test('a 1:1 Teams call shows the colleague’s video when they turn it on', async ({ page }) => {
      await openSignedIn(page, app.colleaguesPath);
      await page.getByRole('button', { name: 'Call Megan Bowen' }).click();
      const call = callPanel(page);
      await expect(call.getByTestId('call-status')).toHaveText('Connected');
      await simulator(page)('A participant turns their camera on or off').click();
      await expect(gallery(call).getByRole('listitem').locator('video')).toHaveCount(1);
      await simulator(page)('A participant turns their camera on or off').click();
      await expect(gallery(call).locator('video')).toHaveCount(0);
    });
  });
}
