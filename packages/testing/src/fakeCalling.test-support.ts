// Test support for the fake calling port's own tests: a connected fake, a live 1:1 call and a live meeting.
import type { CallHandle } from '@teams-endpoint/core';
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
