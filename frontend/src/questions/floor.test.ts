import { describe, expect, it } from "vitest";
import type { Speaker } from "../floor/types";
import { questionOnFloor } from "./floor";

function speaker(id: number, overrides: Partial<Speaker> = {}): Speaker {
  return {
    id,
    agenda_item_id: 1,
    user_id: 3,
    full_name: "Lê Văn An",
    kind: "question",
    state: "waiting",
    position: id,
    allotted_s: 120,
    spoken_s: 0,
    started_at: null,
    ends_at: null,
    first_started_at: null,
    ended_at: null,
    question_id: 5,
    ...overrides,
  };
}

describe("questionOnFloor", () => {
  it("takes the one speaking from the live list, if on a question", () => {
    expect(questionOnFloor([speaker(1), speaker(2, { state: "speaking" })], null)?.id).toBe(2);
    expect(questionOnFloor([speaker(2, { state: "speaking", kind: "discussion", question_id: null })], speaker(9, { state: "speaking" }))).toBeNull();
    expect(questionOnFloor([], speaker(9, { state: "speaking" }))).toBeNull();
  });

  it("without a list, the last one started while it speaks", () => {
    expect(questionOnFloor(null, speaker(9, { state: "speaking" }))?.id).toBe(9);
    expect(questionOnFloor(null, speaker(9, { state: "done" }))).toBeNull();
    expect(questionOnFloor(null, null)).toBeNull();
  });
});
