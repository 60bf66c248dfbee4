import type { CallClientOptions, ConnectionStateChangedEvent } from '@azure/communication-calling';
import type {
  CommunicationTokenCredential,
  CommunicationTokenRefreshOptions,
} from '@azure/communication-common';
import {
  type AcsAccessToken,
  abortedError,
  type CallAgentConnectionState,
  type CallingPort,
  type CallParty,
  type ConnectOptions,
  createListenerSet,
  type IncomingCallHandle,
  type MeetingLocator,
  type SignalOption,
  TeamsEndpointError,
  throwIfAborted,
  withTimeout,
} from '@teams-endpoint/core';
import { type AcsCallHandle, createAcsCallHandle } from './acsCallHandle';
import { createDeviceAccess } from './acsDevices';
import { type AcsIncomingCall, createAcsIncomingCall } from './acsIncomingCall';
import { type AgentCreationOutcome, createAgentCreation } from './agentCreation';
import type { PermissionsApi } from './devicePermissions';
import { disposeQuietly } from './disposeQuietly';
import { toConnectError, toOperationError } from './sdkErrors';
import { type RawIdOf, rawIdOfTokenUser, toCallParty, toSdkCallee } from './sdkIdentifiers';
import { loadCallingSdk, loadCommonSdk, memoizeLoader } from './sdkLoader';
import { toSdkMeetingLink } from './sdkMeetingLink';
import type {
  AcsCallingSdk,
  AcsCommonSdk,
  SdkCallClient,
  SdkIncomingCallEvent,
  SdkTeamsCall,
  SdkTeamsCallAgent,
} from './sdkTypes';
import type { AcsCallKind } from './teamsFeatures';

/** Default upper bound on `connect`, in ms. The SDK gives up on a missing network only after about 16 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export interface AcsCallingOptions {
  /** Options for the SDK's `CallClient` (logger, diagnostics, network configuration). */
  readonly callClientOptions?: CallClientOptions;
  /** Upper bound on `connect`: loading the SDK, the first token and creating the agent. Default 20 000 ms. */
  readonly connectTimeoutMs?: number;
  /** Loads `@azure/communication-calling`. Default: a dynamic `import()`. Tests inject a stub of the SDK. */
  readonly loadSdk?: () => Promise<AcsCallingSdk>;
  /** Loads `@azure/communication-common`. Default: a dynamic `import()`. */
  readonly loadCommon?: () => Promise<AcsCommonSdk>;
  /**
   * The browser's Permissions API, read for the devices' permission states. Default: `navigator.permissions`
   * where the page has it (the SDK itself has no permission query). Tests inject a fake.
   */
  readonly permissions?: () => PermissionsApi | undefined;
}

/** The calling port over the ACS Calling SDK, with the devices that calls use. */
export type AcsCalling = CallingPort;

/** The agent of a connected port, with what it was created from and the handlers on it. */
interface AgentSession {
  readonly sdk: AcsCallingSdk;
  readonly agent: SdkTeamsCallAgent;
  readonly credential: CommunicationTokenCredential;
  readonly rawIdOf: RawIdOf;
  readonly localRawId: string | undefined;
  readonly onIncomingCall: SdkIncomingCallEvent;
  readonly onConnectionStateChanged: ConnectionStateChangedEvent;
}

type RefresherSignal = Parameters<CommunicationTokenRefreshOptions['tokenRefresher']>[0];

/** The SDK's credential wants an `AccessToken`; passing the expiry saves it from decoding the token. */
const toAccessToken = ({ token, expiresOn }: AcsAccessToken) => ({
  token,
  expiresOnTimestamp: expiresOn.getTime(),
});

/** The kind of a 1:1 call by who is on the other side: it decides the Teams features offered. */
const kindOfParty = (party: CallParty): AcsCallKind => (party.kind === 'phoneNumber' ? 'pstn' : 'teams');

/** The SDK's refresher gets an `AbortSignalLike`; the identity port takes a DOM `AbortSignal`. */
function toAbortSignal(signal: NonNullable<RefresherSignal>): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort();
  else signal.addEventListener('abort', () => controller.abort(), { once: true });
  return controller.signal;
}

/**
 * Creates the calling port over the ACS Calling SDK for a Teams user.
 *
 * Nothing is loaded until `connect` (or a `devices` method): the SDK is a peer dependency that is fetched with
 * a dynamic `import()`, so pages that have not started calling do not pay for it.
 *
 * @example
 * const calling = createAcsCalling();
 * const endpoint = createTeamsEndpoint({ identity, graph, calling, contacts });
 * await calling.devices.requestPermission({ audio: true });
 * await endpoint.signIn(); // connects the Teams call agent with the identity port's ACS token
 */
export function createAcsCalling(options: AcsCallingOptions = {}): AcsCalling {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const loadSdk = memoizeLoader(options.loadSdk ?? loadCallingSdk, '@azure/communication-calling');
  const loadCommon = memoizeLoader(options.loadCommon ?? loadCommonSdk, '@azure/communication-common');
  const incomingListeners = createListenerSet<IncomingCallHandle>();
  const connectionListeners = createListenerSet<CallAgentConnectionState>();
  /** Every live call of the port, with the SDK call behind it. */
  const calls = new Map<AcsCallHandle, SdkTeamsCall>();
  const incomingCalls = new Set<AcsIncomingCall>();
  let client: SdkCallClient | undefined;
  let session: AgentSession | undefined;
  let connecting: Promise<void> | undefined;
  let attempt: AbortController | undefined;
  const creation = createAgentCreation();
  /** Bumped by every `disconnect`: work begun under an older generation must not attach anything. */
  let generation = 0;

  /** The SDK and the call client, created on first use and again after a disconnect. */
  const runtime = async () => {
    const sdk = await loadSdk();
    client ??= new sdk.CallClient(options.callClientOptions);
    return { sdk, client };
  };

  const deviceAccess = createDeviceAccess(runtime, {
    switchLiveCameras: async (camera) => {
      await Promise.all([...calls.keys()].map((call) => call.switchCamera(camera)));
    },
    ...(options.permissions ? { permissions: options.permissions } : {}),
  });

  const trackCall = (call: SdkTeamsCall, session: AgentSession, kind: AcsCallKind): AcsCallHandle => {
    const handle = createAcsCallHandle(call, {
      rawIdOf: session.rawIdOf,
      sdk: session.sdk,
      createCameraStream: deviceAccess.createCameraStream,
      onEnded: () => calls.delete(handle),
      kind,
      localRawId: session.localRawId,
      calls: {
        sdkCallOf: (handleId) => [...calls].find(([other]) => other.id === handleId)?.[1],
        // A call the remote party transferred us into lives on the same agent, as long as the port does.
        adoptTransferred: (transferred, remote) => trackCall(transferred, session, kindOfParty(remote)),
      },
    });
    calls.set(handle, call);
    return handle;
  };

  const requireSession = (): AgentSession => {
    if (!session) throw new TeamsEndpointError('not_connected', 'The Teams call agent is not connected.');
    return session;
  };

  const bindAgent = ({
    sdk,
    agent,
    credential,
    rawIdOf,
    localRawId,
  }: Extract<AgentCreationOutcome, { kind: 'created' }>): AgentSession => {
    const onIncomingCall: SdkIncomingCallEvent = ({ incomingCall }) => {
      const kind = kindOfParty(toCallParty(incomingCall.callerInfo, rawIdOf));
      const handle: AcsIncomingCall = createAcsIncomingCall(incomingCall, {
        rawIdOf,
        wrapCall: (call) => trackCall(call, bound, kind),
        onSettled: () => incomingCalls.delete(handle),
      });
      incomingCalls.add(handle);
      incomingListeners.emit(handle);
    };
    const onConnectionStateChanged: ConnectionStateChangedEvent = ({ newValue }) =>
      connectionListeners.emit(newValue === 'Connected' ? 'connected' : 'disconnected');
    const bound: AgentSession = {
      sdk,
      agent,
      credential,
      rawIdOf,
      localRawId,
      onIncomingCall,
      onConnectionStateChanged,
    };
    agent.on('incomingCall', onIncomingCall);
    agent.on('connectionStateChanged', onConnectionStateChanged);
    return bound;
  };

  const superseded = () => abortedError(undefined, 'The port was disconnected while connecting.');

  /** Throws when the attempt was given up or the port disconnected since `gen`. */
  const ensureCurrent = (gen: number, signal: AbortSignal) => {
    throwIfAborted(signal);
    if (generation !== gen) throw superseded();
  };

  /** Removes the port's handlers from an agent and disposes it with its credential. */
  const releaseSession = async (ending: AgentSession) => {
    ending.agent.off('incomingCall', ending.onIncomingCall);
    ending.agent.off('connectionStateChanged', ending.onConnectionStateChanged);
    await disposeQuietly(() => ending.agent.dispose());
    ending.credential.dispose();
  };

  /**
   * Loads the SDK, gets the first token, creates the credential and the agent, with one creation in flight at
   * most (see `agentCreation.ts`). A creation that an earlier, abandoned attempt left running is waited for
   * first, from the attempt's very start, so that its agent is kept for this attempt and taken over.
   */
  const establish = async (
    getToken: ConnectOptions['getToken'],
    signal: AbortSignal,
    gen: number,
  ): Promise<AgentSession> => {
    const earlier = await creation.wait(signal, gen);
    if (earlier?.kind === 'created') return adopt(earlier, signal, gen);
    ensureCurrent(gen, signal);
    const [{ sdk, client: callClient }, common] = await Promise.all([runtime(), loadCommon()]);
    ensureCurrent(gen, signal);
    const first = await getToken({ signal });
    ensureCurrent(gen, signal);
    const credential = new common.AzureCommunicationTokenCredential({
      token: toAccessToken(first),
      tokenRefresher: async (refreshSignal) =>
        toAccessToken(await getToken(refreshSignal ? { signal: toAbortSignal(refreshSignal) } : {})),
      refreshProactively: true,
    });
    creation.start(
      () => callClient.createTeamsCallAgent(credential),
      { sdk, credential, rawIdOf: common.getIdentifierRawId, localRawId: rawIdOfTokenUser(first.token) },
      gen,
    );
    const outcome = await creation.wait(signal, gen);
    if (outcome?.kind === 'created') return adopt(outcome, signal, gen);
    if (outcome?.kind === 'failed') throw toConnectError(outcome.error);
    throw superseded();
  };

  /** Binds an agent that this attempt took over, unless the attempt was given up meanwhile. */
  const adopt = async (
    created: Extract<AgentCreationOutcome, { kind: 'created' }>,
    signal: AbortSignal,
    gen: number,
  ): Promise<AgentSession> => {
    if (signal.aborted || generation !== gen) {
      // Too late: the caller gave up, time ran out or the port disconnected. Leave no live agent behind.
      await disposeQuietly(() => created.agent.dispose());
      created.credential.dispose();
      throw signal.aborted ? signal.reason : superseded();
    }
    return bindAgent(created);
  };

  /** Runs one connection attempt within the time limit; `disconnect` aborts it. */
  const runAttempt = async (
    work: (signal: AbortSignal) => Promise<void>,
    signal: AbortSignal | undefined,
    timeoutError: () => TeamsEndpointError,
  ) => {
    const current = new AbortController();
    attempt = current;
    try {
      await withTimeout(work, { timeoutMs, attempt: current, timeoutError, signal });
    } catch (error) {
      throw toConnectError(error);
    } finally {
      if (attempt === current) attempt = undefined;
    }
  };

  const connectAgent = ({ getToken, signal }: ConnectOptions, gen: number) =>
    runAttempt(
      async (attemptSignal) => {
        const established = await establish(getToken, attemptSignal, gen);
        if (generation !== gen) {
          // The port disconnected between the agent's arrival and now: this agent belongs to no one.
          await releaseSession(established);
          throw superseded();
        }
        session = established;
      },
      signal,
      () =>
        new TeamsEndpointError(
          'timeout',
          `Connecting the Teams call agent took longer than ${Math.round(timeoutMs / 1000)} s.`,
          { retryable: true },
        ),
    );

  /** Waits for an agent that lost its link to get it back by itself, which keeps its calls alive. */
  const awaitReconnection = (agent: SdkTeamsCallAgent, { signal }: ConnectOptions) =>
    runAttempt(
      (attemptSignal) =>
        new Promise<void>((resolve, reject) => {
          const stop = () => {
            agent.off('connectionStateChanged', onChanged);
            attemptSignal.removeEventListener('abort', onAbort);
          };
          const onChanged: ConnectionStateChangedEvent = ({ newValue }) => {
            if (newValue !== 'Connected') return;
            stop();
            resolve();
          };
          const onAbort = () => {
            stop();
            reject(attemptSignal.reason);
          };
          agent.on('connectionStateChanged', onChanged);
          attemptSignal.addEventListener('abort', onAbort, { once: true });
        }),
      signal,
      () =>
        new TeamsEndpointError('network', 'The Teams call agent did not get its connection back.', {
          retryable: true,
        }),
    );

  const hasLiveCall = () => [...calls.keys()].some((call) => call.getState().status !== 'disconnected');

  /** Disposes calls, then the agent, then the call client, removing every SDK listener the port added. */
  const release = async () => {
    for (const call of [...calls.keys()]) call.dispose();
    calls.clear();
    for (const incoming of incomingCalls) incoming.release();
    incomingCalls.clear();
    const ending = session;
    session = undefined;
    const disposing = client;
    client = undefined;
    deviceAccess.reset();
    if (ending) await releaseSession(ending);
    if (disposing) await disposeQuietly(() => disposing.dispose());
  };

  /** Stops any attempt in flight and releases everything: what `disconnect` does. */
  const teardown = async () => {
    generation += 1;
    attempt?.abort(superseded());
    attempt = undefined;
    connecting = undefined;
    await release();
  };

  /** Starts what `connect` needs. Runs synchronously up to its first await, so `connecting` is set at once. */
  const startConnecting = async (connectOptions: ConnectOptions, current: AgentSession | undefined) => {
    const gen = generation;
    if (!current) return connectAgent(connectOptions, gen);
    if (hasLiveCall()) return awaitReconnection(current.agent, connectOptions);
    // The agent lost its link and no call needs it: start over with a new one.
    await release();
    if (generation !== gen) throw superseded();
    throwIfAborted(connectOptions.signal);
    return connectAgent(connectOptions, gen);
  };

  return {
    devices: deviceAccess.devices,

    async connect(connectOptions) {
      throwIfAborted(connectOptions.signal);
      if (connecting) return connecting;
      if (session?.agent.connectionState === 'Connected') return;
      const pending = startConnecting(connectOptions, session);
      connecting = pending;
      try {
        await pending;
      } finally {
        if (connecting === pending) connecting = undefined;
      }
    },

    disconnect: teardown,

    async startCall(target, callOptions?: SignalOption) {
      throwIfAborted(callOptions?.signal);
      const current = requireSession();
      const { agent } = current;
      let call: SdkTeamsCall;
      try {
        // Always the 1:1 overload. A Teams target's `threadId` (the 1:1 chat the core created first) stays out
        // of the SDK: `TeamsCallAgentImpl.startCall` throws 400/40213 for one participant with a `threadId`,
        // and reads `threadId` only for two or more participants.
        call = agent.startCall(toSdkCallee(target));
      } catch (error) {
        throw toOperationError(error, 'start the call');
      }
      return trackCall(call, current, target.kind === 'phoneNumber' ? 'pstn' : 'teams');
    },

    async joinMeeting(locator: MeetingLocator, callOptions?: SignalOption) {
      throwIfAborted(callOptions?.signal);
      const current = requireSession();
      const { agent } = current;
      let call: SdkTeamsCall;
      try {
        call =
          locator.kind === 'link'
            ? agent.join({ meetingLink: toSdkMeetingLink(locator.meetingLink) })
            : agent.join({ meetingId: locator.meetingId, passcode: locator.passcode });
      } catch (error) {
        throw toOperationError(error, 'join the meeting');
      }
      return trackCall(call, current, 'meeting');
    },

    onIncomingCall: (listener) => incomingListeners.add(listener),
    onConnectionStateChanged: (listener) => connectionListeners.add(listener),
  };
}
