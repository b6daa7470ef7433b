// The server's OParl 1.1 open data (docs/oparl.md), as far as the public live page reads it:
// a Meeting with its agenda items, their Files and their vote events. No login, no token: the
// same answer anyone gets. Everything here is read tolerantly (publicView.ts checks each field).
import type { PollCount, PollResult } from "../api/voting";

/** A published document's current version (OParl File). `id` ends with the document's id. */
export interface OparlFile {
  id: string;
  type?: string;
  name?: string;
  fileName?: string;
  mimeType?: string;
  size?: number;
  /** The PDF to view (inline): …/oparl/v1/files/{documentId}/access. */
  accessUrl: string;
  /** The PDF to save (attachment). */
  downloadUrl?: string;
}

/** `kyhop:result`: the app's PollResult as guests get it live, without the empty lists. */
export type OparlPollResult = Omit<PollResult, "counts"> & { counts?: PollCount[] };

/** A closed poll as a Popolo VoteEvent (https://www.popoloproject.com/specs/vote-event.html). */
export interface PopoloVoteEvent {
  /** The poll's id, as a string. */
  identifier: string;
  motion?: { text?: string; requirement?: string; result?: "pass" | "fail" };
  start_date?: string;
  end_date?: string;
  result?: "pass" | "fail";
  "kyhop:result"?: OparlPollResult;
}

export interface OparlAgendaItem {
  id: string;
  number?: string;
  name?: string;
  resolutionFile?: OparlFile;
  auxiliaryFile?: OparlFile[];
  "kyhop:voteEvents"?: PopoloVoteEvent[];
}

export interface OparlMeeting {
  id: string;
  type?: string;
  name?: string;
  agendaItem?: OparlAgendaItem[];
  /** The minutes. */
  resultsProtocol?: OparlFile;
  /** The documents of no agenda item (the minutes apart). */
  auxiliaryFile?: OparlFile[];
  deleted?: false;
}

/** What an object that left public view answers (OParl 1.1 §2.8): nothing else of it is shown. */
export interface OparlTombstone {
  id: string;
  type?: string;
  created?: string;
  modified?: string;
  deleted: true;
}

export const oparlMeetingPath = (meetingId: number) => `/oparl/v1/meetings/${meetingId}`;

/**
 * The meeting's OParl object as JSON (unchecked), or null when the server has no such public
 * meeting (404). Anything else that is not a 200 with JSON rejects.
 */
export async function fetchOparlMeeting(meetingId: number, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(oparlMeetingPath(meetingId), {
    headers: { Accept: "application/json" },
    credentials: "omit",
    cache: "no-store",
    signal,
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`OParl meeting ${meetingId}: HTTP ${response.status}`);
  return (await response.json()) as unknown;
}
