import { TokenRejection } from './tokenRejection';

/** Entra access tokens are a few kB; anything far larger is refused before it is parsed. */
export const MAX_AUTHORIZATION_HEADER_LENGTH = 16 * 1024;

/** RFC 6750 `b64token`: a JWS compact serialization is a subset of it. */
const BEARER_HEADER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Reads the token of an `Authorization: Bearer <token>` header, or throws a 400 rejection. */
export function readBearerToken(headers: Headers): string {
  const header = headers.get('authorization');
  if (header === null || header.length === 0) {
    throw invalidRequest('The Authorization header is missing.', 'missing_authorization');
  }
  if (header.length > MAX_AUTHORIZATION_HEADER_LENGTH) {
    throw invalidRequest('The Authorization header is too large.', 'authorization_too_large');
  }
  const token = BEARER_HEADER.exec(header)?.[1];
  if (token === undefined) {
    throw invalidRequest('The Authorization header must be "Bearer <Entra access token>".', 'not_bearer');
  }
  return token;
}

function invalidRequest(message: string, reason: string): TokenRejection {
  return new TokenRejection(400, 'invalid_request', message, reason);
}
