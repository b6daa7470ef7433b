import { useEffect, useState } from "react";

/** The time, refreshed every few seconds (enough for hours and minutes). */
export function useClock(intervalMs = 5_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
