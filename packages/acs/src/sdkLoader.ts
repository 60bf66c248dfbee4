import { TeamsEndpointError } from '@teams-endpoint/core';
import type { AcsCallingSdk, AcsCommonSdk } from './sdkTypes';

/**
 * Loads the real Calling SDK. The SDK is a peer dependency under a proprietary licence, so it is never
 * bundled, and it is fetched only when the app starts calling. Assigning the module to `AcsCallingSdk`
 * checks that the SDK has every call shape the port uses.
 */
export const loadCallingSdk = (): Promise<AcsCallingSdk> => import('@azure/communication-calling');

/** Loads the real `@azure/communication-common` (credential and identifier helpers). */
export const loadCommonSdk = (): Promise<AcsCommonSdk> => import('@azure/communication-common');

/**
 * Returns a loader that loads once and shares the result. A failed load is typed and forgotten, so that
 * the next call tries again (for example after a network error fetching the SDK's chunk).
 */
export function memoizeLoader<T>(load: () => Promise<T>, packageName: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new TeamsEndpointError(
        'unknown',
        `${packageName} could not be loaded. Install it next to @teams-endpoint/acs and run the app in a browser.`,
        { cause: error, details: { reason: 'sdk_load_failed', packageName } },
      );
    });
    return loading;
  };
}
