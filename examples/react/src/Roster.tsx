import {
  type Call,
  type CallRaisedHandsSnapshot,
  type CallSnapshot,
  callRaisedHands,
  callSpotlight,
  LOCAL_PARTICIPANT_ID,
  raisedHandsFirst,
} from '@teams-endpoint/core';
import {
  capabilityHint,
  participantCountLabel,
  ROSTER_ROW_HEIGHT,
  visibleRows,
} from '@teams-endpoint/demo-kit';
import { useCallFeature, useUnitSelector } from '@teams-endpoint/react';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { RosterRow } from './RosterRow';

const selectParticipants = (snapshot: CallSnapshot) => snapshot.participants;
const selectHands = (snapshot: CallRaisedHandsSnapshot) => snapshot.hands;

const viewportOf = (element: HTMLElement) => ({ top: element.scrollTop, height: element.clientHeight });

/**
 * A meeting's participants, virtualized: the list is as tall as every row would be, and only the rows in
 * view (plus a few) exist, so a thousand participants stay a few dozen elements. Raised hands come first, with
 * their place in the queue; spotlighted people are marked, with a spotlight button where Teams allows it.
 */
export const Roster = memo(function Roster({ call }: { call: Call }) {
  const participants = useUnitSelector(call, selectParticipants);
  const hands = useCallFeature(call, callRaisedHands, selectHands);
  const spotlight = useCallFeature(call, callSpotlight);
  const ordered = useMemo(() => raisedHandsFirst(participants, hands), [participants, hands]);
  const handOrders = useMemo(
    () => new Map(hands?.map((hand) => [hand.participantId, hand.order] as const)),
    [hands],
  );
  const spotlighted = useMemo(() => new Set(spotlight?.spotlighted), [spotlight?.spotlighted]);
  // Teams gives one reason for every row: one hint above the list describes each spotlight button.
  const spotlightHintId = useId();
  const spotlightHint = spotlight?.available
    ? (capabilityHint(spotlight.canReasons.spotlight) ?? capabilityHint(spotlight.canReasons.removeSpotlight))
    : null;
  const [error, setError] = useState('');
  const toggleSpotlight = useCallback(
    (participantId: string, isSpotlighted: boolean) => {
      setError('');
      try {
        if (isSpotlighted) callSpotlight(call).unspotlight(participantId);
        else callSpotlight(call).spotlight(participantId);
      } catch (failure) {
        // They left since the row rendered, or the most people are spotlighted already: the core says which.
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [call],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const element = scroller.current!;
    // The first measure comes once the roster is laid out (it is hidden while the meeting is empty).
    const resized = new ResizeObserver(() => setViewport(viewportOf(element)));
    resized.observe(element);
    return () => resized.disconnect();
  }, []);
  const count = ordered.length;
  const [start, end] = visibleRows(viewport.top, viewport.height, count);
  return (
    <div className="roster" hidden={count === 0}>
      <p className="roster-count" data-testid="participant-count">
        {participantCountLabel(count)}
      </p>
      {spotlight?.isLocalSpotlighted && (
        <div className="roster-you">
          <p>You are spotlighted.</p>
          <button
            type="button"
            disabled={!spotlight.can.stopOwnSpotlight}
            onClick={() => toggleSpotlight(LOCAL_PARTICIPANT_ID, true)}
          >
            Stop spotlighting me
          </button>
        </div>
      )}
      {spotlightHint && (
        <p className="hint">
          Spotlight: <span id={spotlightHintId}>{spotlightHint}</span>
        </p>
      )}
      <p className="error" role="alert">
        {error}
      </p>
      <div
        ref={scroller}
        className="roster-scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the roster by focusing it
        tabIndex={0}
        onScroll={(event) => setViewport(viewportOf(event.currentTarget))}
      >
        <ul className="roster-list" aria-label="Participants" style={{ height: count * ROSTER_ROW_HEIGHT }}>
          {ordered.slice(start, end).map((participant, offset) => {
            const isSpotlighted = spotlighted.has(participant.id);
            return (
              <RosterRow
                key={participant.id}
                participant={participant}
                index={start + offset}
                count={count}
                handOrder={handOrders.get(participant.id)}
                isSpotlighted={isSpotlighted}
                spotlightable={spotlight?.available === true}
                spotlightAllowed={
                  isSpotlighted ? spotlight?.can.removeSpotlight === true : spotlight?.can.spotlight === true
                }
                spotlightReason={
                  isSpotlighted ? spotlight?.canReasons.removeSpotlight : spotlight?.canReasons.spotlight
                }
                spotlightHintId={spotlightHintId}
                onToggleSpotlight={toggleSpotlight}
              />
            );
          })}
        </ul>
      </div>
    </div>
  );
});
