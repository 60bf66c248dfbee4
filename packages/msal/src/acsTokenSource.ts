import {
  type AcsAccessToken,
  abortedError,
  createListenerSet,
  raceSignal,
  type SignalOption,
  type TeamsEndpointError,
  throwIfAborted,
  toTeamsEndpointError,
} from '@teams-endpoint/core';

/** The shortest wait before a scheduled refresh, so an almost-expired token never causes a tight loop. */
export const MIN_REFRESH_DELAY_MS = 30_000;
/** The longest wait between two attempts of a failing background refresh. */
export const MAX_REFRESH_RETRY_DELAY_MS = 5 * 60_000;

export interface AcsTokenSourceOptions {
  /** Gets a new token (Entra token, then exchange). `signal` aborts when the source is reset. */
  readonly acquire: (signal: AbortSignal, forceRefresh: boolean) => Promise<AcsAccessToken>;
  readonly now: () => number;
  /** A cached token this close to expiry is refreshed; the background refresh runs this long before expiry. */
  readonly refreshMarginMs: number;
}

/** An in-memory ACS token with one shared in-flight refresh and a proactive refresh timer. */
export interface AcsTokenSource {
  get(options?: SignalOption & { readonly forceRefresh?: boolean }): Promise<AcsAccessToken>;
  onRefreshed(listener: (token: AcsAccessToken) => void): () => void;
  onRefreshFailed(listener: (error: TeamsEndpointError) => void): () => void;
  /** Forgets the token, cancels any refresh in flight and stops the timer. Listeners stay subscribed. */
  reset(): void;
}

/**
 * Creates the ACS token cache behind `getAcsToken`.
 *
 * - `get` returns the cached token unless it is within `refreshMarginMs` of expiry or `forceRefresh` is set;
 *   concurrent calls share one acquisition, and a caller's signal only stops that caller waiting.
 * - Each new token schedules a refresh `refreshMarginMs` before its expiry (at least {@link MIN_REFRESH_DELAY_MS}).
 * - A failing background refresh that is retryable is retried after 30 s, 60 s, 120 s… up to
 *   {@link MAX_REFRESH_RETRY_DELAY_MS}, or after `Retry-After` when longer; one that needs the user stops.
 */
export function createAcsTokenSource(options: AcsTokenSourceOptions): AcsTokenSource {
  const { acquire, now, refreshMarginMs } = options;
  const refreshed = createListenerSet<AcsAccessToken>();
  const failed = createListenerSet<TeamsEndpointError>();
  let session = new AbortController();
  let cached: AcsAccessToken | null = null;
  let inFlight: Promise<AcsAccessToken> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failedRefreshes = 0;

  const isFresh = (token: AcsAccessToken) => token.expiresOn.getTime() - now() > refreshMarginMs;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(refreshInBackground, Math.max(delayMs, MIN_REFRESH_DELAY_MS));
  };

  const refresh = (forceRefresh: boolean): Promise<AcsAccessToken> => {
    if (inFlight) return inFlight;
    const { signal } = session;
    const attempt = acquire(signal, forceRefresh)
      .then((token) => {
        if (signal.aborted) throw abortedError();
        cached = token;
        failedRefreshes = 0;
        schedule(token.expiresOn.getTime() - refreshMarginMs - now());
        refreshed.emit(token);
        return token;
      })
      .catch((error: unknown) => {
        throw signal.aborted
          ? abortedError(error)
          : toTeamsEndpointError(error, 'token_exchange_failed', 'Could not get a Teams calling token.');
      })
      .finally(() => {
        if (inFlight === attempt) inFlight = null;
      });
    inFlight = attempt;
    return attempt;
  };

  function refreshInBackground(): void {
    timer = undefined;
    const { signal } = session;
    refresh(false).catch((error: TeamsEndpointError) => {
      if (signal.aborted) return;
      failed.emit(error);
      if (!error.retryable) return;
      failedRefreshes += 1;
      const backoffMs = Math.min(
        MIN_REFRESH_DELAY_MS * 2 ** (failedRefreshes - 1),
        MAX_REFRESH_RETRY_DELAY_MS,
      );
      const retryAfter = error.details.retryAfterSeconds;
      const retryAfterMs = typeof retryAfter === 'number' ? retryAfter * 1000 : 0;
      schedule(Math.max(backoffMs, retryAfterMs));
    });
  }

  return {
    async get({ signal, forceRefresh = false } = {}) {
      throwIfAborted(signal);
      if (!forceRefresh && cached && isFresh(cached)) return cached;
      return raceSignal(refresh(forceRefresh), signal);
    },
    onRefreshed: (listener) => refreshed.add(listener),
    onRefreshFailed: (listener) => failed.add(listener),
    reset() {
      session.abort();
      session = new AbortController();
      clearTimeout(timer);
      timer = undefined;
      cached = null;
      inFlight = null;
      failedRefreshes = 0;
    },
  };
}
