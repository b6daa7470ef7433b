import { describe, expect, it } from "vitest";
import type { PollResult } from "../api/voting";
import { verdictOf } from "./verdict";

const base: PollResult = {
  counts: [
    { option_id: 1, label: "Nguyễn Văn A", votes: 40 },
    { option_id: 2, label: "Trần Thị B", votes: 35 },
    { option_id: 3, label: "Lê Văn C", votes: 35 },
  ],
  basis: "seated",
  threshold: "majority",
  base: 60,
  required: 31,
  passed: true,
};

describe("verdictOf", () => {
  it("a resolution: THÔNG QUA or KHÔNG THÔNG QUA", () => {
    expect(verdictOf({ ...base, outcome: "adopted" })).toMatchObject({ key: "result.passed", tone: "passed" });
    expect(verdictOf({ ...base, passed: false, outcome: "rejected" })).toMatchObject({ key: "result.failed", tone: "failed" });
    expect(verdictOf({ ...base, passed: false })).toMatchObject({ key: "result.failed" });
  });

  it("a confidence poll never says 'passed': it says whether low confidence reached the threshold", () => {
    expect(verdictOf({ ...base, outcome: "low_confidence" }).key).toBe("result.lowConfidence");
    expect(verdictOf({ ...base, passed: false, outcome: "low_confidence_not_reached" }).key).toBe("result.lowConfidenceNotReached");
  });

  it("an election names the elected and the tied candidates", () => {
    const verdict = verdictOf({ ...base, passed: false, outcome: "elected", elected: [1], tied: [2, 3] });
    expect(verdict).toMatchObject({ key: "result.elected", elected: ["Nguyễn Văn A"], tied: ["Trần Thị B", "Lê Văn C"] });
    expect(verdictOf({ ...base, passed: false, outcome: "none_elected", elected: [] }).key).toBe("result.noneElected");
  });
});
