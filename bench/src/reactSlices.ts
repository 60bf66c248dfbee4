import type { Call, CallSnapshot, EndpointSnapshot, TeamsEndpoint } from '@teams-endpoint/core';
import { TeamsEndpointProvider, useEndpointSelector, useUnitSelector } from '@teams-endpoint/react';
import { act, render } from '@testing-library/react';
import { createElement as h, useCallback } from 'react';
import type { MountSlices, Slice } from './renderCounts';
import { settle } from './simulatedTenant';

interface SliceProps {
  readonly call: Call;
  readonly renders: Record<Slice, number>;
}

const selectCount = (snapshot: CallSnapshot) => snapshot.participants.length;
const selectParticipants = (snapshot: CallSnapshot) => snapshot.participants;

function CallStatus({ call, renders }: SliceProps) {
  const status = useEndpointSelector(
    useCallback(
      (snapshot: EndpointSnapshot) => snapshot.calls.find((c) => c.id === call.id)?.status,
      [call.id],
    ),
  );
  renders.status += 1;
  return h('output', { 'data-slice': 'status' }, status);
}

function ParticipantCount({ call, renders }: SliceProps) {
  const count = useUnitSelector(call, selectCount);
  renders.count += 1;
  return h('output', { 'data-slice': 'count' }, count);
}

function ParticipantList({ call, renders }: SliceProps) {
  const participants = useUnitSelector(call, selectParticipants);
  renders.list += 1;
  return h(
    'ul',
    { 'data-slice': 'list' },
    participants.map((participant) => h('li', { key: participant.id }, participant.displayName)),
  );
}

/** The three components under the provider, rendered with @testing-library/react (no StrictMode). */
export const mountReactSlices: MountSlices = (endpoint: TeamsEndpoint, call: Call) => {
  const renders: Record<Slice, number> = { status: 0, count: 0, list: 0 };
  const props = { call, renders };
  const view = render(
    h(
      TeamsEndpointProvider,
      { value: endpoint },
      h(CallStatus, props),
      h(ParticipantCount, props),
      h(ParticipantList, props),
    ),
  );
  return {
    renders,
    async update(action) {
      await act(async () => {
        await action();
        await settle();
      });
    },
    shown: (slice) => view.container.querySelector(`[data-slice=${slice}]`)?.textContent ?? '',
    unmount: () => view.unmount(),
  };
};
