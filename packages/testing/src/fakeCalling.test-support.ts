// Test support for the fake calling port's own tests: a connected fake, a live 1:1 call and a live meeting.
import type { CallFeatureHandles, CallHandle, CallParty } from '@teams-endpoint/core';
import {
  createFakeCalling,
  type FakeCalling,
  type FakeCallingOptions,
  type FakeRemoteCall,
} from './fakeCalling';

/** A fake whose call agent is connected. */
export async function connectedCalling(options?: FakeCallingOptions): Promise<FakeCalling> {
  const calling = createFakeCalling(options);
  await calling.connect({ getToken: async () => ({ token: 't', expiresOn: new Date(Date.now() + 60_000) }) });
  return calling;
}

export interface LiveCall {
  readonly handle: CallHandle;
  readonly remote: FakeRemoteCall;
  /** The remote participants' ids, in roster order. */
  readonly ids: readonly string[];
}

/** A connected 1:1 PSTN call. */
export async function liveCall(calling: FakeCalling): Promise<LiveCall> {
  const handle = await calling.startCall({ kind: 'phoneNumber', phoneNumber: '+14255550101' });
  const remote = calling.lastCall();
  remote.answer();
  return { handle, remote, ids: [] };
}

/** A connected 1:1 Teams call. */
export async function liveTeamsCall(calling: FakeCalling): Promise<LiveCall> {
  const handle = await calling.startCall({
    kind: 'teamsUser',
    userId: '8c8a6a1e-7c2b-4a3f-9d55-2f3b0e6d9a10',
  });
  const remote = calling.lastCall();
  remote.answer();
  return { handle, remote, ids: [] };
}

/** An incoming call from `caller`, answered as the core answers it: through the port's incoming-call listener. */
export function answeredCall(calling: FakeCalling, caller: CallParty): Promise<CallHandle> {
  return new Promise((resolve, reject) => {
    const stop = calling.onIncomingCall((incoming) => {
      stop();
      incoming.accept().then(resolve, reject);
    });
    calling.simulateIncomingCall(caller);
  });
}

/** The features of a call the test knows it offers (a failed lookup fails the test). */
export function featuresOf(call: { readonly features: CallFeatureHandles }): Required<CallFeatureHandles> {
  return new Proxy(call.features, {
    get(features, name: keyof CallFeatureHandles) {
      const feature = features[name];
      if (!feature) throw new Error(`The call offers no ${String(name)}.`);
      return feature;
    },
  }) as Required<CallFeatureHandles>;
}

/** Waits for the port's timers (a scripted transfer, the end after it). */
export const timersRun = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A meeting joined by id, admitted, with `participants` remote participants. */
export async function liveMeeting(calling: FakeCalling, participants = 0): Promise<LiveCall> {
  const handle = await calling.joinMeeting({ kind: 'id', meetingId: '123456789012', passcode: 'Ab3dE' });
  const remote = calling.lastCall();
  remote.admit();
  const ids = remote.addParticipants(participants).map((participant) => participant.id);
  return { handle, remote, ids };
}

/** A container for Node, where the fake must not touch it: any use throws. */
export const untouchableContainer = new Proxy(
  {},
  {
    get(_, property) {
      throw new Error(`The container was used (${String(property)}).`);
    },
  },
) as HTMLElement;

/** Counts a feature's notifications (each carries no payload). */
export function notifications(feature: { subscribe(listener: () => void): () => void }): { count: number } {
  const seen = { count: 0 };
  feature.subscribe(() => {
    seen.count += 1;
  });
  return seen;
}
