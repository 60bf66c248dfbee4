export type { AcsTeamsUserToken } from './acsTeamsTokenExchange';
export { ACS_TOKEN_AUDIENCES, type TeamsUserClaims, type VerifiedTeamsUser } from './entraTokenValidator';
export type { TokenExchangeErrorBody, TokenExchangeErrorCode } from './errorCodes';
export { type NodeHandlerOptions, toNodeHandler } from './nodeHttpAdapter';
export type { AcsResourceOptions, TokenExchangeHandlerOptions, TokenExchangeLogEvent } from './options';
export type { RateLimitOptions } from './rateLimiter';
export { createTokenExchangeHandler, type TokenExchangeHandler } from './tokenExchangeHandler';
