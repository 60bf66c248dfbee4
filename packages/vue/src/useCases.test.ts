import { remotePartyName } from '@teams-endpoint/core';
// @vitest-environment jsdom
// The five use cases (USE-CASES.md), driven through the composables against the simulated Fabrikam tenant.
import { fabrikam } from '@teams-endpoint/testing';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import {
  createFabrikamEndpoint,
  useGraphServer,
} from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import {
  button,
  mountWithEndpoint,
  remotely,
  untilText,
  useMountCleanup,
} from './endpointMount.test-support';
import { injectTeamsEndpoint } from './teamsEndpointInjection';
import { useCall } from './useCall';
import { useCalls } from './useCalls';
import { useCustomers } from './useCustomers';
import { useIncomingCalls } from './useIncomingCalls';
import { useMeetings } from './useMeetings';
import { usePeople } from './usePeople';
import { useSession } from './useSession';

useGraphServer();
useMountCleanup();

/** The in-call controls, reached through `useCall` alone. */
const ActiveCall = defineComponent({
  props: { callId: { type: String, required: true } },
  setup(props) {
    const { snapshot, call } = useCall(() => props.callId);
    const control = (label: string, enabled: boolean, action: () => void) =>
      h('button', { disabled: !enabled, onClick: action }, label);
    return () => {
      const current = snapshot.value;
      const actions = call.value;
      if (!current || !actions) return null;
      return h('section', [
        h('output', `${remotePartyName(current.remote)}: ${current.status}`),
        control(current.isMuted ? 'Unmute' : 'Mute', current.can.mute, () => actions.toggleMute()),
        control('5', current.can.sendDtmf, () => actions.sendDtmf('5')),
        control('Hold', current.can.hold, () => actions.hold()),
        control('Resume', current.can.resume, () => actions.resume()),
        control('Hang up', current.can.hangUp, () => actions.hangUp()),
      ]);
    };
  },
});

/** The ringing notice for use cases 2 and 4. */
function incomingCallNotice() {
  const incoming = useIncomingCalls();
  const { call } = useCall(() => incoming.value[0]?.id);
  const calls = useCalls();
  return () => {
    const ringing = incoming.value[0];
    return h('div', [
      ringing &&
        h('div', { role: 'alertdialog' }, [
          h('p', { 'data-testid': 'caller' }, remotePartyName(ringing.remote)),
          h('button', { onClick: () => call.value?.accept() }, 'Accept'),
          h('button', { onClick: () => call.value?.reject() }, 'Decline'),
        ]),
      ...calls.value
        .filter((c) => c.status !== 'incoming')
        .map((c) => h(ActiveCall, { key: c.id, callId: c.id })),
    ]);
  };
}

describe('use cases through the Vue composables', () => {
  it('1: signs in, calls a customer over PSTN, uses the in-call controls and hangs up', async () => {
    const { world, endpoint } = await createFabrikamEndpoint({ signIn: false });
    const wrapper = mountWithEndpoint(() => {
      const endpoint = injectTeamsEndpoint();
      const session = useSession();
      const { snapshot: customers } = useCustomers();
      const callId = ref<string>();
      return () =>
        session.value.status !== 'ready'
          ? h('button', { onClick: () => endpoint.signIn() }, 'Sign in')
          : h('div', [
              h('p', `Signed in as ${session.value.user?.displayName}`),
              ...customers.value.items.map((customer) =>
                h(
                  'button',
                  {
                    key: customer.id,
                    onClick: () => {
                      callId.value = endpoint.callPhoneNumber(customer.phoneNumber, {
                        displayName: customer.name,
                      }).id;
                    },
                  },
                  `Call ${customer.name}`,
                ),
              ),
              callId.value && h(ActiveCall, { callId: callId.value }),
            ]);
    }, endpoint);

    await button(wrapper, 'Sign in').trigger('click');
    await untilText(wrapper, 'Signed in as Alice Anderson');
    await untilText(wrapper, 'Call Megan Customer');
    await button(wrapper, 'Call Megan Customer').trigger('click');
    await remotely(() => {});
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'phoneNumber', phoneNumber: fabrikam.customers[0]!.phoneNumber });
    expect(wrapper.get('output').text()).toBe('Megan Customer: connecting');

    await remotely(() => remote.ring());
    expect(wrapper.get('output').text()).toBe('Megan Customer: ringing');
    await remotely(() => remote.answer());
    expect(wrapper.get('output').text()).toBe('Megan Customer: connected');

    await button(wrapper, 'Mute').trigger('click');
    await untilText(wrapper, 'Unmute');
    await button(wrapper, '5').trigger('click');
    await button(wrapper, 'Hold').trigger('click');
    await untilText(wrapper, 'Megan Customer: on_hold');
    await button(wrapper, 'Resume').trigger('click');
    await untilText(wrapper, 'Megan Customer: connected');
    expect(remote.dtmfSent).toEqual(['5']);

    await button(wrapper, 'Hang up').trigger('click');
    await untilText(wrapper, 'Megan Customer: ended');
    expect(endpoint.getSnapshot().calls[0]).toMatchObject({ outcome: 'completed' });
  });

  it('2: an incoming PSTN call shows the customer name while ringing; accept connects it', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const wrapper = mountWithEndpoint(incomingCallNotice, endpoint);
    const megan = fabrikam.customers[0]!;

    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: megan.phoneNumber }),
    );
    expect(wrapper.get('[data-testid=caller]').text()).toBe(megan.name);

    await button(wrapper, 'Accept').trigger('click');
    await untilText(wrapper, `${megan.name}: connected`);
    expect(wrapper.find('[role=alertdialog]').exists()).toBe(false);
    expect(world.calling.incomingCalls[0]!.status).toBe('accepted');
  });

  it('2: declining ends the incoming call as rejected', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const wrapper = mountWithEndpoint(incomingCallNotice, endpoint);
    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'phoneNumber', phoneNumber: '+12065550199' }),
    );
    expect(wrapper.get('[data-testid=caller]').text()).toBe('+12065550199');
    await button(wrapper, 'Decline').trigger('click');
    await untilText(wrapper, '+12065550199: ended');
    expect(world.calling.incomingCalls[0]!.status).toBe('rejected');
  });

  it('3: searches people, calls a colleague on the 1:1 chat thread and hangs up', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const query = ref('');
    const wrapper = mountWithEndpoint(() => {
      const endpoint = injectTeamsEndpoint();
      const { snapshot: people } = usePeople(query);
      const callId = ref<string>();
      const { snapshot: call } = useCall(callId);
      return () =>
        h('div', [
          h('p', { 'data-testid': 'people' }, `${people.value.status}: ${people.value.items.length}`),
          ...people.value.items.map((person) =>
            h(
              'button',
              {
                key: person.id,
                onClick: () => {
                  callId.value = endpoint.callTeamsUser(person.id, { displayName: person.displayName }).id;
                },
              },
              person.displayName,
            ),
          ),
          call.value && h('p', { 'data-testid': 'thread' }, call.value.threadId ?? ''),
          callId.value && h(ActiveCall, { callId: callId.value }),
        ]);
    }, endpoint);
    await untilText(wrapper, `loaded: ${fabrikam.people.length}`);
    expect(world.graph.requests.filter((request) => request.path === '/users')).toHaveLength(1);

    query.value = 'meg';
    await vi.waitFor(() => expect(wrapper.get('[data-testid=people]').text()).toMatch(/^loaded: [1-9]$/));
    expect(world.graph.requests.some((request) => request.search.$search?.includes('meg'))).toBe(true);

    await button(wrapper, 'Megan Bowen').trigger('click');
    await untilText(wrapper, 'Megan Bowen: connecting');
    const [chat] = [...world.graph.chats.values()];
    expect(wrapper.get('[data-testid=thread]').text()).toBe(chat!.id);
    const remote = world.calling.lastCall();
    expect(remote.target).toEqual({ kind: 'teamsUser', userId: fabrikam.meganId, threadId: chat!.id });

    await remotely(() => remote.answer());
    expect(wrapper.get('output').text()).toBe('Megan Bowen: connected');
    await button(wrapper, 'Hang up').trigger('click');
    await untilText(wrapper, 'Megan Bowen: ended');
  });

  it("4: an incoming Teams call shows the caller's Graph name; accept connects it", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const wrapper = mountWithEndpoint(incomingCallNotice, endpoint);

    await remotely(() => world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.meganId }));
    await untilText(wrapper, 'Megan Bowen');
    expect(wrapper.get('[data-testid=caller]').text()).toBe('Megan Bowen');

    await button(wrapper, 'Accept').trigger('click');
    await untilText(wrapper, 'Megan Bowen: connected');
    await remotely(() => world.calling.incomingCalls[0]!.call!.remoteHangUp());
    expect(wrapper.get('output').text()).toBe('Megan Bowen: ended');
  });

  it('4: a hostile caller name is rendered as text', async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const wrapper = mountWithEndpoint(incomingCallNotice, endpoint);
    await remotely(() =>
      world.calling.simulateIncomingCall({ kind: 'teamsUser', userId: fabrikam.hostilePersonId }),
    );
    await untilText(wrapper, fabrikam.hostileDisplayName);
    expect(wrapper.find('img').exists()).toBe(false);
  });

  it("5: lists this week's meetings, joins one, waits in the lobby and is admitted", async () => {
    const { world, endpoint } = await createFabrikamEndpoint();
    const wrapper = mountWithEndpoint(() => {
      const endpoint = injectTeamsEndpoint();
      const { snapshot: meetings } = useMeetings();
      const callId = ref<string>();
      return () =>
        h('div', [
          ...meetings.value.items.map((meeting) =>
            h(
              'button',
              {
                key: meeting.id,
                onClick: () => {
                  callId.value = endpoint.joinMeeting(meeting.joinUrl, { subject: meeting.subject }).id;
                },
              },
              `Join ${meeting.subject}`,
            ),
          ),
          callId.value && h(ActiveCall, { callId: callId.value }),
        ]);
    }, endpoint);
    world.calling.scriptNextMeeting('manual');
    await untilText(wrapper, 'Join Project Tailspin');
    expect(world.graph.requests.filter((r) => r.path === '/me/calendar/calendarView')).toHaveLength(1);
    await button(wrapper, 'Join Project Tailspin').trigger('click');
    await remotely(() => {});
    const remote = world.calling.lastCall();

    await remotely(() => remote.putInLobby());
    expect(wrapper.get('output').text()).toBe('Project Tailspin: in_lobby');
    expect(button(wrapper, '5').attributes('disabled')).toBeDefined();
    await remotely(() => remote.admit());
    expect(wrapper.get('output').text()).toBe('Project Tailspin: connected');

    await button(wrapper, 'Hang up').trigger('click');
    await untilText(wrapper, 'Project Tailspin: ended');
  });
});
