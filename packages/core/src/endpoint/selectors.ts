import type { RemoteParty } from '../machines/callTypes';
import { shareArray } from '../store/observableUnit';
import type { CallSnapshot } from './callUnit';
import type { EndpointSnapshot } from './createTeamsEndpoint';

/**
 * The calls ringing here, waiting for accept or reject. Pair it with {@link sameItems} in a selector so the
 * selection keeps its identity while those calls do not change.
 *
 * @example
 * subscribeToUnit(endpoint, selectIncomingCalls, render, sameItems);
 */
export function selectIncomingCalls(snapshot: EndpointSnapshot): readonly CallSnapshot[] {
  return snapshot.calls.filter((call) => call.status === 'incoming');
}

/** Equality for selected arrays: the same items in the same order. */
export function sameItems<T>(previous: readonly T[], next: readonly T[]): boolean {
  return shareArray(previous, next) === previous;
}

/**
 * The other side of a call in words, for a UI: the name when known, else the phone number, else the meeting
 * subject. Untrusted text: render it as text.
 */
export function remotePartyName(remote: RemoteParty): string {
  switch (remote.kind) {
    case 'phoneNumber':
      return remote.displayName ?? remote.phoneNumber;
    case 'teamsUser':
      return remote.displayName ?? 'Teams user';
    case 'meeting':
      return remote.subject ?? 'Teams meeting';
    default:
      return remote.displayName ?? 'Unknown caller';
  }
}
