// The chair's poll form → the POST /agenda-items/{id}/polls body, per preset (API.md "Voting").
// Resolution and confidence polls leave the options to the server, which knows the legal wording.
import type { PollBasis, PollCreate, PollPreset, PollThreshold } from "../api/voting";

export interface PollForm {
  title: string;
  preset: PollPreset;
  /** One option (or candidate) per line: election and custom polls. */
  optionsText: string;
  secret: boolean;
  basis: PollBasis;
  threshold: PollThreshold;
  maxChoices: number;
  durationText: string;
  allowChange: boolean;
  requirePresence: boolean;
}

export const PRESETS: readonly PollPreset[] = ["resolution", "confidence", "election", "custom"];

export function formFor(preset: PollPreset, title = ""): PollForm {
  return {
    title,
    preset,
    optionsText: "",
    secret: preset === "confidence" || preset === "election",
    basis: "seated",
    threshold: "majority",
    maxChoices: 1,
    durationText: "",
    allowChange: false,
    requirePresence: true,
  };
}

export function presetNeedsOptions(preset: PollPreset): boolean {
  return preset === "election" || preset === "custom";
}

export function optionLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export type FormProblem = "title" | "options" | "duration";

/** Candidates for an election (one is enough); options of a custom poll (two at least). */
export function minimumOptions(preset: PollPreset): number {
  return preset === "custom" ? 2 : preset === "election" ? 1 : 0;
}

export function problemsOf(form: PollForm): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!form.title.trim()) problems.push("title");
  if (optionLines(form.optionsText).length < minimumOptions(form.preset)) problems.push("options");
  if (form.durationText.trim() && !/^\d+$/.test(form.durationText.trim())) problems.push("duration");
  return problems;
}

export function pollRequest(form: PollForm): PollCreate {
  const request: PollCreate = {
    title: form.title.trim(),
    preset: form.preset,
    secret: form.secret,
    basis: form.basis,
    threshold: form.threshold,
    require_presence: form.requirePresence,
    allow_change: form.secret ? false : form.allowChange,
  };
  if (presetNeedsOptions(form.preset)) request.options = optionLines(form.optionsText);
  if (form.preset === "election") {
    request.max_choices = Math.max(1, Math.min(form.maxChoices, request.options?.length ?? 1));
  }
  const duration = Number(form.durationText.trim());
  if (form.durationText.trim() && duration > 0) request.duration_s = duration;
  return request;
}
