import type {
  DiagnosticFlag,
  DiagnosticQuality,
  LatestDiagnosticValue,
  MediaDiagnosticChangedEventArgs,
  MediaDiagnosticType,
  NetworkDiagnosticChangedEventArgs,
  NetworkDiagnosticType,
} from '@azure/communication-calling';
import {
  DIAGNOSTIC_KINDS,
  type DiagnosticCondition,
  type DiagnosticKind,
  type DiagnosticsHandle,
  type DiagnosticsPortState,
} from '@teams-endpoint/core';
import { createFeatureState, type FeatureState } from './featureState';
import type { SdkUserFacingDiagnosticsFeature } from './sdkTypes';

type Severity = DiagnosticCondition['severity'];

/**
 * What each SDK diagnostic the port reports means: its kind, and for a flag the severity it has while raised
 * (a quality says its own: 2 Poor, 3 Bad). Raised flags are errors, but for the two warnings: a frozen camera
 * and speaking while muted. The names are the 2.0.0 SDK's own (`LatestNetworkDiagnostics`,
 * `LatestMediaDiagnostics`): no network is `noNetwork`, no devices `no…DevicesEnumerated`.
 */
const NETWORK: ReadonlyArray<readonly [NetworkDiagnosticType, DiagnosticKind, Severity]> = [
  ['networkSendQuality', 'network_send', 'bad'],
  ['networkReceiveQuality', 'network_receive', 'bad'],
  ['noNetwork', 'network_unavailable', 'bad'],
  ['networkRelaysNotReachable', 'network_unavailable', 'bad'],
  ['networkReconnect', 'network_reconnecting', 'bad'],
];
const MEDIA: ReadonlyArray<readonly [MediaDiagnosticType, DiagnosticKind, Severity]> = [
  ['microphoneNotFunctioning', 'microphone_not_working', 'bad'],
  ['microphoneMuteUnexpectedly', 'microphone_muted_by_system', 'bad'],
  ['noMicrophoneDevicesEnumerated', 'no_microphone', 'bad'],
  ['noSpeakerDevicesEnumerated', 'no_speaker', 'bad'],
  ['cameraFreeze', 'camera_frozen', 'poor'],
  ['cameraStartFailed', 'camera_start_failed', 'bad'],
  ['cameraStartTimedOut', 'camera_start_failed', 'bad'],
  ['speakingWhileMicrophoneIsMuted', 'speaking_while_muted', 'poor'],
];

/** The order conditions are reported in: the core's. */
const KINDS = DIAGNOSTIC_KINDS;

/** `DiagnosticQuality` 2 (Poor) and 3 (Bad): the enum is a value of the lazily loaded SDK. */
const POOR: DiagnosticQuality.Poor = 2;
const BAD: DiagnosticQuality.Bad = 3;

/** The severity of a diagnostic's value now, or `null` when all is well (Good, or a flag lowered). */
function severityOf(value: DiagnosticQuality | DiagnosticFlag, flagSeverity: Severity): Severity | null {
  if (value === true) return flagSeverity;
  if (value === BAD) return 'bad';
  if (value === POOR) return 'poor';
  return null;
}

const ALL_WELL: DiagnosticsPortState = { conditions: [] };
const WORSE: Readonly<Record<Severity, number>> = { poor: 1, bad: 2 };

/** One SDK diagnostic's latest value, with its meaning. */
type Reading = readonly [LatestDiagnosticValue | undefined, DiagnosticKind, Severity];

function conditionsOf(readings: readonly Reading[]): DiagnosticCondition[] {
  const worst = new Map<DiagnosticKind, Severity>();
  for (const [diagnostic, kind, flagSeverity] of readings) {
    const severity = diagnostic ? severityOf(diagnostic.value, flagSeverity) : null;
    const known = worst.get(kind);
    if (severity && (!known || WORSE[severity] > WORSE[known])) worst.set(kind, severity);
  }
  return KINDS.flatMap((kind) => {
    const severity = worst.get(kind);
    return severity ? [{ kind, severity }] : [];
  });
}

/**
 * The conditions a user can act on, over `Features.UserFacingDiagnostics`: read from `getLatest()` of its
 * `network` and `media`, again on each `diagnosticChanged`. Two SDK diagnostics can make one kind (no network,
 * relays not reachable): the worse one wins.
 */
export function createDiagnosticsHandle(
  feature: SdkUserFacingDiagnosticsFeature,
): DiagnosticsHandle & Pick<FeatureState<DiagnosticsPortState>, 'release'> {
  return createFeatureState<DiagnosticsPortState>(
    {
      read() {
        const network = feature.network.getLatest();
        const media = feature.media.getLatest();
        return {
          conditions: conditionsOf([
            ...NETWORK.map(([name, kind, severity]): Reading => [network[name], kind, severity]),
            ...MEDIA.map(([name, kind, severity]): Reading => [media[name], kind, severity]),
          ]),
        };
      },
      follow(changed: (args: NetworkDiagnosticChangedEventArgs | MediaDiagnosticChangedEventArgs) => void) {
        feature.network.on('diagnosticChanged', changed);
        feature.media.on('diagnosticChanged', changed);
        return () => {
          feature.network.off('diagnosticChanged', changed);
          feature.media.off('diagnosticChanged', changed);
        };
      },
    },
    ALL_WELL,
  );
}
