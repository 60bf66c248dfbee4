import type { CallPortEvent } from '@teams-endpoint/core';
import { tryRead } from './featureState';
import type { RawIdOf } from './sdkIdentifiers';
import type {
  SdkDominantSpeakersFeature,
  SdkFeatures,
  SdkOptimalVideoCountFeature,
  SdkTeamsCall,
} from './sdkTypes';

/**
 * The media advice the port reads beside the Teams features (`teamsFeatures.ts`): dominant speakers and the
 * optimal video count, reported as call events.
 */
export interface CallFeatures {
  /** Raw ids of the participants heard most, most dominant first; empty where the feature is absent. */
  dominantSpeakers(): readonly string[];
  /** `null` where the feature is absent or fails. */
  optimalVideoCount(): number | null;
  /** Adds the features' change handlers. */
  attach(): void;
  /** Removes them, with the same functions. */
  detach(): void;
}

/**
 * Reads `call.feature(Features.DominantSpeakers)` and `call.feature(Features.OptimalVideoCount)`, each asked for
 * once (the SDK keeps one instance per call and feature, `CallCommonImpl.feature`). A feature that throws when
 * asked for, or when read, counts as absent: the port then reports no dominant speakers and no advice.
 */
export function createCallFeatures(
  call: SdkTeamsCall,
  factories: SdkFeatures,
  rawIdOf: RawIdOf,
  emit: (event: CallPortEvent) => void,
): CallFeatures {
  let dominant: SdkDominantSpeakersFeature | null | undefined;
  let videoCount: SdkOptimalVideoCountFeature | null | undefined;
  let attached = false;

  const dominantFeature = () => {
    if (dominant === undefined) dominant = tryRead(() => call.feature(factories.DominantSpeakers));
    return dominant;
  };
  const videoCountFeature = () => {
    if (videoCount === undefined) videoCount = tryRead(() => call.feature(factories.OptimalVideoCount));
    return videoCount;
  };

  const dominantSpeakers = () =>
    tryRead(() => dominantFeature()?.dominantSpeakers.speakersList.map((speaker) => rawIdOf(speaker))) ?? [];
  const optimalVideoCount = () => tryRead(() => videoCountFeature()?.optimalVideoCount) ?? null;

  const onDominantSpeakersChanged = () => emit({ type: 'dominantSpeakers', ids: dominantSpeakers() });
  const onOptimalVideoCountChanged = () => {
    const count = optimalVideoCount();
    if (count !== null) emit({ type: 'optimalVideoCount', count });
  };

  return {
    dominantSpeakers,
    optimalVideoCount,
    attach() {
      if (attached) return;
      attached = true;
      dominantFeature()?.on('dominantSpeakersChanged', onDominantSpeakersChanged);
      videoCountFeature()?.on('optimalVideoCountChanged', onOptimalVideoCountChanged);
    },
    detach() {
      if (!attached) return;
      attached = false;
      dominant?.off('dominantSpeakersChanged', onDominantSpeakersChanged);
      videoCount?.off('optimalVideoCountChanged', onOptimalVideoCountChanged);
    },
  };
}
