import {
  DIAGNOSTIC_KINDS,
  type DiagnosticCondition,
  type DiagnosticKind,
  type DiagnosticsHandle,
  type DiagnosticsPortState,
} from '@teams-endpoint/core';
import { type FeatureHost, FeatureState, stateHandle } from './fakeFeatureHost';

/** Every {@link DiagnosticKind}, for the controls' argument check. */
const KNOWN_KINDS: ReadonlySet<DiagnosticKind> = new Set<DiagnosticKind>(DIAGNOSTIC_KINDS);

/** The remote controls of a call's user-facing diagnostics. */
export interface FakeDiagnosticsControls {
  /**
   * The platform raises a condition (`poor` a warning, `bad` an error), changes its severity, or clears it
   * (`null`). One condition per kind; a condition keeps its place in the list while it lasts.
   */
  setDiagnostic(kind: DiagnosticKind, severity: DiagnosticCondition['severity'] | null): void;
}

export interface FakeDiagnostics extends FakeDiagnosticsControls {
  readonly handle: DiagnosticsHandle;
  readonly listenerCount: number;
}

/** User-facing diagnostics (network and media conditions) of one call. */
export function createFakeDiagnostics(host: FeatureHost): FakeDiagnostics {
  const state = new FeatureState<DiagnosticsPortState>(
    { conditions: Object.freeze([]) },
    () => host.status() !== 'disconnected',
  );
  return {
    handle: stateHandle(state),
    get listenerCount() {
      return state.listenerCount;
    },
    setDiagnostic(kind, severity) {
      if (!KNOWN_KINDS.has(kind)) throw new Error(`Not a diagnostic: ${kind}.`);
      if (severity !== null && severity !== 'poor' && severity !== 'bad')
        throw new Error(`Not a severity: ${severity}.`);
      const { conditions } = state.getState();
      const index = conditions.findIndex((condition) => condition.kind === kind);
      if ((index < 0 ? null : conditions[index]!.severity) === severity) return;
      const next =
        severity === null
          ? conditions.filter((condition) => condition.kind !== kind)
          : index < 0
            ? [...conditions, Object.freeze({ kind, severity })]
            : conditions.map((condition, at) =>
                at === index ? Object.freeze({ kind, severity }) : condition,
              );
      state.set({ conditions: Object.freeze(next) });
    },
  };
}
