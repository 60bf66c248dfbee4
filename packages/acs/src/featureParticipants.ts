import type { CommunicationIdentifier } from '@azure/communication-common';
import { LOCAL_PARTICIPANT_ID, TeamsEndpointError } from '@teams-endpoint/core';
import type { RawIdOf } from './sdkIdentifiers';
import type { SdkRemoteParticipant, SdkTeamsCall } from './sdkTypes';

/**
 * Participant ids in feature data (raised hands, spotlight, caption speakers), as the core knows them: a remote
 * participant's raw id (`Participant.id`), or {@link LOCAL_PARTICIPANT_ID} for this endpoint's own user.
 */
export interface FeatureParticipants {
  /** The participant id of an identifier the SDK reports; empty when it reports none. */
  idOf(identifier: CommunicationIdentifier | undefined): string;
  /** The remote participant with this id now in the call (the lobby included). */
  remote(participantId: string): SdkRemoteParticipant | undefined;
  /**
   * Splits ids for a command: the remote participants they name, and whether the local user is among them.
   * Rejects with `not_found` for an id that names no one in the call.
   */
  resolve(participantIds: readonly string[]): { remotes: SdkRemoteParticipant[]; includesLocal: boolean };
}

/**
 * Tells the local user from remote ones. The SDK names the local user by its own MRI in feature data (the
 * features' `constructIdentifierKindFromMri(userMri)`, `getUserMri()` being `8:` and the token's `skypeid`).
 * The port compares with that raw id when it knows it (`localRawId`, read from the token as the SDK does);
 * without it, an identifier that is not among the call's remote participants is the local user's.
 */
export function createFeatureParticipants(
  call: Pick<SdkTeamsCall, 'remoteParticipants'>,
  rawIdOf: RawIdOf,
  localRawId: string | undefined,
): FeatureParticipants {
  const remote = (participantId: string) =>
    call.remoteParticipants.find((participant) => rawIdOf(participant.identifier) === participantId);

  return {
    idOf(identifier) {
      if (!identifier) return '';
      const rawId = rawIdOf(identifier);
      const isLocal = localRawId !== undefined ? rawId === localRawId : remote(rawId) === undefined;
      return isLocal ? LOCAL_PARTICIPANT_ID : rawId;
    },
    remote,
    resolve(participantIds) {
      const remotes: SdkRemoteParticipant[] = [];
      let includesLocal = false;
      for (const participantId of new Set(participantIds)) {
        if (participantId === LOCAL_PARTICIPANT_ID) {
          includesLocal = true;
          continue;
        }
        const participant = remote(participantId);
        if (!participant) {
          throw new TeamsEndpointError('not_found', 'No one with this id is in the call.', {
            details: { reason: 'participant_not_found', participantId },
          });
        }
        remotes.push(participant);
      }
      return { remotes, includesLocal };
    },
  };
}
