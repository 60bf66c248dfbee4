import type { Call, CallParticipant, CallSnapshot } from '@teams-endpoint/core';
import { useUnitSelector } from '@teams-endpoint/react';
import { memo, useEffect, useRef, useState } from 'react';
import {
  participantCountLabel,
  participantDetails,
  participantName,
  ROSTER_ROW_HEIGHT,
  visibleRows,
} from '../../vanilla/src/ui/mediaWords';

const selectParticipants = (snapshot: CallSnapshot) => snapshot.participants;

const viewportOf = (element: HTMLElement) => ({ top: element.scrollTop, height: element.clientHeight });

/**
 * A meeting's participants, virtualized: the list is as tall as every row would be, and only the rows in
 * view (plus a few) exist, so a thousand participants stay a few dozen elements.
 */
export const Roster = memo(function Roster({ call }: { call: Call }) {
  const participants = useUnitSelector(call, selectParticipants);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const element = scroller.current!;
    // The first measure comes once the roster is laid out (it is hidden while the meeting is empty).
    const resized = new ResizeObserver(() => setViewport(viewportOf(element)));
    resized.observe(element);
    return () => resized.disconnect();
  }, []);
  const count = participants.length;
  const [start, end] = visibleRows(viewport.top, viewport.height, count);
  return (
    <div className="roster" hidden={count === 0}>
      <p className="roster-count" data-testid="participant-count">
        {participantCountLabel(count)}
      </p>
      <div
        ref={scroller}
        className="roster-scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the roster by focusing it
        tabIndex={0}
        onScroll={(event) => setViewport(viewportOf(event.currentTarget))}
      >
        <ul className="roster-list" aria-label="Participants" style={{ height: count * ROSTER_ROW_HEIGHT }}>
          {participants.slice(start, end).map((participant, offset) => (
            <RosterRow key={participant.id} participant={participant} index={start + offset} count={count} />
          ))}
        </ul>
      </div>
    </div>
  );
});

/** An unchanged participant keeps its object, so its row renders again only when it moves or changes. */
const RosterRow = memo(function RosterRow(props: {
  participant: CallParticipant;
  index: number;
  count: number;
}) {
  const { participant, index, count } = props;
  return (
    <li
      className="roster-row"
      style={{ top: index * ROSTER_ROW_HEIGHT, height: ROSTER_ROW_HEIGHT }}
      aria-posinset={index + 1}
      aria-setsize={count}
    >
      <span className="roster-name">{participantName(participant)}</span>
      <span className="roster-details">{participantDetails(participant)}</span>
    </li>
  );
});
