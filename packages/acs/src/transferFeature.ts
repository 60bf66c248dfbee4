import {
  abortedError,
  type CallEndReasonCode,
  type CallHandle,
  type CallParty,
  createListenerSet,
  type SignalOption,
  TeamsEndpointError,
  type TransferHandle,
  type TransferredCall,
  type TransferTarget,
  throwIfAborted,
} from '@teams-endpoint/core';
import type { FeatureContext } from './featureContext';
import { toFeatureError } from './sdkErrors';
import { type RawIdOf, toCallParty, toSdkCallee } from './sdkIdentifiers';
import type { SdkTeamsCall, SdkTransfer, SdkTransferAcceptedEvent, SdkTransferFeature } from './sdkTypes';

/** The port's other calls, as a transfer needs them. */
export interface PortCalls {
  /** The SDK call behind a live call of this port (by `CallHandle.id`), for a consultative transfer. */
  sdkCallOf(handleId: string): SdkTeamsCall | undefined;
  /** Takes over a call the remote party transferred this endpoint into: the port tracks it like any other. */
  adoptTransferred(call: SdkTeamsCall, remote: CallParty): CallHandle;
}

export interface TransferContext extends FeatureContext {
  readonly calls: PortCalls;
  readonly rawIdOf: RawIdOf;
}

/** A {@link TransferHandle} over `Features.Transfer`, plus what the call handle needs at its end. */
export interface AcsTransferHandle extends TransferHandle {
  /**
   * The call disconnected: a transfer in flight settles now (see `createTransferHandle`). Returns `true` when a
   * transfer settled in this task, whose waiter must hear it before the end of the call is reported.
   */
  settleAtEnd(endReason: CallEndReasonCode | undefined): boolean;
  /** Stops hearing transfers (one that arrives later is hung up); a transfer still under way rejects. */
  release(): void;
}

/** Who is on the other side of a call: its first remote participant, else its caller. */
function remotePartyOf(call: SdkTeamsCall, rawIdOf: RawIdOf): CallParty {
  const [first] = call.remoteParticipants;
  return toCallParty(
    first ? { identifier: first.identifier, displayName: first.displayName } : call.callerInfo,
    rawIdOf,
  );
}

const transferFailed = (codes?: CallEndReasonCode) =>
  new TeamsEndpointError('call_failed', 'The transfer failed.', {
    details: {
      reason: 'transfer_failed',
      ...(codes ? { code: codes.code } : {}),
      ...(codes?.subCode !== undefined ? { subCode: codes.subCode } : {}),
    },
  });

/**
 * Transfers over `Features.Transfer`, and being transferred (`transferAccepted`).
 *
 * SDK rules (`TransferCallImplOverTsCall` and `TransferImpl`, 2.0.0):
 * - the call must be on local hold: `transfer()` on a call that is not hands back a `Transfer` that has already
 *   `Failed`, before any listener can hear it (its error is `{ code: 0, subCode: 0 }`: `_getTransferEndReason`
 *   overwrites the 412 `TransferImpl` sets). So the port holds a connected call first (as the Teams client
 *   does), resumes it when the transfer fails, and reads the state it got back at once;
 * - `transfer()` throws 400/46051 in a meeting or a group call of more than two, and 400/46052 without a
 *   target; a `targetCallId` the SDK does not know fails as a call not on hold does;
 * - `targetParticipant` is not checked: a raw-id string or `{}` reaches signalling as an `undefined` MRI. The
 *   port sends only the identifiers `toSdkCallee` builds (`{ phoneNumber }`, `{ microsoftTeamsUserId }`);
 * - `TransferCallFeatureImpl.off` calls `on`: an `off('transferAccepted', fn)` adds `fn` a second time. The port
 *   adds its `transferAccepted` handler once per call and never calls `off`; the SDK drops it with every other
 *   feature listener when it disposes the ended call (`TeamsCallAgentImpl.handleCallRemoved` → `disposeCall`).
 *
 * The platform ends this call once its transfer completes, and its `Disconnected` may come first. A transfer in
 * flight then settles from the end itself: resolved when the call ended normally (code 0), else rejected with
 * the end's codes; and the call handle reports the end one task later, after the transfer's waiter heard.
 */
export function createTransferHandle(
  feature: SdkTransferFeature,
  context: TransferContext,
): AcsTransferHandle {
  const { call } = context;
  const transferred = createListenerSet<TransferredCall>();
  let released = false;
  let pending:
    | { atEnd(endReason: CallEndReasonCode | undefined): void; abandon(error: TeamsEndpointError): void }
    | undefined;
  let settledInThisTask = false;
  /** Set from the moment a transfer is asked for until it settles, holding included. */
  let underWay = false;

  const onAccepted: SdkTransferAcceptedEvent = ({ targetCall }) => {
    const remote = remotePartyOf(targetCall, context.rawIdOf);
    const handle = context.calls.adoptTransferred(targetCall, remote);
    // Nobody takes the new call: end it rather than leave it running unseen.
    if (released || transferred.size === 0) handle.hangUp().catch(() => undefined);
    else transferred.emit({ handle, remote });
  };
  feature.on('transferAccepted', onAccepted);

  /** How to start the transfer to `target` on the SDK: to a participant, or to another call by its SDK id. */
  const starterOf = (target: TransferTarget): (() => SdkTransfer) => {
    if (target.kind !== 'call') {
      const targetParticipant = toSdkCallee(target);
      return () => feature.transfer({ targetParticipant });
    }
    const other = context.calls.sdkCallOf(target.callId);
    if (other === call) {
      throw new TeamsEndpointError('invalid_argument', 'A call cannot be transferred to itself.');
    }
    if (!other) {
      throw new TeamsEndpointError('call_not_found', 'The other call is not a live call of this port.');
    }
    // The SDK finds the other call by its current id (`getCallByCallId`), which can change (`idChanged`).
    return () => feature.transfer({ targetCallId: other.id });
  };

  const settled = () => {
    pending = undefined;
    settledInThisTask = true;
    setTimeout(() => {
      settledInThisTask = false;
    }, 0);
  };

  /** Follows one transfer until it completes or fails, the call ends or the caller aborts. */
  const follow = (transfer: SdkTransfer, signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const stop = () => {
        transfer.off('stateChanged', onChanged);
        signal?.removeEventListener('abort', onAbort);
        settled();
      };
      const succeed = () => {
        stop();
        resolve();
      };
      const fail = (error: TeamsEndpointError) => {
        stop();
        reject(error);
      };
      const onChanged = () => {
        if (transfer.state === 'Transferred') succeed();
        else if (transfer.state === 'Failed') fail(transferFailed(transfer.error));
      };
      const onAbort = () => fail(abortedError());
      pending = {
        atEnd(endReason) {
          if (transfer.state === 'Failed') fail(transferFailed(transfer.error));
          else if (transfer.state === 'Transferred' || (endReason?.code ?? 0) === 0) succeed();
          else fail(transferFailed(endReason));
        },
        abandon: fail,
      };
      transfer.on('stateChanged', onChanged);
      signal?.addEventListener('abort', onAbort, { once: true });
      onChanged();
    });

  /** Resumes a call the port held for a transfer that then failed; the call stays held if that fails too. */
  const resumeAfterFailure = async () => {
    if (call.state !== 'LocalHold' || context.isOver()) return;
    await call.resume().catch(() => undefined);
  };

  return {
    async transfer(target, options: SignalOption = {}) {
      const { signal } = options;
      throwIfAborted(signal);
      if (underWay) {
        throw new TeamsEndpointError('invalid_call_state', 'A transfer of this call is under way.');
      }
      const start = starterOf(target);
      underWay = true;
      let held = false;
      let started = false;
      try {
        await context.command('transfer the call', async () => {
          if (call.state === 'Connected') {
            await call.hold();
            held = true;
          }
        });
        throwIfAborted(signal);
        let transfer: SdkTransfer;
        try {
          transfer = start();
          started = true;
        } catch (error) {
          throw toFeatureError(error, 'transfer the call');
        }
        await follow(transfer, signal);
      } catch (error) {
        // An aborted wait leaves a started transfer to the platform, which may still complete it.
        const aborted = error instanceof TeamsEndpointError && error.code === 'aborted';
        if (held && !(aborted && started)) await resumeAfterFailure();
        throw error;
      } finally {
        underWay = false;
      }
    },
    onTransferred: (listener) => transferred.add(listener),
    settleAtEnd(endReason) {
      pending?.atEnd(endReason);
      return settledInThisTask;
    },
    release() {
      released = true;
      transferred.clear();
      // The port let go of the call (it disconnected) with the transfer still under way: nothing settles it now.
      pending?.abandon(
        new TeamsEndpointError('invalid_call_state', 'The call ended before the transfer completed.'),
      );
    },
  };
}
