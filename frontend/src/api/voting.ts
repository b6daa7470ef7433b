// The voting API (API.md "Voting"). Written against the contract while the server side was being
// built; the generated schema types `result` only as an object, so its shape is spelled out here.
import { requestJson } from "./http";

export type PollId = number | string;
export type PollPreset = "resolution" | "confidence" | "election" | "custom";
export type PollBasis = "seated" | "present" | "cast";
export type PollThreshold = "majority" | "two_thirds";
export type PollState = "draft" | "open" | "closed";

export interface PollOption {
  id: PollId;
  label: string;
}

export interface PollProgress {
  eligible: number;
  voted: number;
}

export interface PollCount {
  option_id: PollId;
  label: string;
  votes: number;
}

export interface PollResult {
  counts: PollCount[];
  basis: PollBasis;
  threshold: PollThreshold;
  base: number;
  required: number;
  passed: boolean;
  /** Each deputy's choice: open (named) polls only. */
  votes?: { user_id: number; option_ids: PollId[] }[];
  seated?: number;
  present?: number;
  cast?: number;
  /** adopted / rejected (resolution, custom), low_confidence / low_confidence_not_reached
   * (confidence: `passed` means the low-confidence threshold was reached), elected / none_elected. */
  outcome?: string;
  decisive_option_id?: PollId;
  /** Elections: candidates elected, and those tied for the last seat (another round needed). */
  elected?: PollId[];
  tied?: PollId[];
}

/** The caller's own ballot, in answers to a deputy; the choice only for open polls. */
export interface MyBallot {
  voted: boolean;
  option_ids?: PollId[] | null;
}

export interface Poll {
  id: PollId;
  title: string;
  state: PollState;
  secret: boolean;
  options: PollOption[];
  progress?: PollProgress;
  result?: PollResult | null;
  agenda_item_id?: number | null;
  preset?: PollPreset;
  basis?: PollBasis;
  threshold?: PollThreshold;
  max_choices?: number;
  allow_change?: boolean;
  require_presence?: boolean;
  duration_s?: number | null;
  opened_at?: string | null;
  closes_at?: string | null;
  closed_at?: string | null;
  meeting_id?: number;
  revote_of?: PollId | null;
  me?: MyBallot | null;
}

export interface PollCreate {
  title: string;
  preset: PollPreset;
  options?: string[];
  secret: boolean;
  basis: PollBasis;
  threshold: PollThreshold;
  max_choices?: number;
  require_presence?: boolean;
  allow_change?: boolean;
  duration_s?: number;
}

const path = (id: PollId) => `/api/v1/polls/${encodeURIComponent(String(id))}`;

export function createPoll(agendaItemId: number, body: PollCreate): Promise<Poll> {
  return requestJson<Poll>({ method: "POST", path: `/api/v1/agenda-items/${agendaItemId}/polls`, body });
}

/** Opening when the meeting is not quorate is refused (409 not_quorate) unless the chair overrides. */
export function openPoll(id: PollId, overrideQuorum = false): Promise<Poll> {
  return requestJson<Poll>({ method: "POST", path: `${path(id)}/open`, body: { override_quorum: overrideQuorum } });
}

export function closePoll(id: PollId): Promise<Poll> {
  return requestJson<Poll>({ method: "POST", path: `${path(id)}/close` });
}

export function getPoll(id: PollId): Promise<Poll> {
  return requestJson<Poll>({ method: "GET", path: path(id) });
}

export async function listMeetingPolls(meetingId: number): Promise<Poll[]> {
  const answer = await requestJson<{ items: Poll[] }>({ method: "GET", path: `/api/v1/meetings/${meetingId}/polls` });
  return answer.items;
}

/** One ballot; the same key on a retry returns the first answer and changes nothing. */
export function castBallot(id: PollId, optionIds: PollId[], idempotencyKey: string): Promise<{ accepted: boolean }> {
  return requestJson<{ accepted: boolean }>({
    method: "POST",
    path: `${path(id)}/ballots`,
    body: { option_ids: optionIds },
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export interface Voter {
  user_id: number;
  full_name: string;
  voted: boolean;
}

/** Who may vote in an open (named) poll and whether they have; 409 poll_is_secret for secret polls. */
export async function listVoters(id: PollId): Promise<Voter[]> {
  const answer = await requestJson<{ items: Voter[] }>({ method: "GET", path: `${path(id)}/voters` });
  return answer.items;
}
