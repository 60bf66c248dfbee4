import { createLocalJWKSet, createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { TokenRejection } from './tokenRejection';

/** How the tenants' signing keys are fetched, and how a tenant whose keys could not be fetched is spared. */
export interface KeyFetchOptions {
  /** Longest wait for one key fetch, in milliseconds. Default 5 000. */
  timeoutMs?: number;
  /**
   * After a failed fetch, no request naming that tenant fetches again for this long (milliseconds); each
   * further failure doubles it, up to `maxFailureCooldownMs`, and a successful fetch resets it. Tenant ids
   * are public, so without this anyone could make the server fetch a failing endpoint at will. Default 10 000.
   */
  failureCooldownMs?: number;
  /** Default 160 000 (10 s, 20 s, 40 s, 80 s, 160 s). */
  maxFailureCooldownMs?: number;
}

export interface TenantSigningKeysOptions {
  /** Origin of the Entra authority that serves `/{tenantId}/discovery/v2.0/keys`. */
  authorityHost: string;
  /** Lower-case tenant ids. Keys are never fetched for any other tenant. */
  allowedTenantIds: ReadonlySet<string>;
  keyFetch: Required<KeyFetchOptions>;
  now?: () => number;
}

const DEFAULT_KEY_FETCH: Required<KeyFetchOptions> = {
  timeoutMs: 5_000,
  failureCooldownMs: 10_000,
  maxFailureCooldownMs: 160_000,
};

/** How often jose refetches a tenant's keys when a token names a `kid` it does not know. */
const UNKNOWN_KID_COOLDOWN_MS = 30_000;

export function resolveKeyFetch(options: KeyFetchOptions = {}): Required<KeyFetchOptions> {
  const resolved = { ...DEFAULT_KEY_FETCH, ...options };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > 3_600_000) {
      throw new TypeError(`keyFetch.${name} must be a whole number of milliseconds, at most an hour.`);
    }
  }
  if (resolved.maxFailureCooldownMs < resolved.failureCooldownMs) {
    throw new TypeError('keyFetch.maxFailureCooldownMs must be at least keyFetch.failureCooldownMs.');
  }
  return resolved;
}

/**
 * The signing keys of each allowed tenant, fetched on first use and cached by jose (refetched at most
 * every 30 s when a token names an unknown `kid`). At most one key set per allowed tenant is ever kept, so
 * memory stays bounded. A fetch that fails puts the tenant in a cool-down during which its requests are
 * answered `502 keys_unavailable` without fetching: at most one fetch per tenant per cool-down.
 */
export function createTenantSigningKeys({
  authorityHost,
  allowedTenantIds,
  keyFetch,
  now = Date.now,
}: TenantSigningKeysOptions): (tenantId: string) => JWTVerifyGetKey {
  const keySets = new Map<string, JWTVerifyGetKey>();

  return (tenantId) => {
    if (!allowedTenantIds.has(tenantId)) {
      throw new Error('Signing keys are only fetched for allowed tenants.');
    }
    let keySet = keySets.get(tenantId);
    if (keySet === undefined) {
      const remote = createRemoteJWKSet(new URL(`${authorityHost}/${tenantId}/discovery/v2.0/keys`), {
        timeoutDuration: keyFetch.timeoutMs,
        cooldownDuration: UNKNOWN_KID_COOLDOWN_MS,
      });
      keySet = withFailureCooldown(remote, keyFetch, now);
      keySets.set(tenantId, keySet);
    }
    return keySet;
  };
}

/**
 * An unknown `kid` is the token's fault (401), but a key set that cannot be fetched or read is the
 * authority's (502), and it opens the cool-down. Concurrent requests share jose's one pending fetch; when
 * it fails they all fail, and the cool-down grows once, not once per request. During a cool-down, keys
 * still fresh in jose's cache keep serving (a failed refetch for an unknown `kid` does not lock out the
 * tenant's valid tokens), but nothing is fetched.
 */
function withFailureCooldown(
  keySet: ReturnType<typeof createRemoteJWKSet>,
  { failureCooldownMs, maxFailureCooldownMs }: Required<KeyFetchOptions>,
  now: () => number,
): JWTVerifyGetKey {
  let failedAt = Number.NEGATIVE_INFINITY;
  let cooldownMs = 0;

  return async (protectedHeader, token) => {
    const startedAt = now();
    if (startedAt < failedAt + cooldownMs) {
      const cached = keySet.fresh ? keySet.jwks() : undefined;
      if (cached === undefined) throw keysUnavailable('keys_cooldown');
      return createLocalJWKSet(cached)(protectedHeader, token);
    }
    try {
      const key = await keySet(protectedHeader, token);
      cooldownMs = 0;
      return key;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      if (failedAt < startedAt) {
        failedAt = now();
        cooldownMs = cooldownMs === 0 ? failureCooldownMs : Math.min(cooldownMs * 2, maxFailureCooldownMs);
      }
      throw keysUnavailable(error instanceof errors.JOSEError ? error.code : 'jwks_fetch_failed');
    }
  };
}

function keysUnavailable(reason: string): TokenRejection {
  return new TokenRejection(
    502,
    'keys_unavailable',
    "The signing keys of the token's tenant could not be fetched.",
    reason,
  );
}
