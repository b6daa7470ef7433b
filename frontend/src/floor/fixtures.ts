// Test data shaped like the server's SpeakerOut.
import type { Speaker } from "./types";

export function speaker(id: number, overrides: Partial<Speaker> = {}): Speaker {
  return {
    id,
    agenda_item_id: 1,
    user_id: 100 + id,
    full_name: `Đại biểu ${id}`,
    kind: "discussion",
    state: "waiting",
    position: id,
    allotted_s: 420,
    spoken_s: 0,
    started_at: null,
    ends_at: null,
    first_started_at: null,
    ended_at: null,
    question_id: null,
    ...overrides,
  };
}
