import { sameItems } from '@teams-endpoint/core';
import {
  callStatusLabel,
  controlGuidance,
  isOneToOneCall,
  remoteName,
  remoteText,
  selectDockCallIds,
  selectTalkingCallId,
  showCallLabel,
  showsKeypad,
} from '@teams-endpoint/demo-kit';
import { useCall, useEndpointSelector } from '@teams-endpoint/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CallControls } from './CallControls';
import { CallNotices } from './CallNotices';
import { CallTimer } from './CallTimer';
import { CaptionsPanel } from './CaptionsPanel';
import { CALL_DOCK_ID, focusCallDock, takeAcceptFocus } from './callFocus';
import { Keypad } from './Keypad';
import { LobbyPanel } from './LobbyPanel';
import { RecentCalls } from './RecentCalls';
import { RecordingBanner } from './RecordingBanner';
import { Roster } from './Roster';

import { TransferForm } from './TransferForm';
import { VideoStage } from './VideoStage';

/**
 * The call dock, always in view: the active call expanded, the other live calls one row each, and the
 * recent calls. A call that ends leaves it for the history; the focus then comes to the dock, not the page's
 * top. Re-renders when calls come and go or the talking call changes, not when one call changes.
 */
export function CallDock() {
  const ids = useEndpointSelector(selectDockCallIds, sameItems);
  const talkingId = useEndpointSelector(selectTalkingCallId);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const shownIds = useRef(ids);

  useLayoutEffect(() => {
    const before = shownIds.current;
    shownIds.current = ids;
    // A new call (placed or accepted) is the one to see; a call that left took the focus with it.
    if (ids.some((id) => !before.includes(id))) setChosenId(null);
    const left = before.some((id) => !ids.includes(id));
    if (left && (document.activeElement === null || document.activeElement === document.body))
      focusCallDock();
  }, [ids]);

  const activeId = chosenId !== null && ids.includes(chosenId) ? chosenId : talkingId;
  const others = ids.filter((id) => id !== activeId);
  return (
    <section id={CALL_DOCK_ID} className="call-dock" aria-label="Calls" data-testid="call-dock" tabIndex={-1}>
      <h2 className="call-dock-title">Calls</h2>
      {ids.length === 0 && <p className="call-dock-empty">No call in progress.</p>}
      <div className="dock-calls">
        {/* The other calls' rows first: short, they stay in view above the active call's long panel. */}
        {others.map((id) => (
          <CallRow key={id} callId={id} onShow={() => setChosenId(id)} />
        ))}
        {activeId !== undefined && <CallPanel key={activeId} callId={activeId} />}
      </div>
      <RecentCalls />
    </section>
  );
}

/** A live call that is not the active one: who, its status, resume and hang up, and a button to expand it. */
function CallRow({ callId, onShow }: { callId: string; onShow: () => void }) {
  const { snapshot, call } = useCall(callId);
  if (!snapshot || !call) return null;
  const name = remoteName(snapshot);
  return (
    <div className="dock-row" data-status={snapshot.status}>
      <span className="dock-row-who" title={remoteText(snapshot).title}>
        {remoteText(snapshot).text}
      </span>
      <span className="dock-row-status">{callStatusLabel(snapshot)}</span>
      <div className="controls">
        {snapshot.can.resume && (
          <button
            type="button"
            aria-label={`Resume call with ${name}`}
            onClick={() => {
              call.resume();
              onShow();
            }}
          >
            Resume
          </button>
        )}
        <button
          type="button"
          className="danger"
          aria-label={`Hang up call with ${name}`}
          disabled={!snapshot.can.hangUp}
          onClick={() => call.hangUp()}
        >
          Hang up
        </button>
        <button type="button" onClick={onShow}>
          {showCallLabel(name)}
        </button>
      </div>
    </div>
  );
}

/**
 * The active call: who, status, duration, recording and notices, controls, keypad, transfer, captions, a
 * meeting's lobby, its video and its roster. Just accepted, it gives Hang up the focus.
 */
function CallPanel({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  const hangUp = useRef<HTMLButtonElement>(null);
  const canHangUp = snapshot?.can.hangUp ?? false;
  useEffect(() => {
    if (canHangUp && takeAcceptFocus(callId)) hangUp.current?.focus();
  }, [callId, canHangUp]);
  if (!snapshot || !call) return null;
  const { status, controlError } = snapshot;
  const isMeeting = !isOneToOneCall(snapshot);
  const who = remoteText(snapshot);
  return (
    <section className="call" aria-label="Call" data-status={status}>
      <h3 className="call-title" title={who.title}>
        {who.text}
      </h3>
      <p className="call-status" aria-live="polite" data-testid="call-status">
        {callStatusLabel(snapshot)}
      </p>
      <CallTimer snapshot={snapshot} />
      <RecordingBanner call={call} />
      <CallNotices call={call} />
      <CallControls call={call} snapshot={snapshot} hangUpRef={hangUp} />
      <p className="error" role="alert">
        {controlGuidance(controlError?.code) ?? controlError?.message}
      </p>
      {showsKeypad(snapshot) && <Keypad call={call} />}
      {!isMeeting && <TransferForm call={call} snapshot={snapshot} />}
      <CaptionsPanel call={call} />
      {isMeeting && <LobbyPanel call={call} />}
      <VideoStage call={call} />
      {isMeeting && <Roster call={call} />}
    </section>
  );
}
