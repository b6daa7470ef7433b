// Test data shaped like the server's QuestionOut and CommitmentOut.
import type { Commitment, Question } from "./types";

const AT = "2026-12-08T01:00:00+00:00";

export function question(id: number, overrides: Partial<Question> = {}): Question {
  return {
    id,
    meeting_id: 7,
    number: id,
    state: "submitted",
    asker: { user_id: 3, full_name: "Lê Văn An", position: "" },
    respondent: { user_id: 9, full_name: "Trần Thị Tài", position: "Giám đốc Sở Tài chính" },
    agency: { id: 4, name: "Sở Tài chính" },
    topic_id: null,
    text: `Câu hỏi ${id}`,
    submitted_at: AT,
    reason: "",
    asked_at: null,
    answer: null,
    answer_due: null,
    overdue: false,
    commitments: [],
    ...overrides,
  };
}

export function commitment(id: number, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id,
    question_id: 1,
    council_id: 1,
    meeting_id: 7,
    text: `Cam kết ${id}`,
    due_on: "2027-03-31",
    state: "open",
    overdue: false,
    respondent: null,
    agency: { id: 4, name: "Sở Tài chính" },
    created_at: AT,
    done_at: null,
    ...overrides,
  };
}
