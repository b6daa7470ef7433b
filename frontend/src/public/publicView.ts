// Pure views of the guest live state for the public live page (/public/meetings/<id>): what the
// press and citizens see. The server already sends only the guest view; these never add to it.
// The open data (OParl, oparl.ts) adds what the live state does not hold: the results of the
// polls closed before this visit, and the public documents' files.
import type { DocumentInfo, Meeting } from "../api/types";
import type { Poll, PollBasis, PollCount, PollId, PollResult, PollThreshold } from "../api/voting";
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

// --- The open data (OParl) -----------------------------------------------------------------

/** A closed poll's result as the page shows it, from the live state or from the open data. */
export interface PublicResult {
  id: string;
  title: string;
  result: PollResult;
  /** When the poll closed (ISO 8601), when known. */
  endedAt: string | null;
}

/** What the page takes from the meeting's OParl object. */
export interface OpenData {
  /** The closed polls' results, in the agenda's order. */
  results: PublicResult[];
  /** Document id → its File's accessUrl (the PDF, to view). */
  files: ReadonlyMap<number, string>;
}

/** Nothing: no such public meeting (404), or a tombstone (it left public view). */
export const NO_OPEN_DATA: OpenData = { results: [], files: new Map() };

const BASES: readonly PollBasis[] = ["seated", "present", "cast"];
const THRESHOLDS: readonly PollThreshold[] = ["majority", "two_thirds"];

function recordOf(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isPollId = (value: unknown): value is PollId => isNumber(value) || typeof value === "string";

function countOf(value: unknown): PollCount | null {
  const count = recordOf(value);
  if (!count || !isPollId(count.option_id) || typeof count.label !== "string" || !isNumber(count.votes)) return null;
  return { option_id: count.option_id, label: count.label, votes: count.votes };
}

function idsOf(value: unknown): PollId[] | undefined {
  return Array.isArray(value) && value.every(isPollId) ? value : undefined;
}

/**
 * `kyhop:result` as the app's PollResult, or null when it is not one. Empty lists are absent in
 * OParl: no counts is an empty list. Named votes are never taken (the chart does not show them).
 */
export function pollResultOf(value: unknown): PollResult | null {
  const result = recordOf(value);
  if (!result) return null;
  const { basis, threshold, base, required, passed } = result;
  if (!BASES.includes(basis as PollBasis) || !THRESHOLDS.includes(threshold as PollThreshold)) return null;
  if (!isNumber(base) || !isNumber(required) || typeof passed !== "boolean") return null;
  if (result.counts !== undefined && !Array.isArray(result.counts)) return null;
  const counts = listOf(result.counts).map(countOf);
  if (counts.some((count) => count === null)) return null;
  const parsed: PollResult = { counts: counts as PollCount[], basis: basis as PollBasis, threshold: threshold as PollThreshold, base, required, passed };
  if (isNumber(result.seated)) parsed.seated = result.seated;
  if (isNumber(result.present)) parsed.present = result.present;
  if (isNumber(result.cast)) parsed.cast = result.cast;
  if (typeof result.outcome === "string") parsed.outcome = result.outcome;
  if (isPollId(result.decisive_option_id)) parsed.decisive_option_id = result.decisive_option_id;
  const elected = idsOf(result.elected);
  if (elected) parsed.elected = elected;
  const tied = idsOf(result.tied);
  if (tied) parsed.tied = tied;
  return parsed;
}

/** A Popolo VoteEvent with `kyhop:result` as a result to show, or null. */
export function voteEventResult(value: unknown): PublicResult | null {
  const event = recordOf(value);
  if (!event || typeof event.identifier !== "string" || !event.identifier) return null;
  const result = pollResultOf(event["kyhop:result"]);
  if (!result) return null;
  const text = recordOf(event.motion)?.text;
  return {
    id: event.identifier,
    title: typeof text === "string" ? text : "",
    result,
    endedAt: typeof event.end_date === "string" ? event.end_date : null,
  };
}

/** The document id of a File's `id` (…/oparl/v1/files/{documentId}), or null. */
export function documentIdOfFile(id: unknown): number | null {
  if (typeof id !== "string") return null;
  let path: string;
  try {
    path = new URL(id, "http://localhost").pathname;
  } catch {
    return null;
  }
  const last = path.split("/").filter(Boolean).pop() ?? "";
  return /^[1-9]\d*$/.test(last) ? Number(last) : null;
}

/** An http(s) address to link to, or null (never a javascript: or data: one). */
function linkable(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function addFile(files: Map<number, string>, value: unknown): void {
  const file = recordOf(value);
  const documentId = documentIdOfFile(file?.id);
  const href = linkable(file?.accessUrl);
  if (documentId !== null && href !== null && !files.has(documentId)) files.set(documentId, href);
}

/**
 * What the page takes from `GET /oparl/v1/meetings/{id}`: the vote events' results and the
 * Files (of the meeting: the minutes and the others; of each agenda item: the resolution and the
 * others). null (404) or a tombstone gives nothing; an answer that is not a Meeting throws.
 */
export function openDataOf(answer: unknown): OpenData {
  if (answer === null) return NO_OPEN_DATA;
  const meeting = recordOf(answer);
  if (!meeting || typeof meeting.id !== "string") throw new Error("not an OParl Meeting");
  if (meeting.deleted === true) return NO_OPEN_DATA;
  const files = new Map<number, string>();
  const results: PublicResult[] = [];
  addFile(files, meeting.resultsProtocol);
  listOf(meeting.auxiliaryFile).forEach((file) => addFile(files, file));
  for (const value of listOf(meeting.agendaItem)) {
    const item = recordOf(value);
    if (!item) continue;
    addFile(files, item.resolutionFile);
    listOf(item.auxiliaryFile).forEach((file) => addFile(files, file));
    for (const event of listOf(item["kyhop:voteEvents"])) {
      const result = voteEventResult(event);
      if (result && !results.some((known) => known.id === result.id)) results.push(result);
    }
  }
  return { results, files };
}

function timeOf(iso: string | null): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/**
 * Every closed poll's result, newest first (by when it closed): those announced live during
 * this visit and those of the open data; the live one wins for the same poll. A result with no
 * known time (just announced live) comes first.
 */
export function mergeResults(announced: Poll[], published: PublicResult[]): PublicResult[] {
  const byId = new Map(published.map((result) => [result.id, result]));
  const live: PublicResult[] = announced.filter(isAnnounced).map((poll) => {
    const id = String(poll.id);
    return { id, title: poll.title, result: poll.result, endedAt: poll.closed_at ?? byId.get(id)?.endedAt ?? null };
  });
  const liveIds = new Set(live.map((result) => result.id));
  // Live first (newest first), then the others: the sort is stable, so that order breaks ties.
  return [...live, ...published.filter((result) => !liveIds.has(result.id))].sort((a, b) => {
    const [ta, tb] = [timeOf(a.endedAt), timeOf(b.endedAt)];
    if (ta === tb) return 0;
    if (ta === null) return -1;
    if (tb === null) return 1;
    return tb - ta;
  });
}

/** A public document and its file to view, when the open data has it yet. */
export interface PublicDocument {
  document: DocumentInfo;
  href: string | null;
}

/** The public documents (never a confidential one), each with its OParl File's accessUrl. */
export function documentLinks(documents: DocumentInfo[], files: ReadonlyMap<number, string>): PublicDocument[] {
  return publicDocuments(documents).map((document) => ({ document, href: files.get(document.id) ?? null }));
}

/** What the open data is loaded again on: the connection, and the closed poll on screen. */
export interface LiveWatch {
  status: ConnectionStatus;
  closedPoll: string | null;
}

export function liveWatch(status: ConnectionStatus, poll: Poll | null): LiveWatch {
  return { status, closedPoll: isAnnounced(poll) ? String(poll.id) : null };
}

/**
 * Whether the open data should be loaded again (it was loaded when the page opened): a poll
 * closed while live, or the connection is back (after a loss, or the open data had failed).
 */
export function reloadsOpenData(before: LiveWatch, after: LiveWatch, openDataFailed: boolean): boolean {
  if (after.status !== "live") return false;
  if (before.status !== "live") return before.status === "reconnecting" || openDataFailed;
  return after.closedPoll !== null && after.closedPoll !== before.closedPoll;
}
