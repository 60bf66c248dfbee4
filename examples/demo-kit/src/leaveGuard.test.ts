// @vitest-environment jsdom
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { warnBeforeLeavingDuringCall } from './leaveGuard';
import { settle, signedInEndpoint, useGraphServer } from './signedInEndpoint.test-support';

useGraphServer();

describe('leaving the page during a call', () => {
  it('asks before leaving only while a call is live, and stops asking after teardown', async () => {
    const { world, endpoint } = await signedInEndpoint();
    const target = new EventTarget();
    const stop = warnBeforeLeavingDuringCall(endpoint, target as unknown as Window);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[0]!.phoneNumber,
    });
    await settle();
    expect(leave()).toBe(true);
    const [call] = endpoint.getSnapshot().calls;
    endpoint.getCall(call!.id)!.reject();
    await settle();
    expect(leave()).toBe(false);
    world.calling.simulateIncomingCall({
      kind: 'phoneNumber',
      phoneNumber: fabrikam.customers[1]!.phoneNumber,
    });
    await settle();
    stop();
    expect(leave()).toBe(false);
    await endpoint.dispose();
  });
});
