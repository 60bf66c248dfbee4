import { TeamsEndpointError, type TeamsEndpointErrorCode } from '@teams-endpoint/core';

/**
 * A refusal of a Teams in-call feature command: the error the port rejects with, the `details.reason` it
 * carries, and where the rule comes from. Capabilities are `CAPABILITY_RULES` (`platformVerdict.ts`).
 */
export interface FeatureRefusal {
  readonly code: TeamsEndpointErrorCode;
  readonly reason: string;
  readonly message: string;
  /** Where the rule comes from (the SDK 2.0.0 error it answers, read from its bundle, or the contract). */
  readonly source: string;
}

/**
 * Every refusal of the fake's feature commands. The call's state and capabilities are judged when a command
 * is issued (as the SDK does on entry); the feature's own data (who is in the lobby, whether captions are on)
 * when the command is carried out, as the service does.
 */
export const FEATURE_REFUSALS = {
  callEnded: {
    code: 'invalid_call_state',
    reason: 'call_ended',
    message: 'The call has ended.',
    source: 'CallingPort contract: every command of an ended call rejects with invalid_call_state',
  },
  notConnected: {
    code: 'invalid_call_state',
    reason: 'not_connected',
    message: 'The call is not connected.',
    source:
      'SDK 2.0.0 CAPTIONS.START_FAILED_CALL_NOT_CONNECTED (400/45226); raise hand, spotlight and lobby commands act on a connected call only',
  },
  notTransferable: {
    code: 'invalid_call_state',
    reason: 'not_connected',
    message: 'Only a connected or held call can be transferred.',
    source:
      'SDK 2.0.0 TransferCallImplOverTsCall.transferToParticipant sends the transfer in one call state only; a call held here is transferred too',
  },
  transferInProgress: {
    code: 'invalid_call_state',
    reason: 'transfer_in_progress',
    message: 'A transfer of this call is under way.',
    source: 'SDK 2.0.0 Transfer.state Transferring: one transfer of a call at a time',
  },
  captionsNotActive: {
    code: 'invalid_call_state',
    reason: 'captions_not_active',
    message: 'Captions are not on.',
    source:
      'SDK 2.0.0 CAPTIONS.UPDATE_LANGUAGE_NOT_STARTED (400/45206), UPDATE_CAPTIONS_NOT_STARTED (400/45210)',
  },
  spokenLanguageUnsupported: {
    code: 'invalid_argument',
    reason: 'unsupported_language',
    message: 'Captions do not support this spoken language.',
    source: 'SDK 2.0.0 CAPTIONS.SPOKEN_LANG_UNSUPPORTED (400/45202)',
  },
  captionLanguageUnsupported: {
    code: 'invalid_argument',
    reason: 'unsupported_language',
    message: 'Captions cannot be shown in this language.',
    source: 'SDK 2.0.0 CAPTIONS.CAPTIONS_LANG_UNSUPPORTED (400/45213)',
  },
  noParticipants: {
    code: 'invalid_argument',
    reason: 'no_participants',
    message: 'No participant was named.',
    source:
      'SpotlightHandle contract: explicit ids (the SDK reads a missing list as the local user, which LOCAL_PARTICIPANT_ID names)',
  },
  notAParticipant: {
    code: 'invalid_argument',
    reason: 'not_a_participant',
    message: 'This is not a participant of the call.',
    source: 'SDK 2.0.0 SpotlightFeature.validateIdentifierParam; the service spotlights participants only',
  },
  tooManySpotlighted: {
    code: 'invalid_argument',
    reason: 'max_spotlighted',
    message: 'No more participants can be spotlighted.',
    source:
      'SDK 2.0.0 SPOTLIGHT.SPOTLIGHT_LIGHT_MAX_REACHED (400/45902); ECS default spotlight.maxSpotlightParticipants 7',
  },
  notInLobby: {
    code: 'not_found',
    reason: 'not_in_lobby',
    message: 'This person is not in the lobby.',
    source: 'SDK 2.0.0 LOBBY.NOT_IN_LOBBY (400/41804)',
  },
  alreadyInMeeting: {
    code: 'not_found',
    reason: 'already_in_meeting',
    message: 'This person is already in the meeting.',
    source: 'SDK 2.0.0 LOBBY.ALREADY_IN_MEETING (400/41803), from Lobby.validateLobbyOperation',
  },
  invalidTransferTarget: {
    code: 'invalid_argument',
    reason: 'invalid_target',
    message: 'This is not a valid transfer target.',
    source: 'SDK 2.0.0 TRANSFER.TARGET_NOT_RECOGNIZED (400/46052), INVALID_TARGET_TYPE (400/46053)',
  },
  sameCall: {
    code: 'invalid_argument',
    reason: 'same_call',
    message: 'A call cannot be transferred to itself.',
    source: 'SDK 2.0.0 TransferCallImplOverTsCall.transferToCall: the target is another call of the agent',
  },
  unknownCall: {
    code: 'invalid_argument',
    reason: 'unknown_call',
    message: 'There is no such live call to transfer to.',
    source:
      'SDK 2.0.0 TransferCallImplOverTsCall.transferToCall: callAgent.getCallByCallId, else TRANSFER.TARGET_NOT_RECOGNIZED (400/46052)',
  },
  targetCallNotLive: {
    code: 'invalid_argument',
    reason: 'target_call_not_connected',
    message: 'The call to transfer to is not connected or on hold.',
    source: 'TransferTarget contract: another live call of this port (connected or on hold)',
  },
  transferFailed: {
    code: 'call_failed',
    reason: 'transfer_failed',
    message: 'The transfer failed.',
    source:
      'SDK 2.0.0 Transfer.state Failed with Transfer.error { code, subCode }; default TRANSFER.TRANSFER_TO_TARGET_FAILED (500/46050)',
  },
} as const satisfies Record<string, FeatureRefusal>;

/** The error of a refusal, `details.reason` first, then any facts the caller adds. */
export function featureError(
  refusal: FeatureRefusal,
  details: Readonly<Record<string, unknown>> = {},
): TeamsEndpointError {
  return new TeamsEndpointError(refusal.code, refusal.message, {
    details: { reason: refusal.reason, ...details },
  });
}
