// @vitest-environment jsdom
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it } from 'vitest';
import { h, ref } from 'vue';
import {
  createFabrikamEndpoint,
  settle,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { mountWithEndpoint, remotely, useMountCleanup } from './endpointMount.test-support';
import { useCall } from './useCall';
import { useCalls } from './useCalls';
import { useCustomers } from './useCustomers';
import { useEndpointSelector } from './useEndpointSelector';
import { useIncomingCalls } from './useIncomingCalls';
import { useMeetings } from './useMeetings';
import { usePeople } from './usePeople';
import { useSession } from './useSession';
import { useUnitSelector } from './useUnitSelector';

useGraphServer();
useMountCleanup();

describe('teardown', () => {
  it('unmounting returns the subscriber count to its earlier value', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const call = endpoint.callPhoneNumber(fabrikam.customers[0]!.phoneNumber);
    await settle();
    world.calling.lastCall().answer();
    await settle();
    const baseline = endpoint.getSubscriberCount();
    const query = ref('');
    const callId = ref(call.id);

    const wrapper = mountWithEndpoint(() => {
      const session = useSession();
      const calls = useCalls();
      const incoming = useIncomingCalls();
      const { snapshot } = useCall(callId);
      const status = useUnitSelector(call, (s) => s.status);
      const count = useEndpointSelector((s) => s.calls.length);
      const customers = useCustomers();
      const people = usePeople(query);
      const meetings = useMeetings();
      return () =>
        h(
          'p',
          [
            session.value.status,
            calls.value.length,
            incoming.value.length,
            snapshot.value?.status,
            status.value,
            count.value,
            customers.snapshot.value.status,
            people.snapshot.value.status,
            meetings.snapshot.value.status,
          ].join(' '),
        );
    }, endpoint);
    expect(endpoint.getSubscriberCount()).toBeGreaterThan(baseline);
    const mounted = endpoint.getSubscriberCount();

    await remotely(() => world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId }));
    query.value = 'meg';
    callId.value = 'call-404';
    await remotely(() => {});
    expect(endpoint.getSubscriberCount()).toBe(mounted);
    expect(wrapper.text()).toMatch(/^ready 2 1 {2}connected 2 /);

    wrapper.unmount();
    expect(endpoint.getSubscriberCount()).toBe(baseline);
  });
});
