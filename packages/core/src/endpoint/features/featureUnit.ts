import { Observable } from 'rxjs';
import { TeamsEndpointError } from '../../errors';
import type { CallCommand, FeatureCommand } from '../../machines/callTypes';
import type { CallFeatureHandles, CallFeatureName, CapabilityReason } from '../../ports/callFeatures';
import { createUnitStore, type ObservableUnit, shareArray, shareShallow } from '../../store/observableUnit';
import { callMediaOf } from '../callMedia';
import type { Call, CallCapabilities, CallSnapshot } from '../callUnit';

/** The features with a state of their own (the transfer is part of the call itself). */
export type StatefulFeature = Exclude<CallFeatureName, 'transfer'>;

/** What a feature unit reads to compute its snapshot. */
export interface FeatureView<K extends StatefulFeature> {
  /** The feature's port while the call is live and offers it; `null` otherwise. */
  readonly port: NonNullable<CallFeatureHandles[K]> | null;
  readonly call: CallSnapshot;
  /** Whether the call's machine accepts the command now. */
  readonly allows: (command: CallCommand) => boolean;
}

export interface FeatureSpec<K extends StatefulFeature, S> {
  readonly feature: K;
  compute(view: FeatureView<K>, previous: S | undefined): S;
  /** Listeners beyond the state's own (the captions' results); returns the function that removes them. */
  attach?(port: NonNullable<CallFeatureHandles[K]>, invalidate: () => void): () => void;
  /** The call ended or the port changed: forget what `attach` collected, if it should not outlive it. */
  reset?(): void;
}

/** The shared plumbing of a feature unit: its store, the call's access, and how commands reach the machine. */
export interface FeatureUnitCore<K extends StatefulFeature, S> extends ObservableUnit<S> {
  /** Sends a feature command through the call's machine, which drops it unless it is allowed now. */
  run(
    capability: FeatureCommand['capability'],
    run: (port: NonNullable<CallFeatureHandles[K]>) => Promise<void>,
  ): void;
  /** Recomputes the snapshot now (state the unit keeps itself changed). */
  refresh(): void;
}

/**
 * Builds a feature unit of one call. It listens only while it has subscribers: on the first, it subscribes to
 * the call (to see the port's call appear and end) and to the feature's port; on the last unsubscribe it
 * removes every listener it added. Notifications are batched per burst like every unit's.
 */
export function createFeatureUnit<K extends StatefulFeature, S>(
  call: Call,
  spec: FeatureSpec<K, S>,
): FeatureUnitCore<K, S> {
  const media = callMediaOf(call);
  if (!media) throw new TeamsEndpointError('invalid_argument', 'This is not a call of a Teams endpoint.');
  const portOf = (): NonNullable<CallFeatureHandles[K]> | null =>
    (media.handle()?.features?.[spec.feature] as NonNullable<CallFeatureHandles[K]> | undefined) ?? null;
  const view = (): FeatureView<K> => ({ port: portOf(), call: call.getSnapshot(), allows: media.allows });
  const store = createUnitStore<S>((previous) => spec.compute(view(), previous));

  let listeners = 0;
  let stopCall: (() => void) | null = null;
  let watched: NonNullable<CallFeatureHandles[K]> | null = null;
  let stopPort: (() => void) | null = null;

  /** Follows the port the call has now: a new one (the call connected), or none (it ended). */
  const follow = () => {
    const port = portOf();
    if (port === watched) return;
    stopPort?.();
    stopPort = null;
    // What a call's feature collected (its captions) outlives the call, until another port takes over.
    if (port) spec.reset?.();
    watched = port;
    if (port) {
      const stopState = port.subscribe(store.invalidate);
      const stopExtra = spec.attach?.(port, store.invalidate);
      stopPort = () => {
        stopState();
        stopExtra?.();
      };
    }
  };

  const attach = () => {
    stopCall = call.subscribe(() => {
      follow();
      store.invalidate();
    });
    follow();
    store.invalidate();
  };
  const detach = () => {
    stopCall?.();
    stopCall = null;
    stopPort?.();
    stopPort = null;
    watched = null;
  };

  const getSnapshot = () => {
    // Unobserved, nothing tells the store of changes: read afresh (it keeps the object if nothing changed).
    if (listeners === 0) store.invalidate();
    return store.getSnapshot();
  };
  const subscribe = (listener: () => void) => {
    const stop = store.subscribe(listener);
    listeners += 1;
    if (listeners === 1) attach();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      stop();
      listeners -= 1;
      if (listeners === 0) detach();
    };
  };

  return {
    getSnapshot,
    subscribe,
    // An RxJS subscriber is a subscriber like any other: it makes the unit listen, and stops it with the last.
    state$: new Observable<S>((subscriber) => {
      subscriber.next(getSnapshot());
      return subscribe(() => subscriber.next(getSnapshot()));
    }),
    run: (capability, run) =>
      media.send({
        type: 'FEATURE',
        feature: spec.feature,
        ...(capability ? { capability } : {}),
        run: (features) => run(features[spec.feature] as NonNullable<CallFeatureHandles[K]>),
      }),
    refresh: store.invalidate,
  };
}

/** One unit per call and feature: the same call always gets the same unit. */
export function cachedPerCall<U>(make: (call: Call) => U): (call: Call) => U {
  const units = new WeakMap<Call, U>();
  return (call) => {
    let unit = units.get(call);
    if (!unit) {
      unit = make(call);
      units.set(call, unit);
    }
    return unit;
  };
}

/** The command of a `can` flag of the call, for feature units that refine it. */
export function featureCommand(
  feature: CallFeatureName,
  capability?: FeatureCommand['capability'],
): FeatureCommand {
  return { type: 'FEATURE', feature, ...(capability ? { capability } : {}) };
}

/**
 * A feature flag's reason when false: the call's own reason for the flag it refines when that is false,
 * else `state` (the feature's own state refuses it: already raised, not active, …).
 */
export function reasonFrom(
  call: CallSnapshot,
  flag: keyof CallCapabilities | null,
  allowed: boolean,
): CapabilityReason | undefined {
  if (allowed) return undefined;
  return (flag && !call.can[flag] ? call.canReasons[flag] : undefined) ?? 'state';
}

/** Drops the `undefined` entries, so that a reasons object lists only false flags. */
export function definedOnly<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Keeps the previous list, and each previous item, wherever nothing changed (items compared shallowly). */
export function shareItems<T extends object>(
  previous: readonly T[] | undefined,
  next: readonly T[],
): readonly T[] {
  return shareArray(
    previous,
    next.map((item, index) => shareShallow(previous?.[index], item)),
  );
}

/** The public face of a unit: only what every observable unit offers. */
export function observablePart<S>(unit: ObservableUnit<S>): ObservableUnit<S> {
  return { getSnapshot: unit.getSnapshot, subscribe: unit.subscribe, state$: unit.state$ };
}
