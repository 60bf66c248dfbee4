import { useEffect, useState } from 'react';

/** The time now (epoch ms), updated every `everyMs`: enough for what changes by the minute. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const ticking = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(ticking);
  }, [everyMs]);
  return now;
}
