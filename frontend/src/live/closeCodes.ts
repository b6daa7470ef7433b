// What a closed live socket means for the client (docs/live.md "Close codes").

export type ConnectionStatus =
  | "connecting" // first connection, no state yet
  | "live" // connected and up to date
  | "reconnecting" // lost; state kept, retrying with since
  | "unauthenticated" // 4401: the token is no longer valid
  | "forbidden"; // 4403 / 4404: this meeting is not (or no longer) visible

export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_NOT_FOUND = 4404;
export const CLOSE_TOO_SLOW = 4409;
/** Our own code when we drop the socket to resync after a gap. */
export const CLOSE_RESYNC = 4000;

/** The final status for a close code, or null when the client should reconnect. */
export function finalStatusFor(code: number): ConnectionStatus | null {
  if (code === CLOSE_UNAUTHENTICATED) return "unauthenticated";
  if (code === CLOSE_FORBIDDEN || code === CLOSE_NOT_FOUND) return "forbidden";
  return null;
}
