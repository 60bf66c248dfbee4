import type {
  CallFeatureHandles,
  CallHandle,
  CallingPort,
  CallPortEvent,
  CallTarget,
  CaptionResult,
  CaptionsHandle,
  DtmfTone,
  MeetingLocator,
  RenderStreamOptions,
  SignalOption,
} from '@teams-endpoint/core';

export type CallEventListener = (event: CallPortEvent) => void;
export type CaptionListener = (result: CaptionResult) => void;

/** Calls every listener with every event, in order: what a calling port does when its SDK fires. */
export function deliver<E>(listeners: ReadonlySet<(event: E) => void>, events: readonly E[]): void {
  for (const event of events) for (const listener of listeners) listener(event);
}

/**
 * A call handle of the fake calling port, passed through unchanged, that also remembers the listeners the
 * core subscribed. The bench delivers pre-built participant events to those listeners, exactly as the port
 * would; that way the fake's own bookkeeping (it searches its participant list on every toggle) is billed
 * neither to the core nor to the baseline. The caption results' listeners are remembered in the same way.
 */
export class TappedCallHandle implements CallHandle {
  readonly listeners = new Set<CallEventListener>();
  readonly captionListeners = new Set<CaptionListener>();
  /** Built once: the core tells a new feature port from the one it follows by identity. */
  readonly features: CallFeatureHandles;

  constructor(private readonly inner: CallHandle) {
    const { captions } = inner.features;
    this.features = captions ? { ...inner.features, captions: this.tapCaptions(captions) } : inner.features;
  }

  private tapCaptions(captions: CaptionsHandle): CaptionsHandle {
    return {
      getState: () => captions.getState(),
      subscribe: (listener) => captions.subscribe(listener),
      onCaption: (listener) => {
        this.captionListeners.add(listener);
        const stop = captions.onCaption(listener);
        return () => {
          this.captionListeners.delete(listener);
          stop();
        };
      },
      start: (options) => captions.start(options),
      stop: () => captions.stop(),
      setSpokenLanguage: (language) => captions.setSpokenLanguage(language),
      setCaptionLanguage: (language) => captions.setCaptionLanguage(language),
    };
  }

  get id() {
    return this.inner.id;
  }
  getState() {
    return this.inner.getState();
  }
  subscribe(listener: CallEventListener) {
    // The core's own function, not a wrapper: delivering to it costs what the port's emit costs.
    this.listeners.add(listener);
    const stop = this.inner.subscribe(listener);
    return () => {
      this.listeners.delete(listener);
      stop();
    };
  }
  mute() {
    return this.inner.mute();
  }
  unmute() {
    return this.inner.unmute();
  }
  hold() {
    return this.inner.hold();
  }
  resume() {
    return this.inner.resume();
  }
  sendDtmf(tone: DtmfTone) {
    return this.inner.sendDtmf(tone);
  }
  startVideo() {
    return this.inner.startVideo();
  }
  stopVideo() {
    return this.inner.stopVideo();
  }
  startScreenSharing() {
    return this.inner.startScreenSharing();
  }
  stopScreenSharing() {
    return this.inner.stopScreenSharing();
  }
  renderStream(streamId: string, container: HTMLElement, options?: RenderStreamOptions) {
    return this.inner.renderStream(streamId, container, options);
  }
  hangUp(options?: { readonly forEveryone?: boolean }) {
    return this.inner.hangUp(options);
  }
}

export interface CallEventTap {
  /** The port to give the endpoint. */
  readonly calling: CallingPort;
  /** The handle of the call placed or joined last. */
  lastHandle(): TappedCallHandle;
}

/** Wraps a calling port so that every call handle it hands out is a {@link TappedCallHandle}. */
export function tapCallEvents(port: CallingPort): CallEventTap {
  let last: TappedCallHandle | undefined;
  const tap = (handle: CallHandle) => {
    last = new TappedCallHandle(handle);
    return last;
  };
  return {
    calling: {
      get devices() {
        return port.devices;
      },
      connect: (options) => port.connect(options),
      disconnect: () => port.disconnect(),
      startCall: async (target: CallTarget, options?: SignalOption) =>
        tap(await port.startCall(target, options)),
      joinMeeting: async (locator: MeetingLocator, options?: SignalOption) =>
        tap(await port.joinMeeting(locator, options)),
      onIncomingCall: (listener) => port.onIncomingCall(listener),
      onConnectionStateChanged: (listener) => port.onConnectionStateChanged(listener),
    },
    lastHandle() {
      if (!last) throw new Error('No call has been placed through the tapped port.');
      return last;
    },
  };
}
