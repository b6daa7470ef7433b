// Pure views of the guest live state for the public live page (/public/meetings/<id>): what the
// press and citizens see. The server already sends only the guest view; these never add to it.
import type { DocumentInfo, Meeting } from "../api/types";
import type { Poll } from "../api/voting";
import type { ConnectionStatus } from "../live/closeCodes";

export type PublicAvailability = "loading" | "unavailable" | "shown";

/**
 * Refused (4401: not public or not published; 4403/4404: no such meeting) is "not available",
 * even after the meeting was shown (it was unpublished meanwhile); nothing yet is loading.
 */
export function publicAvailability(status: ConnectionStatus, meeting: Meeting | null): PublicAvailability {
  if (status === "unauthenticated" || status === "forbidden") return "unavailable";
  return meeting ? "shown" : "loading";
}

/** The documents' titles anyone may see: never a confidential one, whatever arrives. */
export function publicDocuments(documents: DocumentInfo[]): DocumentInfo[] {
  return documents.filter((document) => !document.confidential);
}

/** A poll whose result may be shown: closed, with its result. */
export function isAnnounced(poll: Poll | null): poll is Poll & { result: NonNullable<Poll["result"]> } {
  return !!poll && poll.state === "closed" && !!poll.result;
}

/**
 * The closed polls seen on this page, newest first: the live state holds only the last poll, so
 * each announced one is kept here when the next opens. The same array when nothing is new (safe
 * to call on every render).
 */
export function rememberAnnounced(known: Poll[], poll: Poll | null): Poll[] {
  if (!isAnnounced(poll)) return known;
  const index = known.findIndex((seen) => String(seen.id) === String(poll.id));
  if (index === -1) return [poll, ...known];
  if (known[index] === poll) return known;
  const next = known.slice();
  next[index] = poll;
  return next;
}

/** "08:00 8 thg 12, 2026 · Hội trường …": the time, and the place when there is one. */
export function whenAndWhere(meeting: Meeting, formatDateTime: (iso: string) => string): string {
  const when = formatDateTime(meeting.starts_at);
  return meeting.location.trim() ? `${when} · ${meeting.location.trim()}` : when;
}
