import { useCall, useIncomingCalls } from '@teams-endpoint/react';
import { remoteLabel } from '../../vanilla/src/ui/callPanel';
import { callerDetail } from './shared/callView';

/** Calls ringing here (call waiting: there may be several), announced as they arrive. */
export function IncomingCalls() {
  const incoming = useIncomingCalls();
  return (
    <div className="incoming-calls" aria-live="assertive">
      {incoming.map((call) => (
        <IncomingCallNotice key={call.id} callId={call.id} />
      ))}
    </div>
  );
}

/** Who is calling (resolved while it rings), with accept and decline buttons. */
function IncomingCallNotice({ callId }: { callId: string }) {
  const { snapshot, call } = useCall(callId);
  if (!snapshot || !call) return null;
  const caller = remoteLabel(snapshot);
  return (
    <section className="incoming" aria-label="Incoming call">
      <p>
        Incoming call from{' '}
        <strong className="caller" data-testid="incoming-caller">
          {caller}
        </strong>{' '}
        <span className="caller-detail">{callerDetail(snapshot)}</span>
      </p>
      <div className="controls">
        <button type="button" className="primary" onClick={() => call.accept()}>
          Accept call from {caller}
        </button>
        <button type="button" className="danger" onClick={() => call.reject()}>
          Decline call from {caller}
        </button>
      </div>
    </section>
  );
}
