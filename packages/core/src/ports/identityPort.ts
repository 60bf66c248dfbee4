import type { TeamsUser } from '../domain/people';

export interface SignalOption {
  readonly signal?: AbortSignal;
}

/** An ACS access token for the signed-in Teams user. Never stored in state. */
export interface AcsAccessToken {
  readonly token: string;
  /** When the token stops working. Teams-user tokens live about 60–90 minutes. */
  readonly expiresOn: Date;
}

/**
 * Who the user is, and the tokens that prove it.
 *
 * Real implementation: `@teams-endpoint/msal`. Fake: `createFakeIdentity()` in `@teams-endpoint/testing`.
 * Every method rejects only with a `TeamsEndpointError`.
 */
export interface IdentityPort {
  /** Signs the user in (silently when possible) and returns who they are. */
  signIn(options?: SignalOption): Promise<TeamsUser>;
  /** Signs out and stops any refresh timers. */
  signOut(): Promise<void>;
  /** The signed-in user, or `null`. Synchronous: no I/O. */
  getCurrentUser(): TeamsUser | null;
  /** An ACS token for the Teams user, fresh unless it is close to expiry; `forceRefresh` skips any cache. */
  getAcsToken(options?: SignalOption & { readonly forceRefresh?: boolean }): Promise<AcsAccessToken>;
  /** A Microsoft Graph access token for the given delegated scopes. */
  getGraphToken(
    scopes: readonly string[],
    options?: SignalOption & { readonly forceRefresh?: boolean },
  ): Promise<string>;
}
