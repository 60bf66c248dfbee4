// @vitest-environment jsdom
import type { Call, CallSnapshot } from '@teams-endpoint/core';
import { renderHook, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFabrikamEndpoint, settle } from '../../core/src/endpoint/fabrikamEndpoint.test-support';
import {
  remotely,
  renderStrict,
  setUpFabrikamTests,
  strictEndpointWrapper,
} from './strictEndpoint.test-support';
import { useCall } from './useCall';
import { useEndpointSelector } from './useEndpointSelector';
import { useUnitSelector } from './useUnitSelector';

setUpFabrikamTests();

async function connectedMeeting() {
  const { world, endpoint } = await createFabrikamEndpoint();
  const call = endpoint.joinMeetingById('123 456 789 012', 'Ab3dE');
  await settle();
  world.calling.lastCall().admit();
  await settle();
  return { world, endpoint, call };
}

interface Counted {
  readonly call: Call;
  readonly renders: { fromEndpoint: number; fromCall: number; participants: number };
}

function StatusFromEndpoint({ call, renders }: Counted) {
  const status = useEndpointSelector((s) => s.calls.find((c) => c.id === call.id)?.status);
  renders.fromEndpoint++;
  return <output data-testid="endpoint-status">{status}</output>;
}

function StatusFromCall({ call, renders }: Counted) {
  const status = useUnitSelector(call, (s) => s.status);
  renders.fromCall++;
  return <output data-testid="call-status">{status}</output>;
}

/** The control: a component that does read the participants re-renders once for the whole burst. */
function ParticipantCount({ call, renders }: Counted) {
  const { snapshot } = useCall(call.id);
  renders.participants++;
  return <output data-testid="participants">{snapshot?.participants.length}</output>;
}

describe('useUnitSelector', () => {
  it('a component that selects only the status renders zero extra times in a 1,000-participant burst', async () => {
    const { world, endpoint, call } = await connectedMeeting();
    const renders = { fromEndpoint: 0, fromCall: 0, participants: 0 };

    renderStrict(
      <>
        <StatusFromEndpoint call={call} renders={renders} />
        <StatusFromCall call={call} renders={renders} />
        <ParticipantCount call={call} renders={renders} />
      </>,
      endpoint,
    );
    expect(screen.getByTestId('endpoint-status').textContent).toBe('connected');
    const before = { ...renders };

    await remotely(() => world.calling.lastCall().addParticipants(1000));
    const joined = call.getSnapshot().participants;
    await remotely(() => {
      for (const participant of joined.slice(0, 200)) {
        world.calling.lastCall().updateParticipant(participant.id, { isSpeaking: true });
      }
    });

    expect(screen.getByTestId('participants').textContent).toBe('1000');
    expect(renders.fromEndpoint).toBe(before.fromEndpoint);
    expect(renders.fromCall).toBe(before.fromCall);
    // Two bursts, each one render (StrictMode renders twice in development).
    expect(renders.participants - before.participants).toBe(4);
    expect(screen.getByTestId('call-status').textContent).toBe('connected');

    await remotely(() => call.hold());
    expect(screen.getByTestId('endpoint-status').textContent).toBe('on_hold');
    expect(screen.getByTestId('call-status').textContent).toBe('on_hold');
  });

  it('keeps an equal selection by isEqual, with its previous identity', async () => {
    const { world, endpoint, call } = await connectedMeeting();
    const sameIds = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && a.every((id, i) => id === b[i]);
    const { result } = renderHook(
      () => useEndpointSelector((s) => s.calls.map((c: CallSnapshot) => c.id), sameIds),
      { wrapper: strictEndpointWrapper(endpoint) },
    );
    const first = result.current;
    expect(first).toEqual([call.id]);

    await remotely(() => world.calling.lastCall().addParticipants(10));
    expect(result.current).toBe(first);

    await remotely(() => endpoint.callPhoneNumber('+14255550101'));
    expect(result.current).toHaveLength(2);
    expect(result.current).not.toBe(first);
  });

  it('follows a new unit and a new selector', async () => {
    const { endpoint, call } = await connectedMeeting();
    const { result, rerender } = renderHook(
      ({ field }: { field: 'status' | 'kind' }) => useUnitSelector(call, (s) => s[field]),
      { initialProps: { field: 'status' as 'status' | 'kind' }, wrapper: strictEndpointWrapper(endpoint) },
    );
    expect(result.current).toBe('connected');
    rerender({ field: 'kind' });
    expect(result.current).toBe('meeting');
  });
});
