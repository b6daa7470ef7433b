import { describe, expect, it } from "vitest";
import { agendaItem, attendance, documentInfo, snapshot } from "../test/fixtures";
import { applySnapshot } from "../live/state";
import { currentItemId, documentsFor, isCheckedIn, itemLabel, myAttendance } from "./selectors";

describe("meeting selectors", () => {
  it("find the current item from the meeting, or from the agenda", () => {
    expect(currentItemId(applySnapshot(snapshot(1)))).toBeNull();
    const byAgenda = applySnapshot(snapshot(1, { agenda: [agendaItem(1), agendaItem(2, { state: "current" })] }));
    expect(currentItemId(byAgenda)).toBe(2);
  });

  it("group documents by agenda item", () => {
    const documents = [documentInfo(1, { agenda_item_id: 1 }), documentInfo(2, { agenda_item_id: null }), documentInfo(3, { agenda_item_id: 1 })];
    expect(documentsFor(documents, 1).map((document) => document.id)).toEqual([1, 3]);
    expect(documentsFor(documents, null).map((document) => document.id)).toEqual([2]);
  });

  it("find my own attendance entry", () => {
    const summary = {
      ...attendance(1),
      items: [{ user_id: 4, full_name: "A", status: "present" as const, reason: "", checked_in: true }],
    };
    expect(isCheckedIn(myAttendance(summary, 4))).toBe(true);
    expect(myAttendance(summary, 5)).toBeNull();
    expect(isCheckedIn(null)).toBe(false);
    // Admitted online by the chair: counted as present, no check-in to offer.
    const online = { user_id: 5, full_name: "B", status: "online" as const, reason: "", checked_in: false };
    expect(isCheckedIn(online)).toBe(true);
    expect(isCheckedIn({ ...online, status: "absent" })).toBe(false);
  });

  it("number items", () => {
    expect(itemLabel(agendaItem(3, { number: "2.1", title: "Tờ trình" }))).toBe("2.1. Tờ trình");
  });
});
