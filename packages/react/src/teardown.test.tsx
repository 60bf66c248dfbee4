// @vitest-environment jsdom
import type { Call } from '@teams-endpoint/core';
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { remotely, renderStrict, setUpFabrikamTests } from './strictEndpoint.test-support';
import { useCall } from './useCall';
import { useCalls } from './useCalls';
import { useCustomers } from './useCustomers';
import { useEndpointSelector } from './useEndpointSelector';
import { useIncomingCalls } from './useIncomingCalls';
import { useMeetings } from './useMeetings';
import { usePeople } from './usePeople';
import { useSession } from './useSession';
import { useUnitSelector } from './useUnitSelector';

setUpFabrikamTests();

function Everything({ call, query, callId }: { call: Call; query: string; callId: string }) {
  const session = useSession();
  const calls = useCalls();
  const incoming = useIncomingCalls();
  const { snapshot } = useCall(callId);
  const status = useUnitSelector(call, (s) => s.status);
  const count = useEndpointSelector((s) => s.calls.length);
  const customers = useCustomers();
  const people = usePeople(query);
  const meetings = useMeetings();
  return (
    <p>
      {session.status} {calls.length} {incoming.length} {snapshot?.status} {status} {count}{' '}
      {customers.snapshot.status} {people.snapshot.status} {meetings.snapshot.status}
    </p>
  );
}

describe('teardown', () => {
  it('unmounting under StrictMode returns the subscriber count to its earlier value', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    await settle();
    const baseline = endpoint.getSubscriberCount();

    const { rerender, unmount, container } = renderStrict(
      <Everything call={call} query="" callId={call.id} />,
      endpoint,
    );
    expect(endpoint.getSubscriberCount()).toBeGreaterThan(baseline);
    const mounted = endpoint.getSubscriberCount();

    await remotely(() => world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId }));
    rerender(<Everything call={call} query="meg" callId="call-404" />);
    await remotely(() => {});
    expect(endpoint.getSubscriberCount()).toBe(mounted);
    expect(container.textContent).toContain('ready 2 1');

    unmount();
    expect(endpoint.getSubscriberCount()).toBe(baseline);
  });
});
