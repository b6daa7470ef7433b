// The live state keeps the meeting's questions: from the snapshot, then question.updated.
import { describe, expect, it } from "vitest";
import { applyEvent, applySnapshot, APPLIED_EVENT_TYPES } from "../live/state";
import { event, snapshot } from "../test/fixtures";
import { question } from "./fixtures";

describe("questions in the live state", () => {
  it("come with the snapshot, by number; none when it has none", () => {
    expect(applySnapshot(snapshot(5, { questions: [question(2), question(1)] })).questions.map((q) => q.id)).toEqual([1, 2]);
    expect(applySnapshot(snapshot(5)).questions).toEqual([]);
  });

  it("question.updated adds a new one and replaces a known one", () => {
    let state = applySnapshot(snapshot(5, { questions: [question(1)] }));
    state = applyEvent(state, event(6, "question.updated", { question: question(2) }));
    state = applyEvent(state, event(7, "question.updated", { question: question(1, { state: "accepted" }) }));
    expect(state.questions.map((q) => [q.id, q.state])).toEqual([
      [1, "accepted"],
      [2, "submitted"],
    ]);
    expect(state.seq).toBe(7);
    expect(APPLIED_EVENT_TYPES).toContain("question.updated");
  });

  it("a question.updated without a question only advances seq", () => {
    const before = applySnapshot(snapshot(5, { questions: [question(1)] }));
    const after = applyEvent(before, event(6, "question.updated", {}));
    expect(after.questions).toBe(before.questions);
    expect(after.seq).toBe(6);
  });
});
