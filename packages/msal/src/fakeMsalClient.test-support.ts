import type { AccountInfo, AuthenticationResult } from '@azure/msal-browser';
import { HttpResponse, http } from 'msw';
import { type Mock, vi } from 'vitest';
import { createMsalIdentity, type MsalClient, type MsalIdentitySharedOptions } from './msalIdentity';

export const ALICE_OID = '6e5f2f1c-6e0b-4c52-9d3a-2d1f0b8a7c11';
export const FABRIKAM_TID = '0b9a7c53-3f0e-4d8e-a1c4-5e6f7a8b9c0d';

/** An MSAL account as a real sign-in produces it (with the raw ID token, which must never leak). */
export function makeAccount(overrides: Partial<AccountInfo> = {}): AccountInfo {
  return {
    homeAccountId: `${ALICE_OID}.${FABRIKAM_TID}`,
    environment: 'login.microsoftonline.com',
    tenantId: FABRIKAM_TID,
    username: 'alice.anderson@fabrikam.example',
    localAccountId: ALICE_OID,
    name: 'Alice Anderson',
    idToken: 'raw-id-token-never-shown',
    idTokenClaims: {
      oid: ALICE_OID,
      tid: FABRIKAM_TID,
      name: 'Alice Anderson',
      preferred_username: 'alice.anderson@fabrikam.example',
    },
    ...overrides,
  };
}

export interface FakeMsalClientOptions {
  /** Accounts already in MSAL's browser cache (a returning user). */
  readonly cachedAccounts?: readonly AccountInfo[];
  /** The account a popup or redirect sign-in returns. */
  readonly signInAccount?: AccountInfo;
  /** What `handleRedirectPromise` returns on this page load. */
  readonly redirectResult?: AuthenticationResult | null;
  /** Lifetime of each Entra access token, in ms. Default: 75 minutes. */
  readonly tokenLifetimeMs?: number;
  readonly now?: () => number;
}

/**
 * A scriptable MSAL client, typed against `IPublicClientApplication`: every method is a `vi.fn` of the real
 * signature, so a wrong call shape fails the type check, and tests can `mockRejectedValueOnce` any of them.
 */
export type FakeMsalClient = { readonly [K in keyof MsalClient]: Mock<MsalClient[K]> } & {
  /** Every Entra access token handed out, to check that none leaks. */
  readonly issuedTokens: string[];
};

/** Tokens that do not look like JWTs, so the redaction in `TeamsEndpointError` cannot hide a leak. */
const opaqueToken = (serial: number) =>
  `entra-access-${serial}-s3cr3t-${Math.random().toString(36).slice(2, 10)}`;

export function authResult(
  account: AccountInfo,
  scopes: readonly string[],
  accessToken: string,
  expiresOn: Date | null,
): AuthenticationResult {
  return {
    authority: 'https://login.microsoftonline.com/organizations',
    uniqueId: account.localAccountId,
    tenantId: account.tenantId,
    scopes: [...scopes],
    account,
    idToken: account.idToken ?? '',
    idTokenClaims: account.idTokenClaims ?? {},
    accessToken,
    fromCache: false,
    expiresOn,
    tokenType: 'Bearer',
    correlationId: 'test-correlation-id',
  };
}

/** A promise that never settles: what `loginRedirect` looks like to the page that navigates away. */
const navigatesAway = () => new Promise<void>(() => undefined);

export function createFakeMsalClient(options: FakeMsalClientOptions = {}): FakeMsalClient {
  const now = options.now ?? (() => Date.now());
  const lifetimeMs = options.tokenLifetimeMs ?? 75 * 60_000;
  const accounts: AccountInfo[] = [...(options.cachedAccounts ?? [])];
  const signInAccount = options.signInAccount ?? makeAccount();
  const issuedTokens: string[] = [];
  let active: AccountInfo | null = null;

  const issue = (account: AccountInfo, scopes: readonly string[]) => {
    const token = opaqueToken(issuedTokens.length + 1);
    issuedTokens.push(token);
    return authResult(account, scopes, token, new Date(now() + lifetimeMs));
  };
  const remember = (account: AccountInfo) => {
    if (!accounts.some((known) => known.homeAccountId === account.homeAccountId)) accounts.push(account);
  };

  return {
    issuedTokens,
    handleRedirectPromise: vi.fn<MsalClient['handleRedirectPromise']>(async () => {
      const result = options.redirectResult ?? null;
      if (result?.account) remember(result.account);
      return result;
    }),
    getActiveAccount: vi.fn<MsalClient['getActiveAccount']>(() => active),
    setActiveAccount: vi.fn<MsalClient['setActiveAccount']>((account) => {
      active = account;
    }),
    getAllAccounts: vi.fn<MsalClient['getAllAccounts']>(() => [...accounts]),
    acquireTokenSilent: vi.fn<MsalClient['acquireTokenSilent']>(async (request) => {
      const account = request.account ?? active;
      if (!account) throw new Error('fake MSAL: acquireTokenSilent without an account');
      return issue(account, request.scopes);
    }),
    acquireTokenPopup: vi.fn<MsalClient['acquireTokenPopup']>(async (request) =>
      issue(request.account ?? signInAccount, request.scopes),
    ),
    acquireTokenRedirect: vi.fn<MsalClient['acquireTokenRedirect']>(navigatesAway),
    loginPopup: vi.fn<MsalClient['loginPopup']>(async (request) => {
      remember(signInAccount);
      return issue(signInAccount, request?.scopes ?? []);
    }),
    loginRedirect: vi.fn<MsalClient['loginRedirect']>(navigatesAway),
    logoutPopup: vi.fn<MsalClient['logoutPopup']>(async () => {
      accounts.length = 0;
    }),
    logoutRedirect: vi.fn<MsalClient['logoutRedirect']>(navigatesAway),
    clearCache: vi.fn<MsalClient['clearCache']>(async (request) => {
      const gone = request?.account?.homeAccountId;
      const kept = accounts.filter((account) => gone !== undefined && account.homeAccountId !== gone);
      accounts.splice(0, accounts.length, ...kept);
    }),
  };
}

export const EXCHANGE_URL = 'https://contoso.example/api/acs-token';

export interface ExchangeRecorder {
  /** Every request the exchange endpoint received. */
  readonly requests: Request[];
  /** Every ACS token it issued. */
  readonly issuedTokens: string[];
  /** Records the request and answers `200 { token, expiresOn }`, for handlers that delay or wrap the answer. */
  readonly answer: (request: Request) => Response;
  /** MSW handler for {@link EXCHANGE_URL} that calls `answer`. */
  readonly handler: ReturnType<typeof http.post>;
}

/** A working exchange endpoint that issues ACS tokens living `lifetimeMs` (Teams-user tokens: 60–90 minutes). */
export function createExchangeRecorder(
  now: () => number = () => Date.now(),
  lifetimeMs = 60 * 60_000,
): ExchangeRecorder {
  const requests: Request[] = [];
  const issuedTokens: string[] = [];
  const answer = (request: Request) => {
    requests.push(request.clone());
    const token = `acs-token-${issuedTokens.length + 1}-s3cr3t`;
    issuedTokens.push(token);
    return HttpResponse.json({ token, expiresOn: new Date(now() + lifetimeMs).toISOString() });
  };
  return {
    requests,
    issuedTokens,
    answer,
    handler: http.post(EXCHANGE_URL, ({ request }) => answer(request)),
  };
}

/** A returning user: one account in MSAL's cache, signed in silently through the identity port. */
export async function signedInIdentity(
  options: Partial<MsalIdentitySharedOptions> & { readonly client?: FakeMsalClient } = {},
) {
  const client = options.client ?? createFakeMsalClient({ cachedAccounts: [makeAccount()] });
  const identity = createMsalIdentity({ exchange: { url: EXCHANGE_URL }, ...options, client });
  await identity.signIn();
  client.acquireTokenSilent.mockClear();
  return { client, identity };
}
