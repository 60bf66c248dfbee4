import type { CallHandle, CallPortEvent } from '@teams-endpoint/core';
import { createAcsCalling } from './createAcsCalling';
import { createStubSdkWorld, type StubSdkWorldOptions, type StubTeamsCall } from './stubSdk.test-support';

// A connected ACS calling port over the SDK stub with one live call, for the Teams features' tests.

export const ADELE = '0b0a3c3d-1111-4222-8333-444455556666';
export const MEGAN = 'e8b753b5-4117-464e-9a08-713e1ff266b3';
export const PHONE = '+14255550123';

/** The stub world's default identity, as the SDK reads it from a token (`skypeid`). */
export const LOCAL_SKYPE_ID = 'orgid:8f0c2a9e-1b2c-4d5e-8f90-123456789abc';

/** An unsigned ACS token for a Teams user: the port reads only its `skypeid` claim. */
export function teamsAcsToken(skypeId = LOCAL_SKYPE_ID): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ skypeid: skypeId, exp: 4_102_444_800 })}.`;
}

export type CallKindUnderTest = 'meeting' | 'teams' | 'pstn';

export interface CallFeatureWorldOptions extends StubSdkWorldOptions {
  /** The ACS token the port connects with; default: not a JWT, so the port does not know the local raw id. */
  readonly token?: string;
  /** Whether the SDK call is connected before the test starts (default `true`). */
  readonly connected?: boolean;
  /** Runs on the SDK call before the port's first subscriber arrives. */
  readonly beforeSubscribe?: (stub: StubTeamsCall) => void;
}

/** Places a call of `kind` (a meeting is joined), subscribes to it, and connects it. */
export async function callFeatureWorld(kind: CallKindUnderTest, options: CallFeatureWorldOptions = {}) {
  const world = createStubSdkWorld(options);
  const calling = createAcsCalling({ loadSdk: world.loadSdk, loadCommon: world.loadCommon });
  const token = options.token ?? 'teams-token';
  await calling.connect({ getToken: async () => ({ token, expiresOn: new Date(Date.now() + 3_600_000) }) });
  const handle: CallHandle =
    kind === 'meeting'
      ? await calling.joinMeeting({ kind: 'id', meetingId: '212345678901', passcode: 'AbC123' })
      : await calling.startCall(
          kind === 'pstn'
            ? { kind: 'phoneNumber', phoneNumber: PHONE }
            : { kind: 'teamsUser', userId: MEGAN },
        );
  const stub: StubTeamsCall = world.agent().lastCall();
  options.beforeSubscribe?.(stub);
  const events: CallPortEvent[] = [];
  handle.subscribe((event) => events.push(event));
  if (options.connected ?? true) stub.setState('Connected');
  return { world, calling, handle, stub, events, registry: world.registry };
}

/** Lets the port's deferred work (a task) run. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
