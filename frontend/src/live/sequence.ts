// Keeping the sequence gapless: every message is applied only if it is the next one. A snapshot
// always replaces the state; an old seq (a replay after reconnect) is skipped; a gap means
// something was missed, so the connection must resync with ?since=<last seq>.
import { isSnapshot, type LiveMessage } from "./messages";
import { applyEvent, applySnapshot, type LiveState } from "./state";

export type ReceiveOutcome = "applied" | "duplicate" | "gap";

export interface Received {
  state: LiveState;
  outcome: ReceiveOutcome;
}

export function receive(state: LiveState, message: LiveMessage): Received {
  if (isSnapshot(message)) return { state: applySnapshot(message), outcome: "applied" };
  if (state.seq === null) return { state, outcome: "gap" }; // events before any snapshot
  if (message.seq <= state.seq) return { state, outcome: "duplicate" };
  if (message.seq !== state.seq + 1) return { state, outcome: "gap" };
  return { state: applyEvent(state, message), outcome: "applied" };
}

/** The `since` to reconnect with: the last applied seq, or none for a fresh snapshot. */
export function resumeFrom(state: LiveState): number | null {
  return state.seq;
}

/**
 * ws(s)://host/api/v1/meetings/{id}/live?token=…&since=… for the page's own origin; without a
 * token (null: the public live page), the guest view of a published public meeting.
 */
export function liveUrl(origin: string, meetingId: number, token: string | null, since: number | null): string {
  const url = new URL(`/api/v1/meetings/${meetingId}/live`, origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (token !== null) url.searchParams.set("token", token);
  if (since !== null) url.searchParams.set("since", String(since));
  return url.toString();
}
