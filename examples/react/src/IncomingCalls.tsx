import { callerDetail, remoteText } from '@teams-endpoint/demo-kit';
import { useCall, useIncomingCalls } from '@teams-endpoint/react';
import { useLayoutEffect, useRef } from 'react';
import { acceptAndFocus, awaitsAcceptFocus, focusCallDock } from './callFocus';

/**
 * Calls ringing here (call waiting: there may be several), as toasts in view whatever the page and its
 * scroll, announced as they arrive. The ringtone, notifications and flashing title come from the kit's
 * call alerts, started once for the page in main.tsx.
 */
export function IncomingCalls() {
  const incoming = useIncomingCalls();
  return (
    <section className="toasts" aria-label="Incoming calls" aria-live="assertive">
      {incoming.map((call) => (
        <IncomingCallToast key={call.id} callId={call.id} />
      ))}
    </section>
  );
}

/**
 * Who is calling (resolved while it rings), with accept and decline buttons. A toast that goes with the
 * focus hands it to the call dock (accepted, the call's Hang up takes it).
 */
function IncomingCallToast({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  const toast = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const node = toast.current;
    return () => {
      // Runs before React removes the toast: it still holds the focus it had.
      if (node?.contains(document.activeElement) && !awaitsAcceptFocus(callId)) queueMicrotask(focusCallDock);
    };
  }, [callId]);
  if (!snapshot || !call) return null;
  const caller = remoteText(snapshot);
  return (
    <section ref={toast} className="incoming toast" aria-label="Incoming call">
      <p>
        Incoming call from{' '}
        <strong className="caller" data-testid="incoming-caller" title={caller.title}>
          {caller.text}
        </strong>{' '}
        <span className="caller-detail">{callerDetail(snapshot)}</span>
      </p>
      <div className="controls">
        <button type="button" className="primary" onClick={() => acceptAndFocus(call)}>
          Accept call from {caller.text}
        </button>
        <button type="button" className="danger" onClick={() => call.reject()}>
          Decline call from {caller.text}
        </button>
      </div>
    </section>
  );
}
