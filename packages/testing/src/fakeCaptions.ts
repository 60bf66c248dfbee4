import {
  type CaptionResult,
  type CaptionsHandle,
  type CaptionsPortState,
  createListenerSet,
} from '@teams-endpoint/core';
import { type FeatureHost, FeatureState, featureCommand, LIVE_STATES, stateHandle } from './fakeFeatureHost';
import { FEATURE_REFUSALS, featureError } from './featureRefusals';

/** The spoken languages the fake's captions recognize, and the caption languages where it translates. */
export const FAKE_CAPTION_LANGUAGES: readonly string[] = Object.freeze(['en-us', 'fr-fr', 'de-de', 'es-es']);
const NO_LANGUAGES: readonly string[] = Object.freeze([]);

/** What a remote participant says, as `speak` delivers it. */
export interface FakeSpokenCaption {
  /** A participant id, `LOCAL_PARTICIPANT_ID`, or `''` (the platform does not say). Not checked. */
  readonly speakerId: string;
  readonly speakerName?: string;
  readonly text: string;
  /** Default `true`. */
  readonly isFinal?: boolean;
  /** Epoch ms when the phrase started. Default: now. */
  readonly timestamp?: number;
}

/** The remote controls of a call's captions. */
export interface FakeCaptionsControls {
  /**
   * Someone speaks: delivers one caption result to `onCaption` listeners, only while captions are on (the
   * platform transcribes nothing otherwise). Returns whether it went out.
   */
  speak(caption: FakeSpokenCaption): boolean;
  /**
   * Someone says a phrase: one `partial` result per word so far, each replacing the last, then the `final`
   * one, all with the phrase's start `timestamp`. Returns whether it went out.
   */
  speakPhrase(
    speakerId: string,
    text: string,
    options?: { readonly speakerName?: string; readonly timestamp?: number },
  ): boolean;
}

export interface FakeCaptions extends FakeCaptionsControls {
  readonly handle: CaptionsHandle;
  readonly listenerCount: number;
}

/**
 * Teams live captions of one call. They start in `en-us`; languages must be among the supported ones, as
 * Teams gives them (lower case, exact). Where the call `translates`, captions can be shown in any
 * {@link FAKE_CAPTION_LANGUAGES}; elsewhere `captionLanguage` is `null` and no caption language is supported.
 * Every command resolves before its change, which lands one port timer later, as with the SDK. Starting
 * captions that are on, stopping captions that are off, or setting the language in use resolves and changes
 * nothing: the SDK refuses those (45217, 45218, 45220, 45222), and the port must not pass them on.
 */
export function createFakeCaptions(host: FeatureHost, translates: boolean): FakeCaptions {
  const isLive = () => host.status() !== 'disconnected';
  const state = new FeatureState<CaptionsPortState>(
    {
      isActive: false,
      spokenLanguage: 'en-us',
      captionLanguage: translates ? 'en-us' : null,
      supportedSpokenLanguages: FAKE_CAPTION_LANGUAGES,
      supportedCaptionLanguages: translates ? FAKE_CAPTION_LANGUAGES : NO_LANGUAGES,
    },
    isLive,
  );
  const results = createListenerSet<CaptionResult>();

  const requireActive = () => {
    if (!state.getState().isActive) throw featureError(FEATURE_REFUSALS.captionsNotActive);
  };
  const requireSpoken = (language: string) => {
    if (!state.getState().supportedSpokenLanguages.includes(language))
      throw featureError(FEATURE_REFUSALS.spokenLanguageUnsupported, { language });
  };
  const deliver = (result: CaptionResult) => {
    if (!isLive() || !state.getState().isActive) return false;
    results.emit(result);
    return true;
  };

  /**
   * As the SDK's commands do, each resolves before its change: the state changes one port timer later (the
   * SDK's `CaptionsActiveChanged`, `SpokenLanguageChanged`, `CaptionLanguageChanged` follow). `change` sees
   * the state then, and returns nothing when there is nothing left to change.
   */
  const changeSoon = (change: (current: CaptionsPortState) => CaptionsPortState | undefined) =>
    host.later(0, () => {
      const next = change(state.getState());
      if (next) state.set(next);
    });

  const handle: CaptionsHandle = {
    ...stateHandle(state),
    onCaption: (listener) => results.add(listener),
    start: (options = {}) =>
      featureCommand(
        host,
        { method: 'startCaptions', action: 'start captions', capability: 'startCaptions' },
        () => {
          if (state.getState().isActive) return;
          const { spokenLanguage } = options;
          if (spokenLanguage !== undefined) requireSpoken(spokenLanguage);
          changeSoon((current) =>
            current.isActive
              ? undefined
              : { ...current, isActive: true, spokenLanguage: spokenLanguage ?? current.spokenLanguage },
          );
        },
      ),
    stop: () =>
      featureCommand(host, { method: 'stopCaptions', action: 'stop captions', states: LIVE_STATES }, () => {
        if (!state.getState().isActive) return;
        changeSoon((current) => (current.isActive ? { ...current, isActive: false } : undefined));
      }),
    setSpokenLanguage: (language) =>
      featureCommand(
        host,
        { method: 'setSpokenLanguage', action: 'change the spoken language', states: LIVE_STATES },
        () => {
          requireActive();
          requireSpoken(language);
          changeSoon((current) =>
            current.isActive && current.spokenLanguage !== language
              ? { ...current, spokenLanguage: language }
              : undefined,
          );
        },
      ),
    setCaptionLanguage: (language) =>
      featureCommand(
        host,
        {
          method: 'setCaptionLanguage',
          action: 'change the caption language',
          states: LIVE_STATES,
          capability: 'setCaptionLanguage',
        },
        () => {
          requireActive();
          if (!state.getState().supportedCaptionLanguages.includes(language))
            throw featureError(FEATURE_REFUSALS.captionLanguageUnsupported, { language });
          changeSoon((current) =>
            current.isActive && current.captionLanguage !== language
              ? { ...current, captionLanguage: language }
              : undefined,
          );
        },
      ),
  };

  return {
    handle,
    get listenerCount() {
      return state.listenerCount + results.size;
    },
    speak: (caption) =>
      deliver({
        speakerId: caption.speakerId,
        ...(caption.speakerName === undefined ? {} : { speakerName: caption.speakerName }),
        text: caption.text,
        isFinal: caption.isFinal ?? true,
        timestamp: caption.timestamp ?? Date.now(),
      }),
    speakPhrase: (speakerId, text, options = {}) => {
      const words = text.split(/\s+/).filter((word) => word !== '');
      if (words.length === 0) throw new Error('A phrase needs at least one word.');
      const base = {
        speakerId,
        ...(options.speakerName === undefined ? {} : { speakerName: options.speakerName }),
        timestamp: options.timestamp ?? Date.now(),
      };
      if (!deliver({ ...base, text: words[0]!, isFinal: words.length === 1 })) return false;
      for (let count = 2; count <= words.length; count += 1) {
        deliver({ ...base, text: words.slice(0, count).join(' '), isFinal: count === words.length });
      }
      return true;
    },
  };
}
