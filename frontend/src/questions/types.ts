// Questioning's shapes as the server sends them (API.md "Questions (chất vấn)"; QuestionOut,
// TopicOut, CommitmentOut). Spelled out here because the generated schema predates questioning.

export type QuestionState = "submitted" | "accepted" | "written" | "rejected" | "asked" | "answered";
export type Decision = "accepted" | "written" | "rejected";
export type CommitmentState = "open" | "done";

export interface Person {
  user_id: number;
  full_name: string;
  /** chức vụ */
  position: string;
}

export interface AgencyRef {
  id: number;
  name: string;
}

export interface Answer {
  text: string;
  /** Answered on the floor (trả lời trực tiếp), else in writing. */
  on_floor: boolean;
  answered_at: string;
  answered_by: Person | null;
  file_url: string | null;
  filename: string;
}

export interface Commitment {
  id: number;
  question_id: number;
  council_id: number;
  meeting_id: number;
  text: string;
  /** YYYY-MM-DD */
  due_on: string;
  state: CommitmentState;
  overdue: boolean;
  respondent: Person | null;
  agency: AgencyRef | null;
  created_at: string;
  done_at: string | null;
}

export interface Question {
  id: number;
  meeting_id: number;
  /** Phiếu chất vấn số …, per meeting. */
  number: number;
  state: QuestionState;
  asker: Person;
  respondent: Person | null;
  agency: AgencyRef | null;
  topic_id: number | null;
  text: string;
  submitted_at: string;
  /** Why it was refused. */
  reason: string;
  asked_at: string | null;
  answer: Answer | null;
  /** YYYY-MM-DD, for a written answer once the meeting closed. */
  answer_due: string | null;
  overdue: boolean;
  commitments: Commitment[];
}

/** Nhóm vấn đề chất vấn. */
export interface Topic {
  id: number;
  meeting_id: number;
  title: string;
  position: number;
  respondents: Person[];
}

/** An agency and the officials who answer for it (GET /councils/{id}/agencies). */
export interface AgencyOption {
  id: number;
  name: string;
  respondents?: Person[];
}

/** Every state, in the order of a question's life. */
export const QUESTION_STATES: readonly QuestionState[] = ["submitted", "accepted", "written", "rejected", "asked", "answered"];
