import {
  type CallEndReasonCode,
  type CallPortStatus,
  createListenerSet,
  isE164PhoneNumber,
  isTeamsUserId,
  raceSignal,
  type SignalOption,
  type TransferHandle,
  type TransferredCall,
  type TransferTarget,
} from '@teams-endpoint/core';
import { type FeatureHost, featureCommand } from './fakeFeatureHost';
import { FEATURE_REFUSALS, featureError } from './featureRefusals';

/** What the next transfer of a call does: completes, fails, or waits for `completeTransfer`/`failTransfer`. */
export type TransferOutcome = 'complete' | 'fail' | 'manual';

/** The default failure: the SDK's TRANSFER_TO_TARGET_FAILED. */
const TRANSFER_FAILED: CallEndReasonCode = Object.freeze({ code: 500, subCode: 46050 });
const NORMAL_END: CallEndReasonCode = Object.freeze({ code: 0 });

/** Another call of the port, as a consultative transfer sees it. */
export interface TransferPeer {
  status(): CallPortStatus;
  end(reason: CallEndReasonCode): void;
}

export interface TransferHost extends FeatureHost {
  readonly callId: string;
  /** Another call of this port by id, live or not. */
  findCall(callId: string): TransferPeer | undefined;
  /** Ends this call. */
  end(reason: CallEndReasonCode): void;
  /** Reports a new call state (the hold a transfer starts with, the resume after a failed one). */
  setStatus(status: CallPortStatus): void;
  /** How long a scripted transfer takes, in ms. */
  readonly delayMs: number;
}

/** The remote controls of a call's transfers. */
export interface FakeTransferControls {
  /** Whether a transfer of this call is under way. */
  readonly transferPending: boolean;
  /** Scripts what the next transfer of this call does. Queued, one per transfer; default `complete`. */
  scriptNextTransfer(outcome: TransferOutcome): void;
  /** Completes the transfer under way. Throws when none is. */
  completeTransfer(): void;
  /** Fails the transfer under way with the platform's code (default 500/46050). Throws when none is. */
  failTransfer(error?: CallEndReasonCode): void;
}

export interface FakeTransfer extends FakeTransferControls {
  readonly handle: TransferHandle;
  readonly listenerCount: number;
  /** Hands a call we were transferred into to the listeners; `false` when nobody listens. */
  deliver(transferred: TransferredCall): boolean;
  /** The call ended: a transfer under way fails. */
  callEnded(): void;
}

const TRANSFERABLE: readonly CallPortStatus[] = ['connected', 'local_hold'];
const TARGET_CALL_STATES: readonly CallPortStatus[] = ['connected', 'local_hold', 'remote_hold'];

interface PendingTransfer {
  readonly peer: TransferPeer | undefined;
  /** The transfer put the call on hold first: a failure resumes it. */
  readonly heldForIt: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Transfers of one 1:1 call. A transfer resolves once it completed; then, a timer later, the platform ends
 * the call (code 0), and for a consultative transfer the other call too. A failure rejects with `call_failed`
 * and leaves the call as it was. Aborting the signal stops waiting only: the transfer goes on.
 */
export function createFakeTransfer(host: TransferHost): FakeTransfer {
  const transferredListeners = createListenerSet<TransferredCall>();
  const script: TransferOutcome[] = [];
  let pending: PendingTransfer | undefined;

  const settle = () => {
    const current = pending;
    if (!current) throw new Error(`No transfer of ${host.callId} is under way.`);
    pending = undefined;
    return current;
  };
  const complete = () => {
    const { peer, resolve } = settle();
    resolve();
    // The caller hears of the completion first; the platform ends the call after.
    host.later(0, () => {
      host.end(NORMAL_END);
      peer?.end(NORMAL_END);
    });
  };
  const fail = (error: CallEndReasonCode = TRANSFER_FAILED) => {
    const current = settle();
    // As the ACS port does (packages/acs/src/transferFeature.ts): the call held for the transfer is resumed.
    if (current.heldForIt && host.status() === 'local_hold') host.setStatus('connected');
    current.reject(
      featureError(FEATURE_REFUSALS.transferFailed, {
        code: error.code,
        ...(error.subCode === undefined ? {} : { subCode: error.subCode }),
      }),
    );
  };

  /** The other call of a consultative transfer, or nothing; refuses a target that is not valid. */
  const peerOf = (target: TransferTarget): TransferPeer | undefined => {
    switch (target?.kind) {
      case 'phoneNumber':
        if (isE164PhoneNumber(target.phoneNumber)) return undefined;
        break;
      case 'teamsUser':
        if (isTeamsUserId(target.userId)) return undefined;
        break;
      case 'call': {
        if (target.callId === host.callId) throw featureError(FEATURE_REFUSALS.sameCall);
        const peer = host.findCall(target.callId);
        if (!peer || peer.status() === 'disconnected')
          throw featureError(FEATURE_REFUSALS.unknownCall, { callId: target.callId });
        if (!TARGET_CALL_STATES.includes(peer.status()))
          throw featureError(FEATURE_REFUSALS.targetCallNotLive, { status: peer.status() });
        return peer;
      }
    }
    throw featureError(FEATURE_REFUSALS.invalidTransferTarget);
  };

  const handle: TransferHandle = {
    transfer: (target: TransferTarget, options: SignalOption = {}) =>
      featureCommand(
        host,
        {
          method: 'transfer',
          action: 'transfer the call',
          states: TRANSFERABLE,
          stateRefusal: FEATURE_REFUSALS.notTransferable,
          capability: 'transfer',
          ...(options.signal ? { signal: options.signal } : {}),
        },
        () => {
          const peer = peerOf(target);
          if (pending) throw featureError(FEATURE_REFUSALS.transferInProgress);
          // The SDK transfers only a call on local hold (2.0.0 TransferCallFeatureImpl: a connected call's
          // transfer fails at once), so the ACS port holds a connected call first; the core sees that hold.
          const heldForIt = host.status() === 'connected';
          if (heldForIt) host.setStatus('local_hold');
          const done = new Promise<void>((resolve, reject) => {
            pending = { peer, resolve, reject, heldForIt };
          });
          done.catch(() => undefined);
          const outcome = script.shift() ?? 'complete';
          if (outcome !== 'manual') {
            const current = pending;
            host.later(host.delayMs, () => {
              if (pending !== current) return;
              if (outcome === 'complete') complete();
              else fail();
            });
          }
          return raceSignal(done, options.signal);
        },
      ),
    onTransferred: (listener) => transferredListeners.add(listener),
  };

  return {
    handle,
    get listenerCount() {
      return transferredListeners.size;
    },
    get transferPending() {
      return pending !== undefined;
    },
    scriptNextTransfer(outcome) {
      script.push(outcome);
    },
    completeTransfer: complete,
    failTransfer: fail,
    deliver(transferred) {
      if (transferredListeners.size === 0) return false;
      transferredListeners.emit(transferred);
      return true;
    },
    callEnded() {
      // The call went away under the transfer: it did not complete. The platform gives no code for that.
      if (pending) settle().reject(featureError(FEATURE_REFUSALS.transferFailed, { callEnded: true }));
    },
  };
}
