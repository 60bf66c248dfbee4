// @vitest-environment jsdom
import { fabrikam, waitForSnapshot } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { signedInEndpoint, useGraphServer } from '../signedInEndpoint.test-support';
import { selectDockCallIds, selectTalkingCallId } from './callWords';

useGraphServer();

describe('the call dock', () => {
  it('shows live calls only, and expands the newest one not on hold', async () => {
    const { world, endpoint } = await signedInEndpoint();
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[0]!.phoneNumber,
    });
    const ringing = await waitForSnapshot(endpoint, (s) =>
      s.calls.some((call) => call.status === 'incoming'),
    );
    const first = ringing.calls[0]!.id;
    // Ringing here: a toast, not the dock.
    expect(selectDockCallIds(ringing)).toEqual([]);
    expect(selectTalkingCallId(ringing)).toBeUndefined();

    endpoint.getCall(first)!.accept();
    const connected = await waitForSnapshot(endpoint, (s) => s.calls[0]?.status === 'connected');
    expect(selectDockCallIds(connected)).toEqual([first]);
    expect(selectTalkingCallId(connected)).toBe(first);

    endpoint.getCall(first)!.hold();
    await waitForSnapshot(endpoint, (s) => s.calls[0]?.status === 'on_hold');
    world.calling.scriptNextOutbound('answer');
    const second = endpoint.callPhoneNumber(fabrikam.customers[1]!.phoneNumber).id;
    const both = await waitForSnapshot(
      endpoint,
      (s) => s.calls.find((c) => c.id === second)?.status === 'connected',
    );
    expect(selectDockCallIds(both)).toEqual([first, second]);
    expect(selectTalkingCallId(both)).toBe(second);

    endpoint.getCall(second)!.hangUp();
    const one = await waitForSnapshot(
      endpoint,
      (s) => s.calls.find((c) => c.id === second)?.status === 'ended',
    );
    // The ended call is in the history; the held one is the only call left to expand.
    expect(selectDockCallIds(one)).toEqual([first]);
    expect(selectTalkingCallId(one)).toBe(first);
    await endpoint.dispose();
  });
});
