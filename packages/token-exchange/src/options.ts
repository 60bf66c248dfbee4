import type { CommunicationIdentityClientOptions } from '@azure/communication-identity';
import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import type { VerifiedTeamsUser } from './entraTokenValidator';
import type { TokenExchangeErrorCode } from './errorCodes';
import { isGuid } from './guid';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimiter';
import { DEFAULT_AUTHORITY_HOST } from './tenantSigningKeys';

/** What the handler tells its logger. Never contains a token. */
export type TokenExchangeLogEvent =
  | {
      level: 'info';
      type: 'token_exchanged';
      status: 200;
      tenantId: string;
      userId: string;
    }
  | {
      /** `warn` for 4xx, `error` for 5xx. */
      level: 'warn' | 'error';
      type: 'request_rejected';
      status: number;
      code: TokenExchangeErrorCode;
      /** A short machine-readable cause, such as `ERR_JWT_EXPIRED`, `client_id` or `acs_status_401`. */
      reason: string;
      /** Known once the token named an allowed tenant. */
      tenantId?: string;
      /** Known once the token was verified. */
      userId?: string;
    };

/** Where the ACS resource is: a connection string, or an endpoint and a credential. */
export type AcsResourceOptions =
  | {
      /** `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>`. Keep it secret. */
      connectionString: string;
      endpoint?: never;
      credential?: never;
    }
  | {
      /** `https://<resource>.communication.azure.com`. */
      endpoint: string;
      /** An `AzureKeyCredential` or a `TokenCredential` (for example a managed identity). */
      credential: KeyCredential | TokenCredential;
      connectionString?: never;
    };

export type TokenExchangeHandlerOptions = AcsResourceOptions & {
  /** Client id of the Entra app the browser signs in with. Tokens issued to any other app are refused. */
  clientId: string;
  /**
   * Tenant ids (GUIDs) whose users may exchange tokens. Required and non-empty: there is no
   * "allow all", and `common`, `organizations`, `consumers` and `*` are refused.
   */
  allowedTenantIds: readonly string[];
  /**
   * Origins (`https://app.contoso.com`) allowed to call from a browser. Exact match, no wildcard.
   * Default: none, so any request that carries an `Origin` header is refused.
   */
  allowedOrigins?: readonly string[];
  /** Tolerance for `exp` and `nbf`, in seconds, 0 to 300. Default 60. */
  clockSkewSeconds?: number;
  /**
   * App-specific authorization, called for a verified user before the exchange.
   * Return `false` to refuse with `403 user_not_allowed`.
   */
  authorizeUser?: (user: VerifiedTeamsUser) => boolean | Promise<boolean>;
  /** Per-user limit on exchanges, or `false` to turn it off. Default 10 per minute. */
  rateLimit?: RateLimitOptions | false;
  /** Origin of the Entra authority that serves the tenants' signing keys. Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /** Receives one event per request. Events never contain a token. */
  logger?: (event: TokenExchangeLogEvent) => void;
  /** Options of the `CommunicationIdentityClient` HTTP pipeline, such as `retryOptions`. */
  identityClientOptions?: CommunicationIdentityClientOptions;
};

/** The options after validation, normalized for lookups. */
export interface ResolvedOptions {
  clientId: string;
  allowedTenantIds: ReadonlySet<string>;
  allowedOrigins: ReadonlySet<string>;
  clockSkewSeconds: number;
  rateLimit: RateLimitOptions | false;
  authorityHost: string;
}

const MULTI_TENANT_ALIASES = new Set(['*', 'common', 'organizations', 'consumers']);
const MAX_CLOCK_SKEW_SECONDS = 300;
/** The shape `@azure/communication-common` parses. Checked here so that its error, which echoes the key, is never thrown. */
const CONNECTION_STRING = /endpoint=(.+);accesskey=(.+)/i;

/** Validates the options at construction, so that a misconfigured server fails to start. */
export function resolveOptions(options: TokenExchangeHandlerOptions): ResolvedOptions {
  checkAcsResource(options);
  if (!isGuid(options.clientId)) throw new TypeError('clientId must be the GUID of the Entra app.');
  return {
    clientId: options.clientId.toLowerCase(),
    allowedTenantIds: resolveTenantIds(options.allowedTenantIds),
    allowedOrigins: resolveOrigins(options.allowedOrigins ?? []),
    clockSkewSeconds: resolveClockSkew(options.clockSkewSeconds ?? 60),
    rateLimit: resolveRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    authorityHost: resolveAuthorityHost(options.authorityHost ?? DEFAULT_AUTHORITY_HOST),
  };
}

function checkAcsResource(options: AcsResourceOptions): void {
  if (options.connectionString !== undefined) {
    const endpoint = CONNECTION_STRING.exec(options.connectionString)?.[1];
    if (endpoint === undefined || !isHttpsUrl(endpoint)) {
      throw new TypeError(
        'connectionString must look like "endpoint=https://<resource>.communication.azure.com/;accesskey=<key>".',
      );
    }
    return;
  }
  if (typeof options.endpoint !== 'string' || !isHttpsUrl(options.endpoint)) {
    throw new TypeError('Pass either connectionString, or endpoint (an https URL) and credential.');
  }
  if (typeof options.credential !== 'object' || options.credential === null) {
    throw new TypeError('credential must be an AzureKeyCredential or a TokenCredential.');
  }
}

function resolveTenantIds(tenantIds: readonly string[] | undefined): ReadonlySet<string> {
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

function resolveOrigins(origins: readonly string[]): ReadonlySet<string> {
  for (const origin of origins) {
    if (!isOrigin(origin)) {
      throw new TypeError(`allowedOrigins: "${origin}" is not an origin such as "https://app.contoso.com".`);
    }
  }
  return new Set(origins);
}

function resolveClockSkew(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CLOCK_SKEW_SECONDS) {
    throw new TypeError(`clockSkewSeconds must be between 0 and ${MAX_CLOCK_SKEW_SECONDS}.`);
  }
  return seconds;
}

function resolveRateLimit(rateLimit: RateLimitOptions | false): RateLimitOptions | false {
  if (rateLimit === false) return false;
  const { maxRequests, windowMs, maxTrackedUsers } = rateLimit;
  if (!isPositiveInteger(maxRequests) || !isPositiveInteger(windowMs)) {
    throw new TypeError('rateLimit.maxRequests and rateLimit.windowMs must be positive integers.');
  }
  if (maxTrackedUsers !== undefined && !isPositiveInteger(maxTrackedUsers)) {
    throw new TypeError('rateLimit.maxTrackedUsers must be a positive integer.');
  }
  return rateLimit;
}

function resolveAuthorityHost(authorityHost: string): string {
  if (!isHttpsUrl(authorityHost) || new URL(authorityHost).origin !== authorityHost.replace(/\/$/, '')) {
    throw new TypeError('authorityHost must be an https origin such as "https://login.microsoftonline.com".');
  }
  return new URL(authorityHost).origin;
}

function isOrigin(value: string): boolean {
  if (value.includes('*')) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
