import type { CollectionUpdatedEvent, VideoDeviceInfo } from '@azure/communication-calling';
import {
  type CallHandle,
  type CallHandleState,
  type CallPortEvent,
  type CallPortStatus,
  createListenerSet,
  type DtmfTone,
  LOCAL_STREAM_IDS,
  type RenderStreamOptions,
  TeamsEndpointError,
  throwIfAborted,
} from '@teams-endpoint/core';
import { createCallFeatures } from './callFeatures';
import { toCallPortStatus, toEndReason } from './callStatus';
import { createParticipantWatch } from './participantWatch';
import { toSdkDtmfTone } from './sdkDtmfTone';
import { toOperationError, toScreenShareError } from './sdkErrors';
import type { RawIdOf } from './sdkIdentifiers';
import { remoteStreamId, streamKindOf, toParticipant } from './sdkParticipant';
import type {
  AcsCallingSdk,
  SdkLocalVideoStream,
  SdkRemoteParticipant,
  SdkRemoteVideoStream,
  SdkTeamsCall,
} from './sdkTypes';
import { createStreamViews, type ViewRequest } from './streamViews';
import { type AcsCallKind, createTeamsFeatures } from './teamsFeatures';
import type { PortCalls } from './transferFeature';

/** The longest wait for the SDK to report that the microphone changed, in ms. */
export const MUTE_CONFIRMATION_TIMEOUT_MS = 5_000;

export interface AcsCallHandleContext {
  readonly rawIdOf: RawIdOf;
  /** The SDK's renderer and feature factories. */
  readonly sdk: Pick<AcsCallingSdk, 'VideoStreamRenderer' | 'Features'>;
  /** A stream of the chosen camera, for `startVideo`. Rejects with a typed error when there is none. */
  readonly createCameraStream: () => Promise<SdkLocalVideoStream>;
  /** Called once the call has ended, so the port can stop tracking it. */
  readonly onEnded: () => void;
  /** What kind of call it is: it decides the Teams features the call offers. */
  readonly kind: AcsCallKind;
  /** This endpoint's user's raw id, when the port knows it: it tells the local user apart in feature data. */
  readonly localRawId: string | undefined;
  /** The port's other calls, for transfers. */
  readonly calls: PortCalls;
}

/** A {@link CallHandle} over one SDK call, plus what the port needs to tear it down. */
export interface AcsCallHandle extends CallHandle {
  /** Moves the live camera stream, if video is on, to `camera` (`LocalVideoStream.switchSource`). */
  switchCamera(camera: VideoDeviceInfo): Promise<void>;
  /** Removes every SDK listener, disposes every view and the SDK call. Used when the port disconnects. */
  dispose(): void;
}

/** The owner of this endpoint's own streams in the view registry. */
const LOCAL_OWNER = 'local';

/** A stream the call can render now, with what its view needs. */
type RenderTarget = Pick<ViewRequest, 'stream' | 'ownerId' | 'source'> & { readonly isScreenShare: boolean };

const streamNotFound = (streamId: string, reason: 'stream_not_found' | 'stream_unavailable') =>
  new TeamsEndpointError(
    'not_found',
    reason === 'stream_unavailable'
      ? 'This video stream is not available now.'
      : 'This call has no video stream with this id.',
    { details: { reason, streamId } },
  );

/**
 * Wraps an SDK `TeamsCall` in the core's {@link CallHandle}.
 *
 * SDK handlers are attached when the first subscriber arrives and detached, with the same functions, when the
 * last one leaves, when the call ends, or when the port disconnects. Participants that leave lose their
 * handlers at once, so a meeting of thousands does not leak listeners.
 *
 * Views made by `renderStream` are released when their stream stops being renderable (a remote stream turns
 * unavailable or is removed, its participant leaves, the local video or share stops; followed while the call has
 * a subscriber, as the core's call has for its whole life), and all of them when the call ends or the port
 * disconnects.
 *
 * Its Teams features (`features`, see `teamsFeatures.ts`) are asked of the SDK when first read; what the platform
 * allows is reported with the state and as `capabilities` events.
 */
export function createAcsCallHandle(call: SdkTeamsCall, context: AcsCallHandleContext): AcsCallHandle {
  const { rawIdOf } = context;
  let attached = false;
  let ended = false;
  let lastStatus: CallPortStatus | undefined;
  let lastScreenSharing = false;
  let videoStream: SdkLocalVideoStream | undefined;
  /** Set once the port let go of the call: the SDK call then counts as over, whatever its last state. */
  let disposed = false;

  const subscribers = createListenerSet<CallPortEvent>({ onFirst: () => attach(), onLast: () => detach() });
  const views = createStreamViews(context.sdk.VideoStreamRenderer);
  const features = createCallFeatures(call, context.sdk.Features, rawIdOf, (event) =>
    subscribers.emit(event),
  );

  const isOver = () => disposed || call.state === 'Disconnected';
  const teamsFeatures = createTeamsFeatures(call, {
    kind: context.kind,
    factories: context.sdk.Features,
    rawIdOf,
    localRawId: context.localRawId,
    calls: context.calls,
    isOver,
    emit: (event) => subscribers.emit(event),
  });
  const disposedEndReason = () => (call.callEndReason ? toEndReason(call.callEndReason) : { code: 0 });
  /** Disposes the views of a stream that cannot be rendered any more; one being made rejects with `not_found`. */
  const streamGone = (streamId: string) =>
    views.release((view) => view.streamId === streamId, streamNotFound(streamId, 'stream_unavailable'));

  const participants = createParticipantWatch({
    rawIdOf,
    onChanged: (participant) =>
      subscribers.emit({ type: 'participantChanged', participant: toParticipant(participant, rawIdOf) }),
    onStreamGone: streamGone,
  });

  /** The local stream of a kind, while the SDK sends it. */
  const localStream = (mediaStreamType: 'Video' | 'ScreenSharing') =>
    call.localVideoStreams.find((stream) => stream.mediaStreamType === mediaStreamType);
  const cameraStream = () => (call.isLocalVideoStarted ? (videoStream ?? localStream('Video')) : undefined);
  /**
   * Sharing counts as on once the SDK lists the shared stream. `isScreenSharingOnChanged` fires before that:
   * `TeamsCallImpl.startScreenSharing` adds the stream to `localVideoStreams` only after the stack's
   * renegotiation, and reports it with `localVideoStreamsUpdated`.
   */
  const screenShareStream = () => (call.isScreenSharingOn ? localStream('ScreenSharing') : undefined);

  /** Mute changes waiting for the SDK's word; each is told when the call ends first. */
  const muteWaits = new Set<(error: TeamsEndpointError) => void>();
  const abandonMuteWaits = () => {
    const over = new TeamsEndpointError(
      'invalid_call_state',
      'The call ended before the microphone changed.',
    );
    for (const abandon of [...muteWaits]) abandon(over);
  };

  const callEnded = () =>
    new TeamsEndpointError('invalid_call_state', 'The call ended, so its video is not shown any more.');

  const finish = () => {
    if (ended) return;
    ended = true;
    detach();
    teamsFeatures.release();
    abandonMuteWaits();
    views.release(() => true, callEnded());
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
    if (status !== 'disconnected') {
      subscribers.emit({ type: 'status', status });
      return;
    }
    const endReason = call.callEndReason ? toEndReason(call.callEndReason) : undefined;
    const reportEnd = () => {
      subscribers.emit(endReason ? { type: 'status', status, endReason } : { type: 'status', status });
      // A disconnected call fires nothing more: let go of it now rather than when the core unsubscribes.
      finish();
    };
    // The platform ends a call once its transfer completed, sometimes before saying the transfer did. The
    // transfer settles first, and the end is reported one task later: the core's wait on the transfer is a chain
    // of promise reactions, which all run before the next task, so it reads the call as transferred.
    if (teamsFeatures.settleTransferAtEnd(endReason)) setTimeout(reportEnd, 0);
    else reportEnd();
  };
  const onMutedChanged = () => subscribers.emit({ type: 'muted', isMuted: call.isMuted });
  const onVideoChanged = () => {
    if (!call.isLocalVideoStarted) streamGone(LOCAL_STREAM_IDS.video);
    subscribers.emit({ type: 'video', isVideoOn: call.isLocalVideoStarted });
  };
  const onScreenSharingChanged = () => {
    const isScreenSharingOn = screenShareStream() !== undefined;
    if (isScreenSharingOn === lastScreenSharing) return;
    lastScreenSharing = isScreenSharingOn;
    if (!isScreenSharingOn) streamGone(LOCAL_STREAM_IDS.screenSharing);
    subscribers.emit({ type: 'screenSharing', isScreenSharingOn });
  };
  const onParticipantsUpdated: CollectionUpdatedEvent<SdkRemoteParticipant> = ({ added, removed }) => {
    for (const participant of removed) participants.unwatch(participant);
    for (const participant of added) participants.watch(participant);
    if (removed.length > 0) {
      const ids = removed.map((p) => rawIdOf(p.identifier));
      const left = new Set(ids);
      views.release(
        (view) => left.has(view.ownerId),
        new TeamsEndpointError('not_found', 'The participant left the call.', {
          details: { reason: 'stream_unavailable' },
        }),
      );
      subscribers.emit({ type: 'participantsRemoved', ids });
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
    lastScreenSharing = screenShareStream() !== undefined;
    call.on('stateChanged', onStateChanged);
    call.on('isMutedChanged', onMutedChanged);
    call.on('isLocalVideoStartedChanged', onVideoChanged);
    call.on('isScreenSharingOnChanged', onScreenSharingChanged);
    call.on('localVideoStreamsUpdated', onScreenSharingChanged);
    call.on('remoteParticipantsUpdated', onParticipantsUpdated);
    for (const participant of call.remoteParticipants) participants.watch(participant);
    features.attach();
    teamsFeatures.attach();
  }

  function detach() {
    if (!attached) return;
    attached = false;
    call.off('stateChanged', onStateChanged);
    call.off('isMutedChanged', onMutedChanged);
    call.off('isLocalVideoStartedChanged', onVideoChanged);
    call.off('isScreenSharingOnChanged', onScreenSharingChanged);
    call.off('localVideoStreamsUpdated', onScreenSharingChanged);
    call.off('remoteParticipantsUpdated', onParticipantsUpdated);
    participants.unwatchAll();
    features.detach();
    teamsFeatures.detach();
  }

  /** Runs one control on a live call, with SDK errors typed. */
  const control = async (
    action: string,
    run: () => Promise<void>,
    typeError: (error: unknown) => TeamsEndpointError = (error) => toOperationError(error, action),
  ) => {
    if (isOver()) throw new TeamsEndpointError('invalid_call_state', `Cannot ${action}: the call has ended.`);
    try {
      await run();
    } catch (error) {
      throw typeError(error);
    }
  };

  /** A remote stream of this call by its id: the participant's raw id, then the SDK's stream id. */
  const findRemoteStream = (streamId: string): RenderTarget => {
    for (const participant of call.remoteParticipants) {
      const ownerId = rawIdOf(participant.identifier);
      if (!streamId.startsWith(`${ownerId}#`)) continue;
      const stream = participant.videoStreams.find(
        (candidate: SdkRemoteVideoStream) =>
          remoteStreamId(ownerId, candidate) === streamId && streamKindOf(candidate) !== undefined,
      );
      if (!stream) break;
      if (!stream.isAvailable) throw streamNotFound(streamId, 'stream_unavailable');
      return { stream, ownerId, source: 'stream', isScreenShare: streamKindOf(stream) === 'screenSharing' };
    }
    throw streamNotFound(streamId, 'stream_not_found');
  };

  const findStream = (streamId: string): RenderTarget => {
    if (streamId !== LOCAL_STREAM_IDS.video && streamId !== LOCAL_STREAM_IDS.screenSharing) {
      return findRemoteStream(streamId);
    }
    const isScreenShare = streamId === LOCAL_STREAM_IDS.screenSharing;
    const stream = isScreenShare ? screenShareStream() : cameraStream();
    if (!stream) throw streamNotFound(streamId, 'stream_unavailable');
    return { stream, ownerId: LOCAL_OWNER, source: isScreenShare ? 'stream' : 'camera', isScreenShare };
  };

  return {
    id: call.id,
    features: teamsFeatures.handles,
    getState(): CallHandleState {
      if (disposed) {
        return {
          status: 'disconnected',
          isMuted: call.isMuted,
          isVideoOn: false,
          isScreenSharingOn: false,
          participants: [],
          dominantSpeakers: [],
          optimalVideoCount: null,
          capabilities: {},
          endReason: disposedEndReason(),
        };
      }
      const base = {
        status: toCallPortStatus(call.state),
        isMuted: call.isMuted,
        isVideoOn: call.isLocalVideoStarted,
        isScreenSharingOn: screenShareStream() !== undefined,
        participants: call.remoteParticipants.map((participant) => toParticipant(participant, rawIdOf)),
        dominantSpeakers: features.dominantSpeakers(),
        optimalVideoCount: features.optimalVideoCount(),
        capabilities: teamsFeatures.capabilities(),
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
        streamGone(LOCAL_STREAM_IDS.video);
      }),
    startScreenSharing: () =>
      control(
        'share the screen',
        async () => {
          if (call.isScreenSharingOn) return;
          // Without a stream, the SDK has the browser ask the user what to share (`getDisplayMedia`).
          await call.startScreenSharing();
        },
        toScreenShareError,
      ),
    stopScreenSharing: () =>
      control('stop sharing the screen', async () => {
        if (!call.isScreenSharingOn) return;
        await call.stopScreenSharing();
      }),
    async renderStream(streamId: string, container: HTMLElement, options: RenderStreamOptions = {}) {
      throwIfAborted(options.signal);
      if (isOver()) {
        throw new TeamsEndpointError('invalid_call_state', 'Cannot show the video: the call has ended.');
      }
      const { isScreenShare, ...target } = findStream(streamId);
      return views.render({
        streamId,
        ...target,
        container,
        scaling: options.scaling ?? (isScreenShare ? 'fit' : 'crop'),
        mirrored: options.mirrored ?? streamId === LOCAL_STREAM_IDS.video,
        signal: options.signal,
      });
    },
    async switchCamera(camera) {
      const stream = videoStream;
      // `switchSource` refuses the camera the stream already has (400/43005).
      if (!stream || stream.source.id === camera.id) return;
      try {
        await stream.switchSource(camera);
      } catch (error) {
        throw toOperationError(error, 'switch the camera', 'unknown');
      }
    },
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
      teamsFeatures.release();
      ended = true;
      abandonMuteWaits();
      views.release(() => true, callEnded());
      call.dispose();
    },
  };
}
