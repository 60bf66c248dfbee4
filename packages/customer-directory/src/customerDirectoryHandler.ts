import { type Customer, parsePhoneNumber, TeamsEndpointError } from '@teams-endpoint/core';
import type { EntraTokenValidator, VerifiedTeamsUser } from '@teams-endpoint/token-exchange';
import {
  corsHeaders,
  DeadlineExceeded,
  emptyResponse,
  jsonResponse,
  preflightHeaders,
  readBearerToken,
  rejectionLogFields,
  rejectionResponse,
  safeLogger,
  TokenRejection,
  withDeadline,
} from '@teams-endpoint/token-exchange/http';
import type { CustomerPage } from './customerRepository';
import { CustomerDirectoryError } from './directoryError';
import type { CustomerDirectoryErrorResponseCode } from './errorCodes';
import {
  type CustomerDirectoryHandlerOptions,
  type CustomerDirectoryLogEvent,
  type ResolvedHandlerOptions,
  resolveHandlerOptions,
} from './handlerOptions';
import { readQuery } from './httpQuery';
import { ALLOWED_METHODS, PREFLIGHT } from './httpResponses';
import { type ListCustomersOptions, resolveListQuery } from './listQuery';
import { RequestRejection } from './requestRejection';

/** A standard fetch-style handler: Node (through `toNodeHandler`), Express, Azure Functions, edge runtimes. */
export type CustomerDirectoryHandler = (request: Request) => Promise<Response>;

/** The JSON body of `GET /customers`. */
export interface CustomerListResponse {
  customers: Customer[];
  nextCursor: string | null;
}

/** The JSON body of `GET /customers/lookup`. */
export interface CustomerLookupResponse {
  customer: Customer | null;
}

/**
 * Creates the customer directory's HTTP endpoints, for use cases 1 (the list of customers to call) and 2
 * (caller id):
 *
 * - `GET /customers?search=&cursor=&limit=` → `{ customers, nextCursor }`
 * - `GET /customers/lookup?phoneNumber=` → `{ customer }` (`null` when the number is not a customer's)
 *
 * Each request needs `Authorization: Bearer <Entra token for your API>`. The tenant of every query is the
 * validated token's `tid`, never anything from the request. Query parameters are checked before the
 * repository is called. Throws a `TypeError` at once when the options are unsafe or incomplete.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeHandler } from '@teams-endpoint/token-exchange';
 * import { createCustomerDirectoryHandler, createSqliteCustomerRepository } from '@teams-endpoint/customer-directory';
 *
 * const handler = createCustomerDirectoryHandler({
 *   repository: await createSqliteCustomerRepository({ filename: './customers.db' }),
 *   auth: {
 *     clientId: '5e1c4e6f-0a2b-4c3d-8e9f-1a2b3c4d5e6f', // the SPA
 *     audiences: ['api://contoso-customers'],
 *     allowedTenantIds: ['f8cdef31-a31e-4b4a-93e4-5f571e91255a'],
 *   },
 *   allowedOrigins: ['https://app.contoso.com'],
 * });
 * createServer(toNodeHandler(handler)).listen(8788);
 * ```
 */
export function createCustomerDirectoryHandler(
  options: CustomerDirectoryHandlerOptions,
): CustomerDirectoryHandler {
  const config = resolveHandlerOptions(options);
  const log = safeLogger<CustomerDirectoryLogEvent>(options.logger);

  return async (request) => {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    const origin = request.headers.get('origin');
    const cors = corsHeaders(origin, config.allowedOrigins);
    const context: { tenantId?: string; userId?: string } = {};

    try {
      if (origin !== null && !config.allowedOrigins.has(origin)) {
        throw new RequestRejection(403, 'origin_not_allowed', 'This origin is not allowed.');
      }
      const url = new URL(request.url);
      const route =
        url.pathname === config.listPath ? 'list' : url.pathname === config.lookupPath ? 'lookup' : undefined;
      if (route === undefined) throw new RequestRejection(404, 'not_found', 'There is no endpoint here.');
      if (request.method === 'OPTIONS') {
        return emptyResponse(
          204,
          origin === null ? { Allow: ALLOWED_METHODS } : preflightHeaders(origin, PREFLIGHT),
        );
      }
      if (request.method !== 'GET') {
        throw new RequestRejection(405, 'method_not_allowed', 'Use GET.', 'method_not_allowed', {
          Allow: ALLOWED_METHODS,
        });
      }

      const user = await authenticate(config.validate, readBearerToken(request.headers));
      context.tenantId = user.tenantId;
      context.userId = user.userId;

      if (route === 'list') {
        const listOptions = readListOptions(url);
        // Every option is checked here, so that bad input never reaches the repository.
        const resolved = guardInput(() => resolveListQuery(user.tenantId, listOptions));
        const page = await callRepository(config, () =>
          config.repository.listCustomers(user.tenantId, listOptions),
        );
        log({
          level: 'info',
          type: 'customers_listed',
          status: 200,
          tenantId: user.tenantId,
          userId: user.userId,
          count: page.customers.length,
          searched: resolved.search !== undefined,
          paged: resolved.after !== undefined,
          durationMs: elapsed(),
        });
        const body: CustomerListResponse = { customers: [...page.customers], nextCursor: page.nextCursor };
        return jsonResponse(200, body, cors);
      }

      const phoneNumber = readPhoneNumber(url, config.defaultCountryCallingCode);
      const customer = await callRepository(config, () =>
        config.repository.findByPhoneNumber(user.tenantId, phoneNumber),
      );
      log({
        level: 'info',
        type: 'customer_looked_up',
        status: 200,
        tenantId: user.tenantId,
        userId: user.userId,
        found: customer !== null,
        durationMs: elapsed(),
      });
      const body: CustomerLookupResponse = { customer };
      return jsonResponse(200, body, cors);
    } catch (error) {
      const rejection = toRejection(error);
      log({ ...rejectionLogFields(rejection), ...context, durationMs: elapsed() });
      return rejectionResponse(rejection, cors);
    }
  };
}

/** The validator's rejections that the token exchange also answers, with their status. */
const VALIDATOR_CODES = new Set<CustomerDirectoryErrorResponseCode>([
  'invalid_token',
  'tenant_not_allowed',
  'keys_unavailable',
]);

async function authenticate(validate: EntraTokenValidator, token: string): Promise<VerifiedTeamsUser> {
  try {
    return await validate(token);
  } catch (error) {
    if (
      error instanceof TokenRejection &&
      VALIDATOR_CODES.has(error.code as CustomerDirectoryErrorResponseCode)
    ) {
      throw new RequestRejection(
        error.status,
        error.code as CustomerDirectoryErrorResponseCode,
        error.message,
        error.reason,
        error.headers,
        error.detail,
      );
    }
    throw new RequestRejection(
      500,
      'internal_error',
      'The request could not be handled.',
      'validator_failed',
    );
  }
}

const LIMIT = /^[1-9]\d{0,2}$/;

function readListOptions(url: URL): ListCustomersOptions {
  const query = readQuery(url, ['search', 'cursor', 'limit']);
  const limit = query.get('limit');
  if (limit !== undefined && !LIMIT.test(limit)) {
    throw new RequestRejection(
      400,
      'invalid_limit',
      'limit must be a whole number from 1 to 100.',
      'not_a_number',
    );
  }
  const search = query.get('search');
  const cursor = query.get('cursor');
  return {
    ...(search === undefined ? {} : { search }),
    ...(cursor === undefined || cursor === '' ? {} : { cursor }),
    ...(limit === undefined ? {} : { limit: Number(limit) }),
  };
}

function readPhoneNumber(url: URL, defaultCountryCallingCode: string | undefined): string {
  const value = readQuery(url, ['phoneNumber'], ['phoneNumber']).get('phoneNumber');
  if (value === undefined) {
    throw new RequestRejection(400, 'invalid_phone_number', 'phoneNumber is required.', 'missing');
  }
  try {
    return parsePhoneNumber(
      value,
      defaultCountryCallingCode === undefined ? {} : { defaultCountryCallingCode },
    );
  } catch (error) {
    const reason =
      error instanceof TeamsEndpointError ? String(error.details?.reason ?? error.code) : 'invalid';
    // The message does not repeat the input: it may be a phone number.
    throw new RequestRejection(
      400,
      'invalid_phone_number',
      'phoneNumber must be a phone number with its country code, such as +14255550123.',
      reason,
    );
  }
}

/** Runs a check that throws the repository's own input errors, as 400 rejections. */
function guardInput<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw toRejection(error);
  }
}

/** A repository call within `repositoryTimeoutMs`; any failure but bad input becomes 503. */
async function callRepository<T extends CustomerPage | Customer | null>(
  config: ResolvedHandlerOptions,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await withDeadline(call, config.repositoryTimeoutMs);
  } catch (error) {
    if (error instanceof DeadlineExceeded) throw directoryUnavailable('repository_timeout');
    if (error instanceof RequestRejection) throw error;
    if (error instanceof CustomerDirectoryError && HTTP_INPUT_CODES.has(error.code)) throw toRejection(error);
    throw directoryUnavailable(error instanceof CustomerDirectoryError ? error.reason : 'repository_error');
  }
}

function directoryUnavailable(reason: string): RequestRejection {
  return new RequestRejection(
    503,
    'directory_unavailable',
    'The customer directory is unavailable. Try again later.',
    reason,
  );
}

/** The repository's input errors that the handler answers with 400 and the same code. */
const HTTP_INPUT_CODES = new Set<string>([
  'invalid_search',
  'invalid_cursor',
  'invalid_limit',
  'invalid_phone_number',
]);

function toRejection(error: unknown): RequestRejection {
  if (error instanceof RequestRejection) return error;
  if (error instanceof CustomerDirectoryError && HTTP_INPUT_CODES.has(error.code)) {
    return new RequestRejection(
      400,
      error.code as CustomerDirectoryErrorResponseCode,
      error.message,
      error.reason,
    );
  }
  return new RequestRejection(500, 'internal_error', 'The request could not be handled.', 'unexpected_error');
}
