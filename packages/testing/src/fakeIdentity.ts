import {
  type AcsAccessToken,
  type IdentityPort,
  type SignalOption,
  TeamsEndpointError,
  type TeamsUser,
} from '@teams-endpoint/core';
import { createPortControls, type FakeDeferred } from './portControls';

export type FakeIdentityMethod = 'signIn' | 'signOut' | 'getAcsToken' | 'getGraphToken';

export interface FakeIdentityOptions {
  /** The user that `signIn` returns. */
  readonly user: TeamsUser;
  /** Lifetime of each ACS token issued, in ms. Default: 75 minutes (Teams-user tokens live 60–90). */
  readonly tokenLifetimeMs?: number;
  /** Start signed in, as after a cached silent sign-in. */
  readonly signedIn?: boolean;
  /** The clock, for fake timers. */
  readonly now?: () => number;
}

/** A controllable identity port: a fixed user, tokens with a chosen expiry, and injectable failures. */
export interface FakeIdentity extends IdentityPort {
  /** How many times each method was called. */
  readonly calls: Readonly<Record<FakeIdentityMethod, number>>;
  /** Every Graph scope set requested, in order. */
  readonly graphScopeRequests: readonly (readonly string[])[];
  /** Makes the next `times` calls of `method` reject with `error`. */
  failNext(method: FakeIdentityMethod, error: TeamsEndpointError, times?: number): void;
  /** Holds the next call of `method` until the test settles it (or its signal aborts). */
  deferNext(method: FakeIdentityMethod): FakeDeferred;
  /** Makes every token issued from now on expire this many ms after issue. */
  setTokenLifetime(ms: number): void;
  /** The tokens issued so far; tests use them to check that no token leaks into state. */
  readonly issuedTokens: readonly string[];
}

/**
 * Creates a fake {@link IdentityPort}.
 *
 * @example
 * const identity = createFakeIdentity({ user: fabrikam.me });
 * identity.failNext('getAcsToken', new TeamsEndpointError('tenant_not_allowed', 'Tenant is not allowed.'));
 */
export function createFakeIdentity(options: FakeIdentityOptions): FakeIdentity {
  const now = options.now ?? Date.now;
  let lifetimeMs = options.tokenLifetimeMs ?? 75 * 60_000;
  let currentUser: TeamsUser | null = options.signedIn ? options.user : null;
  let serial = 0;
  const controls = createPortControls<FakeIdentityMethod>([
    'signIn',
    'signOut',
    'getAcsToken',
    'getGraphToken',
  ]);
  const enter = controls.enter;
  const graphScopeRequests: (readonly string[])[] = [];
  const issuedTokens: string[] = [];

  const issue = (kind: string): string => {
    serial += 1;
    const token = `fake-${kind}-token-${serial}-${Math.random().toString(36).slice(2)}`;
    issuedTokens.push(token);
    return token;
  };
  const requireUser = (): TeamsUser => {
    if (!currentUser) throw new TeamsEndpointError('not_signed_in', 'No user is signed in.');
    return currentUser;
  };

  return {
    calls: controls.calls,
    graphScopeRequests,
    issuedTokens,
    failNext: controls.failNext,
    deferNext: controls.deferNext,
    setTokenLifetime(ms) {
      lifetimeMs = ms;
    },
    async signIn(opts?: SignalOption) {
      await enter('signIn', opts?.signal);
      currentUser = options.user;
      return currentUser;
    },
    async signOut() {
      await enter('signOut', undefined);
      currentUser = null;
    },
    getCurrentUser: () => currentUser,
    async getAcsToken(opts): Promise<AcsAccessToken> {
      await enter('getAcsToken', opts?.signal);
      requireUser();
      return { token: issue('acs'), expiresOn: new Date(now() + lifetimeMs) };
    },
    async getGraphToken(scopes, opts) {
      await enter('getGraphToken', opts?.signal);
      requireUser();
      graphScopeRequests.push([...scopes]);
      return issue('graph');
    },
  };
}
