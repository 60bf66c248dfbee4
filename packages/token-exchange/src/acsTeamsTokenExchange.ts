import {
  CommunicationIdentityClient,
  type CommunicationIdentityClientOptions,
} from '@azure/communication-identity';
import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import type { AcsResourceOptions } from './options';
import { TokenRejection } from './tokenRejection';
import { DeadlineExceeded, withDeadline } from './withDeadline';

/** An ACS access token for a Teams user, as the handler returns it. */
export interface AcsTeamsUserToken {
  token: string;
  /** ISO 8601. As long-lived as the Entra token it was exchanged for, about 60 to 90 minutes. */
  expiresOn: string;
}

export interface TeamsTokenExchangeRequest {
  entraToken: string;
  clientId: string;
  /** Always the verified token's own `oid`. */
  userObjectId: string;
  signal?: AbortSignal;
}

/**
 * Exchanges a verified Entra token with ACS, within `timeoutMs` for the whole exchange, the identity
 * client's retries included. Past it the exchange is aborted (no further retry is sent) and the request
 * fails with 504 `acs_timeout`, even if the client's pipeline ignored the abort. Any other ACS failure
 * becomes a 502 rejection.
 */
export function createAcsTeamsTokenExchange(
  resource: AcsResourceOptions,
  clientOptions: CommunicationIdentityClientOptions,
  timeoutMs: number,
): (request: TeamsTokenExchangeRequest) => Promise<AcsTeamsUserToken> {
  const client = createIdentityClient(resource, clientOptions);

  return async ({ entraToken, clientId, userObjectId, signal }) => {
    try {
      const { token, expiresOn } = await withDeadline(
        (abortSignal) =>
          client.getTokenForTeamsUser({ teamsUserAadToken: entraToken, clientId, userObjectId, abortSignal }),
        timeoutMs,
        signal,
      );
      return { token, expiresOn: expiresOn.toISOString() };
    } catch (error) {
      if (error instanceof DeadlineExceeded) {
        throw new TokenRejection(504, 'acs_timeout', 'Azure Communication Services did not answer in time.');
      }
      throw new TokenRejection(
        502,
        'exchange_failed',
        'Azure Communication Services could not exchange the token.',
        signal?.aborted ? 'client_closed' : describeAcsFailure(error),
      );
    }
  };
}

function createIdentityClient(
  resource: AcsResourceOptions,
  clientOptions: CommunicationIdentityClientOptions,
): CommunicationIdentityClient {
  if (resource.connectionString !== undefined) {
    return new CommunicationIdentityClient(resource.connectionString, clientOptions);
  }
  return isTokenCredential(resource.credential)
    ? new CommunicationIdentityClient(resource.endpoint, resource.credential, clientOptions)
    : new CommunicationIdentityClient(resource.endpoint, resource.credential, clientOptions);
}

function isTokenCredential(credential: KeyCredential | TokenCredential): credential is TokenCredential {
  return typeof (credential as Partial<TokenCredential>).getToken === 'function';
}

/** Only the HTTP status goes to the log: ACS error messages are not ours to vouch for. */
function describeAcsFailure(error: unknown): string {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? `acs_status_${status}` : 'acs_unreachable';
}
