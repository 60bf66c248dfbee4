import { assign, fromCallback, fromPromise, setup } from 'xstate';
import { withTimeout } from '../async/abortable';
import type { TeamsUser } from '../domain/people';
import { TeamsEndpointError, toTeamsEndpointError } from '../errors';
import type { CallingPort } from '../ports/callingPort';
import type { IdentityPort } from '../ports/identityPort';

export interface SessionDeps {
  readonly identity: IdentityPort;
  readonly calling: CallingPort;
}

export interface SessionInput {
  readonly deps: SessionDeps;
  /** Upper bound on connecting the call agent, in ms. */
  readonly connectTimeoutMs: number;
  /** Reconnection attempts before giving up. */
  readonly maxReconnectAttempts: number;
  /** First reconnection delay, in ms; doubles on each attempt. */
  readonly reconnectDelayMs: number;
}

export interface SessionContext extends SessionInput {
  readonly user: TeamsUser | null;
  readonly error: TeamsEndpointError | null;
  readonly reconnectAttempt: number;
}

/** Where the session is. Each state of the session machine carries one of these as its tag. */
export type SessionStatus =
  | 'signed_out'
  | 'signing_in'
  | 'connecting'
  | 'ready'
  | 'reconnecting'
  | 'signing_out'
  | 'failed';

export const SESSION_STATUSES: readonly SessionStatus[] = [
  'signed_out',
  'signing_in',
  'connecting',
  'ready',
  'reconnecting',
  'signing_out',
  'failed',
];

export type SessionEvent =
  | { type: 'SIGN_IN' }
  | { type: 'SIGN_OUT' }
  | { type: 'AGENT.DISCONNECTED' }
  | { type: 'AGENT.CONNECTED' };

const signIn = fromPromise<TeamsUser, SessionDeps>(({ input, signal }) => input.identity.signIn({ signal }));

/** Connects the call agent, with the identity port as the ACS token source for its whole life. */
const connectAgent = fromPromise<void, SessionDeps>(({ input, signal }) =>
  input.calling.connect({ signal, getToken: (options) => input.identity.getAcsToken(options) }),
);

/**
 * Disconnects the call agent, then signs out. Each step is bounded (by the connect timeout): a port that never
 * answers cannot keep the user signed in.
 */
const signOut = fromPromise<void, { deps: SessionDeps; timeoutMs: number }>(async ({ input }) => {
  const bounded = (what: string, step: () => Promise<void>) =>
    withTimeout(step, {
      timeoutMs: input.timeoutMs,
      timeoutError: () => new TeamsEndpointError('timeout', `${what} took too long.`, { retryable: true }),
    });
  try {
    await bounded('Disconnecting the call agent', () => input.deps.calling.disconnect());
  } finally {
    await bounded('Signing out', () => input.deps.identity.signOut());
  }
});

const watchConnection = fromCallback<SessionEvent, SessionDeps>(({ input, sendBack }) =>
  input.calling.onConnectionStateChanged((state) =>
    sendBack({ type: state === 'connected' ? 'AGENT.CONNECTED' : 'AGENT.DISCONNECTED' }),
  ),
);

const toError = (error: unknown, message: string) => toTeamsEndpointError(error, 'sign_in_failed', message);

/**
 * The signed-in Teams user and their call agent: sign in → connect the call agent (its token source refreshes
 * the ACS token before it expires) → ready; reconnect with back-off when the agent loses its link; sign out.
 */
export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
    tags: {} as SessionStatus,
  },
  actors: { signIn, connectAgent, signOut, watchConnection },
  delays: {
    connectTimeout: ({ context }) => context.connectTimeoutMs,
    reconnectDelay: ({ context }) =>
      context.reconnectDelayMs * 2 ** Math.max(0, context.reconnectAttempt - 1),
  },
  guards: {
    canRetry: ({ context }) => context.reconnectAttempt < context.maxReconnectAttempts,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({ ...input, user: null, error: null, reconnectAttempt: 0 }),
  initial: 'signedOut',
  states: {
    signedOut: {
      tags: 'signed_out',
      entry: assign({ user: null, reconnectAttempt: 0 }),
      on: { SIGN_IN: 'signingIn' },
    },
    signingIn: {
      tags: 'signing_in',
      entry: assign({ error: null }),
      invoke: {
        id: 'signIn',
        src: 'signIn',
        input: ({ context }) => context.deps,
        onDone: { target: 'connecting', actions: assign({ user: ({ event }) => event.output }) },
        onError: {
          target: 'failed',
          actions: assign({ error: ({ event }) => toError(event.error, 'Signing in failed.') }),
        },
      },
      on: { SIGN_OUT: 'signingOut' },
    },
    connecting: {
      tags: 'connecting',
      invoke: {
        id: 'connectAgent',
        src: 'connectAgent',
        input: ({ context }) => context.deps,
        onDone: 'ready',
        onError: {
          target: 'failed',
          actions: assign({
            error: ({ event }) => toError(event.error, 'Connecting the call agent failed.'),
          }),
        },
      },
      after: {
        connectTimeout: {
          target: 'failed',
          actions: assign({
            error: () =>
              new TeamsEndpointError('timeout', 'Connecting the call agent took too long.', {
                retryable: true,
              }),
          }),
        },
      },
      on: { SIGN_OUT: 'signingOut' },
    },
    ready: {
      tags: 'ready',
      entry: assign({ reconnectAttempt: 0, error: null }),
      invoke: { src: 'watchConnection', input: ({ context }) => context.deps },
      on: {
        'AGENT.DISCONNECTED': 'reconnecting',
        SIGN_OUT: 'signingOut',
      },
    },
    reconnecting: {
      tags: 'reconnecting',
      entry: assign({ reconnectAttempt: ({ context }) => context.reconnectAttempt + 1 }),
      initial: 'waiting',
      states: {
        waiting: {
          invoke: { src: 'watchConnection', input: ({ context }) => context.deps },
          after: { reconnectDelay: 'connecting' },
          on: { 'AGENT.CONNECTED': '#session.ready' },
        },
        connecting: {
          invoke: {
            id: 'reconnectAgent',
            src: 'connectAgent',
            input: ({ context }) => context.deps,
            onDone: '#session.ready',
            onError: [
              { guard: 'canRetry', target: '#session.reconnecting', reenter: true },
              {
                target: '#session.failed',
                actions: assign({
                  error: ({ event }) =>
                    toTeamsEndpointError(event.error, 'network', 'The connection to Teams was lost.'),
                }),
              },
            ],
          },
          after: {
            connectTimeout: [
              { guard: 'canRetry', target: '#session.reconnecting', reenter: true },
              {
                target: '#session.failed',
                actions: assign({
                  error: () =>
                    new TeamsEndpointError('network', 'The connection to Teams was lost.', {
                      retryable: true,
                    }),
                }),
              },
            ],
          },
        },
      },
      on: { SIGN_OUT: 'signingOut' },
    },
    signingOut: {
      tags: 'signing_out',
      invoke: {
        id: 'signOut',
        src: 'signOut',
        input: ({ context }) => ({ deps: context.deps, timeoutMs: context.connectTimeoutMs }),
        onDone: 'signedOut',
        onError: 'signedOut',
      },
    },
    failed: {
      tags: 'failed',
      on: { SIGN_IN: 'signingIn', SIGN_OUT: 'signingOut' },
    },
  },
});
