import { decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import { isGuid } from './guid';
import { createTenantSigningKeys } from './tenantSigningKeys';
import { TokenRejection } from './tokenRejection';

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

export interface EntraTokenValidatorOptions {
  /** Lower-case client id of the Entra app the token must be issued to (`appid` or `azp`). */
  clientId: string;
  /** Lower-case tenant ids. */
  allowedTenantIds: ReadonlySet<string>;
  clockSkewSeconds: number;
  authorityHost: string;
}

/**
 * Validates a Teams user's Entra access token for the ACS resource. Throws a {@link TokenRejection}:
 * 401 for any invalid token, 403 for a tenant outside the allow-list (decided before any key is
 * fetched) and 502 when the tenant's signing keys cannot be fetched.
 */
export function createEntraTokenValidator(
  options: EntraTokenValidatorOptions,
): (token: string) => Promise<VerifiedTeamsUser> {
  const { clientId, allowedTenantIds, clockSkewSeconds } = options;
  const signingKeysOf = createTenantSigningKeys(options);

  return async (token) => {
    // Read without trusting, only to choose the tenant's keys and refuse early what can never pass.
    const { alg, payload } = decodeUntrusted(token);
    if (alg !== 'RS256') throw invalidToken('alg_not_allowed');
    if (typeof payload.tid !== 'string' || !isGuid(payload.tid)) throw invalidToken('missing_tid');
    const tenantId = payload.tid.toLowerCase();
    if (!allowedTenantIds.has(tenantId)) {
      throw new TokenRejection(403, 'tenant_not_allowed', "The user's tenant is not allowed.");
    }
    const version = payload.ver;
    if (version !== '1.0' && version !== '2.0') throw invalidToken('unknown_version');

    let verified: JWTPayload;
    try {
      ({ payload: verified } = await jwtVerify(token, signingKeysOf(tenantId), {
        algorithms: ALLOWED_ALGORITHMS,
        audience: [...ACS_TOKEN_AUDIENCES],
        issuer: expectedIssuer(version, payload.tid),
        clockTolerance: clockSkewSeconds,
        requiredClaims: ['exp', 'tid', 'oid', 'ver'],
      }));
    } catch (error) {
      throw error instanceof errors.JOSEError ? invalidToken(joseReason(error)) : error;
    }

    // The signature now vouches for the payload; check what jwtVerify does not know about.
    if (verified.ver !== version || verified.tid !== payload.tid) throw invalidToken('claims_changed');
    if (typeof verified.aud !== 'string') throw invalidToken('aud');
    const authorizedClient = version === '1.0' ? verified.appid : verified.azp;
    if (typeof authorizedClient !== 'string' || authorizedClient.toLowerCase() !== clientId) {
      throw invalidToken('client_id');
    }
    if (!isGuid(verified.oid)) throw invalidToken('oid');
    // App-only tokens carry `roles` instead of `scp`; only a signed-in user can be a Teams endpoint.
    if (typeof verified.scp !== 'string' || verified.scp.trim().length === 0) throw invalidToken('scp');

    return {
      tenantId,
      userId: verified.oid.toLowerCase(),
      claims: verified as TeamsUserClaims,
    };
  };
}

function expectedIssuer(version: '1.0' | '2.0', tenantId: string): string {
  return version === '1.0'
    ? `https://sts.windows.net/${tenantId}/`
    : `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

function decodeUntrusted(token: string): { alg: unknown; payload: JWTPayload } {
  try {
    return { alg: decodeProtectedHeader(token).alg, payload: decodeJwt(token) };
  } catch {
    throw invalidToken('malformed');
  }
}

function joseReason(error: InstanceType<typeof errors.JOSEError>): string {
  return error instanceof errors.JWTClaimValidationFailed ? `${error.code}:${error.claim}` : error.code;
}

function invalidToken(reason: string): TokenRejection {
  return new TokenRejection(401, 'invalid_token', 'The access token is invalid or expired.', reason);
}
