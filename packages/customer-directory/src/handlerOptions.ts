import {
  createEntraTokenValidator,
  type EntraTokenValidator,
  type EntraTokenValidatorOptions,
} from '@teams-endpoint/token-exchange';
import { resolveAllowedOrigins } from '@teams-endpoint/token-exchange/http';
import { isCountryCallingCode } from './customerRecord';
import type { CustomerRepository } from './customerRepository';
import type { CustomerDirectoryErrorResponseCode } from './errorCodes';

/** The delegated scope a token needs by default: expose it on your API's app registration. */
export const CUSTOMERS_READ_SCOPE = 'Customers.Read';

/** How tokens for your own API are checked: {@link createEntraTokenValidator}'s options, `requiredScopes` optional. */
export type CustomerDirectoryAuthOptions = Omit<EntraTokenValidatorOptions, 'requiredScopes'> & {
  /** Every one of them must be in the token's `scp`. Default `['Customers.Read']`. */
  requiredScopes?: readonly string[];
};

/** What the handler tells its logger. Never a token, a phone number, a search text or a customer's name. */
export type CustomerDirectoryLogEvent =
  | {
      level: 'info';
      type: 'customers_listed';
      status: 200;
      tenantId: string;
      userId: string;
      /** Customers on the page. */
      count: number;
      /** Whether a search was given (never what it was: it may be part of a phone number). */
      searched: boolean;
      /** Whether a cursor was given. */
      paged: boolean;
      durationMs: number;
    }
  | {
      level: 'info';
      type: 'customer_looked_up';
      status: 200;
      tenantId: string;
      userId: string;
      found: boolean;
      durationMs: number;
    }
  | {
      /** `warn` for 4xx, `error` for 5xx. */
      level: 'warn' | 'error';
      type: 'request_rejected';
      status: number;
      code: CustomerDirectoryErrorResponseCode;
      /** A short machine-readable cause, such as `expired`, `repeated_parameter`, `too_short` or `pg_57014`. */
      reason: string;
      detail?: string;
      /** Known once the token named an allowed tenant. */
      tenantId?: string;
      /** Known once the token was verified. */
      userId?: string;
      durationMs: number;
    };

export interface CustomerDirectoryHandlerOptions {
  /** Where the customers are: {@link createSqliteCustomerRepository}, {@link createPostgresCustomerRepository} or your own. */
  repository: CustomerRepository;
  /**
   * How bearer tokens are checked: the options of a validator for your API (its `audiences`, the SPA's
   * `clientId`, `allowedTenantIds`, `requiredScopes` defaulting to `Customers.Read`), or a validator you
   * built with `createEntraTokenValidator`. The tenant of every query is the validated token's `tid`.
   */
  auth: CustomerDirectoryAuthOptions | EntraTokenValidator;
  /**
   * Origins (`https://app.contoso.com`) allowed to call from a browser. Exact match, no wildcard.
   * Default: none, so any request that carries an `Origin` header is refused.
   */
  allowedOrigins?: readonly string[];
  /** Where the endpoints are mounted: `'/api'` serves `/api/customers`. Default `''`. */
  basePath?: string;
  /** Lets `lookup` accept national numbers (`0425 555 0123`) for this country, such as `'1'` or `'44'`. */
  defaultCountryCallingCode?: string;
  /** The longest a repository call may take before the request fails with 503, in ms. Default 10 000. */
  repositoryTimeoutMs?: number;
  /**
   * Receives one event per request. Best effort: what it throws, or a promise it returns that rejects, is
   * ignored, and the response never waits for it.
   */
  logger?: (event: CustomerDirectoryLogEvent) => void | Promise<void>;
}

export interface ResolvedHandlerOptions {
  repository: CustomerRepository;
  validate: EntraTokenValidator;
  allowedOrigins: ReadonlySet<string>;
  listPath: string;
  lookupPath: string;
  defaultCountryCallingCode: string | undefined;
  repositoryTimeoutMs: number;
}

const DEFAULT_REPOSITORY_TIMEOUT_MS = 10_000;
const BASE_PATH = /^(\/[A-Za-z0-9._~-]+)*$/;

/** Validates the options at construction, so that a misconfigured server fails to start. */
export function resolveHandlerOptions(options: CustomerDirectoryHandlerOptions): ResolvedHandlerOptions {
  const { repository, auth, basePath = '', defaultCountryCallingCode } = options;
  if (typeof repository?.listCustomers !== 'function' || typeof repository.findByPhoneNumber !== 'function') {
    throw new TypeError('repository must be a CustomerRepository.');
  }
  if (typeof auth !== 'function' && (typeof auth !== 'object' || auth === null)) {
    throw new TypeError('auth must be the options of an Entra token validator, or a validator.');
  }
  if (typeof basePath !== 'string' || !BASE_PATH.test(basePath)) {
    throw new TypeError('basePath must be "" or a path such as "/api", without a trailing slash.');
  }
  if (defaultCountryCallingCode !== undefined && !isCountryCallingCode(defaultCountryCallingCode)) {
    throw new TypeError('defaultCountryCallingCode must be 1 to 3 digits, without "+", such as "1" or "44".');
  }
  const repositoryTimeoutMs = options.repositoryTimeoutMs ?? DEFAULT_REPOSITORY_TIMEOUT_MS;
  if (!Number.isInteger(repositoryTimeoutMs) || repositoryTimeoutMs < 1 || repositoryTimeoutMs > 600_000) {
    throw new TypeError('repositoryTimeoutMs must be a whole number of milliseconds, from 1 to 600 000.');
  }
  return {
    repository,
    validate:
      typeof auth === 'function'
        ? auth
        : createEntraTokenValidator({
            ...auth,
            requiredScopes: auth.requiredScopes ?? [CUSTOMERS_READ_SCOPE],
          }),
    allowedOrigins: resolveAllowedOrigins(options.allowedOrigins ?? []),
    listPath: `${basePath}/customers`,
    lookupPath: `${basePath}/customers/lookup`,
    defaultCountryCallingCode,
    repositoryTimeoutMs,
  };
}
