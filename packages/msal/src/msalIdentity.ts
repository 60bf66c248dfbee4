import type {
  AccountInfo,
  AuthenticationResult,
  IPublicClientApplication,
  PopupRequest,
  RedirectRequest,
} from '@azure/msal-browser';
import {
  type AcsAccessToken,
  abortedError,
  type IdentityPort,
  isAbortError,
  isTeamsEndpointError,
  raceSignal,
  type SignalOption,
  TeamsEndpointError,
  type TeamsUser,
  throwIfAborted,
} from '@teams-endpoint/core';
import { type AcsTokenExchange, createHttpAcsTokenExchange, validateAcsToken } from './acsTokenExchange';
import { createAcsTokenSource } from './acsTokenSource';
import { isInteractionRequired, type MsalErrorContext, mapMsalError } from './msalErrors';
import { acsExchangeScopes, defaultGraphScopes } from './scopes';
import { toTeamsUser } from './teamsUser';

/** The MSAL methods this package calls. A full `IPublicClientApplication` fits. */
export type MsalClient = Pick<
  IPublicClientApplication,
  | 'handleRedirectPromise'
  | 'getActiveAccount'
  | 'setActiveAccount'
  | 'getAllAccounts'
  | 'acquireTokenSilent'
  | 'acquireTokenPopup'
  | 'acquireTokenRedirect'
  | 'loginPopup'
  | 'loginRedirect'
  | 'logoutPopup'
  | 'logoutRedirect'
  | 'clearCache'
>;

/** Where the ACS token comes from: Contoso's exchange endpoint, or a function of your own. */
export type AcsExchangeOption = { readonly url: string } | AcsTokenExchange;

/** Options shared by both ways of providing MSAL. */
export interface MsalIdentitySharedOptions {
  /** `popup` (default) opens a window; `redirect` navigates the page away and back. */
  readonly interaction?: 'popup' | 'redirect';
  /** The exchange of the Entra token for an ACS token: `{ url }` of Contoso's endpoint, or a function. */
  readonly exchange: AcsExchangeOption;
  /** Refresh the ACS token this long before it expires. Default: 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Graph scopes to consent to at sign-in. Default: `User.Read`, `User.ReadBasic.All`, `Chat.Create`, `Calendars.Read`. */
  readonly graphScopes?: readonly string[];
  /**
   * What `signOut` does in Microsoft Entra ID besides clearing this app's state:
   * `local` (default) removes this account's tokens from the browser cache and keeps the Entra session;
   * `popup` and `redirect` also end the Entra session (`logoutPopup`, `logoutRedirect`).
   */
  readonly signOutMode?: 'local' | 'popup' | 'redirect';
  /** `fetch` for the exchange endpoint. Default: `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** The clock. Default: `Date.now`. */
  readonly now?: () => number;
}

/** Your Entra app registration: the package creates the MSAL instance on first use. */
export interface MsalAppRegistration {
  /** The application (client) id of the Entra app registration. */
  readonly clientId: string;
  /** Default: `https://login.microsoftonline.com/organizations` (work and school accounts of any tenant). */
  readonly authority?: string;
  /** The registered SPA redirect URI: the page that runs the redirect bridge. Default: the current page. */
  readonly redirectUri?: string;
}

export type MsalIdentityOptions = MsalIdentitySharedOptions &
  (
    | MsalAppRegistration
    | { /** An MSAL instance you created and initialized yourself. */ readonly client: MsalClient }
  );

/** The identity port over MSAL, with the extras an app needs around consent and token refresh. */
export interface MsalIdentity extends IdentityPort {
  /**
   * Signs in: finishes a redirect sign-in, else reuses a cached account silently, else asks the user (popup,
   * or redirect). With `interaction: 'redirect'` the page navigates away, so the promise does not resolve; call
   * `signIn` (or {@link MsalIdentity.trySilentSignIn}) again on the page the user comes back to.
   */
  signIn(options?: SignalOption): Promise<TeamsUser>;
  /** Like `signIn` but never shows anything: the user, or `null` when interaction is needed. Use on page load. */
  trySilentSignIn(options?: SignalOption): Promise<TeamsUser | null>;
  /**
   * Asks the user for the scopes named by a `consent_required` or `interaction_required` error (its
   * `details.scopes`). Shows a popup (or navigates, with `interaction: 'redirect'`): call it from a click.
   */
  requestConsent(scopes: readonly string[], options?: SignalOption): Promise<void>;
  /**
   * Called with each new ACS token, from `getAcsToken` or the background refresh. Returns the unsubscribe. A
   * listener that throws stops neither the others nor the refresh: its error goes to `reportError`, else
   * `console.error`.
   */
  onAcsTokenRefreshed(listener: (token: AcsAccessToken) => void): () => void;
  /** Called when the background refresh fails; it retries on its own when `error.retryable`. */
  onAcsTokenRefreshFailed(listener: (error: TeamsEndpointError) => void): () => void;
  /**
   * The `tokenRefresher` for `AzureCommunicationTokenCredential({ tokenRefresher, refreshProactively: true })`:
   * the cached ACS token while it is fresh, else a new one.
   */
  createTokenRefresher(): (signal?: AbortSignal) => Promise<string>;
}

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/organizations';
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedGraphToken {
  readonly token: string;
  readonly expiresOn: number;
}

/** What `handleRedirectPromise` gave on this page load, consumed by the first sign-in. */
type RedirectOutcome = { readonly result: AuthenticationResult | null } | { readonly error: unknown };

const invalidArgument = (message: string) => new TeamsEndpointError('invalid_argument', message);

const notSignedIn = () => new TeamsEndpointError('not_signed_in', 'No user is signed in. Call signIn first.');

function checkScopes(scopes: readonly string[]): string[] {
  if (
    !Array.isArray(scopes) ||
    scopes.length === 0 ||
    !scopes.every((scope) => typeof scope === 'string' && scope.trim() !== '')
  ) {
    throw invalidArgument('Scopes must be a non-empty list of scope names.');
  }
  return [...new Set(scopes.map((scope) => scope.trim()))];
}

function toExchange(option: AcsExchangeOption, fetchImpl: typeof fetch | undefined, now: () => number) {
  if (typeof option === 'function') return option;
  if (typeof option?.url !== 'string') {
    throw invalidArgument('exchange must be { url } of the token exchange endpoint, or a function.');
  }
  return createHttpAcsTokenExchange({ url: option.url, now, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/**
 * Creates the identity port over MSAL browser 5: Teams sign-in, ACS tokens from Contoso's exchange endpoint
 * (cached, shared, refreshed before expiry) and Graph tokens per scope set.
 *
 * `@azure/msal-browser` is loaded with `import()` on first use, unless you pass your own `client`.
 *
 * @throws {TeamsEndpointError} `invalid_argument` for a missing client id, a bad exchange URL or margin.
 *
 * @example
 * const identity = createMsalIdentity({
 *   clientId: '00000000-0000-0000-0000-000000000000',
 *   redirectUri: `${location.origin}/redirect.html`,
 *   exchange: { url: '/api/acs-token' },
 * });
 * const endpoint = createTeamsEndpoint({ identity, graph: createGraphPort({ identity }), calling, contacts });
 */
export function createMsalIdentity(options: MsalIdentityOptions): MsalIdentity {
  const interaction = options.interaction ?? 'popup';
  const signOutMode = options.signOutMode ?? 'local';
  const refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const now = options.now ?? (() => Date.now());
  if (interaction !== 'popup' && interaction !== 'redirect') {
    throw invalidArgument("interaction must be 'popup' or 'redirect'.");
  }
  if (!['local', 'popup', 'redirect'].includes(signOutMode)) {
    throw invalidArgument("signOutMode must be 'local', 'popup' or 'redirect'.");
  }
  if (!Number.isFinite(refreshMarginMs) || refreshMarginMs < 0) {
    throw invalidArgument('refreshMarginMs must be a number of milliseconds, 0 or more.');
  }
  if (!('client' in options) && (typeof options.clientId !== 'string' || options.clientId.trim() === '')) {
    throw invalidArgument('clientId (the Entra application id) is required, or pass an MSAL client.');
  }
  const graphScopes = checkScopes(options.graphScopes ?? defaultGraphScopes);
  const exchange = toExchange(options.exchange, options.fetch, now);

  let started: Promise<MsalClient> | undefined;
  let pendingRedirect: RedirectOutcome | undefined;
  let account: AccountInfo | null = null;
  let user: TeamsUser | null = null;
  /** Bumped by sign-out and by a change of user, so late results of the previous session are dropped. */
  let generation = 0;
  const graphTokens = new Map<string, CachedGraphToken>();
  const graphInFlight = new Map<string, Promise<string>>();

  const createClient = async (): Promise<MsalClient> => {
    if ('client' in options) return options.client;
    const { createStandardPublicClientApplication } = await import('@azure/msal-browser');
    return createStandardPublicClientApplication({
      auth: {
        clientId: options.clientId,
        authority: options.authority ?? DEFAULT_AUTHORITY,
        ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
      },
    });
  };

  /** Creates the client once and lets MSAL finish a redirect that brought the user back to this page. */
  const start = (): Promise<MsalClient> => {
    started ??= (async () => {
      const client = await createClient();
      try {
        pendingRedirect = { result: await client.handleRedirectPromise() };
      } catch (error) {
        pendingRedirect = { error };
      }
      return client;
    })().catch((error: unknown) => {
      started = undefined;
      throw mapMsalError(error, { operation: 'sign_in' });
    });
    return started;
  };

  const adopt = (client: MsalClient, signedIn: AccountInfo, sessionGeneration: number): TeamsUser => {
    if (sessionGeneration !== generation) throw abortedError();
    const next = toTeamsUser(signedIn);
    if (user && (user.id !== next.id || user.tenantId !== next.tenantId)) endSession();
    client.setActiveAccount(signedIn);
    account = signedIn;
    user = next;
    return next;
  };

  /** Without showing anything: the account MSAL brought back from a redirect, or a cached one that still works. */
  const signInSilently = async (): Promise<TeamsUser | null> => {
    const sessionGeneration = generation;
    const client = await start();
    const redirect = pendingRedirect;
    pendingRedirect = undefined;
    if (redirect && 'error' in redirect) throw mapMsalError(redirect.error, { operation: 'sign_in' });
    if (redirect?.result?.account) return adopt(client, redirect.result.account, sessionGeneration);

    const cached = client.getActiveAccount() ?? client.getAllAccounts()[0];
    if (!cached) return null;
    try {
      const result = await client.acquireTokenSilent({ scopes: [...acsExchangeScopes], account: cached });
      return adopt(client, result.account ?? cached, sessionGeneration);
    } catch (error) {
      if (isInteractionRequired(error)) return null;
      throw mapMsalError(error, { operation: 'sign_in', scopes: acsExchangeScopes });
    }
  };

  /** With a popup, or by navigating away (redirect): consents to the ACS scopes and the Graph scopes at once. */
  const signInInteractively = async (): Promise<TeamsUser | null> => {
    const sessionGeneration = generation;
    const client = await start();
    const known = client.getActiveAccount() ?? client.getAllAccounts()[0];
    const request: PopupRequest & RedirectRequest = {
      scopes: [...acsExchangeScopes],
      extraScopesToConsent: [...graphScopes],
      ...(known ? { loginHint: known.username } : { prompt: 'select_account' }),
    };
    try {
      if (interaction === 'redirect') {
        await client.loginRedirect(request);
        // Only reached when navigation was cancelled, for example by an `onRedirectNavigate` returning false.
        throw new TeamsEndpointError('sign_in_failed', 'The page did not navigate to Microsoft sign-in.', {
          details: { reason: 'redirect_cancelled' },
        });
      }
      const result = await client.loginPopup(request);
      return adopt(client, result.account, sessionGeneration);
    } catch (error) {
      throw mapMsalError(error, { operation: 'sign_in', scopes: acsExchangeScopes });
    }
  };

  /** One attempt of each kind at a time: a second caller joins the first, as MSAL allows one interaction. */
  const signingIn = new Map<'silent' | 'interactive', Promise<TeamsUser | null>>();
  const shared = (kind: 'silent' | 'interactive'): Promise<TeamsUser | null> => {
    let attempt = signingIn.get(kind);
    if (!attempt) {
      const run = (kind === 'silent' ? signInSilently() : signInInteractively()).finally(() => {
        if (signingIn.get(kind) === run) signingIn.delete(kind);
      });
      signingIn.set(kind, run);
      attempt = run;
    }
    return attempt;
  };

  const requireAccount = (): AccountInfo => {
    if (!account || !user) throw notSignedIn();
    return account;
  };

  /** Gets the Entra token for the ACS scopes; one about to expire is renewed, as the ACS token inherits its expiry. */
  const acquireEntraTokenForAcs = async (signal: AbortSignal, forceRefresh: boolean): Promise<string> => {
    const context: MsalErrorContext = { operation: 'acs_token', scopes: acsExchangeScopes };
    const client = await start();
    const signedIn = requireAccount();
    const silent = (force: boolean) =>
      raceSignal(
        client.acquireTokenSilent({ scopes: [...acsExchangeScopes], account: signedIn, forceRefresh: force }),
        signal,
      ).catch((error: unknown) => {
        throw mapMsalError(error, context);
      });
    let result = await silent(forceRefresh);
    if (!forceRefresh && result.expiresOn && result.expiresOn.getTime() - now() <= refreshMarginMs) {
      result = await silent(true);
    }
    return result.accessToken;
  };

  const exchangeOnce = async (entraToken: string, signal: AbortSignal): Promise<AcsAccessToken> => {
    let answer: unknown;
    try {
      answer = await exchange(entraToken, signal);
    } catch (error) {
      if (isTeamsEndpointError(error)) throw error;
      if (signal.aborted || isAbortError(error)) throw abortedError(error);
      throw new TeamsEndpointError('token_exchange_failed', 'The token exchange failed.', {
        retryable: true,
        cause: error,
      });
    }
    return validateAcsToken(answer, now());
  };

  const acs = createAcsTokenSource({
    now,
    refreshMarginMs,
    async acquire(signal, forceRefresh) {
      const entraToken = await acquireEntraTokenForAcs(signal, forceRefresh);
      try {
        return await exchangeOnce(entraToken, signal);
      } catch (error) {
        // The endpoint refused the Entra token: get a new one from Entra once, then give up.
        if (forceRefresh || !isTeamsEndpointError(error) || error.code !== 'token_expired') throw error;
        return exchangeOnce(await acquireEntraTokenForAcs(signal, true), signal);
      }
    },
  });

  function endSession(): void {
    generation += 1;
    acs.reset();
    graphTokens.clear();
    graphInFlight.clear();
    // An attempt begun before the session ended can only end in `aborted`: the next sign-in starts afresh.
    signingIn.clear();
  }

  const acquireGraphToken = async (scopes: string[], forceRefresh: boolean): Promise<CachedGraphToken> => {
    const sessionGeneration = generation;
    const client = await start();
    const signedIn = requireAccount();
    let result: AuthenticationResult;
    try {
      result = await client.acquireTokenSilent({ scopes, account: signedIn, forceRefresh });
    } catch (error) {
      throw mapMsalError(error, { operation: 'graph_token', scopes });
    }
    if (sessionGeneration !== generation) throw notSignedIn();
    return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? 0 };
  };

  return {
    async signIn(opts) {
      throwIfAborted(opts?.signal);
      const signIn = async () => {
        const signedIn = (await shared('silent')) ?? (await shared('interactive'));
        if (!signedIn)
          throw new TeamsEndpointError('sign_in_failed', 'Signing in did not return an account.');
        return signedIn;
      };
      return raceSignal(signIn(), opts?.signal);
    },

    async trySilentSignIn(opts) {
      throwIfAborted(opts?.signal);
      return raceSignal(shared('silent'), opts?.signal);
    },

    async signOut() {
      const signedOut = account;
      endSession();
      account = null;
      user = null;
      const client = started ? await started.catch(() => undefined) : undefined;
      if (!client) return;
      try {
        client.setActiveAccount(null);
        if (signOutMode === 'popup') await client.logoutPopup(signedOut ? { account: signedOut } : {});
        else if (signOutMode === 'redirect')
          await client.logoutRedirect(signedOut ? { account: signedOut } : {});
        else if (signedOut) await client.clearCache({ account: signedOut });
      } catch (error) {
        throw mapMsalError(error, { operation: 'sign_out' });
      }
    },

    getCurrentUser: () => user,

    async getAcsToken(opts) {
      throwIfAborted(opts?.signal);
      requireAccount();
      return acs.get(opts);
    },

    async getGraphToken(scopes, opts) {
      const wanted = checkScopes(scopes);
      throwIfAborted(opts?.signal);
      requireAccount();
      const key = [...wanted].sort().join(' ');
      const forceRefresh = opts?.forceRefresh ?? false;
      const cached = graphTokens.get(key);
      if (!forceRefresh && cached && cached.expiresOn - now() > refreshMarginMs) return cached.token;

      let pending = forceRefresh ? undefined : graphInFlight.get(key);
      if (!pending) {
        const sessionGeneration = generation;
        const attempt = acquireGraphToken(wanted, forceRefresh)
          .then((token) => {
            if (sessionGeneration === generation) graphTokens.set(key, token);
            return token.token;
          })
          .finally(() => {
            if (graphInFlight.get(key) === attempt) graphInFlight.delete(key);
          });
        graphInFlight.set(key, attempt);
        pending = attempt;
      }
      return raceSignal(pending, opts?.signal);
    },

    async requestConsent(scopes, opts) {
      const wanted = checkScopes(scopes);
      throwIfAborted(opts?.signal);
      const signedIn = requireAccount();
      const client = await start();
      try {
        if (interaction === 'redirect') {
          await client.acquireTokenRedirect({ scopes: wanted, account: signedIn });
          throw new TeamsEndpointError(
            'consent_required',
            'The page did not navigate to the consent prompt.',
            {
              details: { scopes: wanted, reason: 'redirect_cancelled' },
            },
          );
        }
        await raceSignal(client.acquireTokenPopup({ scopes: wanted, account: signedIn }), opts?.signal);
      } catch (error) {
        throw mapMsalError(error, { operation: 'consent', scopes: wanted });
      }
      graphTokens.delete([...wanted].sort().join(' '));
    },

    onAcsTokenRefreshed: (listener) => acs.onRefreshed(listener),
    onAcsTokenRefreshFailed: (listener) => acs.onRefreshFailed(listener),

    createTokenRefresher() {
      return async (signal) => (await acs.get(signal ? { signal } : {})).token;
    },
  };
}
