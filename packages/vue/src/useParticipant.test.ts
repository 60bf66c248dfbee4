// @vitest-environment jsdom
import type { Call } from '@teams-endpoint/core';
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, effectScope, h, nextTick, type PropType, type Ref, ref, shallowRef } from 'vue';
import { useGraphServer } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import {
  countParticipantSubscriptions,
  meetingWithParticipants,
} from '../../vanilla/src/meetingMedia.test-support';
import { remotely, useMountCleanup } from './endpointMount.test-support';
import { useParticipant } from './useParticipant';

useGraphServer();
useMountCleanup();

type Renders = Map<string, number>;

const Tile = defineComponent({
  props: {
    call: { type: Object as PropType<Call>, required: true },
    participantId: { type: String, required: true },
    renders: { type: Object as PropType<Renders>, required: true },
  },
  setup(props) {
    const participant = useParticipant(
      () => props.call,
      () => props.participantId,
    );
    return () => {
      props.renders.set(props.participantId, (props.renders.get(props.participantId) ?? 0) + 1);
      const shown = participant.value;
      return h(
        'li',
        { 'data-testid': props.participantId },
        shown ? `${shown.displayName}${shown.isSpeaking ? ' speaking' : ''}` : 'gone',
      );
    };
  },
});

const Gallery = defineComponent({
  props: {
    call: { type: Object as PropType<Call>, required: true },
    ids: { type: Array as PropType<readonly string[]>, required: true },
    renders: { type: Object as PropType<Renders>, required: true },
  },
  setup(props) {
    return () => {
      props.renders.set('gallery', (props.renders.get('gallery') ?? 0) + 1);
      return h(
        'ul',
        props.ids.map((id) =>
          h(Tile, { key: id, call: props.call, participantId: id, renders: props.renders }),
        ),
      );
    };
  },
});

function rendersSince(before: Renders, after: Renders): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, count] of after)
    if (count !== (before.get(key) ?? 0)) delta[key] = count - (before.get(key) ?? 0);
  return delta;
}

describe('useParticipant', () => {
  it('in a 50-participant meeting with 9 tiles, one participant speaking re-renders only their tile', async () => {
    const { call, remote, ids } = await meetingWithParticipants(50);
    const tiles = ids.slice(0, 9);
    const renders: Renders = new Map();
    const wrapper = mount(Gallery, { props: { call, ids: tiles, renders } });
    const speaker = tiles[4]!;
    expect(wrapper.get(`[data-testid="${speaker}"]`).text()).toBe(call.getParticipant(speaker)?.displayName);

    let before = new Map(renders);
    await remotely(() => remote.updateParticipant(speaker, { isSpeaking: true }));
    expect(wrapper.get(`[data-testid="${speaker}"]`).text()).toMatch(/ speaking$/);
    expect(rendersSince(before, renders)).toEqual({ [speaker]: 1 });

    before = new Map(renders);
    await remotely(() => remote.updateParticipant(ids[30]!, { isSpeaking: true }));
    expect(rendersSince(before, renders)).toEqual({});

    before = new Map(renders);
    await remotely(() => {
      for (const id of ids.slice(10)) remote.updateParticipant(id, { isSpeaking: false, isMuted: false });
      remote.updateParticipant(speaker, { isSpeaking: false });
      remote.updateParticipant(speaker, { isMuted: false });
    });
    expect(rendersSince(before, renders)).toEqual({ [speaker]: 1 });
  });

  it('follows refs and getters, a participant out of the call, and takes no call', async () => {
    const { call, remote, ids } = await meetingWithParticipants(3);
    const target = shallowRef<Call | null>(call);
    // A deep ref hands out a reactive proxy of the call: the composable reads the call itself.
    const deep = ref(call) as unknown as Ref<Call>;
    const id = ref<string | undefined>(ids[0]);
    const scope = effectScope();
    const [participant, throughDeepRef] = scope.run(() => [
      useParticipant(target, id),
      useParticipant(deep, id),
    ])!;
    expect(participant.value?.id).toBe(ids[0]);
    expect(throughDeepRef.value).toBe(participant.value);
    const first = participant.value;
    await remotely(() => remote.updateParticipant(ids[1]!, { isSpeaking: true }));
    expect(participant.value).toBe(first);

    id.value = ids[1];
    expect(participant.value?.isSpeaking).toBe(true);
    await remotely(() => remote.removeParticipants([ids[1]!]));
    expect(participant.value).toBeUndefined();

    id.value = ids[2];
    target.value = null;
    expect(participant.value).toBeUndefined();
    scope.stop();
  });

  it('unsubscribes when the component unmounts and when the participant changes', async () => {
    const { call, ids } = await meetingWithParticipants(20);
    const open = countParticipantSubscriptions(call);
    const wrapper = mount(Gallery, { props: { call, ids: ids.slice(0, 9), renders: new Map() } });
    expect(open()).toBe(9);
    await wrapper.setProps({ ids: ids.slice(9, 12) });
    expect(open()).toBe(3);
    wrapper.unmount();
    expect(open()).toBe(0);
  });

  it('in an effect scope it subscribes at once and unsubscribes when the scope stops', async () => {
    const { call, ids } = await meetingWithParticipants(2);
    const open = countParticipantSubscriptions(call);
    const scope = effectScope();
    scope.run(() => useParticipant(call, ids[0]));
    expect(open()).toBe(1);
    scope.stop();
    expect(open()).toBe(0);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    useParticipant(call, ids[1]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/outside an effect scope/));
    await nextTick();
  });
});
