// The chair's questioning on the floor: which speaker holds the floor for a question. Pure.
import type { Speaker } from "../floor/types";

/**
 * The speaker (question or answer) holding the floor for a question: from the live list of
 * speakers when the screen has one, else the last one this console started (while it speaks).
 */
export function questionOnFloor(speakers: readonly Speaker[] | null, lastStarted: Speaker | null): Speaker | null {
  const holding = (speaker: Speaker | null | undefined) =>
    speaker && speaker.question_id != null && (speaker.state === "speaking" || speaker.state === "paused") ? speaker : null;
  if (speakers) return holding(speakers.find((speaker) => speaker.state === "speaking" || speaker.state === "paused"));
  return holding(lastStarted);
}
