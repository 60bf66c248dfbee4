import { AuthError, BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { typedRejection } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE_OID,
  authResult,
  createFakeMsalClient,
  EXCHANGE_URL,
  FABRIKAM_TID,
  makeAccount,
} from './fakeMsalClient.test-support';
import { createMsalIdentity } from './msalIdentity';
import { acsExchangeScopes, defaultGraphScopes } from './scopes';

const alice = {
  id: ALICE_OID,
  tenantId: FABRIKAM_TID,
  displayName: 'Alice Anderson',
  userPrincipalName: 'alice.anderson@fabrikam.example',
};

describe('signIn', () => {
  it('signs a returning user in silently with the cached account, without any popup', async () => {
    const account = makeAccount();
    const client = createFakeMsalClient({ cachedAccounts: [account] });
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });
    expect(identity.getCurrentUser()).toBeNull();

    await expect(identity.signIn()).resolves.toEqual(alice);

    expect(client.handleRedirectPromise).toHaveBeenCalledTimes(1);
    expect(client.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [...acsExchangeScopes], account });
    expect(client.loginPopup).not.toHaveBeenCalled();
    expect(client.setActiveAccount).toHaveBeenLastCalledWith(account);
    expect(identity.getCurrentUser()).toEqual(alice);
  });

  it('prefers the active account over the first cached one', async () => {
    const other = makeAccount({
      homeAccountId: 'x.y',
      localAccountId: 'other',
      idTokenClaims: { oid: 'other' },
    });
    const client = createFakeMsalClient({ cachedAccounts: [other, makeAccount()] });
    client.setActiveAccount(makeAccount());
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    await expect(identity.signIn()).resolves.toEqual(alice);
  });

  it('opens a popup for a new user, consenting to the ACS scopes and the Graph scopes at once', async () => {
    const client = createFakeMsalClient();
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    await expect(identity.signIn()).resolves.toEqual(alice);

    expect(client.loginPopup).toHaveBeenCalledWith({
      scopes: [...acsExchangeScopes],
      extraScopesToConsent: [...defaultGraphScopes],
      prompt: 'select_account',
    });
    expect(client.setActiveAccount).toHaveBeenLastCalledWith(makeAccount());
  });

  it('falls back to a popup, hinting the cached user, when the cached account needs interaction', async () => {
    const client = createFakeMsalClient({ cachedAccounts: [makeAccount()] });
    client.acquireTokenSilent.mockRejectedValueOnce(
      new InteractionRequiredAuthError('interaction_required', 'corr', 'AADSTS50076: MFA required.'),
    );
    const identity = createMsalIdentity({
      client,
      exchange: { url: EXCHANGE_URL },
      graphScopes: ['User.Read'],
    });

    await expect(identity.signIn()).resolves.toEqual(alice);

    expect(client.loginPopup).toHaveBeenCalledWith({
      scopes: [...acsExchangeScopes],
      extraScopesToConsent: ['User.Read'],
      loginHint: 'alice.anderson@fabrikam.example',
    });
  });

  it('shares one popup between concurrent sign-ins', async () => {
    const client = createFakeMsalClient();
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    const [first, second] = await Promise.all([identity.signIn(), identity.signIn()]);

    expect(first).toEqual(second);
    expect(client.loginPopup).toHaveBeenCalledTimes(1);
    expect(client.handleRedirectPromise).toHaveBeenCalledTimes(1);
  });

  it('maps a blocked popup and a cancelled popup to sign_in_failed', async () => {
    const client = createFakeMsalClient();
    client.loginPopup
      .mockRejectedValueOnce(new BrowserAuthError('popup_window_error', 'corr'))
      .mockRejectedValueOnce(new BrowserAuthError('user_cancelled', 'corr'));
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    const blocked = await typedRejection(identity.signIn());
    expect(blocked).toMatchObject({
      code: 'sign_in_failed',
      details: { msalErrorCode: 'popup_window_error' },
    });
    expect(blocked.message).toMatch(/popup/i);
    expect(await typedRejection(identity.signIn())).toMatchObject({
      code: 'sign_in_failed',
      details: { msalErrorCode: 'user_cancelled' },
    });
    expect(identity.getCurrentUser()).toBeNull();
  });

  it('lets a cancelled caller stop waiting, and drops a popup result that arrives after sign-out', async () => {
    const client = createFakeMsalClient();
    let finishPopup: (() => void) | undefined;
    client.loginPopup.mockImplementationOnce(
      (request) =>
        new Promise((resolve) => {
          finishPopup = () =>
            resolve(authResult(makeAccount(), request?.scopes ?? [], 'entra-popup-s3cr3t', new Date()));
        }),
    );
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });
    const controller = new AbortController();

    const signingIn = identity.signIn({ signal: controller.signal });
    await vi.waitFor(() => expect(finishPopup).toBeDefined());
    controller.abort();
    expect(await typedRejection(signingIn)).toMatchObject({ code: 'aborted' });

    await identity.signOut();
    finishPopup?.();
    await new Promise((resolve) => setTimeout(resolve));
    expect(identity.getCurrentUser()).toBeNull();
  });

  it('signs in afresh after a sign-out that came while a popup was open', async () => {
    const client = createFakeMsalClient();
    let finishPopup: (() => void) | undefined;
    client.loginPopup.mockImplementationOnce(
      (request) =>
        new Promise((resolve) => {
          finishPopup = () =>
            resolve(authResult(makeAccount(), request?.scopes ?? [], 'entra-popup-s3cr3t', new Date()));
        }),
    );
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    const dropped = typedRejection(identity.signIn());
    await vi.waitFor(() => expect(finishPopup).toBeDefined());
    await identity.signOut();
    const again = identity.signIn();
    // Let the new attempt reach its popup before the old one settles, so a join would be seen.
    await new Promise((resolve) => setTimeout(resolve));
    finishPopup?.();
    expect(await dropped).toMatchObject({ code: 'aborted' });
    await expect(again).resolves.toEqual(alice);
    expect(client.loginPopup).toHaveBeenCalledTimes(2);
    expect(identity.getCurrentUser()).toEqual(alice);
  });

  it('trySilentSignIn answers null for a new user and never opens a popup', async () => {
    const client = createFakeMsalClient();
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    await expect(identity.trySilentSignIn()).resolves.toBeNull();
    expect(client.loginPopup).not.toHaveBeenCalled();
    expect(client.loginRedirect).not.toHaveBeenCalled();
  });

  it('maps an account without claims from its own fields (home account id, tenant id, username)', async () => {
    const bare = makeAccount({ idTokenClaims: undefined, name: undefined, localAccountId: '' });
    const client = createFakeMsalClient({ cachedAccounts: [bare] });
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    await expect(identity.signIn()).resolves.toEqual({
      id: ALICE_OID,
      tenantId: FABRIKAM_TID,
      displayName: 'alice.anderson@fabrikam.example',
      userPrincipalName: 'alice.anderson@fabrikam.example',
    });
  });
});

describe('signIn with interaction: redirect', () => {
  it('finishes the sign-in the redirect brought back, on the first call after page load', async () => {
    const account = makeAccount();
    const client = createFakeMsalClient({
      redirectResult: authResult(account, acsExchangeScopes, 'entra-redirect-s3cr3t', new Date()),
    });
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL }, interaction: 'redirect' });

    await expect(identity.trySilentSignIn()).resolves.toEqual(alice);
    await expect(identity.signIn()).resolves.toEqual(alice);

    expect(client.handleRedirectPromise).toHaveBeenCalledTimes(1);
    expect(client.loginRedirect).not.toHaveBeenCalled();
    expect(client.setActiveAccount).toHaveBeenCalledWith(account);
  });

  it('navigates to Microsoft sign-in and leaves the promise pending, as the page unloads', async () => {
    const client = createFakeMsalClient();
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL }, interaction: 'redirect' });
    const controller = new AbortController();

    const signingIn = identity.signIn({ signal: controller.signal });
    await vi.waitFor(() => expect(client.loginRedirect).toHaveBeenCalled());

    expect(client.loginRedirect).toHaveBeenCalledWith({
      scopes: [...acsExchangeScopes],
      extraScopesToConsent: [...defaultGraphScopes],
      prompt: 'select_account',
    });
    expect(client.loginPopup).not.toHaveBeenCalled();
    controller.abort();
    expect(await typedRejection(signingIn)).toMatchObject({ code: 'aborted' });
  });

  it('fails with sign_in_failed when the navigation was cancelled', async () => {
    const client = createFakeMsalClient();
    client.loginRedirect.mockResolvedValueOnce();
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL }, interaction: 'redirect' });

    expect(await typedRejection(identity.signIn())).toMatchObject({
      code: 'sign_in_failed',
      details: { reason: 'redirect_cancelled' },
    });
  });

  it('reports a failed redirect once, then lets the user try again', async () => {
    const client = createFakeMsalClient();
    client.handleRedirectPromise.mockRejectedValueOnce(
      new AuthError('access_denied', 'corr', 'User declined.'),
    );
    const identity = createMsalIdentity({ client, exchange: { url: EXCHANGE_URL } });

    expect(await typedRejection(identity.signIn())).toMatchObject({
      code: 'sign_in_failed',
      details: { msalErrorCode: 'access_denied' },
    });
    await expect(identity.signIn()).resolves.toEqual(alice);
  });
});

describe('createMsalIdentity options', () => {
  it('refuses missing or unusable configuration before any I/O', () => {
    const exchange = { url: EXCHANGE_URL };
    const bad = [
      () => createMsalIdentity({ clientId: ' ', exchange }),
      () => createMsalIdentity({ clientId: 'app', exchange: { url: 'http://contoso.example/x' } }),
      () => createMsalIdentity({ clientId: 'app', exchange, refreshMarginMs: -1 }),
      () => createMsalIdentity({ clientId: 'app', exchange, graphScopes: [] }),
    ];
    for (const create of bad) expect(create).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('loads the real MSAL on first use; outside a browser, sign-in fails with a typed error', async () => {
    const identity = createMsalIdentity({
      clientId: '11111111-2222-3333-4444-555555555555',
      exchange: { url: EXCHANGE_URL },
    });

    await expect(identity.trySilentSignIn()).resolves.toBeNull();
    expect(await typedRejection(identity.signIn())).toMatchObject({
      code: 'sign_in_failed',
      details: { msalErrorCode: 'non_browser_environment' },
    });
  });
});
