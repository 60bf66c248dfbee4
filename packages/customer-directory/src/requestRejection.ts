import { TokenRejection } from '@teams-endpoint/token-exchange/http';
import type { CustomerDirectoryErrorResponseCode } from './errorCodes';

/**
 * Why a request is refused: the token exchange's rejection (also what its bearer-token reader and the
 * validator throw), with the directory's codes. Thrown inside the handler's pipeline and turned into an error
 * response. `message` goes to the client and `reason` to the logger; neither contains a token or a phone number.
 */
export const RequestRejection = TokenRejection<CustomerDirectoryErrorResponseCode>;
export type RequestRejection = TokenRejection<CustomerDirectoryErrorResponseCode>;
