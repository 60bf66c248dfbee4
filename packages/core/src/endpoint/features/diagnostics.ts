import { DIAGNOSTIC_KINDS, type DiagnosticCondition, type DiagnosticKind } from '../../ports/callFeatures';
import { type ObservableUnit, shareShallow } from '../../store/observableUnit';
import type { Call } from '../callUnit';
import { cachedPerCall, createFeatureUnit, observablePart, shareItems } from './featureUnit';

/** A condition in force, with what to tell the user. `poor` is a warning, `bad` an error. */
export interface DiagnosticNotice {
  readonly kind: DiagnosticKind;
  readonly severity: 'poor' | 'bad';
  readonly message: string;
}

export interface CallDiagnosticsSnapshot {
  readonly available: boolean;
  /** The conditions in force now, in a stable order (network first); empty when all is well. */
  readonly notices: readonly DiagnosticNotice[];
}

export type CallDiagnostics = ObservableUnit<CallDiagnosticsSnapshot>;

/** The words for each condition: what happens, and what to do. */
export const DIAGNOSTIC_MESSAGES: Readonly<Record<DiagnosticKind, Readonly<Record<'poor' | 'bad', string>>>> =
  {
    network_send: {
      poor: 'Your network is slow: others may not hear or see you well.',
      bad: 'Your network is very poor: others cannot hear or see you well. Move closer to your router or turn off video.',
    },
    network_receive: {
      poor: 'Your network is slow: you may not hear or see others well.',
      bad: 'Your network is very poor: you cannot hear or see others well. Try turning off incoming video.',
    },
    network_unavailable: {
      poor: 'Your network is unavailable.',
      bad: 'Your network is unavailable. Check your connection.',
    },
    network_reconnecting: {
      poor: 'Reconnecting the call…',
      bad: 'The call lost its connection and is trying to reconnect.',
    },
    microphone_not_working: {
      poor: 'Your microphone is not working well.',
      bad: 'Your microphone stopped working. Check it, or choose another in the device settings.',
    },
    microphone_muted_by_system: {
      poor: 'Your microphone was muted by your system.',
      bad: 'Your microphone was muted by your system. Check your device or its settings.',
    },
    no_microphone: {
      poor: 'No microphone found.',
      bad: 'No microphone found. Connect one to be heard.',
    },
    no_speaker: {
      poor: 'No speaker found.',
      bad: 'No speaker found. Connect one to hear the call.',
    },
    camera_frozen: {
      poor: 'Your camera seems frozen.',
      bad: 'Your camera froze. Turn it off and on again, or choose another one.',
    },
    camera_start_failed: {
      poor: 'Your camera could not start.',
      bad: 'Your camera could not start. Another app may be using it.',
    },
    speaking_while_muted: {
      poor: 'You are muted. Unmute to be heard.',
      bad: 'You are muted. Unmute to be heard.',
    },
  };

const NO_CONDITIONS: readonly DiagnosticCondition[] = [];

/**
 * The user-facing diagnostics of a call (one unit per call): poor networks, a failing microphone or camera,
 * speaking while muted. A notice clears when its condition ends.
 *
 * @example
 * const diagnostics = callDiagnostics(call);
 * diagnostics.subscribe(() => showNotices(diagnostics.getSnapshot().notices));
 */
export const callDiagnostics = /* @__PURE__ */ cachedPerCall(
  (call: Call): CallDiagnostics =>
    observablePart(
      createFeatureUnit(call, {
        feature: 'diagnostics',
        compute: ({ port }, previous): CallDiagnosticsSnapshot => {
          // A condition the port reports that we do not know is left out; one per kind, the worst kept.
          const worst = new Map<DiagnosticKind, 'poor' | 'bad'>();
          for (const condition of port?.getState().conditions ?? NO_CONDITIONS) {
            if (!Object.hasOwn(DIAGNOSTIC_MESSAGES, condition.kind)) continue;
            if (condition.severity !== 'poor' && condition.severity !== 'bad') continue;
            if (worst.get(condition.kind) !== 'bad') worst.set(condition.kind, condition.severity);
          }
          const notices = DIAGNOSTIC_KINDS.filter((kind) => worst.has(kind)).map((kind): DiagnosticNotice => {
            const severity = worst.get(kind)!;
            return { kind, severity, message: DIAGNOSTIC_MESSAGES[kind][severity] };
          });
          return shareShallow(previous, {
            available: port !== null,
            notices: shareItems(previous?.notices, notices),
          });
        },
      }),
    ),
);
