import type { CallFeatureHandles, CallFeatureName } from '@teams-endpoint/core';
import type { FakeCallKind } from './fakeCapabilities';
import { createFakeCaptions, type FakeCaptions } from './fakeCaptions';
import { createFakeDiagnostics, type FakeDiagnostics } from './fakeDiagnostics';
import { createFakeLobby, type FakeLobby } from './fakeLobby';
import { createFakeRaiseHand, type FakeRaiseHand } from './fakeRaiseHand';
import { createFakeRecording, type FakeRecording } from './fakeRecording';
import { createFakeSpotlight, type FakeSpotlight } from './fakeSpotlight';
import { createFakeTransfer, type FakeTransfer, type TransferHost } from './fakeTransfer';

/**
 * The features each kind of call offers. Meetings: no transfer (the SDK transfers 1:1 calls only). PSTN: no
 * captions (Teams captions are not available on PSTN calls for Teams users). A call we were transferred into
 * offers what its kind does.
 */
export const FEATURES_BY_KIND: Readonly<Record<FakeCallKind, readonly CallFeatureName[]>> = {
  meeting: ['captions', 'raiseHand', 'recording', 'spotlight', 'lobby', 'diagnostics'],
  teams: ['captions', 'transfer', 'recording', 'diagnostics'],
  pstn: ['transfer', 'recording', 'diagnostics'],
};

export interface FakeCallFeatureOptions {
  /**
   * Whether captions can be translated (a caption language other than the spoken one). Default: in meetings
   * only; `true` in every call with captions, `false` in none.
   */
  readonly captionTranslation?: boolean;
}

/** The simulated features of one call: what the core sees (`handles`) and what the test drives. */
export interface FakeCallFeatureSet {
  readonly handles: CallFeatureHandles;
  readonly captions?: FakeCaptions;
  readonly raiseHand?: FakeRaiseHand;
  readonly transfer?: FakeTransfer;
  readonly recording?: FakeRecording;
  readonly spotlight?: FakeSpotlight;
  readonly lobby?: FakeLobby;
  readonly diagnostics?: FakeDiagnostics;
  /** Listeners the core holds on every feature of the call. */
  listenerCount(): number;
  participantsLeft(ids: readonly string[]): void;
  callEnded(): void;
}

/** Builds the features a call of `kind` offers, and only those. */
export function createFakeCallFeatures(
  kind: FakeCallKind,
  host: TransferHost,
  options: FakeCallFeatureOptions = {},
): FakeCallFeatureSet {
  const offers = (feature: CallFeatureName) => FEATURES_BY_KIND[kind].includes(feature);
  const translates = options.captionTranslation ?? kind === 'meeting';
  const captions = offers('captions') ? createFakeCaptions(host, translates) : undefined;
  const raiseHand = offers('raiseHand') ? createFakeRaiseHand(host) : undefined;
  const transfer = offers('transfer') ? createFakeTransfer(host) : undefined;
  const recording = offers('recording') ? createFakeRecording(host) : undefined;
  const spotlight = offers('spotlight') ? createFakeSpotlight(host) : undefined;
  const lobby = offers('lobby') ? createFakeLobby(host) : undefined;
  const diagnostics = offers('diagnostics') ? createFakeDiagnostics(host) : undefined;
  const all = { captions, raiseHand, transfer, recording, spotlight, lobby, diagnostics };

  const handles: { -readonly [K in CallFeatureName]?: CallFeatureHandles[K] } = {};
  for (const name of FEATURES_BY_KIND[kind]) Object.assign(handles, { [name]: all[name]?.handle });

  return {
    ...all,
    handles: Object.freeze(handles),
    listenerCount: () =>
      Object.values(all).reduce((sum, feature) => sum + (feature ? feature.listenerCount : 0), 0),
    participantsLeft(ids) {
      raiseHand?.participantsLeft(ids);
      spotlight?.participantsLeft(ids);
    },
    callEnded() {
      transfer?.callEnded();
    },
  };
}
