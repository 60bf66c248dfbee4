import { BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import {
  createFakeMsalClient,
  EXCHANGE_URL,
  makeAccount,
  signedInIdentity,
} from './fakeMsalClient.test-support';
import { createMsalIdentity } from './msalIdentity';

const consentMissing = () =>
  new InteractionRequiredAuthError(
    'invalid_grant',
    'corr',
    'AADSTS65001: The user or administrator has not consented to use the application.',
    'consent_required',
  );

describe('getGraphToken', () => {
  it('acquires silently per scope set and reuses the token for the same set in any order', async () => {
    const { client, identity } = await signedInIdentity();

    const people = await identity.getGraphToken(['User.ReadBasic.All', 'Chat.Create']);
    const again = await identity.getGraphToken(['Chat.Create', 'User.ReadBasic.All']);
    const calendar = await identity.getGraphToken(['Calendars.Read']);

    expect(again).toBe(people);
    expect(calendar).not.toBe(people);
    expect(client.acquireTokenSilent).toHaveBeenCalledTimes(2);
    expect(client.acquireTokenSilent).toHaveBeenNthCalledWith(1, {
      scopes: ['User.ReadBasic.All', 'Chat.Create'],
      account: makeAccount(),
      forceRefresh: false,
    });
  });

  it('goes back to MSAL with forceRefresh, and shares concurrent requests for one scope set', async () => {
    const { client, identity } = await signedInIdentity();

    const [a, b] = await Promise.all([
      identity.getGraphToken(['User.Read']),
      identity.getGraphToken(['User.Read']),
    ]);
    const forced = await identity.getGraphToken(['User.Read'], { forceRefresh: true });

    expect(a).toBe(b);
    expect(forced).not.toBe(a);
    expect(client.acquireTokenSilent).toHaveBeenCalledTimes(2);
    expect(client.acquireTokenSilent).toHaveBeenLastCalledWith(
      expect.objectContaining({ forceRefresh: true }),
    );
  });

  it('turns missing consent into consent_required naming the scopes', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(consentMissing());

    const error = await typedRejection(identity.getGraphToken(['Calendars.Read']));

    expect(error).toMatchObject({
      code: 'consent_required',
      retryable: false,
      details: {
        scopes: ['Calendars.Read'],
        msalErrorCode: 'invalid_grant',
        msalSubError: 'consent_required',
      },
    });
    expect(error.message).toContain('Calendars.Read');
  });

  it('turns other interaction-required errors into interaction_required naming the scopes', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(
      new InteractionRequiredAuthError('interaction_required', 'corr', 'AADSTS50079: MFA registration.'),
    );

    const error = await typedRejection(identity.getGraphToken(['Chat.Create']));

    expect(error).toMatchObject({ code: 'interaction_required', details: { scopes: ['Chat.Create'] } });
    expect(error.message).toContain('Chat.Create');
    expect(error.message).not.toContain('AADSTS');
  });

  it('maps an MSAL network failure to network, and refuses bad input and signed-out callers', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(new BrowserAuthError('no_network_connectivity', 'corr'));
    expect(await typedRejection(identity.getGraphToken(['User.Read']))).toMatchObject({
      code: 'network',
      retryable: true,
    });
    expect(await typedRejection(identity.getGraphToken([]))).toMatchObject({ code: 'invalid_argument' });
    expect(await typedRejection(identity.getGraphToken([' ']))).toMatchObject({ code: 'invalid_argument' });

    const signedOut = createMsalIdentity({ client: createFakeMsalClient(), exchange: { url: EXCHANGE_URL } });
    expect(await typedRejection(signedOut.getGraphToken(['User.Read']))).toMatchObject({
      code: 'not_signed_in',
    });
  });
});

describe('requestConsent', () => {
  it('shows a consent popup for the scopes only when the app asks, then getGraphToken works', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenSilent.mockRejectedValueOnce(consentMissing());
    const error = await typedRejection(identity.getGraphToken(['Calendars.Read']));
    expect(client.acquireTokenPopup).not.toHaveBeenCalled();

    await identity.requestConsent(error.details.scopes as string[]);

    expect(client.acquireTokenPopup).toHaveBeenCalledWith({
      scopes: ['Calendars.Read'],
      account: makeAccount(),
    });
    await expect(identity.getGraphToken(['Calendars.Read'])).resolves.toEqual(expect.any(String));
  });

  it('reports a closed consent popup as consent_required', async () => {
    const { client, identity } = await signedInIdentity();
    client.acquireTokenPopup.mockRejectedValueOnce(new BrowserAuthError('user_cancelled', 'corr'));

    expect(await typedRejection(identity.requestConsent(['Chat.Create']))).toMatchObject({
      code: 'consent_required',
      details: { scopes: ['Chat.Create'], msalErrorCode: 'user_cancelled' },
    });
  });

  it('navigates for consent with interaction: redirect', async () => {
    const client = createFakeMsalClient({ cachedAccounts: [makeAccount()] });
    const { identity } = await signedInIdentity({ client, interaction: 'redirect' });
    client.acquireTokenRedirect.mockResolvedValueOnce();

    expect(await typedRejection(identity.requestConsent(['Chat.Create']))).toMatchObject({
      code: 'consent_required',
      details: { reason: 'redirect_cancelled' },
    });
    expect(client.acquireTokenRedirect).toHaveBeenCalledWith({
      scopes: ['Chat.Create'],
      account: makeAccount(),
    });
    expect(client.acquireTokenPopup).not.toHaveBeenCalled();
  });
});
