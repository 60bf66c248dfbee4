import { createActor, waitFor } from 'xstate';
import type { TeamsUser } from '../domain/people';
import { TeamsEndpointError, type TeamsEndpointErrorInfo } from '../errors';
import {
  SESSION_STATUSES,
  type SessionInput,
  type SessionStatus,
  sessionMachine,
} from '../machines/sessionMachine';
import { shareShallow } from '../store/observableUnit';

export interface SessionSnapshot {
  readonly status: SessionStatus;
  /** Who is signed in; never a token. */
  readonly user: TeamsUser | null;
  readonly error: TeamsEndpointErrorInfo | null;
}

/**
 * Owns sign-in and sign-out: runs the session machine (sign in → exchange the token → connect the call agent
 * → ready; reconnect; sign out) and answers whether calls may be placed now.
 */
export function createSessionUnit(input: SessionInput, onChange: () => void) {
  const actor = createActor(sessionMachine, { input });
  const subscription = actor.subscribe(() => onChange());
  actor.start();

  const statusOf = (): SessionStatus => {
    const snapshot = actor.getSnapshot();
    const status = SESSION_STATUSES.find((candidate) => snapshot.hasTag(candidate));
    if (!status) throw new Error('A session machine state has no status tag.');
    return status;
  };

  return {
    snapshot(previous: SessionSnapshot | undefined): SessionSnapshot {
      const { user, error } = actor.getSnapshot().context;
      return shareShallow(previous, {
        status: statusOf(),
        user,
        error: error ? shareShallow(previous?.error ?? undefined, error.toJSON()) : null,
      });
    },

    /** The signed-in user (also while connecting or reconnecting), or `null`. */
    user: (): TeamsUser | null => actor.getSnapshot().context.user,

    /** The user, when calls can be placed now; else the typed reason why not. */
    requireReady(): TeamsUser {
      const status = statusOf();
      const { user } = actor.getSnapshot().context;
      if (status === 'ready' && user) return user;
      if (status === 'signed_out' || !user) {
        throw new TeamsEndpointError('not_signed_in', 'Sign in before placing a call.');
      }
      throw new TeamsEndpointError('not_connected', 'The call agent is not connected yet.', {
        retryable: true,
      });
    },

    async signIn(): Promise<TeamsUser> {
      actor.send({ type: 'SIGN_IN' });
      const settled = await waitFor(
        actor,
        (s) => s.hasTag('ready') || s.hasTag('failed') || s.hasTag('signed_out'),
      );
      if (settled.hasTag('ready') && settled.context.user) return settled.context.user;
      throw settled.context.error ?? new TeamsEndpointError('sign_in_failed', 'Signing in was cancelled.');
    },

    async signOut(): Promise<void> {
      actor.send({ type: 'SIGN_OUT' });
      await waitFor(actor, (s) => s.hasTag('signed_out'));
    },

    /**
     * Whether a call reaching the agent now may ring: not once sign-out has begun, since sign-out has already
     * hung up the calls it knew of and nothing would end one offered after that.
     */
    offersIncomingCalls(): boolean {
      const status = statusOf();
      return status !== 'signing_out' && status !== 'signed_out';
    },

    /** Whether the call agent is (or is being) connected, so that dispose must disconnect it. */
    holdsAgent(): boolean {
      const status = statusOf();
      return status === 'ready' || status === 'reconnecting' || status === 'connecting';
    },

    stop(): void {
      subscription.unsubscribe();
      actor.stop();
    },
  };
}

export type SessionUnit = ReturnType<typeof createSessionUnit>;
