import type { AccountInfo } from '@azure/msal-browser';
import { TeamsEndpointError, type TeamsUser } from '@teams-endpoint/core';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Maps an MSAL account to the core's {@link TeamsUser}: `oid`, `tid`, `name` and `preferred_username` from the ID
 * token claims, falling back to the account's own fields (`localAccountId`, the `<oid>.<tid>` home account id,
 * `tenantId`, `name`, `username`). Never copies a token.
 *
 * @throws {TeamsEndpointError} `sign_in_failed` when neither the claims nor the account name the user or tenant.
 */
export function toTeamsUser(account: AccountInfo): TeamsUser {
  const claims = account.idTokenClaims ?? {};
  const [homeObjectId, homeTenantId] = account.homeAccountId.split('.');
  const id = text(claims.oid) ?? text(account.localAccountId) ?? text(homeObjectId);
  const tenantId = text(claims.tid) ?? text(account.tenantId) ?? text(homeTenantId);
  if (id === undefined || tenantId === undefined) {
    throw new TeamsEndpointError(
      'sign_in_failed',
      'Microsoft Entra ID returned an account without a user or tenant id.',
      { details: { reason: 'account_without_ids' } },
    );
  }
  const userPrincipalName = text(claims.preferred_username) ?? text(account.username);
  return {
    id,
    tenantId,
    displayName: text(claims.name) ?? text(account.name) ?? userPrincipalName ?? id,
    ...(userPrincipalName === undefined ? {} : { userPrincipalName }),
  };
}
