import type { TokenExchangeErrorCode } from './errorCodes';

/**
 * Why a request is refused. Thrown inside the handler's pipeline and turned into an error response.
 * `message` goes to the client and `reason` to the logger; neither may contain a token.
 */
export class TokenRejection extends Error {
  override readonly name = 'TokenRejection';

  constructor(
    readonly status: number,
    readonly code: TokenExchangeErrorCode,
    message: string,
    /** A short machine-readable detail for the logger, such as a jose error code. */
    readonly reason: string = code,
    /** Extra response headers, such as `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
    /** A further machine-readable detail for the logger, such as the jose error code behind `reason`. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
