// The floor's shapes as the server sends them (API.md "The floor: speakers"; SpeakerOut). Spelled
// out here because the generated schema predates the floor.

export type SpeakerKind = "discussion" | "debate" | "question" | "answer" | "point_of_order";
export type SpeakerState = "waiting" | "speaking" | "paused" | "done" | "withdrawn";

export interface Speaker {
  id: number;
  agenda_item_id: number;
  user_id: number;
  full_name: string;
  /** Chức vụ in the meeting's council. */
  title?: string;
  /** Đơn vị / tổ đại biểu, or a respondent's agency. */
  unit?: string;
  kind: SpeakerKind;
  state: SpeakerState;
  position: number;
  allotted_s: number;
  /** Seconds spoken before the current turn. */
  spoken_s: number;
  /** When the current turn started (server time), while speaking. */
  started_at: string | null;
  /** When the allotted time runs out (server time), while the clock runs. */
  ends_at: string | null;
  first_started_at: string | null;
  ended_at: string | null;
  question_id?: number | null;
}

/** Seconds per kind when a meeting has not chosen its own (API.md, PATCH /meetings/{id}). */
export const DEFAULT_SPEAKING_TIME_S: Readonly<Record<SpeakerKind, number>> = {
  discussion: 420,
  debate: 180,
  question: 120,
  answer: 300,
  point_of_order: 60,
};

/** Every kind, in the order screens offer them. */
export const SPEAKER_KINDS: readonly SpeakerKind[] = ["discussion", "debate", "question", "answer", "point_of_order"];

/** What a deputy registers for from the tablet (a point of order has its own button). */
export const DEPUTY_KINDS: readonly SpeakerKind[] = ["discussion", "debate", "question"];

export const SPEAKER_STATES: readonly SpeakerState[] = ["waiting", "speaking", "paused", "done", "withdrawn"];
