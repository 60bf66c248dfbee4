// @vitest-environment jsdom
import type { Call } from '@teams-endpoint/core';
import { renderHook, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  countParticipantSubscriptions,
  meetingWithParticipants,
} from '../../vanilla/src/meetingMedia.test-support';
import {
  remotely,
  renderStrict,
  setUpFabrikamTests,
  strictEndpointWrapper,
} from './strictEndpoint.test-support';
import { useParticipant } from './useParticipant';

setUpFabrikamTests();

type Renders = Map<string, number>;

function Tile({ call, participantId, renders }: { call: Call; participantId: string; renders: Renders }) {
  const participant = useParticipant(call, participantId);
  renders.set(participantId, (renders.get(participantId) ?? 0) + 1);
  return (
    <li data-testid={participantId}>
      {participant ? `${participant.displayName}${participant.isSpeaking ? ' speaking' : ''}` : 'gone'}
    </li>
  );
}

function Gallery({ call, ids, renders }: { call: Call; ids: readonly string[]; renders: Renders }) {
  renders.set('gallery', (renders.get('gallery') ?? 0) + 1);
  return (
    <ul>
      {ids.map((id) => (
        <Tile key={id} call={call} participantId={id} renders={renders} />
      ))}
    </ul>
  );
}

/** The renders since `before`, only for what rendered. */
function rendersSince(before: Renders, after: Renders): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, count] of after)
    if (count !== (before.get(key) ?? 0)) delta[key] = count - (before.get(key) ?? 0);
  return delta;
}

// StrictMode calls each render twice in development.
const ONE_RENDER = 2;

describe('useParticipant', () => {
  it('in a 50-participant meeting with 9 tiles, one participant speaking re-renders only their tile', async () => {
    const { endpoint, call, remote, ids } = await meetingWithParticipants(50);
    const tiles = ids.slice(0, 9);
    const renders: Renders = new Map();
    renderStrict(<Gallery call={call} ids={tiles} renders={renders} />, endpoint);
    const speaker = tiles[4]!;
    expect(screen.getByTestId(speaker).textContent).toBe(call.getParticipant(speaker)?.displayName);

    let before = new Map(renders);
    await remotely(() => remote.updateParticipant(speaker, { isSpeaking: true }));
    expect(screen.getByTestId(speaker).textContent).toMatch(/ speaking$/);
    expect(rendersSince(before, renders)).toEqual({ [speaker]: ONE_RENDER });

    // Someone without a tile: no tile renders.
    before = new Map(renders);
    await remotely(() => remote.updateParticipant(ids[30]!, { isSpeaking: true }));
    expect(rendersSince(before, renders)).toEqual({});

    // A burst: 40 others toggle, and the speaker stops and mutes; their tile renders once for it all.
    before = new Map(renders);
    await remotely(() => {
      for (const id of ids.slice(10)) remote.updateParticipant(id, { isSpeaking: false, isMuted: false });
      remote.updateParticipant(speaker, { isSpeaking: false });
      remote.updateParticipant(speaker, { isMuted: false });
    });
    expect(rendersSince(before, renders)).toEqual({ [speaker]: ONE_RENDER });
    expect(call.getParticipant(speaker)?.isMuted).toBe(false);
  });

  it('follows a participant out of the call and another id, and takes no call', async () => {
    const { endpoint, call, remote, ids } = await meetingWithParticipants(3);
    const { result, rerender } = renderHook(
      ({ target, id }: { target: Call | undefined; id: string | null }) => useParticipant(target, id),
      {
        initialProps: { target: call as Call | undefined, id: ids[0] as string | null },
        wrapper: strictEndpointWrapper(endpoint),
      },
    );
    expect(result.current?.id).toBe(ids[0]);
    const first = result.current;
    await remotely(() => remote.updateParticipant(ids[1]!, { isSpeaking: true }));
    expect(result.current).toBe(first);

    rerender({ target: call, id: ids[1]! });
    expect(result.current?.isSpeaking).toBe(true);
    await remotely(() => remote.removeParticipants([ids[1]!]));
    expect(result.current).toBeUndefined();

    rerender({ target: undefined, id: ids[2]! });
    expect(result.current).toBeUndefined();
    rerender({ target: call, id: null });
    expect(result.current).toBeUndefined();
  });

  it('unsubscribes on unmount and when the participant changes (StrictMode included)', async () => {
    const { endpoint, call, ids } = await meetingWithParticipants(20);
    const open = countParticipantSubscriptions(call);
    const renders: Renders = new Map();
    const { rerender, unmount } = renderStrict(
      <Gallery call={call} ids={ids.slice(0, 9)} renders={renders} />,
      endpoint,
    );
    expect(open()).toBe(9);
    rerender(<Gallery call={call} ids={ids.slice(9, 12)} renders={renders} />);
    expect(open()).toBe(3);
    unmount();
    expect(open()).toBe(0);
  });
});
