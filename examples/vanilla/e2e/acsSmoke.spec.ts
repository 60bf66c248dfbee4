// The ACS port with the real ACS Calling SDK in Chromium: a forged, non-Teams token is refused with a typed
// error within the port's bounded connect time. (This machine has no route to Azure, so the refusal may come
// from the network rather than the service; either way it must be typed and bounded, never a hang.)
import { expect, test } from '../../e2e/fixtures';

test('the real SDK loads through the ACS port, and connect with a forged token fails typed and bounded', async ({
  page,
}) => {
  const sdkRequests: string[] = [];
  page.on('request', (request) => {
    if (/sdk\.bundle|communication-calling/.test(request.url())) sdkRequests.push(request.url());
  });
  await page.goto('/acs-smoke.html?timeoutMs=8000');
  const output = page.locator('#result[data-done="true"]');
  await expect(output).toBeAttached({ timeout: 20_000 });
  const result = JSON.parse((await output.textContent()) ?? '{}');
  expect(sdkRequests.length).toBeGreaterThan(0);
  expect(result).toMatchObject({ outcome: 'rejected', typed: true });
  expect(['forbidden', 'network', 'timeout', 'sign_in_failed', 'token_expired', 'service_error']).toContain(
    result.code,
  );
  expect(result.elapsedMs).toBeLessThan(8_000 + 2_000);
  test.info().annotations.push({ type: 'acs-smoke', description: JSON.stringify(result) });
  console.log('ACS smoke result:', JSON.stringify(result));
});

test('views that have not started calling do not download the ACS Calling SDK', async ({ page }) => {
  const sdkRequests: string[] = [];
  page.on('request', (request) => {
    if (/sdk\.bundle/.test(request.url())) sdkRequests.push(request.url());
  });
  for (const path of ['/index.html', '/index.html#/pstn-out', '/index.html#/meetings']) {
    await page.goto(path);
    await expect(page.getByTestId('session-status')).toBeVisible();
  }
  expect(sdkRequests).toEqual([]);
});
