import { useEffect, useState, useSyncExternalStore } from "react";
import { useServerClock } from "../live/LiveMeetingProvider";

/** Often enough that every screen turns the second within a quarter of a second of the others. */
const TICK_MS = 250;

/** The server's time now (ms), ticking while `ticking`, and again whenever the offset changes. */
export function useServerNow(ticking: boolean): number {
  const clock = useServerClock();
  const offset = useSyncExternalStore(clock.subscribe, () => clock.offsetMs);
  const [local, setLocal] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const tick = () => setLocal(Date.now());
    const first = setTimeout(tick, 0); // at once: the time may be old from before a pause
    const timer = setInterval(tick, TICK_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [ticking]);
  return local + offset;
}
