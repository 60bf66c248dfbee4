import type { CallState, CallEndReason as SdkCallEndReason } from '@azure/communication-calling';
import type { CallEndReasonCode, CallPortStatus } from '@teams-endpoint/core';

const STATUS_BY_STATE: Readonly<Record<CallState, CallPortStatus>> = {
  None: 'connecting',
  Connecting: 'connecting',
  Ringing: 'ringing',
  EarlyMedia: 'early_media',
  Connected: 'connected',
  LocalHold: 'local_hold',
  RemoteHold: 'remote_hold',
  InLobby: 'in_lobby',
  Disconnecting: 'disconnecting',
  Disconnected: 'disconnected',
};

/**
 * Maps the SDK's call state to the core's status. `None` (a call object before its first signalling) is
 * `connecting`.
 *
 * @example
 * toCallPortStatus('EarlyMedia'); // 'early_media'
 */
export function toCallPortStatus(state: CallState): CallPortStatus {
  return STATUS_BY_STATE[state];
}

/** Copies the SDK's end reason into a plain `{ code, subCode? }`. */
export function toEndReason(reason: SdkCallEndReason): CallEndReasonCode {
  return reason.subCode === undefined
    ? { code: reason.code }
    : { code: reason.code, subCode: reason.subCode };
}
