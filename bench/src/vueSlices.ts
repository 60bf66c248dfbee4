import type { Call, TeamsEndpoint } from '@teams-endpoint/core';
import { createTeamsEndpointPlugin, useEndpointSelector, useUnitSelector } from '@teams-endpoint/vue';
import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import type { MountSlices, Slice } from './renderCounts';
import { settle } from './simulatedTenant';

/** The three components in one app with the endpoint plugin, mounted with @vue/test-utils. */
export const mountVueSlices: MountSlices = (endpoint: TeamsEndpoint, call: Call) => {
  const renders: Record<Slice, number> = { status: 0, count: 0, list: 0 };
  const CallStatus = defineComponent({
    setup: () => {
      const status = useEndpointSelector((snapshot) => snapshot.calls.find((c) => c.id === call.id)?.status);
      return () => {
        renders.status += 1;
        return h('output', { 'data-slice': 'status' }, status.value);
      };
    },
  });
  const ParticipantCount = defineComponent({
    setup: () => {
      const count = useUnitSelector(call, (snapshot) => snapshot.participants.length);
      return () => {
        renders.count += 1;
        return h('output', { 'data-slice': 'count' }, count.value);
      };
    },
  });
  const ParticipantList = defineComponent({
    setup: () => {
      const participants = useUnitSelector(call, (snapshot) => snapshot.participants);
      return () => {
        renders.list += 1;
        return h(
          'ul',
          { 'data-slice': 'list' },
          participants.value.map((participant) => h('li', { key: participant.id }, participant.displayName)),
        );
      };
    },
  });
  const wrapper = mount(
    defineComponent({ setup: () => () => [h(CallStatus), h(ParticipantCount), h(ParticipantList)] }),
    { global: { plugins: [createTeamsEndpointPlugin(endpoint)] } },
  );
  return {
    renders,
    async update(action) {
      await action();
      await settle();
      await nextTick();
    },
    shown: (slice) => wrapper.find(`[data-slice=${slice}]`).text(),
    unmount: () => wrapper.unmount(),
  };
};
