// What the result means, in words for the hall: a resolution passes or not; a confidence poll
// reaches the low-confidence threshold or not; an election names who is elected.
import type { PollId, PollResult } from "../api/voting";

export type VerdictKey =
  | "result.passed"
  | "result.failed"
  | "result.lowConfidence"
  | "result.lowConfidenceNotReached"
  | "result.elected"
  | "result.noneElected";

export interface Verdict {
  key: VerdictKey;
  tone: "passed" | "failed" | "neutral";
  /** Election: the labels of the candidates elected, and of those tied for the last seat. */
  elected: string[];
  tied: string[];
}

function labelsOf(result: PollResult, ids: PollId[] | undefined): string[] {
  return (ids ?? []).map((id) => result.counts.find((count) => String(count.option_id) === String(id))?.label ?? String(id));
}

export function verdictOf(result: PollResult): Verdict {
  const base = { elected: labelsOf(result, result.elected), tied: labelsOf(result, result.tied) };
  switch (result.outcome) {
    case "low_confidence":
      return { ...base, key: "result.lowConfidence", tone: "failed" };
    case "low_confidence_not_reached":
      return { ...base, key: "result.lowConfidenceNotReached", tone: "neutral" };
    case "elected":
      return { ...base, key: "result.elected", tone: "passed" };
    case "none_elected":
      return { ...base, key: "result.noneElected", tone: "failed" };
    default:
      return { ...base, key: result.passed ? "result.passed" : "result.failed", tone: result.passed ? "passed" : "failed" };
  }
}
