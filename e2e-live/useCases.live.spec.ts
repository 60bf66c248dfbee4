// The five use cases against a real Teams tenant, through the real-mode vanilla demo (one page, a view per use
// case in the hash): MSAL sign-in, the token exchange, Microsoft Graph and the ACS Calling SDK. Skipped, never passed, without a tenant (see liveTenant.ts).
import { expect, type Page } from '@playwright/test';
import { test, watchPeople } from './fixtures';
import { type LiveTenant, liveTenant, notConfiguredReason } from './liveTenant';

test.skip(!liveTenant, notConfiguredReason);
test.describe.configure({ mode: 'serial' });

/** Only read inside the specs, which run only when the tenant is configured. */
const tenant = liveTenant as LiveTenant;

/** The demo's views. */
const VIEWS = {
  pstnOut: '/index.html#/pstn-out',
  pstnIn: '/index.html#/pstn-in',
  teamsOut: '/index.html#/teams-out',
  teamsIn: '/index.html#/teams-in',
  meetings: '/index.html#/meetings',
} as const;

/** The panel of the call the dock shows expanded: the latest call. */
const lastCall = (page: Page) => page.getByRole('region', { name: 'Call', exact: true }).last();

/** How the latest ended call went: the newest entry of the dock's recent calls. */
const lastCallOutcome = (page: Page) =>
  page.getByRole('list', { name: 'Call history' }).getByRole('listitem').first().getByTestId('call-ended');

/** Hangs up; the call leaves the dock for the recent calls. */
async function hangUp(page: Page): Promise<void> {
  const call = lastCall(page);
  await call.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: 'Call', exact: true })).toHaveCount(0);
}

/** Answers the next incoming call on `page`, once it rings. */
async function answer(page: Page, timeout: number): Promise<void> {
  const notice = page.getByRole('region', { name: 'Incoming call', exact: true });
  await expect(notice).toBeVisible({ timeout });
  await notice.getByRole('button', { name: /^Accept call from / }).click();
  await expect(lastCall(page).getByTestId('call-status')).toHaveText('Connected');
}

/** Finds a person of the directory by id in use case 3's view and calls them. */
async function callColleague(page: Page, id: string): Promise<string> {
  const people = watchPeople(page);
  await page.goto(VIEWS.teamsOut);
  await expect(page.getByTestId('session-status')).toHaveText('Ready', { timeout: 60_000 });
  await expect
    .poll(
      async () => {
        if (people.has(id)) return true;
        const more = page.getByRole('button', { name: 'Load more people' });
        if (await more.isVisible()) await more.click();
        return false;
      },
      { timeout: 60_000, message: `the person ${id} is not in the directory the demo lists` },
    )
    .toBe(true);
  const name = people.get(id) as string;
  await page.getByRole('button', { name: `Call ${name}`, exact: true }).click();
  return name;
}

test('use case 1: calls the test number through the Teams phone line, sends a key, holds, resumes, hangs up', async ({
  user,
}) => {
  const page = await user.open(VIEWS.pstnOut);
  await page.getByLabel('Phone number').fill(tenant.phoneNumber);
  await page.getByRole('button', { name: 'Call number' }).click();
  const call = lastCall(page);
  const status = call.getByTestId('call-status');
  await expect(status).toHaveText(/^(Connecting…|Ringing…|Ringing \(early media\)…|Connected)$/);
  // The test number must answer by itself: an auto attendant, a call queue or voicemail.
  await expect(status).toHaveText('Connected', { timeout: 90_000 });
  await call.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: 'Key 1' }).click();
  await call.getByRole('button', { name: 'Mute' }).click();
  await expect(call.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await call.getByRole('button', { name: 'Hold' }).click();
  await expect(status).toHaveText('On hold');
  await call.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toHaveText('Connected');
  await hangUp(page);
  await expect(lastCallOutcome(page)).toHaveText('Completed');
});

test('use case 2: a PSTN call to the test user rings here, and is answered', async ({ user }) => {
  test.skip(
    tenant.inbound !== 'operator',
    'needs a PSTN caller: set TEAMS_LIVE_INBOUND=operator and call the test user’s Teams number when asked',
  );
  const page = await user.open(VIEWS.pstnIn);
  console.log(`Use case 2: call ${tenant.username}'s Teams phone number from a phone now (120 s).`);
  await answer(page, 120_000);
  await hangUp(page);
});

test('use case 3: calls the colleague 1:1 after getting their chat, and the call rings', async ({
  user,
  colleague,
}) => {
  const page = user.page;
  await callColleague(page, tenant.colleagueId);
  const status = lastCall(page).getByTestId('call-status');
  // Preparing the chat (Graph), then the 1:1 call: the SDK accepted the shape once the colleague rings.
  await expect(status).toHaveText(/^(Ringing…|Connected)$/, { timeout: 60_000 });
  if (colleague) {
    await colleague.open(VIEWS.teamsIn);
    await answer(colleague.page, 60_000);
    await expect(status).toHaveText('Connected');
  }
  await hangUp(page);
});

test('use case 4: a Teams call from the colleague rings here with their name, and is answered', async ({
  user,
  colleague,
}) => {
  test.skip(
    !colleague && tenant.inbound !== 'operator',
    'needs a caller: set TEAMS_LIVE_COLLEAGUE_USERNAME and TEAMS_LIVE_COLLEAGUE_PASSWORD, or TEAMS_LIVE_INBOUND=operator',
  );
  const page = await user.open(VIEWS.teamsIn);
  if (colleague) {
    const me = watchPeople(colleague.page);
    await colleague.open(VIEWS.teamsOut);
    await expect.poll(() => [...me.values()].includes(user.displayName), { timeout: 60_000 }).toBe(true);
    await colleague.page.getByRole('button', { name: `Call ${user.displayName}`, exact: true }).click();
  } else {
    console.log(`Use case 4: call ${tenant.username} from Teams now (120 s).`);
  }
  const notice = page.getByRole('region', { name: 'Incoming call', exact: true });
  await expect(notice.getByTestId('incoming-caller')).not.toHaveText('', { timeout: 120_000 });
  await answer(page, 30_000);
  await hangUp(page);
});

test('use case 5: lists this week’s meetings, joins the test meeting by its link, and leaves', async ({
  user,
}) => {
  const page = await user.open(VIEWS.meetings);
  await expect(page.getByRole('list', { name: 'Meetings this week' })).toBeVisible();
  await page.getByLabel('Meeting link').fill(tenant.meetingLink);
  await page.getByRole('button', { name: 'Join by link' }).click();
  const status = lastCall(page).getByTestId('call-status');
  await expect(status).toHaveText(/^(Waiting in the lobby…|Connected)$/, { timeout: 60_000 });
  await hangUp(page);
});
