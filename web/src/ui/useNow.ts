import { useEffect, useState } from 'react';

/** The current time, ticking every `intervalMs` while `active` (countdowns). */
export function useNow(active = true, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

/** Seconds left until `deadline` (ms since the epoch), ticking; 0 once passed. */
export function useSecondsLeft(deadline: number | undefined): number {
  const now = useNow(deadline !== undefined && deadline > Date.now());
  return deadline === undefined ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
}
