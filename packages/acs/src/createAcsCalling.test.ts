import type { AcsAccessToken, CallAgentConnectionState, IncomingCallHandle } from '@teams-endpoint/core';
import { TeamsEndpointError } from '@teams-endpoint/core';
import { typedRejection } from '@teams-endpoint/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AcsCallingOptions, createAcsCalling } from './createAcsCalling';
import { createStubSdkWorld, sdkError, teamsUser } from './stubSdk.test-support';

const TEAMS_TOKEN: AcsAccessToken = { token: 'teams-token-1', expiresOn: new Date(Date.now() + 3_600_000) };
const OID = '8f0c2a9e-1b2c-4d5e-8f90-123456789abc';

function setUp(options: Omit<AcsCallingOptions, 'loadSdk' | 'loadCommon'> = {}) {
  const world = createStubSdkWorld();
  const calling = createAcsCalling({ ...options, loadSdk: world.loadSdk, loadCommon: world.loadCommon });
  const getToken = vi.fn(async (_options?: { signal?: AbortSignal }) => TEAMS_TOKEN);
  return { world, calling, getToken };
}

async function connected(options: Omit<AcsCallingOptions, 'loadSdk' | 'loadCommon'> = {}) {
  const setup = setUp(options);
  await setup.calling.connect({ getToken: setup.getToken });
  return setup;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('loading the SDK', () => {
  it('loads nothing until connect', async () => {
    const { world, calling, getToken } = setUp();
    calling.onIncomingCall(() => undefined);
    calling.onConnectionStateChanged(() => undefined);
    expect(world.loads).toEqual({ sdk: 0, common: 0 });
    await calling.connect({ getToken });
    expect(world.loads).toEqual({ sdk: 1, common: 1 });
  });

  it('types a failed load and tries again on the next connect', async () => {
    const world = createStubSdkWorld();
    const loadSdk = vi
      .fn<typeof world.loadSdk>()
      .mockRejectedValueOnce(new ReferenceError('MediaStream is not defined'))
      .mockImplementation(world.loadSdk);
    const calling = createAcsCalling({ loadSdk, loadCommon: world.loadCommon });
    const getToken = async () => TEAMS_TOKEN;
    const error = await typedRejection(calling.connect({ getToken }));
    expect(error.code).toBe('unknown');
    expect(error.details).toMatchObject({
      reason: 'sdk_load_failed',
      packageName: '@azure/communication-calling',
    });
    expect(error.cause).toBeInstanceOf(ReferenceError);
    await calling.connect({ getToken });
    expect(loadSdk).toHaveBeenCalledTimes(2);
  });
});

describe('connect', () => {
  it('creates a Teams call agent with a proactively refreshed credential fed by getToken', async () => {
    const { world, getToken } = await connected({
      callClientOptions: { diagnostics: { appName: 'contoso' } },
    });
    expect(world.clients).toHaveLength(1);
    expect(world.clients[0]?.options).toEqual({ diagnostics: { appName: 'contoso' } });
    const [credential] = world.credentials;
    expect(world.clients[0]?.credentialsGiven).toEqual([credential]);
    expect(credential?.options).toMatchObject({
      token: { token: 'teams-token-1', expiresOnTimestamp: TEAMS_TOKEN.expiresOn.getTime() },
      refreshProactively: true,
    });
    expect(getToken).toHaveBeenCalledTimes(1);

    const next: AcsAccessToken = { token: 'teams-token-2', expiresOn: new Date(Date.now() + 7_200_000) };
    getToken.mockResolvedValueOnce(next);
    const refresher = new AbortController();
    await expect(credential?.options.tokenRefresher(refresher.signal)).resolves.toEqual({
      token: 'teams-token-2',
      expiresOnTimestamp: next.expiresOn.getTime(),
    });
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(getToken.mock.calls[1]?.[0]?.signal).toBe(refresher.signal);
  });

  it('passes the SDK refresher’s abort on to getToken', async () => {
    const { world, getToken } = await connected();
    const like = { aborted: false, addEventListener: vi.fn(), removeEventListener: vi.fn() };
    await world.credentials[0]?.options.tokenRefresher(like);
    const signal = getToken.mock.calls[1]?.[0]?.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    const onAbort = like.addEventListener.mock.calls[0]?.[1] as () => void;
    onAbort();
    expect(signal?.aborted).toBe(true);
  });

  it('builds a working credential with the real @azure/communication-common', async () => {
    const world = createStubSdkWorld();
    const calling = createAcsCalling({ loadSdk: world.loadSdk });
    await calling.connect({ getToken: async () => TEAMS_TOKEN });
    const [credential] = world.clients[0]?.credentialsGiven ?? [];
    await expect(credential?.getToken()).resolves.toMatchObject({
      token: 'teams-token-1',
      expiresOnTimestamp: TEAMS_TOKEN.expiresOn.getTime(),
    });
    await calling.disconnect();
    await expect(credential?.getToken()).rejects.toThrow(/disposed/);
  });

  it('passes a getToken failure through as it is', async () => {
    const { calling } = setUp();
    const refused = new TeamsEndpointError('token_exchange_failed', 'The exchange refused.');
    await expect(calling.connect({ getToken: () => Promise.reject(refused) })).rejects.toBe(refused);
  });

  it.each([
    [403, 40231, 'forbidden', false, 'not_a_teams_token'],
    [500, 40216, 'network', true, undefined],
    [401, 44110, 'token_expired', true, undefined],
    [408, 40114, 'network', true, undefined],
    [403, 40229, 'forbidden', false, undefined],
    [503, 1, 'service_error', true, undefined],
    [409, 40228, 'call_failed', false, undefined],
  ])('maps %i/%i from createTeamsCallAgent to %s', async (code, subCode, expected, retryable, reason) => {
    const { world, calling, getToken } = setUp();
    const cause = sdkError(code, subCode);
    world.failNextAgent(cause);
    const error = await typedRejection(calling.connect({ getToken }));
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(retryable);
    expect(error.cause).toBe(cause);
    expect(error.details).toMatchObject({ code, subCode, ...(reason ? { reason } : {}) });
    expect(world.credentials[0]?.disposed).toBe(true);
  });

  it('explains 403/40231: the token is an ACS identity token, not a Teams-user one', async () => {
    const { world, calling, getToken } = setUp();
    world.failNextAgent(sdkError(403, 40231, 'TeamsCallAgent must be created only with Teams token'));
    const error = await typedRejection(calling.connect({ getToken }));
    expect(error.message).toMatch(/not a Teams-user token/);
    expect(error.message).toMatch(/getTokenForTeamsUser/);
  });

  it('maps anything else thrown to unknown, with the cause', async () => {
    const { world, calling, getToken } = setUp();
    const cause = new TypeError('boom');
    world.failNextAgent(cause);
    const error = await typedRejection(calling.connect({ getToken }));
    expect(error).toMatchObject({ code: 'unknown', cause });
  });

  it('gives up after connectTimeoutMs with a retryable timeout, and disposes the agent that arrives late', async () => {
    vi.useFakeTimers();
    const { world, calling, getToken } = setUp({ connectTimeoutMs: 5_000 });
    const release = world.holdAgentCreation();
    const connecting = calling.connect({ getToken });
    const outcome = typedRejection(connecting);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toMatch(/5 s/);

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(world.agent().disposed).toBe(true);
    expect(world.credentials[0]?.disposed).toBe(true);
    expect(world.registry.listenerCount()).toBe(0);
    await expect(
      calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' }),
    ).rejects.toMatchObject({
      code: 'not_connected',
    });
  });

  it('defaults to a 20 s bound', async () => {
    vi.useFakeTimers();
    const { world, calling, getToken } = setUp();
    world.holdAgentCreation();
    const outcome = typedRejection(calling.connect({ getToken }));
    await vi.advanceTimersByTimeAsync(19_999);
    let settled = false;
    void outcome.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).code).toBe('timeout');
  });

  it('honours the signal: before, and while the agent is being created', async () => {
    const { world, calling, getToken } = setUp();
    const before = new AbortController();
    before.abort();
    expect((await typedRejection(calling.connect({ getToken, signal: before.signal }))).code).toBe('aborted');
    expect(world.loads.sdk).toBe(0);

    const release = world.holdAgentCreation();
    const during = new AbortController();
    const outcome = typedRejection(calling.connect({ getToken, signal: during.signal }));
    await vi.waitFor(() => expect(world.clients[0]?.credentialsGiven).toHaveLength(1));
    during.abort();
    expect((await outcome).code).toBe('aborted');
    release();
    await vi.waitFor(() => expect(world.agent().disposed).toBe(true));
  });

  it('shares one attempt between concurrent connects, and does nothing more once connected', async () => {
    const { world, calling, getToken } = setUp();
    await Promise.all([calling.connect({ getToken }), calling.connect({ getToken })]);
    await calling.connect({ getToken });
    expect(world.agents).toHaveLength(1);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('creates one agent when concurrent connects replace an agent that lost its link', async () => {
    const { world, calling, getToken } = await connected();
    const first = world.agent();
    first.setConnectionState('Disconnected');
    await Promise.all([calling.connect({ getToken }), calling.connect({ getToken })]);
    expect(world.agents).toHaveLength(2);
    expect(first.disposed).toBe(true);
    expect(world.agent().disposed).toBe(false);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(world.registry.listenerCount()).toBe(2);
  });

  it('attaches nothing when disconnect comes while connect replaces an agent', async () => {
    const { world, calling, getToken } = await connected();
    world.agent().setConnectionState('Disconnected');
    const outcome = typedRejection(calling.connect({ getToken }));
    await calling.disconnect();
    expect((await outcome).code).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve));
    expect(world.agents).toHaveLength(1);
    expect(world.registry.listenerCount()).toBe(0);
    await expect(
      calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' }),
    ).rejects.toMatchObject({ code: 'not_connected' });
  });

  it('a retry takes over the agent that an abandoned attempt is still creating, on the same call client', async () => {
    const { world, calling, getToken } = setUp();
    const release = world.holdAgentCreation();
    const first = new AbortController();
    const outcome = typedRejection(calling.connect({ getToken, signal: first.signal }));
    await vi.waitFor(() => expect(world.clients[0]?.credentialsGiven).toHaveLength(1));
    first.abort();
    expect((await outcome).code).toBe('aborted');

    // The SDK would hand the in-flight agent to any new call client of the same user (its static map), so
    // the retry starts no second creation: it waits for the first one.
    const retry = calling.connect({ getToken });
    await new Promise((resolve) => setTimeout(resolve));
    release();
    await retry;
    // Let whatever the abandoned attempt still does run to its end.
    await new Promise((resolve) => setTimeout(resolve));
    expect(world.agents).toHaveLength(1);
    expect(world.agent()).toMatchObject({ disposed: false, ready: true, connectionState: 'Connected' });
    expect(world.credentials).toHaveLength(1);
    expect(world.credentials[0]?.disposed).toBe(false);
    expect(world.agent().listenerCount()).toBe(2);
    await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    expect(world.agent().calls).toHaveLength(1);
    expect(world.clients).toHaveLength(1);
    expect(world.clients[0]?.credentialsGiven).toHaveLength(1);
  });

  it('a retry that gives up too leaves the creation running for the next one', async () => {
    vi.useFakeTimers();
    const { world, calling, getToken } = setUp({ connectTimeoutMs: 1_000 });
    const release = world.holdAgentCreation();
    const attempts = [typedRejection(calling.connect({ getToken })), undefined];
    await vi.advanceTimersByTimeAsync(1_000);
    attempts[1] = typedRejection(calling.connect({ getToken }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await attempts[0])?.code).toBe('timeout');
    expect((await attempts[1])?.code).toBe('timeout');
    const third = calling.connect({ getToken });
    release();
    await vi.advanceTimersByTimeAsync(0);
    await third;
    expect(world.clients[0]?.credentialsGiven).toHaveLength(1);
    expect(world.agents).toHaveLength(1);
    expect(world.agent().disposed).toBe(false);
  });

  it('a connect after disconnect waits until the late agent is disposed, then creates its own', async () => {
    const { world, calling, getToken } = setUp();
    const release = world.holdAgentCreation();
    const outcome = typedRejection(calling.connect({ getToken }));
    await vi.waitFor(() => expect(world.clients[0]?.credentialsGiven).toHaveLength(1));
    await calling.disconnect();
    expect((await outcome).code).toBe('aborted');

    const again = calling.connect({ getToken });
    await new Promise((resolve) => setTimeout(resolve));
    expect(world.clients).toHaveLength(1);
    expect(world.clients[0]?.disposed).toBe(true);
    release();
    await again;
    expect(world.clients).toHaveLength(2);
    const [late, current] = world.agents;
    expect(late?.disposed).toBe(true);
    expect(world.credentials[0]?.disposed).toBe(true);
    expect(current?.disposed).toBe(false);
    expect(world.agentsByIdentity.get(current!.identity)).toBe(current);
    expect(world.registry.listenerCount()).toBe(2);
  });

  it('a retry after the abandoned creation failed creates a new agent with a new token', async () => {
    const { world, calling, getToken } = setUp();
    const release = world.holdAgentCreation();
    world.failNextAgent(sdkError(500, 40216));
    const first = new AbortController();
    const outcome = typedRejection(calling.connect({ getToken, signal: first.signal }));
    await vi.waitFor(() => expect(world.clients[0]?.credentialsGiven).toHaveLength(1));
    first.abort();
    await outcome;
    const retry = calling.connect({ getToken });
    await new Promise((resolve) => setTimeout(resolve));
    release();
    await retry;
    expect(world.credentials.map((credential) => credential.disposed)).toEqual([true, false]);
    expect(world.agents).toHaveLength(1);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('reports the agent’s connection state', async () => {
    const { world, calling } = await connected();
    const states: CallAgentConnectionState[] = [];
    const stop = calling.onConnectionStateChanged((state) => states.push(state));
    world.agent().setConnectionState('Disconnected');
    world.agent().setConnectionState('Connected');
    stop();
    world.agent().setConnectionState('Disconnected');
    expect(states).toEqual(['disconnected', 'connected']);
  });

  it('replaces an agent that lost its link when no call needs it', async () => {
    const { world, calling, getToken } = await connected();
    const first = world.agent();
    first.setConnectionState('Disconnected');
    await calling.connect({ getToken });
    expect(first.disposed).toBe(true);
    expect(world.agents).toHaveLength(2);
    expect(world.clients[0]?.disposed).toBe(true);
    expect(world.clients).toHaveLength(2);
  });

  it('waits for an agent with a live call to get its link back, and keeps the call', async () => {
    const { world, calling, getToken } = await connected();
    const call = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    world.agent().lastCall().setState('Connected');
    world.agent().setConnectionState('Disconnected');
    const reconnecting = calling.connect({ getToken });
    await Promise.resolve();
    world.agent().setConnectionState('Connected');
    await reconnecting;
    expect(world.agents).toHaveLength(1);
    expect(call.getState().status).toBe('connected');
    expect(world.agent().listenerCount('connectionStateChanged')).toBe(1);
  });

  it('fails with a retryable network error when that link does not come back in time', async () => {
    vi.useFakeTimers();
    const { world, calling, getToken } = await connected({ connectTimeoutMs: 1_000 });
    await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    world.agent().setConnectionState('Disconnected');
    const outcome = typedRejection(calling.connect({ getToken }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toMatchObject({ code: 'network', retryable: true });
    expect(world.agent().listenerCount('connectionStateChanged')).toBe(1);
    expect(world.agent().disposed).toBe(false);
  });
});

describe('placing calls', () => {
  it('calls a phone number with a PhoneNumberIdentifier on the 1:1 overload', async () => {
    const { world, calling } = await connected();
    const call = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    expect(world.agent().startCallArgs).toEqual([[{ phoneNumber: '+14255550123' }, undefined]]);
    expect(call.id).toBe(world.agent().lastCall().id);
    expect(call.getState().status).toBe('connecting');
  });

  it('calls a Teams user with a MicrosoftTeamsUserIdentifier on the 1:1 overload', async () => {
    const { world, calling } = await connected();
    await calling.startCall({ kind: 'teamsUser', userId: OID });
    expect(world.agent().startCallArgs).toEqual([[{ microsoftTeamsUserId: OID }, undefined]]);
  });

  it('calls a Teams user on a chat thread with the 1:1 overload: the threadId stays out of the SDK', async () => {
    const { world, calling } = await connected();
    const threadId = `19:${OID}_0b0a3c3d-1111-4222-8333-444455556666@unq.gbl.spaces`;
    await calling.startCall({ kind: 'teamsUser', userId: OID, threadId });
    expect(world.agent().startCallArgs).toEqual([[{ microsoftTeamsUserId: OID }, undefined]]);
  });

  it('joins a meeting by link, and by id and passcode', async () => {
    const { world, calling } = await connected();
    const meetingLink =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d';
    await calling.joinMeeting({ kind: 'link', meetingLink });
    await calling.joinMeeting({ kind: 'id', meetingId: '123 456 789 012', passcode: 'aBc123' });
    expect(world.agent().joinArgs).toEqual([
      { meetingLink },
      { meetingId: '123 456 789 012', passcode: 'aBc123' },
    ]);
  });

  it('refuses before connect, and with an aborted signal', async () => {
    const { calling, getToken } = setUp();
    const target = { kind: 'phoneNumber', phoneNumber: '+14255550123' } as const;
    expect((await typedRejection(calling.startCall(target))).code).toBe('not_connected');
    expect(
      (await typedRejection(calling.joinMeeting({ kind: 'id', meetingId: '1', passcode: 'p' }))).code,
    ).toBe('not_connected');
    await calling.connect({ getToken });
    const aborted = AbortSignal.abort();
    expect((await typedRejection(calling.startCall(target, { signal: aborted }))).code).toBe('aborted');
    expect(
      (
        await typedRejection(
          calling.joinMeeting({ kind: 'id', meetingId: '1', passcode: 'p' }, { signal: aborted }),
        )
      ).code,
    ).toBe('aborted');
  });

  it('types what startCall and join throw as call_failed', async () => {
    const { world, calling } = await connected();
    const cause = sdkError(400, 12345);
    world.agent().faults.failNext('startCall', cause);
    const error = await typedRejection(calling.startCall({ kind: 'teamsUser', userId: OID }));
    expect(error).toMatchObject({ code: 'call_failed', cause, details: { code: 400, subCode: 12345 } });
    world.agent().faults.failNext('join', cause);
    expect(
      (await typedRejection(calling.joinMeeting({ kind: 'id', meetingId: '1', passcode: 'p' }))).code,
    ).toBe('call_failed');
  });
});

describe('incoming calls', () => {
  it('offers each incoming call to every listener until it is removed', async () => {
    const { world, calling } = await connected();
    const first: IncomingCallHandle[] = [];
    const second: IncomingCallHandle[] = [];
    const stopFirst = calling.onIncomingCall((call) => first.push(call));
    calling.onIncomingCall((call) => second.push(call));
    world.agent().ring(teamsUser(OID, 'Megan Bowen'));
    stopFirst();
    world.agent().ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550199' } });
    expect(first).toHaveLength(1);
    expect(second.map((call) => call.caller)).toEqual([
      { kind: 'teamsUser', userId: OID, displayName: 'Megan Bowen' },
      { kind: 'phoneNumber', phoneNumber: '+14255550199' },
    ]);
  });

  it('keeps the listeners the core added before connecting', async () => {
    const { world, calling, getToken } = setUp();
    const offered: IncomingCallHandle[] = [];
    calling.onIncomingCall((call) => offered.push(call));
    await calling.connect({ getToken });
    world.agent().ring(teamsUser(OID));
    expect(offered).toHaveLength(1);
  });
});

describe('disconnect', () => {
  it('disposes calls, then the agent, then the client, and leaves no SDK listener behind', async () => {
    const { world, calling } = await connected();
    const offered: IncomingCallHandle[] = [];
    calling.onIncomingCall((call) => offered.push(call));
    calling.onConnectionStateChanged(() => undefined);
    calling.devices.onChanged(() => undefined);
    await calling.devices.getInventory();

    const call = await calling.startCall({ kind: 'teamsUser', userId: OID });
    call.subscribe(() => undefined);
    const stub = world.agent().lastCall();
    stub.setState('Connected');
    stub.addParticipants(3);
    world.agent().ring(teamsUser(OID));
    expect(world.registry.listenerCount()).toBeGreaterThan(10);

    await calling.disconnect();
    expect(stub.disposed).toBe(true);
    expect(world.agent().disposed).toBe(true);
    expect(world.credentials[0]?.disposed).toBe(true);
    expect(world.clients[0]?.disposed).toBe(true);
    expect(world.registry.listenerCount()).toBe(0);
    expect(world.registry.unmatchedOffs()).toBe(0);
    await expect(calling.startCall({ kind: 'teamsUser', userId: OID })).rejects.toMatchObject({
      code: 'not_connected',
    });
  });

  it('is harmless before connect and twice', async () => {
    const { calling } = setUp();
    await calling.disconnect();
    await calling.disconnect();
  });

  it('stops a connect in flight and disposes its late agent', async () => {
    const { world, calling, getToken } = setUp();
    const release = world.holdAgentCreation();
    const outcome = typedRejection(calling.connect({ getToken }));
    await vi.waitFor(() => expect(world.clients[0]?.credentialsGiven).toHaveLength(1));
    await calling.disconnect();
    expect((await outcome).code).toBe('aborted');
    release();
    await vi.waitFor(() => expect(world.agent().disposed).toBe(true));
    expect(world.registry.listenerCount()).toBe(0);
  });

  it('connects again afterwards with a new call client', async () => {
    const { world, calling, getToken } = await connected();
    await calling.disconnect();
    await calling.connect({ getToken });
    expect(world.clients).toHaveLength(2);
    expect(world.agents).toHaveLength(2);
    expect(world.loads.sdk).toBe(1);
  });
});
