// The countdown of a poll with a duration. The server closes the poll; this only shows the time.
import type { Poll } from "../api/voting";

/** When the poll closes by itself (ms since epoch), or null when it has no duration. */
export function closesAt(poll: Poll): number | null {
  if (poll.closes_at) return Date.parse(poll.closes_at);
  if (poll.duration_s && poll.opened_at) return Date.parse(poll.opened_at) + poll.duration_s * 1000;
  return null;
}

export function secondsLeft(poll: Poll, now: number): number | null {
  const end = closesAt(poll);
  if (end === null || Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now) / 1000));
}

/** 75 → "1:15", 5 → "0:05". */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}
