import type { CallerInfo } from '@azure/communication-calling';
import type { CallParty, CallTarget } from '@teams-endpoint/core';
import type { AcsCommonSdk, SdkTeamsCallee } from './sdkTypes';

/** Turns an SDK identifier into its raw id (`8:orgid:<oid>`, `4:+1425…`). From `@azure/communication-common`. */
export type RawIdOf = AcsCommonSdk['getIdentifierRawId'];

/**
 * The SDK identifier of who to call: `{ phoneNumber }` or `{ microsoftTeamsUserId }`.
 *
 * @example
 * toSdkCallee({ kind: 'phoneNumber', phoneNumber: '+14255550123' }); // { phoneNumber: '+14255550123' }
 */
export function toSdkCallee(target: CallTarget): SdkTeamsCallee {
  return target.kind === 'phoneNumber'
    ? { phoneNumber: target.phoneNumber }
    : { microsoftTeamsUserId: target.userId };
}

/** Keeps a display name only when there is one. It stays untrusted text. */
export const nameOf = (displayName: string | undefined) => (displayName ? { displayName } : {});

/**
 * Maps the caller of an incoming call: a PSTN number, a Teams user (by Entra object id), or unknown
 * (anonymous numbers, apps, ACS users).
 */
export function toCallParty(callerInfo: CallerInfo, rawIdOf: RawIdOf): CallParty {
  const { identifier, displayName } = callerInfo;
  if (identifier?.kind === 'phoneNumber' && !identifier.isAnonymous) {
    return { kind: 'phoneNumber', phoneNumber: identifier.phoneNumber, ...nameOf(displayName) };
  }
  if (identifier?.kind === 'microsoftTeamsUser' && !identifier.isAnonymous) {
    return { kind: 'teamsUser', userId: identifier.microsoftTeamsUserId, ...nameOf(displayName) };
  }
  return identifier
    ? { kind: 'unknown', rawId: rawIdOf(identifier), ...nameOf(displayName) }
    : { kind: 'unknown', ...nameOf(displayName) };
}

/**
 * The raw id of the Teams user an ACS token was issued for, read as the SDK reads it: `8:` and the token's
 * `skypeid` claim (`parseTokenCredential` and `getUserMri` of the 2.0.0 SDK), e.g. `8:orgid:<oid>`. Only that
 * claim is kept, never the token. `undefined` for a token that is not such a JWT.
 */
export function rawIdOfTokenUser(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const skypeId =
      typeof claims === 'object' && claims !== null ? (claims as { skypeid?: unknown }).skypeid : undefined;
    return typeof skypeId === 'string' && skypeId.length > 0 ? `8:${skypeId}` : undefined;
  } catch {
    return undefined;
  }
}
