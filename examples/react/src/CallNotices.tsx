import { type Call, type CallDiagnosticsSnapshot, callDiagnostics } from '@teams-endpoint/core';
import { useCallFeature } from '@teams-endpoint/react';

const selectNotices = (snapshot: CallDiagnosticsSnapshot) => snapshot.notices;

/** What is wrong with the network or the devices now, in the core's words; each goes once its condition clears. */
export function CallNotices({ call }: { call: Call }) {
  const notices = useCallFeature(call, callDiagnostics, selectNotices);
  return (
    <ul className="call-notices" aria-label="Call notices" hidden={!notices?.length}>
      {notices?.map((notice) => (
        <li key={notice.kind} className={`call-notice ${notice.severity}`} data-kind={notice.kind}>
          {/* A bad condition is an alert (announced at once); a poor one is a quiet warning. */}
          {notice.severity === 'bad' ? <p role="alert">{notice.message}</p> : notice.message}
        </li>
      ))}
    </ul>
  );
}
