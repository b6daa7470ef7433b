// Pure views of the live state for the meeting screens.
import type { AgendaItem, Attendance, AttendanceEntry, DocumentInfo } from "../api/types";
import type { LiveState } from "../live/state";
import { countsAsPresent } from "./attendanceText";

export function currentItemId(state: LiveState): number | null {
  return state.meeting?.current_item_id ?? state.agenda.find((item) => item.state === "current")?.id ?? null;
}

export function findItem(agenda: AgendaItem[], id: number | null): AgendaItem | null {
  return id === null ? null : (agenda.find((item) => item.id === id) ?? null);
}

/** The documents of one agenda item, or (itemId null) those attached to no item. */
export function documentsFor(documents: DocumentInfo[], itemId: number | null): DocumentInfo[] {
  return documents.filter((document) => (document.agenda_item_id ?? null) === itemId);
}

export function myAttendance(attendance: Attendance | null, userId: number | undefined): AttendanceEntry | null {
  if (!attendance || userId === undefined) return null;
  return attendance.items.find((entry) => entry.user_id === userId) ?? null;
}

export function isCheckedIn(entry: AttendanceEntry | null): boolean {
  return !!entry && (entry.checked_in || countsAsPresent(entry.status));
}

/** The item's title with its number ("2.1. Tờ trình …"). */
export function itemLabel(item: AgendaItem): string {
  return item.number ? `${item.number}. ${item.title}` : item.title;
}
