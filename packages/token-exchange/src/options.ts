import type { CommunicationIdentityClientOptions } from '@azure/communication-identity';
import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import { resolveAllowedOrigins } from './cors';
import {
  ACS_REQUIRED_SCOPES,
  ACS_TOKEN_AUDIENCES,
  type ResolvedValidatorOptions,
  resolveValidatorOptions,
  type VerifiedTeamsUser,
} from './entraTokenValidator';
import type { TokenExchangeErrorCode } from './errorCodes';
import { createMemoryRateLimitStore, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimiter';
import type { KeyFetchOptions } from './tenantSigningKeys';

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
      /**
       * A short machine-readable cause, such as `expired`, `client_id`, `acs_status_401` or `acs_timeout`.
       * `valid_claims_bad_signature`: every claim of the token was valid but its signature did not verify
       * against the tenant's published keys (see `signatureValidation`).
       */
      reason: string;
      /** A further detail of `reason` when there is one, such as the jose error code of a signature failure. */
      detail?: string;
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
  authorizeUser?: (user: VerifiedTeamsUser, options: { signal: AbortSignal }) => boolean | Promise<boolean>;
  /**
   * Longest wait for `authorizeUser`, in milliseconds; past it the request fails with 500 (log reason
   * `authorize_user_timeout`) and the hook's `signal` aborts. Default 5 000.
   */
  authorizeUserTimeoutMs?: number;
  /** Per-user limit on exchanges, or `false` to turn it off. Default 10 per minute, in memory. */
  rateLimit?: RateLimitOptions | false;
  /** Origin of the Entra authority that serves the tenants' signing keys. Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /** Timeout of a key fetch, and the cool-down of a tenant whose keys could not be fetched. */
  keyFetch?: KeyFetchOptions;
  /**
   * Longest wait for ACS's exchange, retries included, in milliseconds; past it the request is answered
   * `504 acs_timeout` and the exchange (with its retries) is abandoned. Default 10 000.
   */
  acsTimeoutMs?: number;
  /**
   * `local` (the default): the token's signature is verified against its tenant's published keys.
   * `acs`: it is not verified here but left to ACS's own exchange, which verifies the token and checks
   * that its app id and `oid` are those the request names. Every claims check still runs (tenant
   * allow-list, audience, issuer, client app, lifetime, `oid`, scopes, no app token, no repeated claim).
   * Opt in only if local verification fails on a real tenant: the log then shows
   * `valid_claims_bad_signature` for tokens whose claims are all valid. In this mode the rate limit is
   * charged to the user the unverified token names, so someone who knows a user's `tid` and `oid` can use up
   * that user's window (not get a token): keep an IP limit at your gateway.
   */
  signatureValidation?: 'local' | 'acs';
  /**
   * Receives one event per request. Events never contain a token. Best effort: what it throws, or a
   * promise it returns that rejects, is ignored, and the response never waits for it.
   */
  logger?: (event: TokenExchangeLogEvent) => void | Promise<void>;
  /** Options of the `CommunicationIdentityClient` HTTP pipeline, such as `retryOptions`. */
  identityClientOptions?: CommunicationIdentityClientOptions;
};

/** The options after validation, normalized for lookups. */
export interface ResolvedOptions extends ResolvedValidatorOptions {
  allowedOrigins: ReadonlySet<string>;
  rateLimit: Required<Omit<RateLimitOptions, 'maxTrackedUsers'>> | false;
  acsTimeoutMs: number;
  authorizeUserTimeoutMs: number;
}

/** The shape `@azure/communication-common` parses. Checked here so that its error, which echoes the key, is never thrown. */
const CONNECTION_STRING = /endpoint=(.+);accesskey=(.+)/i;
const DEFAULT_ACS_TIMEOUT_MS = 10_000;
const DEFAULT_RATE_LIMIT_TIMEOUT_MS = 1_000;
const DEFAULT_AUTHORIZE_USER_TIMEOUT_MS = 5_000;

/** Validates the options at construction, so that a misconfigured server fails to start. */
export function resolveOptions(options: TokenExchangeHandlerOptions): ResolvedOptions {
  checkAcsResource(options);
  const signatureValidation = options.signatureValidation ?? 'local';
  if (signatureValidation !== 'local' && signatureValidation !== 'acs') {
    throw new TypeError('signatureValidation must be "local" or "acs".');
  }
  return {
    ...resolveValidatorOptions(
      {
        clientId: options.clientId,
        audiences: ACS_TOKEN_AUDIENCES,
        requiredScopes: ACS_REQUIRED_SCOPES,
        allowedTenantIds: options.allowedTenantIds,
        ...(options.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: options.clockSkewSeconds }),
        ...(options.authorityHost === undefined ? {} : { authorityHost: options.authorityHost }),
        ...(options.keyFetch === undefined ? {} : { keyFetch: options.keyFetch }),
      },
      { verifySignature: signatureValidation === 'local' },
    ),
    allowedOrigins: resolveAllowedOrigins(options.allowedOrigins ?? []),
    rateLimit: resolveRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    acsTimeoutMs: resolveMilliseconds(options.acsTimeoutMs ?? DEFAULT_ACS_TIMEOUT_MS, 'acsTimeoutMs'),
    authorizeUserTimeoutMs: resolveMilliseconds(
      options.authorizeUserTimeoutMs ?? DEFAULT_AUTHORIZE_USER_TIMEOUT_MS,
      'authorizeUserTimeoutMs',
    ),
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

function resolveRateLimit(rateLimit: RateLimitOptions | false): ResolvedOptions['rateLimit'] {
  if (rateLimit === false) return false;
  const {
    maxRequests,
    windowMs,
    maxTrackedUsers,
    store,
    timeoutMs = DEFAULT_RATE_LIMIT_TIMEOUT_MS,
  } = rateLimit;
  if (!isPositiveInteger(maxRequests) || !isPositiveInteger(windowMs)) {
    throw new TypeError('rateLimit.maxRequests and rateLimit.windowMs must be positive integers.');
  }
  if (maxTrackedUsers !== undefined && !isPositiveInteger(maxTrackedUsers)) {
    throw new TypeError('rateLimit.maxTrackedUsers must be a positive integer.');
  }
  if (store !== undefined && typeof store?.hit !== 'function') {
    throw new TypeError('rateLimit.store must be a rate-limit store (an object with a hit method).');
  }
  return {
    maxRequests,
    windowMs,
    timeoutMs: resolveMilliseconds(timeoutMs, 'rateLimit.timeoutMs'),
    store: store ?? createMemoryRateLimitStore(maxTrackedUsers === undefined ? {} : { maxTrackedUsers }),
  };
}

function resolveMilliseconds(value: number, name: string): number {
  if (!isPositiveInteger(value) || value > 600_000) {
    throw new TypeError(`${name} must be a whole number of milliseconds, from 1 to 600 000.`);
  }
  return value;
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
