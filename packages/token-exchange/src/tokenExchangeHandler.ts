import { createAcsTeamsTokenExchange } from './acsTeamsTokenExchange';
import { readBearerToken } from './bearerToken';
import { ALLOWED_METHODS, corsHeaders, preflightHeaders } from './cors';
import { createValidator, type VerifiedTeamsUser } from './entraTokenValidator';
import { resolveOptions, type TokenExchangeHandlerOptions, type TokenExchangeLogEvent } from './options';
import { createRateLimitGate } from './rateLimitGate';
import { rejectionLogFields, rejectionResponse } from './rejectionResponse';
import { emptyResponse, jsonResponse } from './responses';
import { safeLogger } from './safeLogger';
import { TokenRejection } from './tokenRejection';
import { DeadlineExceeded, withDeadline } from './withDeadline';

/** A standard fetch-style handler: Node (through `toNodeHandler`), Express, Azure Functions, edge runtimes. */
export type TokenExchangeHandler = (request: Request) => Promise<Response>;

/**
 * Creates the endpoint that turns a Teams user's Entra access token into an ACS access token.
 *
 * It accepts `POST` with `Authorization: Bearer <Entra token for the ACS resource>`, validates the
 * token (RS256 signature against the tenant's keys, audience, issuer, tenant allow-list, client id,
 * lifetime), then asks ACS for a token for the token's own `oid`. Nothing else from the request is
 * used. Throws a `TypeError` at once when the options are unsafe or incomplete.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTokenExchangeHandler, toNodeHandler } from '@teams-endpoint/token-exchange';
 *
 * const handler = createTokenExchangeHandler({
 *   connectionString: process.env.ACS_CONNECTION_STRING!,
 *   clientId: '00000000-0000-0000-0000-000000000001',
 *   allowedTenantIds: ['00000000-0000-0000-0000-0000000000fa'],
 *   allowedOrigins: ['https://app.contoso.com'],
 * });
 * createServer(toNodeHandler(handler)).listen(8787);
 * ```
 */
export function createTokenExchangeHandler(options: TokenExchangeHandlerOptions): TokenExchangeHandler {
  const config = resolveOptions(options);
  const validate = createValidator(config);
  const passRateLimit = config.rateLimit === false ? undefined : createRateLimitGate(config.rateLimit);
  const exchange = createAcsTeamsTokenExchange(
    options,
    options.identityClientOptions ?? {},
    config.acsTimeoutMs,
  );
  const { authorizeUser } = options;
  const log = safeLogger<TokenExchangeLogEvent>(options.logger);
  const authorize = (hook: NonNullable<typeof authorizeUser>, user: VerifiedTeamsUser, signal: AbortSignal) =>
    withDeadline(
      (abortSignal) => hook(user, { signal: abortSignal }),
      config.authorizeUserTimeoutMs,
      signal,
    ).catch((error: unknown) => {
      if (!(error instanceof DeadlineExceeded)) throw error;
      throw new TokenRejection(
        500,
        'internal_error',
        'The token could not be exchanged.',
        'authorize_user_timeout',
      );
    });

  return async (request) => {
    const origin = request.headers.get('origin');
    const cors = corsHeaders(origin, config.allowedOrigins);
    const context: { tenantId?: string; userId?: string } = {};

    try {
      if (origin !== null && !config.allowedOrigins.has(origin)) {
        throw new TokenRejection(403, 'origin_not_allowed', 'This origin is not allowed.');
      }
      if (request.method === 'OPTIONS') {
        return emptyResponse(204, origin === null ? { Allow: ALLOWED_METHODS } : preflightHeaders(origin));
      }
      if (request.method !== 'POST') {
        throw new TokenRejection(405, 'method_not_allowed', 'Use POST.', 'method_not_allowed', {
          Allow: ALLOWED_METHODS,
        });
      }

      const entraToken = readBearerToken(request.headers);
      const user = await validate(entraToken);
      context.tenantId = user.tenantId;
      context.userId = user.userId;

      await passRateLimit?.(`${user.tenantId}/${user.userId}`, request.signal);
      if (authorizeUser !== undefined && (await authorize(authorizeUser, user, request.signal)) !== true) {
        throw new TokenRejection(403, 'user_not_allowed', 'This user is not allowed.');
      }

      const acsToken = await exchange({
        entraToken,
        clientId: config.clientId,
        userObjectId: user.claims.oid,
        signal: request.signal,
      });
      log({
        level: 'info',
        type: 'token_exchanged',
        status: 200,
        tenantId: user.tenantId,
        userId: user.userId,
      });
      return jsonResponse(200, acsToken, cors);
    } catch (error) {
      const rejection =
        error instanceof TokenRejection
          ? error
          : new TokenRejection(
              500,
              'internal_error',
              'The token could not be exchanged.',
              'unexpected_error',
            );
      log({ ...rejectionLogFields(rejection), ...context });
      return rejectionResponse(rejection, cors);
    }
  };
}
