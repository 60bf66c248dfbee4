import type { PreflightOptions } from '@teams-endpoint/token-exchange/http';

// The answers themselves (JSON, `Cache-Control: no-store`, `nosniff`, CORS) are the token exchange's, from
// `@teams-endpoint/token-exchange/http`: every endpoint of the vendor's answers the same way.

/** The methods the endpoints serve. */
export const ALLOWED_METHODS = 'GET, OPTIONS';

/** What a preflight allows: `GET` with the bearer token, nothing else. */
export const PREFLIGHT: PreflightOptions = { methods: 'GET', headers: 'Authorization' };
