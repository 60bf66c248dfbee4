import type { CommunicationTokenCredential } from '@azure/communication-common';
import { disposeQuietly } from './disposeQuietly';
import type { RawIdOf } from './sdkIdentifiers';
import type { AcsCallingSdk, SdkTeamsCallAgent } from './sdkTypes';

/** What an agent was created with, and what the port needs to bind it. */
export interface AgentMaterials {
  readonly sdk: AcsCallingSdk;
  readonly credential: CommunicationTokenCredential;
  readonly rawIdOf: RawIdOf;
  /** The raw id of the Teams user the agent is for, read from the first token (`rawIdOfTokenUser`). */
  readonly localRawId: string | undefined;
}

/** How a creation ended for one attempt waiting on it. */
export type AgentCreationOutcome =
  /** This attempt takes the agent over: it is now the attempt's to bind or to dispose. */
  | ({ readonly kind: 'created'; readonly agent: SdkTeamsCallAgent } & AgentMaterials)
  /** `createTeamsCallAgent` rejected with `error`. */
  | { readonly kind: 'failed'; readonly error: unknown }
  /** The agent came, but no attempt of its generation wanted it: it has been disposed. */
  | { readonly kind: 'gone' };

interface Waiter {
  readonly generation: number;
  settle(outcome: AgentCreationOutcome): void;
}

interface Running extends AgentMaterials {
  readonly generation: number;
  readonly waiters: Set<Waiter>;
}

/**
 * The one `createTeamsCallAgent` of the port that may be in flight.
 *
 * The SDK keeps one Teams call agent per identity in a static map shared by every `CallClient` of the page
 * (`TeamsCallAgentImpl.teamsCallAgents`; FACTS.md, ACS), and adds the agent to it as soon as its creation
 * starts (`CallAgentCommonImpl.initialize`). Creating an agent for the same user while another creation is in
 * flight, on this call client or a new one, hands back that same agent: before its stack is up, and dead if
 * that creation then fails. So the port never runs two creations at once:
 *
 * - an attempt that is given up (abort, time-out) leaves its creation running;
 * - the next attempt waits for it and takes its agent over, with the credential it was created with;
 * - an agent that no attempt of its generation waits for when it arrives (the port disconnected, or the
 *   caller gave up and did not retry) is disposed, with its credential, before another creation may start.
 */
export function createAgentCreation() {
  let running: Running | undefined;

  const finish = (current: Running, outcome: AgentCreationOutcome, taker?: Waiter) => {
    if (running === current) running = undefined;
    taker?.settle(outcome);
    const rest: AgentCreationOutcome = outcome.kind === 'failed' ? outcome : { kind: 'gone' };
    for (const waiter of current.waiters) waiter.settle(rest);
    current.waiters.clear();
  };

  const arrived = async (current: Running, agent: SdkTeamsCallAgent) => {
    const taker = [...current.waiters].find((waiter) => waiter.generation === current.generation);
    if (taker) {
      current.waiters.delete(taker);
      finish(
        current,
        {
          kind: 'created',
          agent,
          sdk: current.sdk,
          credential: current.credential,
          rawIdOf: current.rawIdOf,
          localRawId: current.localRawId,
        },
        taker,
      );
      return;
    }
    await disposeQuietly(() => agent.dispose());
    current.credential.dispose();
    finish(current, { kind: 'gone' });
  };

  return {
    /** Whether a creation is in flight. */
    get inFlight(): boolean {
      return running !== undefined;
    },

    /** Starts `create`; call it only when nothing is {@link inFlight}. */
    start(create: () => Promise<SdkTeamsCallAgent>, materials: AgentMaterials, generation: number): void {
      const current: Running = { ...materials, generation, waiters: new Set() };
      running = current;
      create().then(
        (agent) => arrived(current, agent),
        (error: unknown) => {
          materials.credential.dispose();
          finish(current, { kind: 'failed', error });
        },
      );
    },

    /**
     * Waits for the creation in flight, as an attempt of `generation`. Resolves `undefined` when none is in
     * flight. Rejects with the signal's reason when `signal` aborts: the wait ends, the creation goes on.
     */
    wait(signal: AbortSignal, generation: number): Promise<AgentCreationOutcome | undefined> {
      const current = running;
      if (!current) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          // Synchronously, so that an agent arriving now is not handed to an attempt that is gone.
          current.waiters.delete(waiter);
          reject(signal.reason);
        };
        const waiter: Waiter = {
          generation,
          settle: (outcome) => {
            signal.removeEventListener('abort', onAbort);
            resolve(outcome);
          },
        };
        current.waiters.add(waiter);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

export type AgentCreation = ReturnType<typeof createAgentCreation>;
