// Every key the screens build from a value (`meeting.state.${state}`, …) exists in the dictionary.
import { describe, expect, it } from "vitest";
import { AGENCY_KINDS, ATTENDANCE_STATUSES, DOCUMENT_KINDS, MEETING_KINDS, MEMBER_ROLES, UNIT_KINDS } from "../api/types";
import { SPEAKER_KINDS, SPEAKER_STATES } from "../floor/types";
import { SIGNATURE_PROBLEMS } from "../record/types";
import { PRESETS } from "../voting/presets";
import { vi } from "./vi";

const built = [
  ...["draft", "published", "in_progress", "closed"].map((state) => `meeting.state.${state}`),
  ...MEETING_KINDS.map((kind) => `meeting.kind.${kind}`),
  ...DOCUMENT_KINDS.map((kind) => `document.kind.${kind}`),
  ...ATTENDANCE_STATUSES.map((status) => `attendance.status.${status}`),
  ...UNIT_KINDS.map((kind) => `council.unitKind.${kind}`),
  ...AGENCY_KINDS.map((kind) => `agency.kind.${kind}`),
  ...MEMBER_ROLES.map((role) => `role.${role}`),
  ...["connecting", "live", "reconnecting", "unauthenticated", "forbidden", "offline"].map((status) => `connection.${status}`),
  ...PRESETS.map((preset) => `chair.preset.${preset}`),
  ...["draft", "open", "closed"].map((state) => `chair.state.${state}`),
  ...["seated", "present", "cast"].map((basis) => `result.basis.${basis}`),
  ...["majority", "two_thirds"].map((threshold) => `result.threshold.${threshold}`),
  ...["title", "options", "duration"].map((problem) => `chair.problem.${problem}`),
  ...SPEAKER_KINDS.map((kind) => `floor.kind.${kind}`),
  ...SPEAKER_STATES.map((state) => `floor.state.${state}`),
  ...["draft", "final"].map((state) => `minutes.state.${state}`),
  ...["pdf", "docx"].map((format) => `minutes.${format}`),
  ...["good", "unknown", "bad"].map((verdict) => `signature.verdict.${verdict}`),
  ...SIGNATURE_PROBLEMS.map((problem) => `signature.problem.${problem}`),
];

describe("dictionary", () => {
  it.each(built)("has %s", (key) => {
    expect(Object.keys(vi)).toContain(key);
  });
});
