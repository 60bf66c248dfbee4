import type { CallEndedEvent } from '@azure/communication-calling';
import {
  abortedError,
  type CallEndReasonCode,
  type CallHandle,
  createListenerSet,
  type IncomingCallHandle,
  type SignalOption,
  TeamsEndpointError,
  throwIfAborted,
} from '@teams-endpoint/core';
import { toEndReason } from './callStatus';
import { toOperationError } from './sdkErrors';
import { type RawIdOf, toCallParty } from './sdkIdentifiers';
import type { SdkTeamsCall, SdkTeamsIncomingCall } from './sdkTypes';

export interface AcsIncomingCallContext {
  readonly rawIdOf: RawIdOf;
  /** Wraps the answered SDK call in a handle the port tracks. */
  readonly wrapCall: (call: SdkTeamsCall) => CallHandle;
  /** Called once the ringing is over (answered, declined or ended), so the port can stop tracking it. */
  readonly onSettled: () => void;
}

/** An {@link IncomingCallHandle} over an SDK `TeamsIncomingCall`, plus what the port needs to tear it down. */
export interface AcsIncomingCall extends IncomingCallHandle {
  /** Removes the SDK listener. Used when the port disconnects. */
  release(): void;
}

const callerHungUp = (cause?: unknown) =>
  new TeamsEndpointError('call_failed', 'The caller hung up before the call was answered.', {
    ...(cause === undefined ? {} : { cause }),
    details: { reason: 'caller_hung_up' },
  });

/**
 * Wraps an SDK `TeamsIncomingCall`. Its `callEnded` event is followed from the start, so that an `accept`
 * after the caller gave up rejects with `call_failed` / `caller_hung_up` (the core turns that into a missed call).
 */
export function createAcsIncomingCall(
  incoming: SdkTeamsIncomingCall,
  context: AcsIncomingCallContext,
): AcsIncomingCall {
  const endedListeners = createListenerSet<CallEndReasonCode>();
  let phase: 'ringing' | 'accepting' | 'accepted' | 'rejected' = 'ringing';
  let endReason: CallEndReasonCode | undefined = incoming.callEndReason
    ? toEndReason(incoming.callEndReason)
    : undefined;
  let listening = false;
  /** Set when the port let go of this call (it disconnected): an answer landing later has no agent to live on. */
  let dropped = false;

  const release = () => {
    if (!listening) return;
    listening = false;
    incoming.off('callEnded', onCallEnded);
    context.onSettled();
  };

  const onCallEnded: CallEndedEvent = ({ callEndReason }) => {
    if (endReason || phase === 'accepted' || phase === 'rejected') return;
    endReason = toEndReason(callEndReason);
    // While an answer is in flight, `accept` settles the handle; otherwise the ringing is over now.
    if (phase === 'ringing') release();
    endedListeners.emit(endReason);
  };

  if (!endReason) {
    incoming.on('callEnded', onCallEnded);
    listening = true;
  }

  const answer = async (): Promise<SdkTeamsCall> => {
    try {
      return await incoming.accept();
    } catch (error) {
      throw endReason ? callerHungUp(error) : toOperationError(error, 'answer the call');
    } finally {
      // Whatever happened, the ringing is over unless the answer failed while the caller still waits.
      if (endReason) release();
    }
  };

  return {
    id: incoming.id,
    caller: toCallParty(incoming.callerInfo, context.rawIdOf),
    async accept(options?: SignalOption) {
      if (endReason) throw callerHungUp();
      if (phase !== 'ringing') {
        throw new TeamsEndpointError('invalid_call_state', 'This call was already answered or declined.');
      }
      throwIfAborted(options?.signal);
      phase = 'accepting';
      let call: SdkTeamsCall;
      try {
        call = await answer();
      } catch (error) {
        phase = 'ringing';
        throw error;
      }
      phase = 'accepted';
      release();
      if (dropped) {
        // The port disconnected while the answer was in flight: end the call nobody can follow any more.
        await call.hangUp({ forEveryone: false }).catch(() => undefined);
        call.dispose();
        throw new TeamsEndpointError('not_connected', 'The Teams call agent disconnected while answering.');
      }
      const handle = context.wrapCall(call);
      if (options?.signal?.aborted) {
        // The answer could not be stopped once it left; end the call the caller no longer wants.
        await handle.hangUp().catch(() => undefined);
        throw abortedError();
      }
      return handle;
    },
    async reject() {
      if (endReason || phase !== 'ringing') return;
      try {
        await incoming.reject();
      } catch (error) {
        throw toOperationError(error, 'decline the call');
      }
      phase = 'rejected';
      release();
    },
    onEnded: (listener) => endedListeners.add(listener),
    release() {
      dropped = true;
      release();
    },
  };
}
