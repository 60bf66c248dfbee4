import type { PropertyChangedEvent, TeamsCaptionsHandler } from '@azure/communication-calling';
import {
  type CaptionResult,
  type CaptionsHandle,
  type CaptionsPortState,
  createListenerSet,
  TeamsEndpointError,
} from '@teams-endpoint/core';
import type { FeatureContext } from './featureContext';
import { createFeatureState, type FeatureState } from './featureState';
import type { SdkCaptionsFeature, SdkTeamsCaptions } from './sdkTypes';

/** Teams captions, or `undefined` for the ACS kind (never a Teams user's, see `SdkTeamsCaptions`). */
export function teamsCaptionsOf(feature: SdkCaptionsFeature): SdkTeamsCaptions | undefined {
  const { captions } = feature;
  return captions.kind === 'TeamsCaptions' && 'setCaptionLanguage' in captions ? captions : undefined;
}

const NO_CAPTIONS: CaptionsPortState = {
  isActive: false,
  spokenLanguage: '',
  captionLanguage: null,
  supportedSpokenLanguages: [],
  supportedCaptionLanguages: [],
};

/**
 * Live captions over `Features.Captions`, whose `captions` the SDK may replace (`CaptionsKindChanged`): it is
 * read again for every use. Languages are empty until Teams reports them (`activeSpokenLanguage` starts `''`).
 *
 * SDK rules the port works with (`CaptionsCallFeatureImplOverTsCall`, 2.0.0):
 * - `startCaptions` on a call that is not connected resolves and does nothing (START_FAILED_CALL_NOT_CONNECTED is
 *   logged, not thrown): the port refuses it with `invalid_call_state` first;
 * - `startCaptions()` without options listens for `en-us`; a language not in `supportedSpokenLanguages` throws
 *   400/45202; a language set while captions are off throws 400/45206 (400/45210 for the caption language);
 * - none of the commands waits for the change: `CaptionsActiveChanged`, `SpokenLanguageChanged` and
 *   `CaptionLanguageChanged` follow, and are what the state reports.
 */
export function createCaptionsHandle(
  feature: SdkCaptionsFeature,
  context: FeatureContext,
): CaptionsHandle & Pick<FeatureState<CaptionsPortState>, 'release'> {
  const captions = () => {
    const teams = teamsCaptionsOf(feature);
    if (!teams) throw new TeamsEndpointError('invalid_call_state', 'This call has no Teams captions.');
    return teams;
  };

  const state = createFeatureState<CaptionsPortState>(
    {
      read() {
        const teams = captions();
        const supportedCaptionLanguages = [...teams.supportedCaptionLanguages];
        return {
          isActive: teams.isCaptionsFeatureActive,
          spokenLanguage: teams.activeSpokenLanguage,
          captionLanguage: supportedCaptionLanguages.length > 0 ? teams.activeCaptionLanguage : null,
          supportedSpokenLanguages: [...teams.supportedSpokenLanguages],
          supportedCaptionLanguages,
        };
      },
      follow(changed: PropertyChangedEvent) {
        const teams = captions();
        teams.on('CaptionsActiveChanged', changed);
        teams.on('SpokenLanguageChanged', changed);
        teams.on('CaptionLanguageChanged', changed);
        return () => {
          teams.off('CaptionsActiveChanged', changed);
          teams.off('SpokenLanguageChanged', changed);
          teams.off('CaptionLanguageChanged', changed);
        };
      },
    },
    NO_CAPTIONS,
  );

  let listening: SdkTeamsCaptions | undefined;
  const onReceived: TeamsCaptionsHandler = (data) => {
    const result: CaptionResult = {
      speakerId: context.participants.idOf(data.speaker.identifier),
      ...(data.speaker.displayName ? { speakerName: data.speaker.displayName } : {}),
      text: data.captionText || data.spokenText,
      isFinal: data.resultType === 'Final',
      timestamp: data.timestamp.getTime(),
    };
    results.emit(result);
  };
  const results = createListenerSet<CaptionResult>({
    onFirst: () => {
      if (context.isOver()) return;
      listening = captions();
      listening.on('CaptionsReceived', onReceived);
    },
    onLast: () => {
      listening?.off('CaptionsReceived', onReceived);
      listening = undefined;
    },
  });

  return {
    getState: state.getState,
    subscribe: state.subscribe,
    onCaption: (listener) => results.add(listener),
    start: (options) =>
      context.command('start captions', async () => {
        if (context.call.state !== 'Connected') {
          throw new TeamsEndpointError('invalid_call_state', 'Captions can start only in a connected call.');
        }
        const { spokenLanguage } = options ?? {};
        await captions().startCaptions(spokenLanguage ? { spokenLanguage } : undefined);
      }),
    stop: () => context.command('stop captions', () => captions().stopCaptions()),
    setSpokenLanguage: (language) =>
      context.command('change the spoken language', () => captions().setSpokenLanguage(language)),
    setCaptionLanguage: (language) =>
      context.command('change the caption language', () => captions().setCaptionLanguage(language)),
    release() {
      state.release();
      results.clear();
    },
  };
}
