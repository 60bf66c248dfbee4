export type { AcsTeamsUserToken } from './acsTeamsTokenExchange';
export {
  ACS_REQUIRED_SCOPES,
  ACS_TOKEN_AUDIENCES,
  createEntraTokenValidator,
  type EntraTokenValidator,
  type EntraTokenValidatorOptions,
  type TeamsUserClaims,
  type VerifiedTeamsUser,
} from './entraTokenValidator';
export type { TokenExchangeErrorBody, TokenExchangeErrorCode } from './errorCodes';
export { type NodeHandlerOptions, toNodeHandler } from './nodeHttpAdapter';
export type { AcsResourceOptions, TokenExchangeHandlerOptions, TokenExchangeLogEvent } from './options';
export {
  createMemoryRateLimitStore,
  type MemoryRateLimitStoreOptions,
  type RateLimitOptions,
} from './rateLimiter';
export type { RateLimitDecision, RateLimitRule, RateLimitStore } from './rateLimitStore';
export {
  createRedisRateLimitStore,
  type RedisRateLimitStoreOptions,
  type RedisScriptClient,
} from './redisRateLimitStore';
export type { KeyFetchOptions } from './tenantSigningKeys';
export { createTokenExchangeHandler, type TokenExchangeHandler } from './tokenExchangeHandler';
export { TokenRejection } from './tokenRejection';
