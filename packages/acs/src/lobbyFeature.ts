import type { CollectionUpdatedEvent } from '@azure/communication-calling';
import {
  type LobbyHandle,
  type LobbyParticipant,
  type LobbyPortState,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import type { FeatureContext } from './featureContext';
import { createFeatureState, type FeatureState } from './featureState';
import { nameOf, type RawIdOf } from './sdkIdentifiers';
import { participantKind } from './sdkParticipant';
import type { SdkLobby, SdkRemoteParticipant } from './sdkTypes';

const EMPTY_LOBBY: LobbyPortState = { participants: [] };

const notInLobby = (participantId: string) =>
  new TeamsEndpointError('not_found', 'This person is not waiting in the lobby.', {
    details: { reason: 'not_in_lobby', participantId },
  });

/**
 * A Teams meeting's lobby (`call.lobby`).
 *
 * SDK rules (`LobbyImpl`, 2.0.0): `admit` and `reject` take someone among the call's remote participants whose
 * state is `InLobby` (else 400/41804 not in the lobby, 400/41803 already in the meeting), and only an organizer,
 * co-organizer or presenter may (403/41805); `admitAll` reports how many it admitted and failed to. The port
 * finds the participant in the lobby first, and sends the SDK its own `identifier`.
 */
export function createLobbyHandle(
  lobby: SdkLobby,
  context: FeatureContext & { readonly rawIdOf: RawIdOf },
): LobbyHandle & Pick<FeatureState<LobbyPortState>, 'release'> {
  const { rawIdOf } = context;
  const toLobbyParticipant = (participant: SdkRemoteParticipant): LobbyParticipant => ({
    id: rawIdOf(participant.identifier),
    kind: participantKind(participant.identifier),
    ...nameOf(participant.displayName),
  });
  const waiting = (participantId: string) => {
    const participant = lobby.participants.find((p) => rawIdOf(p.identifier) === participantId);
    if (!participant) throw notInLobby(participantId);
    return participant;
  };

  const state = createFeatureState<LobbyPortState>(
    {
      read: () => ({ participants: lobby.participants.map(toLobbyParticipant) }),
      follow(changed: CollectionUpdatedEvent<SdkRemoteParticipant>) {
        lobby.on('lobbyParticipantsUpdated', changed);
        return () => lobby.off('lobbyParticipantsUpdated', changed);
      },
    },
    EMPTY_LOBBY,
  );

  return {
    ...state,
    admit: (participantId) =>
      context.command('admit them', () => lobby.admit(waiting(participantId).identifier)),
    reject: (participantId) =>
      context.command('remove them from the lobby', () => lobby.reject(waiting(participantId).identifier)),
    admitAll: () =>
      context.command('admit everyone', async () => {
        const { successCount, failureCount } = await lobby.admitAll();
        if (failureCount > 0) {
          throw new TeamsEndpointError('call_failed', 'Teams could not admit everyone in the lobby.', {
            details: { reason: 'admit_failed', successCount, failureCount },
          });
        }
      }),
  };
}
