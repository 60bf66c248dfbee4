import { compactVerify, errors } from 'jose';
import { isGuid } from './guid';
import { createTenantSigningKeys, type KeyFetchOptions, resolveKeyFetch } from './tenantSigningKeys';
import { TokenRejection } from './tokenRejection';
import { readUntrustedJwt } from './untrustedJwt';

/**
 * The `aud` of an Entra token for the Azure Communication Services resource
 * (scopes `https://auth.msft.communication.azure.com/Teams.ManageCalls` and `…/Teams.ManageChats`).
 * A v1.0 token carries the resource URI it was requested for; a v2.0 token always carries the
 * resource's application id. Both name the same first-party application, and nothing else is accepted.
 */
export const ACS_TOKEN_AUDIENCES: readonly string[] = Object.freeze([
  'https://auth.msft.communication.azure.com',
  '1fd5118e-2576-4263-8130-9503064c837a',
]);

/** The delegated scopes a token must carry, both of them, to be exchanged for an ACS token. */
export const ACS_REQUIRED_SCOPES: readonly string[] = Object.freeze([
  'Teams.ManageCalls',
  'Teams.ManageChats',
]);

/** Entra signs access tokens with RS256 only; `none`, HS* and every other algorithm are refused. */
const ALLOWED_ALGORITHMS = ['RS256'];

/** The verified claims of a Teams user's Entra access token. */
export interface TeamsUserClaims {
  /** The user's tenant. */
  readonly tid: string;
  /** The user's object id: the Teams user the ACS token is issued for. */
  readonly oid: string;
  readonly iss: string;
  readonly aud: string;
  readonly exp: number;
  readonly ver: '1.0' | '2.0';
  /** The delegated scopes, space separated. */
  readonly scp: string;
  readonly [claim: string]: unknown;
}

/** A Teams user whose Entra token passed every check. */
export interface VerifiedTeamsUser {
  /** Lower-case tenant id (`tid`). */
  tenantId: string;
  /** Lower-case user object id (`oid`). */
  userId: string;
  claims: TeamsUserClaims;
}

/**
 * Checks a bearer token and returns its user, or throws a {@link TokenRejection}: 401 for any invalid
 * token, 403 for a tenant outside the allow-list (decided before any key is fetched) and 502 when the
 * tenant's signing keys cannot be fetched (or could not be, moments ago: see `keyFetch`).
 */
export type EntraTokenValidator = (token: string) => Promise<VerifiedTeamsUser>;

/** What an API accepts: the public options of {@link createEntraTokenValidator}. */
export interface EntraTokenValidatorOptions {
  /** Client id (GUID) of the Entra app the user signed in to: the token's `appid` (v1.0) or `azp` (v2.0). */
  clientId: string;
  /**
   * The accepted `aud` values: your API's application id (GUID, what v2.0 tokens carry) and its
   * application id URI (`api://…`, what v1.0 tokens requested for it carry). At least one.
   */
  audiences: readonly string[];
  /** Delegated scopes the token's `scp` must contain, every one of them (exact names). At least one. */
  requiredScopes: readonly string[];
  /** Tenant ids (GUIDs) whose users are accepted. No "allow all". */
  allowedTenantIds: readonly string[];
  /** Tolerance for `exp` and `nbf`, in seconds, 0 to 300. Default 60. */
  clockSkewSeconds?: number;
  /** Origin of the Entra authority that serves the tenants' signing keys. Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /** How long a key fetch may take, and how long a tenant whose keys failed waits before the next fetch. */
  keyFetch?: KeyFetchOptions;
}

/** The options after validation, normalized for lookups. */
export interface ResolvedValidatorOptions {
  /** Lower-case. */
  clientId: string;
  audiences: ReadonlySet<string>;
  requiredScopes: readonly string[];
  /** Lower-case. */
  allowedTenantIds: ReadonlySet<string>;
  clockSkewSeconds: number;
  authorityHost: string;
  keyFetch: Required<KeyFetchOptions>;
  /**
   * `false` only for the token exchange's opt-in mode, where ACS's own exchange checks the signature.
   * Every claims check still runs.
   */
  verifySignature: boolean;
  now?: () => number;
}

/**
 * Validates Entra access tokens for your own API, with the checks the token exchange makes: RS256 only, the
 * tenant's published keys, the audience, the issuer of that very tenant, the client app, the lifetime, a
 * GUID `oid`, every required scope, no app-only token and no repeated claim.
 *
 * @example
 * ```ts
 * const validate = createEntraTokenValidator({
 *   clientId: '5e1c4e6f-0a2b-4c3d-8e9f-1a2b3c4d5e6f', // the SPA
 *   audiences: ['api://contoso-customers', '0b7c2f1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b'],
 *   requiredScopes: ['Customers.Read'],
 *   allowedTenantIds: ['f8cdef31-a31e-4b4a-93e4-5f571e91255a'],
 * });
 * const { tenantId, userId } = await validate(bearerToken);
 * ```
 */
export function createEntraTokenValidator(options: EntraTokenValidatorOptions): EntraTokenValidator {
  return createValidator(resolveValidatorOptions(options, { verifySignature: true }));
}

/** Validates the options at construction, so that a misconfigured server fails to start. */
export function resolveValidatorOptions(
  options: EntraTokenValidatorOptions,
  { verifySignature }: { verifySignature: boolean },
): ResolvedValidatorOptions {
  if (!isGuid(options.clientId)) throw new TypeError('clientId must be the GUID of the Entra app.');
  return {
    clientId: options.clientId.toLowerCase(),
    audiences: resolveNames(options.audiences, 'audiences'),
    requiredScopes: [...resolveNames(options.requiredScopes, 'requiredScopes')],
    allowedTenantIds: resolveTenantIds(options.allowedTenantIds),
    clockSkewSeconds: resolveClockSkew(options.clockSkewSeconds ?? 60),
    authorityHost: resolveAuthorityHost(options.authorityHost ?? DEFAULT_AUTHORITY_HOST),
    keyFetch: resolveKeyFetch(options.keyFetch),
    verifySignature,
  };
}

/** The validator over resolved options (the exchange resolves its own, with its signature mode). */
export function createValidator(options: ResolvedValidatorOptions): EntraTokenValidator {
  const { verifySignature } = options;
  const signingKeysOf = createTenantSigningKeys(options);

  return async (token) => {
    // Every claim is checked first, on the untrusted payload, so that a token whose signature alone fails
    // is told apart in the log (`valid_claims_bad_signature`): what a token Entra signed for a Microsoft
    // API that third parties cannot verify would look like.
    const jwt = readUntrustedJwt(token);
    if (typeof jwt === 'string') throw invalidToken(jwt);
    const user = checkClaims(jwt.header, jwt.payload, options);
    if (!verifySignature) return user;
    try {
      await compactVerify(token, signingKeysOf(user.tenantId), { algorithms: ALLOWED_ALGORITHMS });
    } catch (error) {
      if (error instanceof TokenRejection) throw error;
      const detail = error instanceof errors.JOSEError ? error.code : 'verification_failed';
      throw invalidToken('valid_claims_bad_signature', detail);
    }
    return user;
  };
}

const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** The claims checks, in an order that refuses the cheapest and most telling failures first. */
function checkClaims(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  {
    clientId,
    audiences,
    requiredScopes,
    allowedTenantIds,
    clockSkewSeconds,
    now = Date.now,
  }: ResolvedValidatorOptions,
): VerifiedTeamsUser {
  if (header.alg !== 'RS256') throw invalidToken('alg_not_allowed');
  const { tid, ver } = payload;
  if (typeof tid !== 'string' || !isGuid(tid)) throw invalidToken('missing_tid');
  const tenantId = tid.toLowerCase();
  if (!allowedTenantIds.has(tenantId)) {
    throw new TokenRejection(403, 'tenant_not_allowed', "The user's tenant is not allowed.");
  }
  if (ver !== '1.0' && ver !== '2.0') throw invalidToken('unknown_version');
  if (payload.iss !== expectedIssuer(ver, tid)) throw invalidToken('iss');
  if (typeof payload.aud !== 'string' || !audiences.has(payload.aud)) throw invalidToken('aud');

  const seconds = Math.floor(now() / 1000);
  const { exp, nbf, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalidToken('exp');
  if (seconds - clockSkewSeconds >= exp) throw invalidToken('expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) throw invalidToken('nbf');
  if (typeof nbf === 'number' && nbf > seconds + clockSkewSeconds) throw invalidToken('not_yet_valid');
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) throw invalidToken('iat');

  const authorizedClient = ver === '1.0' ? payload.appid : payload.azp;
  if (typeof authorizedClient !== 'string' || authorizedClient.toLowerCase() !== clientId) {
    throw invalidToken('client_id');
  }
  if (typeof payload.oid !== 'string' || !isGuid(payload.oid)) throw invalidToken('oid');
  // An app-only token says so in `idtyp` (when the app asked for the claim) and carries `roles`, not `scp`.
  // Only a signed-in user can be a Teams endpoint, whatever `scp` an app token may also carry.
  if (payload.idtyp !== undefined && payload.idtyp !== 'user') throw invalidToken('app_token');
  if (typeof payload.scp !== 'string') throw invalidToken('scp');
  const scopes = new Set(payload.scp.split(' '));
  if (!requiredScopes.every((scope) => scopes.has(scope))) throw invalidToken('scp');

  return {
    tenantId,
    userId: payload.oid.toLowerCase(),
    claims: payload as TeamsUserClaims,
  };
}

function expectedIssuer(version: '1.0' | '2.0', tenantId: string): string {
  return version === '1.0'
    ? `https://sts.windows.net/${tenantId}/`
    : `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

function invalidToken(reason: string, detail?: string): TokenRejection {
  return new TokenRejection(
    401,
    'invalid_token',
    'The access token is invalid or expired.',
    reason,
    {},
    detail,
  );
}

const MULTI_TENANT_ALIASES = new Set(['*', 'common', 'organizations', 'consumers']);
const MAX_CLOCK_SKEW_SECONDS = 300;

function resolveNames(values: readonly string[] | undefined, name: string): ReadonlySet<string> {
  if (!Array.isArray(values) || values.length === 0)
    throw new TypeError(`${name} must list at least one value.`);
  for (const value of values) {
    if (typeof value !== 'string' || value.trim() !== value || value.length === 0 || value.includes(' ')) {
      throw new TypeError(`${name}: "${String(value)}" is not a name (no spaces, not empty).`);
    }
  }
  return new Set(values);
}

export function resolveTenantIds(tenantIds: readonly string[] | undefined): ReadonlySet<string> {
  if (!Array.isArray(tenantIds) || tenantIds.length === 0) {
    throw new TypeError('allowedTenantIds is required and must list at least one tenant id.');
  }
  for (const tenantId of tenantIds) {
    if (MULTI_TENANT_ALIASES.has(String(tenantId).toLowerCase())) {
      throw new TypeError(
        `allowedTenantIds must list tenant ids, not "${tenantId}": there is no "allow all".`,
      );
    }
    if (!isGuid(tenantId))
      throw new TypeError(`allowedTenantIds: "${tenantId}" is not a tenant id (a GUID).`);
  }
  return new Set(tenantIds.map((tenantId) => tenantId.toLowerCase()));
}

function resolveClockSkew(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CLOCK_SKEW_SECONDS) {
    throw new TypeError(`clockSkewSeconds must be between 0 and ${MAX_CLOCK_SKEW_SECONDS}.`);
  }
  return seconds;
}

function resolveAuthorityHost(authorityHost: string): string {
  let url: URL;
  try {
    url = new URL(authorityHost);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' || url.origin !== authorityHost.replace(/\/$/, '')) {
    throw new TypeError('authorityHost must be an https origin such as "https://login.microsoftonline.com".');
  }
  return url.origin;
}
