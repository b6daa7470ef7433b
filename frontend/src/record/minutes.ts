// The minutes' pure logic: reading them from a snapshot, merging a `minutes.updated` event (its
// head and, when it carries one, the note), each item's note, and when finalizing is offered.
import { ApiError } from "../api/errors";
import type { MeetingState } from "../api/types";
import type { Minutes, MinutesHead, MinutesNote } from "./types";

const byItem = (a: MinutesNote, b: MinutesNote) => a.agenda_item_id - b.agenda_item_id;

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object";
}

/** The minutes of a snapshot (notes by agenda item id), or null for anything else. */
export function minutesIn(value: unknown): Minutes | null {
  if (!isRecord(value) || typeof value.state !== "string") return null;
  const minutes = value as unknown as Minutes;
  return { ...minutes, notes: Array.isArray(minutes.notes) ? minutes.notes.slice().sort(byItem) : [] };
}

/** The note added or replaced by agenda item, the list kept by agenda item id. */
export function upsertNote(notes: readonly MinutesNote[], note: MinutesNote): MinutesNote[] {
  return [...notes.filter((known) => known.agenda_item_id !== note.agenda_item_id), note].sort(byItem);
}

/**
 * A `minutes.updated` event applied to the known minutes: the head's fields merged, the note (if
 * any: guests get none for an item hidden from them) upserted. Without known minutes (a state
 * stored before the record existed) nothing is made up from a head alone.
 */
export function applyMinutesUpdate(minutes: Minutes | null, data: Record<string, unknown>): Minutes | null {
  if (!minutes || !isRecord(data.minutes)) return minutes;
  const head = data.minutes as unknown as Partial<MinutesHead>;
  const note = isRecord(data.note) && typeof data.note.agenda_item_id === "number" ? (data.note as unknown as MinutesNote) : null;
  const { notes: _ignored, ...fields } = head as Partial<Minutes>;
  return { ...minutes, ...fields, notes: note ? upsertNote(minutes.notes, note) : minutes.notes };
}

/** The note's text for an item ("" when none was written). */
export function noteText(minutes: Minutes | null, itemId: number): string {
  return minutes?.notes.find((note) => note.agenda_item_id === itemId)?.text ?? "";
}

/** "Hoàn thành biên bản" is offered once the meeting is closed, while the minutes are a draft. */
export function mayFinalize(meetingState: MeetingState | undefined, minutes: Pick<Minutes, "state"> | null): boolean {
  return meetingState === "closed" && minutes?.state === "draft";
}

/**
 * The action again while it is refused with `code` (finalizing refused with minutes_changed: a
 * note changed between the server reading and storing the minutes), at most `attempts` times.
 */
export async function retryingOn<T>(code: string, attempts: number, action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (failure) {
      if (attempt >= attempts || !(failure instanceof ApiError) || failure.code !== code) throw failure;
    }
  }
}
