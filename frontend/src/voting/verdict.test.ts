import { describe, expect, it } from "vitest";
import { counts, pollResult } from "../test/fixtures";
import { verdictOf } from "./verdict";

const base = pollResult({ counts: counts(["Nguyễn Văn A", 40], ["Trần Thị B", 35], ["Lê Văn C", 35]), passed: true });

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
