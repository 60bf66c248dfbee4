// Model-based test of the session: xstate/graph walks the machine to every state, and each path is replayed
// against the real endpoint with the fake identity and calling port, holding their answers until the path
// says they arrive, and moving a fake clock for timeouts and back-off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestModel } from 'xstate/graph';
import type { SessionStatus } from '../endpoint/createTeamsEndpoint';
import { createFabrikamEndpoint, useGraphServer } from '../endpoint/fabrikamEndpoint.test-support';
import { TeamsEndpointError } from '../errors';
import { matchesStateKey, statesReached } from './modelPaths.test-support';
import { sessionMachine } from './sessionMachine';

useGraphServer();

const CONNECT_TIMEOUT_MS = 10_000;
const RECONNECT_DELAY_MS = 100;
const MAX_RECONNECT_ATTEMPTS = 2;

/** The oracle: the public session status of each machine state. */
const EXPECTED: Record<string, SessionStatus> = {
  signedOut: 'signed_out',
  signingIn: 'signing_in',
  connecting: 'connecting',
  ready: 'ready',
  'reconnecting.waiting': 'reconnecting',
  'reconnecting.connecting': 'reconnecting',
  signingOut: 'signing_out',
  failed: 'failed',
};

const failure = new TeamsEndpointError('network', 'Simulated failure.', { retryable: true });
const events = [
  { type: 'SIGN_IN' },
  { type: 'SIGN_OUT' },
  { type: 'AGENT.DISCONNECTED' },
  { type: 'AGENT.CONNECTED' },
  ...['signIn', 'connectAgent', 'reconnectAgent', 'signOut'].flatMap((id) => [
    { type: `xstate.done.actor.${id}`, output: { id: 'u', tenantId: 't', displayName: 'Alice' } },
    { type: `xstate.error.actor.${id}`, error: failure },
  ]),
  { type: 'xstate.after.connectTimeout.session.connecting' },
  { type: 'xstate.after.reconnectDelay.session.reconnecting.waiting' },
  { type: 'xstate.after.connectTimeout.session.reconnecting.connecting' },
];

const model = new TestModel(sessionMachine, {
  stateMatcher: matchesStateKey,
  input: {
    deps: {} as never,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    maxReconnectAttempts: MAX_RECONNECT_ATTEMPTS,
    reconnectDelayMs: RECONNECT_DELAY_MS,
  },
  events: events as never,
  serializeState: (state) => {
    const { value, context } = state as unknown as { value: unknown; context: { reconnectAttempt: number } };
    return JSON.stringify([value, context.reconnectAttempt]);
  },
});
const paths = model.getShortestPaths();

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('sessionMachine (model-based)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('reaches every state', () => {
    expect(statesReached(paths, Object.keys(EXPECTED))).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(paths.map((path) => [path.description.replace(/\(\{.*?\}\)/g, ''), path] as const))(
    '%s',
    async (_name, path) => {
      const { world, endpoint } = await createFabrikamEndpoint({
        signIn: false,
        endpoint: {
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
          reconnectDelayMs: RECONNECT_DELAY_MS,
          maxReconnectAttempts: MAX_RECONNECT_ATTEMPTS,
        },
      });
      const held: Partial<Record<string, { resolve(): void; reject(error: TeamsEndpointError): void }>> = {};
      const ignore = () => undefined;
      const status = () => endpoint.getSnapshot().session.status;

      await path.test({
        states: Object.fromEntries(
          Object.entries(EXPECTED).map(([key, expected]) => [
            key,
            () => expect(status(), `in state ${key}`).toBe(expected),
          ]),
        ),
        events: {
          SIGN_IN: async () => {
            held.signIn = world.identity.deferNext('signIn');
            held.connectAgent = world.calling.deferNext('connect');
            endpoint.signIn().catch(ignore);
            await flush();
          },
          SIGN_OUT: async () => {
            held.signOut = world.identity.deferNext('signOut');
            endpoint.signOut().catch(ignore);
            await flush();
          },
          'AGENT.DISCONNECTED': async () => {
            world.calling.dropConnection();
            await flush();
          },
          'AGENT.CONNECTED': async () => {
            world.calling.restoreConnection();
            await flush();
          },
          'xstate.done.actor.signIn': async () => {
            held.signIn!.resolve();
            await flush();
          },
          'xstate.error.actor.signIn': async () => {
            held.signIn!.reject(failure);
            await flush();
          },
          'xstate.done.actor.connectAgent': async () => {
            held.connectAgent!.resolve();
            await flush();
          },
          'xstate.error.actor.connectAgent': async () => {
            held.connectAgent!.reject(failure);
            await flush();
          },
          'xstate.done.actor.reconnectAgent': async () => {
            held.reconnectAgent!.resolve();
            await flush();
          },
          'xstate.error.actor.reconnectAgent': async () => {
            held.reconnectAgent!.reject(failure);
            await flush();
          },
          'xstate.done.actor.signOut': async () => {
            held.signOut!.resolve();
            await flush();
          },
          'xstate.error.actor.signOut': async () => {
            held.signOut!.reject(failure);
            await flush();
          },
          'xstate.after.connectTimeout.session.connecting': () =>
            vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS),
          'xstate.after.reconnectDelay.session.reconnecting.waiting': async () => {
            held.reconnectAgent = world.calling.deferNext('connect');
            await vi.advanceTimersByTimeAsync(RECONNECT_DELAY_MS * 2 ** MAX_RECONNECT_ATTEMPTS);
          },
          'xstate.after.connectTimeout.session.reconnecting.connecting': () =>
            vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS),
        } as never,
      });
      for (const deferred of Object.values(held)) deferred?.reject(failure);
      await endpoint.dispose();
    },
  );
});
