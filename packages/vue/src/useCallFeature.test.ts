// @vitest-environment jsdom
import { type Call, callDiagnostics, callRaisedHands, sameItems } from '@teams-endpoint/core';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, effectScope, h, nextTick, type PropType, type Ref, ref, shallowRef } from 'vue';
import { useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import { meetingAndPhoneCall } from '../../vanilla/src/callFeatures.test-support';
import { remotely, useMountCleanup } from './endpointMount.test-support';
import { useCallFeature } from './useCallFeature';

useGraphServer();
useMountCleanup();

type Renders = Record<'count' | 'raisers' | 'mine', number>;

const Hands = defineComponent({
  props: {
    call: { type: Object as PropType<Call>, required: true },
    renders: { type: Object as PropType<Renders>, required: true },
  },
  setup(props) {
    const call = () => props.call;
    const count = useCallFeature(call, callRaisedHands, (s) => s.hands.length);
    const raisers = useCallFeature(
      call,
      callRaisedHands,
      (s) => s.hands.map((hand) => hand.participantId),
      sameItems,
    );
    const mine = useCallFeature(call, callRaisedHands, (s) => s.isHandRaised);
    // One child render function per selection, so that each one's renders are counted on its own.
    const Count = () => {
      props.renders.count++;
      return h('output', { 'data-testid': 'count' }, count.value);
    };
    const Raisers = () => {
      props.renders.raisers++;
      return h('output', raisers.value?.length);
    };
    const Mine = () => {
      props.renders.mine++;
      return h('output', String(mine.value));
    };
    return () => [h(Count), h(Raisers), h(Mine)];
  },
});

describe('useCallFeature', () => {
  it('updates a component only when the slice it selects changes, by its equality', async () => {
    const { meeting, remote, ids } = await meetingAndPhoneCall(5);
    await remotely(() => meeting.resume());
    const renders: Renders = { count: 0, raisers: 0, mine: 0 };
    const wrapper = mount(Hands, { props: { call: meeting, renders } });
    await nextTick();
    expect(wrapper.get('[data-testid=count]').text()).toBe('0');

    let before = { ...renders };
    await remotely(() => {
      for (const id of ids.slice(0, 3)) remote.raiseRemoteHand(id);
    });
    expect(wrapper.get('[data-testid=count]').text()).toBe('3');
    expect(renders).toEqual({ ...before, count: before.count + 1, raisers: before.raisers + 1 });

    // Holding changes what one may do with hands (`can`), not who raised them: a new, equal list of ids.
    before = { ...renders };
    await remotely(() => meeting.hold());
    expect(callRaisedHands(meeting).getSnapshot().can.raise).toBe(false);
    expect(renders).toEqual(before);

    // Another feature and the roster change; the raised hands do not.
    await remotely(() => {
      remote.setDiagnostic('network_send', 'poor');
      remote.updateParticipant(ids[4]!, { isSpeaking: true });
    });
    expect(renders).toEqual(before);
  });

  it('is undefined without a call, re-binds when the call changes, and stops with its scope', async () => {
    const { meeting, phoneCall, remote, ids, listeners } = await meetingAndPhoneCall(2);
    const baseline = listeners();
    const target = shallowRef<Call | null>(null);
    const scope = effectScope();
    const hands = scope.run(() => useCallFeature(target, callRaisedHands))!;
    expect(hands.value).toBeUndefined();
    expect(listeners()).toEqual(baseline);

    target.value = meeting;
    await nextTick();
    expect(hands.value?.available).toBe(true);
    expect(listeners().subscribers).toBe(baseline.subscribers + 1);
    await remotely(() => remote.raiseRemoteHand(ids[0]!));
    expect(hands.value?.hands).toHaveLength(1);

    target.value = phoneCall;
    await nextTick();
    expect(hands.value).toMatchObject({ available: false, hands: [] });
    expect(listeners().subscribers).toBe(baseline.subscribers + 1);
    const onPhone = hands.value;
    await remotely(() => remote.raiseRemoteHand(ids[1]!));
    expect(hands.value).toBe(onPhone);

    target.value = null;
    await nextTick();
    expect(hands.value).toBeUndefined();
    expect(listeners()).toEqual(baseline);

    target.value = meeting;
    await nextTick();
    expect(hands.value?.hands).toHaveLength(2);
    scope.stop();
    expect(listeners()).toEqual(baseline);
  });

  it('reads the call through a deep ref, subscribes once mounted and unsubscribes on unmount', async () => {
    const { meeting, remote, listeners } = await meetingAndPhoneCall(1);
    const baseline = listeners();
    // A deep ref hands out a reactive proxy of the call: the composable keys the unit on the call itself.
    const deep = ref(meeting) as unknown as Ref<Call>;
    let subscribedInSetup: number | undefined;
    const Notices = defineComponent({
      setup() {
        const notices = useCallFeature(deep, callDiagnostics, (s) => s.notices);
        subscribedInSetup = listeners().subscribers;
        return () => h('p', notices.value?.map((notice) => notice.message).join(' '));
      },
    });
    const wrapper = mount(Notices);
    expect(subscribedInSetup).toBe(baseline.subscribers);
    expect(listeners().subscribers).toBe(baseline.subscribers + 1);
    await remotely(() => remote.setDiagnostic('microphone_not_working', 'bad'));
    expect(wrapper.text()).toMatch(/microphone stopped working/);
    wrapper.unmount();
    expect(listeners()).toEqual(baseline);
  });

  it('warns in development when called outside an effect scope', async () => {
    const { meeting } = await meetingAndPhoneCall(1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    useCallFeature(meeting, callDiagnostics);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/outside an effect scope/));
  });
});
