/**
 * Where a call is, as a UI shows it. Each state of every call machine carries exactly one of these as its
 * tag, and a call's `status` is that tag: there is no table beside the machine to drift from it.
 */
export type CallStatus =
  | 'preparing'
  | 'connecting'
  | 'ringing'
  | 'early_media'
  | 'incoming'
  | 'accepting'
  | 'rejecting'
  | 'in_lobby'
  | 'connected'
  /** A hold request is on its way; the call is no longer the active one. */
  | 'holding'
  | 'on_hold'
  /** Making room (holding the active call) or a resume request on its way. */
  | 'resuming'
  | 'remote_hold'
  | 'disconnecting'
  | 'ended'
  | 'failed';

/** Every status, in the order a call usually moves through them. */
export const CALL_STATUSES: readonly CallStatus[] = [
  'preparing',
  'connecting',
  'ringing',
  'early_media',
  'incoming',
  'accepting',
  'rejecting',
  'in_lobby',
  'connected',
  'holding',
  'on_hold',
  'resuming',
  'remote_hold',
  'disconnecting',
  'ended',
  'failed',
];
