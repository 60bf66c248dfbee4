import { errorResponse } from './responses';
import type { TokenRejection } from './tokenRejection';

/** The fields of the `request_rejected` log event every endpoint writes for a refusal. */
export function rejectionLogFields<Code extends string>(rejection: TokenRejection<Code>) {
  return {
    level: rejection.status >= 500 ? ('error' as const) : ('warn' as const),
    type: 'request_rejected' as const,
    status: rejection.status,
    code: rejection.code,
    reason: rejection.reason,
    ...(rejection.detail === undefined ? {} : { detail: rejection.detail }),
  };
}

/**
 * The answer to a refusal: the JSON error body with the request's CORS headers, an RFC 6750 challenge when
 * the bearer token is what was refused, and the rejection's own headers (`Retry-After`, `Allow`).
 */
export function rejectionResponse<Code extends string>(
  rejection: TokenRejection<Code>,
  cors: Readonly<Record<string, string>>,
): Response {
  return errorResponse(rejection.status, rejection.code, rejection.message, {
    ...cors,
    ...bearerChallenge(rejection),
    ...rejection.headers,
  });
}

function bearerChallenge({ status, code, reason }: TokenRejection<string>): Record<string, string> {
  const tokenAtFault =
    (status === 400 && code === 'invalid_request') || (status === 401 && code === 'invalid_token');
  if (!tokenAtFault) return {};
  return { 'WWW-Authenticate': reason === 'missing_authorization' ? 'Bearer' : `Bearer error="${code}"` };
}
