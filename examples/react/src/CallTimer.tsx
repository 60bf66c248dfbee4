import type { CallSnapshot } from '@teams-endpoint/core';
import { callDuration, isTimerRunning } from '@teams-endpoint/demo-kit';
import { useEffect, useState } from 'react';

/** The call's duration, ticking every second while it is connected. */
export function CallTimer({ snapshot }: { snapshot: CallSnapshot }) {
  const running = isTimerRunning(snapshot);
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const ticking = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(ticking);
  }, [running]);
  return (
    <p className="call-timer" role="timer" aria-label="Call duration">
      {callDuration(snapshot, now)}
    </p>
  );
}
