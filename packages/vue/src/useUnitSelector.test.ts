// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, effectScope, h, nextTick, Suspense } from 'vue';
import {
  createFabrikamEndpoint,
  settle,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { mountWithEndpoint, remotely, useMountCleanup } from './endpointMount.test-support';
import { useCall } from './useCall';
import { useEndpointSelector } from './useEndpointSelector';
import { useSession } from './useSession';
import { useUnitSelector } from './useUnitSelector';

useGraphServer();
useMountCleanup();

async function connectedMeeting() {
  const { world, endpoint } = await createFabrikamEndpoint();
  const call = endpoint.joinMeetingById('123 456 789 012', 'Ab3dE');
  await settle();
  world.calling.lastCall().admit();
  await settle();
  return { world, endpoint, call };
}

describe('useUnitSelector', () => {
  it('a component that selects only the status renders zero extra times in a 1,000-participant burst', async () => {
    const { world, endpoint, call } = await connectedMeeting();
    const renders = { fromEndpoint: 0, fromCall: 0, participants: 0 };
    const wrapper = mountWithEndpoint(() => {
      const fromEndpoint = useEndpointSelector((s) => s.calls.find((c) => c.id === call.id)?.status);
      const fromCall = useUnitSelector(call, (s) => s.status);
      const { snapshot } = useCall(call.id);
      // Three child render functions, so that each one's renders are counted on its own.
      const StatusFromEndpoint = () => {
        renders.fromEndpoint++;
        return h('output', { 'data-testid': 'endpoint-status' }, fromEndpoint.value);
      };
      const StatusFromCall = () => {
        renders.fromCall++;
        return h('output', { 'data-testid': 'call-status' }, fromCall.value);
      };
      const ParticipantCount = () => {
        renders.participants++;
        return h('output', { 'data-testid': 'participants' }, snapshot.value?.participants.length);
      };
      return () => [h(StatusFromEndpoint), h(StatusFromCall), h(ParticipantCount)];
    }, endpoint);
    expect(wrapper.get('[data-testid=endpoint-status]').text()).toBe('connected');
    const before = { ...renders };

    await remotely(() => world.calling.lastCall().addParticipants(1000));
    const joined = call.getSnapshot().participants;
    await remotely(() => {
      for (const participant of joined.slice(0, 200)) {
        world.calling.lastCall().updateParticipant(participant.id, { isSpeaking: true });
      }
    });

    expect(wrapper.get('[data-testid=participants]').text()).toBe('1000');
    expect(renders.fromEndpoint).toBe(before.fromEndpoint);
    expect(renders.fromCall).toBe(before.fromCall);
    expect(renders.participants - before.participants).toBe(2);

    await remotely(() => call.hold());
    expect(wrapper.get('[data-testid=endpoint-status]').text()).toBe('on_hold');
    expect(wrapper.get('[data-testid=call-status]').text()).toBe('on_hold');
  });

  it('keeps an equal selection by isEqual, with its previous identity', async () => {
    const { world, endpoint, call } = await connectedMeeting();
    const scope = effectScope();
    const ids = scope.run(() =>
      useUnitSelector(
        endpoint,
        (s) => s.calls.map((c) => c.id),
        (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
      ),
    )!;
    const first = ids.value;
    expect(first).toEqual([call.id]);
    await remotely(() => world.calling.lastCall().addParticipants(10));
    expect(ids.value).toBe(first);
    await remotely(() => endpoint.callPhoneNumber('+14255550101'));
    expect(ids.value).toHaveLength(2);
    scope.stop();
  });

  it('the ref is readonly', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    const scope = effectScope();
    const status = scope.run(() => useUnitSelector(endpoint, (s) => s.session.status))!;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (status as { value: string }).value = 'ready';
    expect(status.value).toBe('signed_out');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readonly/));
    scope.stop();
  });

  it('reads the unit again once mounted: a change while an async setup waited is not lost', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    const SignsInFirst = defineComponent({
      async setup() {
        const session = useSession();
        const before = session.value.status;
        // Signed in and notified while the component is not mounted yet, so not yet subscribed.
        await endpoint.signIn();
        await settle();
        return () => h('p', `${before} → ${session.value.status}`);
      },
    });
    const wrapper = mountWithEndpoint(
      () => () => h(Suspense, null, { default: () => h(SignsInFirst) }),
      endpoint,
    );
    await vi.waitFor(() => expect(wrapper.text()).not.toBe(''));
    await flushPromises();
    expect(wrapper.text()).toBe('signed_out → ready');
  });

  it('unsubscribes when its effect scope stops', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    const baseline = endpoint.getSubscriberCount();
    const scope = effectScope();
    const status = scope.run(() => useUnitSelector(endpoint, (s) => s.session.status))!;
    expect(endpoint.getSubscriberCount()).toBe(baseline + 1);
    await endpoint.signIn();
    await nextTick();
    expect(status.value).toBe('ready');
    scope.stop();
    expect(endpoint.getSubscriberCount()).toBe(baseline);
  });

  it('warns in development when called outside an effect scope', async () => {
    const { endpoint } = await createFabrikamEndpoint({ signIn: false });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    useUnitSelector(endpoint, (s) => s.session.status);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/outside an effect scope/));
  });
});
