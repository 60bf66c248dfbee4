// Diagnostics page for the end-to-end tests: the real ACS Calling SDK, loaded by the ACS port, refuses a
// forged token that is not a Teams user's token, with a typed error, within the port's bounded time.
import { createAcsCalling } from '@teams-endpoint/acs';
import { isTeamsEndpointError } from '@teams-endpoint/core';

const base64Url = (value: object) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** A well-formed JWT that no service issued: an ACS (not Teams) identity, valid for an hour. */
function forgedAcsToken(): string {
  const now = Math.floor(Date.now() / 1000);
  return [
    base64Url({ alg: 'RS256', kid: 'forged', typ: 'JWT' }),
    base64Url({
      skypeid: 'acs:00000000-0000-4000-8000-000000000000_00000000-0000-4000-8000-000000000001',
      scp: 1792,
      resourceId: '00000000-0000-4000-8000-000000000000',
      iat: now,
      exp: now + 3600,
    }),
    'Zm9yZ2Vk',
  ].join('.');
}

async function runSmoke(connectTimeoutMs: number) {
  const calling = createAcsCalling({ connectTimeoutMs });
  const started = performance.now();
  try {
    await calling.connect({
      getToken: async () => ({ token: forgedAcsToken(), expiresOn: new Date(Date.now() + 3_600_000) }),
    });
    return { outcome: 'connected', elapsedMs: performance.now() - started };
  } catch (error) {
    return {
      outcome: 'rejected',
      elapsedMs: performance.now() - started,
      typed: isTeamsEndpointError(error),
      code: isTeamsEndpointError(error) ? error.code : String(error),
      message: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await calling.disconnect().catch(() => undefined);
  }
}

const output = document.getElementById('result')!;
const timeoutMs = Number(new URLSearchParams(location.search).get('timeoutMs') ?? 8_000);
void runSmoke(timeoutMs).then((result) => {
  output.textContent = JSON.stringify(result);
  output.dataset.done = 'true';
});
