import { abortableDelay } from '../async/abortable';
import type { TeamsUser } from '../domain/people';
import { abortedError, TeamsEndpointError } from '../errors';
import type { CallStatus } from '../machines/callStatus';
import {
  type CallDeps,
  type CallKind,
  type EndpointEndCause,
  type RemoteParty,
  remoteFromCaller,
} from '../machines/callTypes';
import { inboundCallMachine } from '../machines/inboundCallMachine';
import { joinMeetingMachine } from '../machines/joinMeetingMachine';
import { outboundPstnCallMachine } from '../machines/outboundPstnCallMachine';
import { outboundTeamsCallMachine } from '../machines/outboundTeamsCallMachine';
import { transferredCallMachine } from '../machines/transferredCallMachine';
import type { TransferredCall } from '../ports/callFeatures';
import type { CallHandle, CallTarget, IncomingCallHandle, MeetingLocator } from '../ports/callingPort';
import { type Call, type CallSnapshot, type CallUnitInternals, createCallUnit } from './callUnit';

const MACHINES = {
  outbound_pstn: outboundPstnCallMachine,
  outbound_teams: outboundTeamsCallMachine,
  inbound: inboundCallMachine,
  meeting: joinMeetingMachine,
} as const;

type CallTargetOrLocator = CallTarget | MeetingLocator;

/** What every call gets from the endpoint; the registry adds its own rules (`makeRoom`). */
export type SharedCallDeps = Omit<
  CallDeps,
  'participants' | 'makeRoom' | 'roomNeeded' | 'self' | 'adoptTransferred'
>;

export interface CallRegistryOptions {
  readonly deps: SharedCallDeps;
  /** Ended calls kept so the UI can show how they ended. */
  readonly maxEndedCalls: number;
  /** Call waiting: at most one call active at any moment. */
  readonly callWaiting: boolean;
  /** Called whenever a call was added, removed or changed. */
  readonly onChange: () => void;
  /** Called once per call, with its final snapshot, as it ends or fails (the call history records it). */
  readonly onEnded?: (call: CallSnapshot) => void;
}

interface Entry extends CallUnitInternals {
  readonly target: CallTargetOrLocator | null;
  readonly stopWatching: () => void;
  /** Whether `onEnded` was told about this call. */
  ended?: boolean;
}

function sameTarget(a: CallTargetOrLocator, b: CallTargetOrLocator): boolean {
  if (a.kind === 'phoneNumber' && b.kind === 'phoneNumber') return a.phoneNumber === b.phoneNumber;
  if (a.kind === 'teamsUser' && b.kind === 'teamsUser') return a.userId === b.userId;
  if (a.kind === 'link' && b.kind === 'link') return a.meetingLink === b.meetingLink;
  if (a.kind === 'id' && b.kind === 'id') return a.meetingId === b.meetingId;
  return false;
}

const isActive = (status: CallStatus) => status === 'connected';
const isBecomingActive = (status: CallStatus) => status === 'connected' || status === 'holding';

/**
 * Owns the calls: their lifetimes, call waiting and pruning.
 *
 * Call waiting keeps one rule over all calls: at most one call is active (connected, not held) at any
 * moment, whichever event made a second one active.
 * - A call that becomes active by itself (an outgoing call answered, the remote party resuming) has every
 *   other active call held, synchronously, in the same turn.
 * - Accepting or resuming a call first makes room: the active call is held, and only once the port has
 *   confirmed it does the new call answer or resume (a swap).
 * - If holding the active call fails, the other call does not become active: a pending accept or resume is
 *   refused with the error shown on that call, and a call that became active by itself is held instead.
 *   If that fallback hold fails too, both stay connected, each showing its error.
 */
export function createCallRegistry(options: CallRegistryOptions) {
  let entries = new Map<string, Entry>();
  let stopped = false;
  /** Sign-out or dispose is ending every call: a call transferred to us meanwhile is hung up, not kept. */
  let ending = false;
  /** Who the calls belong to: this registry, one per endpoint. */
  const registryToken = {};
  /** Calls connected again because the port refused to hold them; a call leaves when it leaves `connected`. */
  const holdRefused = new Set<string>();
  let serial = 0;

  const others = (callId: string) => [...entries.values()].filter((entry) => entry.call.id !== callId);

  const requestHold = (entry: Entry, reason?: TeamsEndpointError) =>
    entry.send(reason ? { type: 'HOLD', reason } : { type: 'HOLD' });

  const holdFailedError = (heldCallId: string, cause: unknown, message: string) =>
    new TeamsEndpointError('call_failed', message, {
      cause,
      details: { reason: 'hold_failed', otherCallId: heldCallId },
    });

  /** A call became active on its own: hold every other active call. */
  const onBecameActive = (entry: Entry) => {
    if (!options.callWaiting) return;
    for (const other of others(entry.call.id)) {
      if (isActive(other.status())) requestHold(other);
    }
  };

  /**
   * A hold failed and the call is active again: every other call that became active meanwhile is held
   * instead, whoever asked for the failed hold (call waiting, or the user: a call answered while a hold was on
   * its way held nothing, since the call being held was no longer active). A call whose own hold was refused
   * is not held again: when the fallback hold fails too, both stay connected (the documented limitation).
   */
  const onHoldFailed = (entry: Entry) => {
    if (!options.callWaiting) return;
    for (const other of others(entry.call.id)) {
      if (!isActive(other.status()) || holdRefused.has(other.call.id)) continue;
      requestHold(
        other,
        holdFailedError(
          entry.call.id,
          entry.controlError(),
          'The other call could not be put on hold, so this call was put on hold instead.',
        ),
      );
    }
  };

  const reportEnded = (entry: Entry) => {
    if (entry.ended || !entry.isFinal()) return;
    entry.ended = true;
    options.onEnded?.(entry.call.getSnapshot());
  };

  const watch = (entry: Entry) =>
    entry.onStatus((next, previous) => {
      if (next === 'ended' || next === 'failed') {
        reportEnded(entry);
        pruneEnded();
      }
      if (!isActive(next)) holdRefused.delete(entry.call.id);
      else if (previous === 'holding') {
        holdRefused.add(entry.call.id);
        onHoldFailed(entry);
      } else if (!isActive(previous)) onBecameActive(entry);
    });

  /**
   * Resolves once no other call is active or on its way to being held; holds the active ones first. Rejects
   * with `call_failed` (`details.reason: 'hold_failed'`) when one of them could not be held.
   */
  const makeRoom = async (callId: string, signal: AbortSignal): Promise<void> => {
    if (!options.callWaiting) return;
    const waitingFor = others(callId).filter((entry) => isBecomingActive(entry.status()));
    for (const entry of waitingFor) {
      if (isActive(entry.status())) requestHold(entry);
    }
    const accepting = entries.get(callId)?.status() === 'accepting';
    await Promise.all(
      waitingFor.map((entry) =>
        untilHeld(
          entry,
          signal,
          accepting
            ? 'The other call could not be put on hold, so this call was not answered. It is still ringing.'
            : 'The other call could not be put on hold, so this call stays on hold.',
        ),
      ),
    );
  };

  /** Waits until the call leaves `connected`/`holding`; a return to `connected` means its hold failed. */
  const untilHeld = (entry: Entry, signal: AbortSignal, failure: string) =>
    new Promise<void>((resolve, reject) => {
      if (!isBecomingActive(entry.status())) {
        resolve();
        return;
      }
      const finish = (error?: unknown) => {
        stop();
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = () => finish(abortedError());
      const stop = entry.onStatus((next) => {
        if (isActive(next)) {
          finish(holdFailedError(entry.call.id, entry.controlError(), failure));
        } else if (!isBecomingActive(next)) finish();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });

  /** Keeps live calls and the most recent `maxEndedCalls` ended ones. */
  const pruneEnded = () => {
    const ended = [...entries.values()].filter((entry) => entry.isFinal());
    for (const entry of ended.slice(0, Math.max(0, ended.length - options.maxEndedCalls))) {
      entry.stopWatching();
      entry.stop();
      entries.delete(entry.call.id);
    }
  };

  const start = (
    kind: CallKind,
    remote: RemoteParty,
    target: CallTargetOrLocator | null,
    self: TeamsUser,
    incoming?: IncomingCallHandle,
    adopted?: { readonly handle: CallHandle; readonly after: string },
  ): Call => {
    serial += 1;
    const id = `call-${serial}`;
    const unit = createCallUnit({
      id,
      machine: adopted ? transferredCallMachine : MACHINES[kind],
      input: {
        kind,
        remote,
        ...(target ? { target } : {}),
        ...(incoming ? { incoming } : {}),
        ...(adopted ? { handle: adopted.handle } : {}),
        deps: {
          ...options.deps,
          self,
          makeRoom: (signal) => makeRoom(id, signal),
          roomNeeded: () =>
            options.callWaiting && others(id).some((entry) => isBecomingActive(entry.status())),
          adoptTransferred: (transferred) => adopt(kind, self, id, transferred),
        },
      },
      startedAt: options.deps.now(),
      onInvalidate: options.onChange,
      owner: registryToken,
    });
    let stopWatching = () => {};
    const entry: Entry = { ...unit, target, stopWatching: () => stopWatching() };
    if (adopted) insertAfter(adopted.after, entry);
    else entries.set(id, entry);
    stopWatching = watch(entry);
    // A call that failed as it started never changed status while watched.
    reportEnded(entry);
    options.onChange();
    return unit.call;
  };

  /** Puts a call right after another, so that the call that replaces one takes its place in the list. */
  const insertAfter = (previousId: string, entry: Entry) => {
    const next = new Map<string, Entry>();
    for (const [id, existing] of entries) {
      next.set(id, existing);
      if (id === previousId) next.set(entry.call.id, entry);
    }
    if (!next.has(entry.call.id)) next.set(entry.call.id, entry);
    entries = next;
  };

  /**
   * The remote party transferred the call `previousId`: the new call joins the registry in its place (same
   * kind of call, its other side resolved again). After dispose, the new call is hung up: no call is lost to
   * a registry that no longer runs.
   */
  const adopt = (
    kind: CallKind,
    self: TeamsUser,
    previousId: string,
    transferred: TransferredCall,
  ): string | null => {
    if (stopped || ending) {
      transferred.handle.hangUp().catch(() => undefined);
      return null;
    }
    const call = start(kind, remoteFromCaller(transferred.remote), null, self, undefined, {
      handle: transferred.handle,
      after: previousId,
    });
    return call.id;
  };

  /** A second "call" for the same target while the first is still live returns the first (double clicks). */
  const liveCallTo = (target: CallTargetOrLocator): Call | undefined => {
    for (const entry of entries.values()) {
      if (entry.target && !entry.isFinal() && sameTarget(entry.target, target)) return entry.call;
    }
    return undefined;
  };

  const live = () => [...entries.values()].filter((entry) => !entry.isFinal());

  /** Hangs up every live call, waits up to `graceMs` for them to end, then ends those still live here. */
  const endLive = async (reason: EndpointEndCause, graceMs: number) => {
    const calls = live();
    for (const entry of calls) entry.send({ type: 'HANG_UP', reason });
    const grace = new AbortController();
    await Promise.race([
      Promise.all(calls.map((entry) => entry.call.whenEnded())),
      abortableDelay(graceMs, grace.signal).catch(() => undefined),
    ]);
    grace.abort();
    for (const entry of live()) entry.send({ type: 'FORCE_END', reason });
  };

  return {
    start,
    liveCallTo,
    get: (callId: string): Call | undefined => entries.get(callId)?.call,
    snapshots: (): CallSnapshot[] => [...entries.values()].map((entry) => entry.call.getSnapshot()),
    subscriberCount: () => [...entries.values()].reduce((sum, entry) => sum + entry.subscriberCount(), 0),

    /**
     * Sign-out or dispose: hangs up every live call, waits up to `graceMs` for them to end, then ends those
     * still live here (the port never confirmed). Every call ends saying why.
     */
    async endAll(reason: EndpointEndCause, graceMs: number): Promise<void> {
      ending = true;
      try {
        await endLive(reason, graceMs);
      } finally {
        ending = false;
      }
    },

    /** Stops every call (dispose): machines stopped, listeners removed, `whenEnded()` settled. */
    stopAll(): void {
      stopped = true;
      for (const entry of entries.values()) {
        reportEnded(entry);
        entry.stopWatching();
        entry.stop();
      }
      holdRefused.clear();
    },
  };
}

export type CallRegistry = ReturnType<typeof createCallRegistry>;
