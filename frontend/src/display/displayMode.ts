// What the hall screen shows: an open poll always; else whoever holds the floor (with the
// countdown); else a closed poll's result while the meeting is still on that poll's agenda item;
// otherwise the current item.
import type { Poll } from "../api/voting";
import { currentSpeaker } from "../floor/speakers";
import type { LiveState } from "../live/state";
import { currentItemId } from "../meeting/selectors";

export type DisplayContent = { kind: "poll"; poll: Poll } | { kind: "speaker"; itemId: number | null } | { kind: "item"; itemId: number | null };

export function displayContent(state: LiveState): DisplayContent {
  const poll = state.poll;
  const current = currentItemId(state);
  if (poll?.state === "open") return { kind: "poll", poll };
  if (state.meeting?.state !== "closed" && currentSpeaker(state.speakers)) return { kind: "speaker", itemId: current };
  if (poll?.state === "closed" && poll.result && (poll.agenda_item_id == null || poll.agenda_item_id === current)) {
    return { kind: "poll", poll };
  }
  return { kind: "item", itemId: current };
}
