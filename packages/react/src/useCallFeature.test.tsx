// @vitest-environment jsdom
import { type Call, callDiagnostics, callRaisedHands, sameItems } from '@teams-endpoint/core';
import { renderHook, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meetingAndPhoneCall } from '../../vanilla/src/callFeatures.test-support';
import {
  remotely,
  renderStrict,
  setUpFabrikamTests,
  strictEndpointWrapper,
} from './strictEndpoint.test-support';
import { useCallFeature } from './useCallFeature';

setUpFabrikamTests();

// StrictMode calls each render twice in development.
const ONE_RENDER = 2;

type Renders = Record<'count' | 'raiser' | 'mine', number>;

function Hands({ call, renders }: { call: Call; renders: Renders }) {
  return (
    <>
      <HandCount call={call} renders={renders} />
      <Raisers call={call} renders={renders} />
      <MyHand call={call} renders={renders} />
    </>
  );
}

function HandCount({ call, renders }: { call: Call; renders: Renders }) {
  const count = useCallFeature(call, callRaisedHands, (s) => s.hands.length);
  renders.count++;
  return <output data-testid="count">{count}</output>;
}

function Raisers({ call, renders }: { call: Call; renders: Renders }) {
  const ids = useCallFeature(
    call,
    callRaisedHands,
    (s) => s.hands.map((hand) => hand.participantId),
    sameItems,
  );
  renders.raiser++;
  return <output data-testid="raisers">{ids?.length}</output>;
}

function MyHand({ call, renders }: { call: Call; renders: Renders }) {
  const raised = useCallFeature(call, callRaisedHands, (s) => s.isHandRaised);
  renders.mine++;
  return <output data-testid="mine">{String(raised)}</output>;
}

function Notices({ call }: { call: Call }) {
  const notices = useCallFeature(call, callDiagnostics, (s) => s.notices);
  return <p data-testid="notices">{notices?.map((notice) => notice.message).join(' ')}</p>;
}

describe('useCallFeature', () => {
  it('re-renders a component only when the slice it selects changes, by its equality', async () => {
    const { endpoint, meeting, remote, ids } = await meetingAndPhoneCall(5);
    await remotely(() => meeting.resume());
    const renders: Renders = { count: 0, raiser: 0, mine: 0 };
    renderStrict(<Hands call={meeting} renders={renders} />, endpoint);
    expect(screen.getByTestId('count').textContent).toBe('0');

    let before = { ...renders };
    await remotely(() => {
      for (const id of ids.slice(0, 3)) remote.raiseRemoteHand(id);
    });
    expect(screen.getByTestId('count').textContent).toBe('3');
    expect(renders).toEqual({
      ...before,
      count: before.count + ONE_RENDER,
      raiser: before.raiser + ONE_RENDER,
    });

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

  it('is undefined without a call, re-binds when the call changes, and unmounting removes every listener', async () => {
    const { endpoint, meeting, phoneCall, remote, ids, listeners } = await meetingAndPhoneCall(2);
    const baseline = listeners();
    const { result, rerender, unmount } = renderHook(
      ({ call }: { call: Call | undefined }) => useCallFeature(call, callRaisedHands),
      { initialProps: { call: undefined as Call | undefined }, wrapper: strictEndpointWrapper(endpoint) },
    );
    expect(result.current).toBeUndefined();
    expect(listeners()).toEqual(baseline);

    rerender({ call: meeting });
    expect(result.current?.available).toBe(true);
    expect(listeners().subscribers).toBe(baseline.subscribers + 1);
    await remotely(() => remote.raiseRemoteHand(ids[0]!));
    expect(result.current?.hands).toHaveLength(1);

    rerender({ call: phoneCall });
    expect(result.current).toMatchObject({ available: false, hands: [] });
    expect(listeners().subscribers).toBe(baseline.subscribers + 1);
    const onPhone = result.current;
    await remotely(() => remote.raiseRemoteHand(ids[1]!));
    expect(result.current).toBe(onPhone);

    rerender({ call: undefined });
    expect(result.current).toBeUndefined();
    expect(listeners()).toEqual(baseline);

    rerender({ call: meeting });
    expect(result.current?.hands).toHaveLength(2);
    unmount();
    expect(listeners()).toEqual(baseline);
  });

  it('under StrictMode, several features of several components leave no listener after unmount', async () => {
    const { endpoint, meeting, remote, listeners } = await meetingAndPhoneCall(3);
    const baseline = listeners();
    const renders: Renders = { count: 0, raiser: 0, mine: 0 };
    const { unmount } = renderStrict(
      <>
        <Hands call={meeting} renders={renders} />
        <Notices call={meeting} />
      </>,
      endpoint,
    );
    // One subscription to the call per feature unit, however many components read it.
    expect(listeners().subscribers).toBe(baseline.subscribers + 2);
    await remotely(() => remote.setDiagnostic('microphone_not_working', 'bad'));
    expect(screen.getByTestId('notices').textContent).toMatch(/microphone stopped working/);
    unmount();
    expect(listeners()).toEqual(baseline);
  });
});
