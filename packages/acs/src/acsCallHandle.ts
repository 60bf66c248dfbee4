import type { CollectionUpdatedEvent } from '@azure/communication-calling';
import {
  type CallHandle,
  type CallHandleState,
  type CallPortEvent,
  type CallPortStatus,
  createListenerSet,
  type DtmfTone,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import { toCallPortStatus, toEndReason } from './callStatus';
import { toSdkDtmfTone } from './sdkDtmfTone';
import { toOperationError } from './sdkErrors';
import { type RawIdOf, toParticipant } from './sdkIdentifiers';
import type { SdkLocalVideoStream, SdkRemoteParticipant, SdkTeamsCall } from './sdkTypes';

/** The longest wait for the SDK to report that the microphone changed, in ms. */
export const MUTE_CONFIRMATION_TIMEOUT_MS = 5_000;

export interface AcsCallHandleContext {
  readonly rawIdOf: RawIdOf;
  /** A stream of the chosen camera, for `startVideo`. Rejects with a typed error when there is none. */
  readonly createCameraStream: () => Promise<SdkLocalVideoStream>;
  /** Called once the call has ended, so the port can stop tracking it. */
  readonly onEnded: () => void;
}

/** A {@link CallHandle} over one SDK call, plus what the port needs to tear it down. */
export interface AcsCallHandle extends CallHandle {
  /** Removes every SDK listener and disposes the SDK call. Used when the port disconnects. */
  dispose(): void;
}

/**
 * Wraps an SDK `TeamsCall` in the core's {@link CallHandle}.
 *
 * SDK handlers are attached when the first subscriber arrives and detached, with the same functions, when the
 * last one leaves, when the call ends, or when the port disconnects. Participants that leave lose their
 * handlers at once, so a meeting of thousands does not leak listeners.
 */
export function createAcsCallHandle(call: SdkTeamsCall, context: AcsCallHandleContext): AcsCallHandle {
  const { rawIdOf } = context;
  const participantHandlers = new Map<SdkRemoteParticipant, () => void>();
  let attached = false;
  let ended = false;
  let lastStatus: CallPortStatus | undefined;
  let videoStream: SdkLocalVideoStream | undefined;
  /** Set once the port let go of the call: the SDK call then counts as over, whatever its last state. */
  let disposed = false;

  const subscribers = createListenerSet<CallPortEvent>({ onFirst: () => attach(), onLast: () => detach() });

  const isOver = () => disposed || call.state === 'Disconnected';
  const disposedEndReason = () => (call.callEndReason ? toEndReason(call.callEndReason) : { code: 0 });

  /** Follows what changes a participant's entry: mute, speaking, display name. */
  const watchParticipant = (participant: SdkRemoteParticipant) => {
    const onChanged = () =>
      subscribers.emit({ type: 'participantChanged', participant: toParticipant(participant, rawIdOf) });
    participantHandlers.set(participant, onChanged);
    participant.on('isMutedChanged', onChanged);
    participant.on('isSpeakingChanged', onChanged);
    participant.on('displayNameChanged', onChanged);
  };

  const unwatchParticipant = (participant: SdkRemoteParticipant) => {
    const onChanged = participantHandlers.get(participant);
    if (!onChanged) return;
    participant.off('isMutedChanged', onChanged);
    participant.off('isSpeakingChanged', onChanged);
    participant.off('displayNameChanged', onChanged);
    participantHandlers.delete(participant);
  };

  /** Mute changes waiting for the SDK's word; each is told when the call ends first. */
  const muteWaits = new Set<(error: TeamsEndpointError) => void>();
  const abandonMuteWaits = () => {
    const over = new TeamsEndpointError(
      'invalid_call_state',
      'The call ended before the microphone changed.',
    );
    for (const abandon of [...muteWaits]) abandon(over);
  };

  const finish = () => {
    if (ended) return;
    ended = true;
    detach();
    abandonMuteWaits();
    context.onEnded();
  };

  /**
   * Mutes or unmutes, and resolves once the SDK reports the change. A Teams call's `mute()` and `unmute()`
   * resolve at once, before its stack has acted, and never reject: the SDK 2.0.0's `TeamsCallImpl.mute` is
   * `async mute(){super.mute()}`, so a failure is lost. `isMutedChanged` is the only word that the microphone
   * changed, so the port waits for it, within {@link MUTE_CONFIRMATION_TIMEOUT_MS}.
   */
  const setMuted = (muted: boolean) =>
    new Promise<void>((resolve, reject) => {
      if (call.isMuted === muted) {
        resolve();
        return;
      }
      const settle = (error?: TeamsEndpointError) => {
        clearTimeout(timer);
        call.off('isMutedChanged', onChanged);
        muteWaits.delete(settle);
        if (error) reject(error);
        else resolve();
      };
      const onChanged = () => {
        if (call.isMuted === muted) settle();
      };
      const timer = setTimeout(
        () =>
          settle(
            new TeamsEndpointError(
              'call_failed',
              `The microphone did not ${muted ? 'mute' : 'unmute'}: the calling SDK did not confirm it.`,
              { retryable: true, details: { reason: 'not_confirmed' } },
            ),
          ),
        MUTE_CONFIRMATION_TIMEOUT_MS,
      );
      muteWaits.add(settle);
      call.on('isMutedChanged', onChanged);
      (muted ? call.mute() : call.unmute()).catch((error: unknown) =>
        settle(toOperationError(error, muted ? 'mute' : 'unmute')),
      );
    });

  const onStateChanged = () => {
    const status = toCallPortStatus(call.state);
    if (status === lastStatus) return;
    lastStatus = status;
    const endReason =
      status === 'disconnected' && call.callEndReason ? toEndReason(call.callEndReason) : undefined;
    subscribers.emit(endReason ? { type: 'status', status, endReason } : { type: 'status', status });
    // A disconnected call fires nothing more: let go of it now rather than when the core unsubscribes.
    if (status === 'disconnected') finish();
  };
  const onMutedChanged = () => subscribers.emit({ type: 'muted', isMuted: call.isMuted });
  const onVideoChanged = () => subscribers.emit({ type: 'video', isVideoOn: call.isLocalVideoStarted });
  const onParticipantsUpdated: CollectionUpdatedEvent<SdkRemoteParticipant> = ({ added, removed }) => {
    for (const participant of removed) unwatchParticipant(participant);
    for (const participant of added) watchParticipant(participant);
    if (removed.length > 0) {
      subscribers.emit({ type: 'participantsRemoved', ids: removed.map((p) => rawIdOf(p.identifier)) });
    }
    if (added.length > 0) {
      subscribers.emit({
        type: 'participantsAdded',
        participants: added.map((p) => toParticipant(p, rawIdOf)),
      });
    }
  };

  function attach() {
    if (attached || ended) return;
    if (isOver()) {
      finish();
      return;
    }
    attached = true;
    lastStatus = toCallPortStatus(call.state);
    call.on('stateChanged', onStateChanged);
    call.on('isMutedChanged', onMutedChanged);
    call.on('isLocalVideoStartedChanged', onVideoChanged);
    call.on('remoteParticipantsUpdated', onParticipantsUpdated);
    for (const participant of call.remoteParticipants) watchParticipant(participant);
  }

  function detach() {
    if (!attached) return;
    attached = false;
    call.off('stateChanged', onStateChanged);
    call.off('isMutedChanged', onMutedChanged);
    call.off('isLocalVideoStartedChanged', onVideoChanged);
    call.off('remoteParticipantsUpdated', onParticipantsUpdated);
    for (const participant of [...participantHandlers.keys()]) unwatchParticipant(participant);
  }

  /** Runs one control on a live call, with SDK errors typed. */
  const control = async (action: string, run: () => Promise<void>) => {
    if (isOver()) throw new TeamsEndpointError('invalid_call_state', `Cannot ${action}: the call has ended.`);
    try {
      await run();
    } catch (error) {
      throw toOperationError(error, action);
    }
  };

  return {
    id: call.id,
    getState(): CallHandleState {
      if (disposed) {
        return {
          status: 'disconnected',
          isMuted: call.isMuted,
          isVideoOn: false,
          participants: [],
          endReason: disposedEndReason(),
        };
      }
      const base = {
        status: toCallPortStatus(call.state),
        isMuted: call.isMuted,
        isVideoOn: call.isLocalVideoStarted,
        participants: call.remoteParticipants.map((participant) => toParticipant(participant, rawIdOf)),
      };
      return call.callEndReason ? { ...base, endReason: toEndReason(call.callEndReason) } : base;
    },
    subscribe: (listener) => subscribers.add(listener),
    mute: () => control('mute', () => setMuted(true)),
    unmute: () => control('unmute', () => setMuted(false)),
    hold: () => control('hold the call', () => call.hold()),
    resume: () => control('resume the call', () => call.resume()),
    sendDtmf: (tone: DtmfTone) => control('send DTMF', () => call.sendDtmf(toSdkDtmfTone(tone))),
    startVideo: () =>
      control('start video', async () => {
        if (call.isLocalVideoStarted) return;
        const stream = await context.createCameraStream();
        try {
          await call.startVideo(stream);
        } catch (error) {
          stream.dispose();
          throw error;
        }
        videoStream = stream;
      }),
    stopVideo: () =>
      control('stop video', async () => {
        const stream = videoStream;
        if (!stream || !call.isLocalVideoStarted) return;
        await call.stopVideo(stream);
        videoStream = undefined;
      }),
    async hangUp(options) {
      // Hanging up a call that is already ending or over does nothing, as in the fake port.
      if (call.state === 'Disconnecting' || isOver()) return;
      await control('hang up', () => call.hangUp({ forEveryone: options?.forEveryone ?? false }));
    },
    dispose() {
      if (disposed) return;
      const wasLive = !ended && !isOver();
      disposed = true;
      if (wasLive) {
        // The SDK call dies with the agent and fires nothing more: report the end, or the core would keep a
        // call whose hang-up was in flight "disconnecting" forever.
        lastStatus = 'disconnected';
        subscribers.emit({ type: 'status', status: 'disconnected', endReason: disposedEndReason() });
      }
      detach();
      ended = true;
      abandonMuteWaits();
      call.dispose();
    },
  };
}
