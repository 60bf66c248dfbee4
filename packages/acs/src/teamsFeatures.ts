import type {
  CallEndReasonCode,
  CallFeatureHandles,
  CallFeatureName,
  CallPortEvent,
  PlatformCapabilities,
} from '@teams-endpoint/core';
import { createCapabilitiesWatch } from './capabilitiesFeature';
import { createCaptionsHandle, teamsCaptionsOf } from './captionsFeature';
import { createDiagnosticsHandle } from './diagnosticsFeature';
import { createFeatureContext } from './featureContext';
import { createFeatureParticipants } from './featureParticipants';
import { tryRead } from './featureState';
import { createLobbyHandle } from './lobbyFeature';
import { createRaiseHandHandle } from './raiseHandFeature';
import { createRecordingHandle } from './recordingFeature';
import type { RawIdOf } from './sdkIdentifiers';
import type { SdkCapabilitiesFeature, SdkFeatures, SdkTeamsCall } from './sdkTypes';
import { createSpotlightHandle } from './spotlightFeature';
import { type AcsTransferHandle, createTransferHandle, type PortCalls } from './transferFeature';

/** The kind of call a handle wraps, as the port placed, answered or joined it: it decides the features offered. */
export type AcsCallKind = 'meeting' | 'teams' | 'pstn';

/** The calls each Teams feature is offered in; where it is not, the SDK refuses it (or Teams does not have it). */
const OFFERED: { readonly [K in CallFeatureName]: readonly AcsCallKind[] } = {
  // Teams users get captions in calls and meetings, not on PSTN calls (FACTS.md, call features).
  captions: ['meeting', 'teams'],
  // RAISE_HAND.NOT_SUPPORTED_1TO1, 400/45758, in a 1:1 call (`RaiseHandCallImplOverTsCall.raiseHand`).
  raiseHand: ['meeting'],
  // TRANSFER.UNSUPPORTED_CALL_TYPE, 400/46051, in a meeting (`TransferCallImplOverTsCall.isTransferable`).
  transfer: ['teams', 'pstn'],
  recording: ['meeting', 'teams', 'pstn'],
  // SPOTLIGHT.NOT_SUPPORTED_1TO1, 400/45906, in a 1:1 call (`validateStartSpotlightConditions`).
  spotlight: ['meeting'],
  // Only a meeting has a lobby (`call.lobby`).
  lobby: ['meeting'],
  diagnostics: ['meeting', 'teams', 'pstn'],
};

export interface TeamsFeaturesContext {
  readonly kind: AcsCallKind;
  readonly factories: SdkFeatures;
  readonly rawIdOf: RawIdOf;
  /** This endpoint's user's raw id, when the port knows it. */
  readonly localRawId: string | undefined;
  readonly calls: PortCalls;
  readonly isOver: () => boolean;
  /** Reports a `capabilities` event to the call's subscribers. */
  readonly emit: (event: CallPortEvent) => void;
}

/** The Teams features of one call, and what its handle needs of them. */
export interface TeamsFeatures {
  /** Each feature is asked of the SDK the first time it is read, once per call. */
  readonly handles: CallFeatureHandles;
  /** What the platform allows now; `{}` until it says. */
  capabilities(): PlatformCapabilities;
  /** Follows what the platform allows, and transfers into this endpoint, while the call has a subscriber. */
  attach(): void;
  detach(): void;
  /** The call disconnected; `true` when a transfer settled now, whose waiter must hear it before the end. */
  settleTransferAtEnd(endReason: CallEndReasonCode | undefined): boolean;
  /** Removes every feature's SDK handlers and listeners: the call ended, or the port let go of it. */
  release(): void;
}

/** A feature handle made on first use, once; none is made any more after `release`. */
interface Lazy<T> {
  get(): T | undefined;
  /** The handle if it was made, without making it. */
  made(): T | undefined;
}

/**
 * The Teams in-call features of one call (`CallHandle.features`), from `call.feature(Features.X)` and
 * `call.lobby`. A feature the call does not offer (see {@link OFFERED}), or that throws when it is asked for or
 * first read, is absent: nothing throws. Reactions, Together mode and breakout rooms are never asked for.
 */
export function createTeamsFeatures(call: SdkTeamsCall, context: TeamsFeaturesContext): TeamsFeatures {
  const { kind, factories, rawIdOf } = context;
  let released = false;
  const made: { release(): void }[] = [];

  const lazy = <T extends { release(): void }>(name: CallFeatureName, make: () => T | null): Lazy<T> => {
    let value: T | undefined;
    let asked = false;
    return {
      get() {
        if (!asked && !released && OFFERED[name].includes(kind)) {
          asked = true;
          value = tryRead(make) ?? undefined;
          if (value) made.push(value);
        }
        return value;
      },
      made: () => value,
    };
  };

  const participants = createFeatureParticipants(call, rawIdOf, context.localRawId);
  const featureContext = createFeatureContext(call, participants, context.isOver);

  const captions = lazy('captions', () => {
    const feature = call.feature(factories.Captions);
    return teamsCaptionsOf(feature) ? createCaptionsHandle(feature, featureContext) : null;
  });
  const raiseHand = lazy('raiseHand', () =>
    createRaiseHandHandle(call.feature(factories.RaiseHand), featureContext),
  );
  const transfer = lazy<AcsTransferHandle>('transfer', () =>
    createTransferHandle(call.feature(factories.Transfer), {
      ...featureContext,
      calls: context.calls,
      rawIdOf,
    }),
  );
  const recording = lazy('recording', () => {
    const recorded = tryRead(() => call.feature(factories.Recording));
    const transcribed = tryRead(() => call.feature(factories.Transcription));
    return recorded || transcribed ? createRecordingHandle(recorded, transcribed) : null;
  });
  const spotlight = lazy('spotlight', () =>
    createSpotlightHandle(call.feature(factories.Spotlight), featureContext),
  );
  const lobby = lazy('lobby', () => createLobbyHandle(call.lobby, { ...featureContext, rawIdOf }));
  const diagnostics = lazy('diagnostics', () =>
    createDiagnosticsHandle(call.feature(factories.UserFacingDiagnostics)),
  );

  let capabilitiesFeature: SdkCapabilitiesFeature | null | undefined;
  const capabilities = createCapabilitiesWatch(
    call,
    () => {
      if (capabilitiesFeature === undefined) {
        capabilitiesFeature = tryRead(() => call.feature(factories.Capabilities));
      }
      return capabilitiesFeature;
    },
    kind,
    (report) => context.emit({ type: 'capabilities', capabilities: report }),
  );

  const handles: CallFeatureHandles = {
    get captions() {
      return captions.get();
    },
    get raiseHand() {
      return raiseHand.get();
    },
    get transfer() {
      return transfer.get();
    },
    get recording() {
      return recording.get();
    },
    get spotlight() {
      return spotlight.get();
    },
    get lobby() {
      return lobby.get();
    },
    get diagnostics() {
      return diagnostics.get();
    },
  };

  return {
    handles,
    capabilities: () => capabilities.current(),
    attach() {
      if (released) return;
      capabilities.attach();
      // Heard from the start, so that a call the remote party transfers this endpoint into is never unseen.
      transfer.get();
    },
    detach: () => capabilities.detach(),
    settleTransferAtEnd: (endReason) => transfer.made()?.settleAtEnd(endReason) ?? false,
    release() {
      if (released) return;
      released = true;
      capabilities.detach();
      for (const feature of made.splice(0)) feature.release();
    },
  };
}
