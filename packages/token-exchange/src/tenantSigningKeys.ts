import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { TokenRejection } from './tokenRejection';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export interface TenantSigningKeysOptions {
  /** Origin of the Entra authority that serves `/{tenantId}/discovery/v2.0/keys`. */
  authorityHost: string;
  /** Lower-case tenant ids. Keys are never fetched for any other tenant. */
  allowedTenantIds: ReadonlySet<string>;
}

/**
 * The signing keys of each allowed tenant, fetched on first use and cached by jose
 * (refetched at most every 30 s when a token names an unknown `kid`).
 * At most one key set per allowed tenant is ever kept, so memory stays bounded.
 */
export function createTenantSigningKeys({
  authorityHost,
  allowedTenantIds,
}: TenantSigningKeysOptions): (tenantId: string) => JWTVerifyGetKey {
  const keySets = new Map<string, JWTVerifyGetKey>();

  return (tenantId) => {
    if (!allowedTenantIds.has(tenantId)) {
      throw new Error('Signing keys are only fetched for allowed tenants.');
    }
    let keySet = keySets.get(tenantId);
    if (keySet === undefined) {
      keySet = withKeyFailuresMapped(
        createRemoteJWKSet(new URL(`${authorityHost}/${tenantId}/discovery/v2.0/keys`)),
      );
      keySets.set(tenantId, keySet);
    }
    return keySet;
  };
}

/**
 * An unknown `kid` is the token's fault (401), but a key set that cannot be fetched or read is the
 * authority's (502). Telling them apart here keeps the mapping of `jwtVerify` errors simple.
 */
function withKeyFailuresMapped(keySet: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (protectedHeader, token) => {
    try {
      return await keySet(protectedHeader, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      throw new TokenRejection(
        502,
        'keys_unavailable',
        "The signing keys of the token's tenant could not be fetched.",
        error instanceof errors.JOSEError ? error.code : 'jwks_fetch_failed',
      );
    }
  };
}
