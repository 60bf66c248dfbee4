// `@teams-endpoint/token-exchange/http`: the exchange's HTTP building blocks, for the vendor's other endpoints
// (the customer directory uses them), so that every endpoint reads the token, answers, refuses, bounds its
// waits and logs the same way.
export { MAX_AUTHORIZATION_HEADER_LENGTH, readBearerToken } from './bearerToken';
export { corsHeaders, type PreflightOptions, preflightHeaders, resolveAllowedOrigins } from './cors';
export { rejectionLogFields, rejectionResponse } from './rejectionResponse';
export { emptyResponse, errorResponse, jsonResponse } from './responses';
export { safeLogger } from './safeLogger';
export { TokenRejection } from './tokenRejection';
export { DeadlineExceeded, withDeadline } from './withDeadline';
