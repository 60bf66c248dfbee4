import type { TokenExchangeErrorCode } from './errorCodes';

/**
 * Why a request is refused. Thrown inside the handler's pipeline and turned into an error response.
 * `message` goes to the client and `reason` to the logger; neither may contain a token.
 */
export class TokenRejection<Code extends string = TokenExchangeErrorCode> extends Error {
  override readonly name = 'TokenRejection';

  constructor(
    readonly status: number,
    /** The stable code of the error response: one of the endpoint's codes (the exchange's by default). */
    readonly code: Code,
    message: string,
    /** A short machine-readable detail for the logger, such as a jose error code. */
    readonly reason: string = code as string,
    /** Extra response headers, such as `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
    /** A further machine-readable detail for the logger, such as the jose error code behind `reason`. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
