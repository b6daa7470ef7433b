// Voter petitions' shapes as the server sends them (app/petitions/schemas.py, report.py). Spelled
// out here because the generated schema predates petitions.

export type PetitionState = "received" | "assigned" | "answered" | "closed";
export type ResponseStatus = "resolved" | "explained" | "in_progress" | "unresolved";
export type Level = "central" | "province" | "commune";

/** Every value, in the order of a petition's life (rules.STATES, STATUSES, LEVELS). */
export const PETITION_STATES: readonly PetitionState[] = ["received", "assigned", "answered", "closed"];
export const RESPONSE_STATUSES: readonly ResponseStatus[] = ["resolved", "explained", "in_progress", "unresolved"];
export const LEVELS: readonly Level[] = ["central", "province", "commune"];

export interface AgencyRef {
  id: number;
  name: string;
}

export interface Petition {
  id: number;
  council_id: number;
  text: string;
  field: string;
  locality: string;
  level: Level | null;
  needs_resources: boolean | null;
  agency: AgencyRef | null;
  /** YYYY-MM-DD */
  due_on: string | null;
  state: PetitionState;
  overdue: boolean;
  /** The latest response's. */
  status: ResponseStatus | null;
  merged_into_id: number | null;
  source_count: number;
  created_at: string;
  answered_at: string | null;
  closed_at: string | null;
}

export interface Source {
  id: number;
  voter_meeting_id: number | null;
  held_on: string | null;
  place: string;
  text: string;
  locality: string;
}

/** The agency's letter (công văn) sent with an answer, as a PDF. */
export interface Attachment {
  filename: string;
  size: number;
  /** GET with the login's token: /api/v1/petitions/{pid}/responses/{rid}/file */
  url: string;
}

export interface PetitionResponse {
  id: number;
  status: ResponseStatus;
  text: string;
  plan_due_on: string | null;
  agency_id: number | null;
  responded_by: number | null;
  created_at: string;
  /** Absent from servers older than answers with letters; null when none was sent. */
  attachment?: Attachment | null;
}

export interface Review {
  id: number;
  accepted: boolean;
  comment: string;
  response_id: number | null;
  reviewed_by: number | null;
  created_at: string;
}

export interface PetitionDetail extends Petition {
  sources: Source[];
  responses: PetitionResponse[];
  reviews: Review[];
}

export interface PetitionPage {
  items: Petition[];
  next: string | null;
}

export interface Similar {
  id: number;
  text: string;
  state: PetitionState;
  /** 0–100 */
  score: number;
}

export interface VoterMeeting {
  id: number;
  council_id: number;
  held_on: string;
  place: string;
  unit: string;
  deputy_ids: number[];
  voters: number | null;
  meeting_id: number | null;
  when: "before" | "after";
  petitions: number;
}

export type VoterMeetingWhen = VoterMeeting["when"];
export const VOTER_MEETING_WHEN: readonly VoterMeetingWhen[] = ["before", "after"];

/** POST /councils/{id}/voter-meetings (schemas.VoterMeetingCreate). */
export interface VoterMeetingCreate {
  /** YYYY-MM-DD */
  held_on: string;
  place: string;
  unit: string;
  deputy_ids: number[];
  voters: number | null;
  when: VoterMeetingWhen;
}

/** A council's deputy (or chair) who may meet the voters (GET /councils/{id}/members, filtered). */
export interface DeputyOption {
  user_id: number;
  full_name: string;
  role: string;
  title: string;
}

export interface ImportOutcome {
  created: number;
  merged: number;
}

/** Classification and assignment (PATCH one, or many with petition_ids). */
export interface Assignment {
  agency_id?: number | null;
  due_on?: string | null;
  level?: Level | null;
  needs_resources?: boolean | null;
}

export interface ReportGroup {
  key: string;
  name: string;
  total: number;
  closed: number;
  resolved: number;
  overdue: number;
  /** per cent, one decimal */
  resolved_share: number;
}

export interface OverdueItem {
  id: number;
  text: string;
  agency: string | null;
  due_on: string;
  days_overdue: number;
  state: PetitionState;
}

export interface ReportMonth {
  /** yyyy-mm */
  month: string;
  received: number;
  closed: number;
}

/** GET /councils/{id}/petitions/report (report.Report by alias). */
export interface Report {
  council_id: number;
  council: string;
  from: string;
  to: string;
  as_of: string;
  total: number;
  resolved: number;
  resolved_share: number;
  overdue: number;
  by_state: Record<string, number>;
  by_status: Record<string, number>;
  by_agency: ReportGroup[];
  by_field: ReportGroup[];
  by_level: ReportGroup[];
  /** null for the province's oversight of a commune */
  overdue_items: OverdueItem[] | null;
  months: ReportMonth[];
}

export interface DigestItem {
  id: number;
  text: string;
  agency: string | null;
  due_on: string | null;
  /** negative once overdue */
  days_left: number | null;
  state: PetitionState;
}

/** GET /councils/{id}/petitions/digest (app/petitions/digest.py): today's work. */
export interface Digest {
  council_id: number;
  /** set when the digest is an agency's (a respondent's) */
  agency_id: number | null;
  as_of: string;
  remind_days: number;
  overdue: DigestItem[];
  due_soon: DigestItem[];
  /** the secretariat's digest only */
  awaiting_review: DigestItem[] | null;
  /** the secretariat's digest only */
  unassigned: number | null;
}
