import {
  type CallPortStatus,
  createListenerSet,
  type FeatureHandle,
  type Participant,
  type PlatformCapabilities,
  type PlatformCapability,
} from '@teams-endpoint/core';
import { FEATURE_REFUSALS, featureError } from './featureRefusals';
import { capabilityRefusal } from './platformVerdict';

/** The feature commands of the fake, for fault injection and call counting (`failNext`, `methodCalls`, …). */
export const FAKE_FEATURE_METHODS = [
  'startCaptions',
  'stopCaptions',
  'setSpokenLanguage',
  'setCaptionLanguage',
  'raiseHand',
  'lowerHand',
  'lowerAllHands',
  'transfer',
  'startSpotlight',
  'stopSpotlight',
  'stopAllSpotlight',
  'admit',
  'rejectFromLobby',
  'admitAll',
] as const;

export type FakeFeatureMethod = (typeof FAKE_FEATURE_METHODS)[number];

/** What a fake feature needs of its call. */
export interface FeatureHost {
  status(): CallPortStatus;
  capabilities(): PlatformCapabilities;
  /** The port's `enter`: counts the command, holds it (`deferNext`, `holdAll`), injects failures, aborts. */
  enter(method: FakeFeatureMethod, signal?: AbortSignal): Promise<void>;
  /** Runs `fn` after `ms` on the port's timers (cleared when the agent disconnects). */
  later(ms: number, fn: () => void): void;
  hasParticipant(id: string): boolean;
  /** Adds people to the call's roster in one burst (`participantsAdded`). */
  addParticipants(participants: readonly Participant[]): void;
}

/** Every status but `disconnected`: for commands that stop or lower, which Teams accepts in any live state. */
export const LIVE_STATES: readonly CallPortStatus[] = [
  'connecting',
  'ringing',
  'early_media',
  'in_lobby',
  'connected',
  'local_hold',
  'remote_hold',
  'disconnecting',
];
const CONNECTED: readonly CallPortStatus[] = ['connected'];

/** How a feature command is judged when it is issued. */
export interface FeatureCommandRule {
  readonly method: FakeFeatureMethod;
  /** What the command does, for error messages: "admit someone from the lobby". */
  readonly action: string;
  /** The call states that accept it. Default: connected only. */
  readonly states?: readonly CallPortStatus[];
  /** The refusal when the call is in another state. Default `FEATURE_REFUSALS.notConnected`. */
  readonly stateRefusal?: (typeof FEATURE_REFUSALS)[keyof typeof FEATURE_REFUSALS];
  /** The capability it needs, if any. */
  readonly capability?: PlatformCapability;
  readonly signal?: AbortSignal;
}

/**
 * Runs a feature command as the platform does: the call's state and capabilities are judged when it is
 * issued; then it goes through the port's `enter`; a call that ended meanwhile refuses it; `carryOut` judges
 * the feature's own data and applies the change.
 */
export async function featureCommand<T>(
  host: FeatureHost,
  rule: FeatureCommandRule,
  carryOut: () => T | Promise<T>,
): Promise<T> {
  const refusal = refusalWhenIssued(host, rule);
  await host.enter(rule.method, rule.signal);
  if (host.status() === 'disconnected') throw featureError(FEATURE_REFUSALS.callEnded);
  if (refusal) throw refusal;
  return carryOut();
}

function refusalWhenIssued(host: FeatureHost, rule: FeatureCommandRule) {
  const status = host.status();
  if (status === 'disconnected') return featureError(FEATURE_REFUSALS.callEnded);
  if (!(rule.states ?? CONNECTED).includes(status))
    return featureError(rule.stateRefusal ?? FEATURE_REFUSALS.notConnected, { status });
  return rule.capability ? capabilityRefusal(host.capabilities(), rule.capability, rule.action) : undefined;
}

/**
 * One feature's plain state and its listeners. A change replaces the state (a state read earlier never
 * changes) and notifies; once the call has ended nothing changes and nobody is notified. Listeners are not
 * dropped at the end, so that the port's listener count still shows whoever forgot to unsubscribe.
 */
export class FeatureState<TState> implements FeatureHandle<TState> {
  private readonly listeners = createListenerSet<void>();

  constructor(
    private state: TState,
    private readonly isLive: () => boolean,
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }
  getState(): TState {
    return this.state;
  }
  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }
  set(next: TState): void {
    if (!this.isLive()) return;
    this.state = next;
    this.listeners.emit();
  }
}

/** A feature handle's `getState` and `subscribe`, bound to its state (all a handle without commands has). */
export function stateHandle<TState>(state: FeatureState<TState>): FeatureHandle<TState> {
  return {
    getState: () => state.getState(),
    subscribe: (listener) => state.subscribe(listener),
  };
}
