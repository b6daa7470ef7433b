import { useEffect, useState } from "react";
import type { Poll } from "../api/voting";
import { secondsLeft } from "./countdown";

/** Seconds until an open poll closes by itself, ticking; null without a duration. */
export function useSecondsLeft(poll: Poll | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const timed = !!poll && poll.state === "open" && secondsLeft(poll, now) !== null;
  useEffect(() => {
    if (!timed) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [timed]);
  return poll && timed ? secondsLeft(poll, now) : null;
}
