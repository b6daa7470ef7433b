import { describe, expect, it } from "vitest";
import type { Note } from "../api/types";
import { afterSend, CONFLICT_SEPARATOR, mergeNotes, queueEdit, withQueued } from "./noteQueue";

const server: Note[] = [
  { page: 1, text: "xem kỹ số liệu" },
  { page: 2, text: "hỏi Sở Tài chính" },
  { page: 2, text: "vùng", rect: [1, 2, 3, 4] },
];

describe("offline note queue", () => {
  it("keeps the base of the first unsent edit", () => {
    let queued = queueEdit({}, server, 1, "xem kỹ số liệu năm 2025");
    queued = queueEdit(queued, [{ page: 1, text: "đã khác" }], 1, "xem kỹ số liệu năm 2026");
    expect(queued).toEqual({ 1: { text: "xem kỹ số liệu năm 2026", base: "xem kỹ số liệu" } });
  });

  it("shows the server's notes with the queued edits applied", () => {
    const queued = queueEdit(queueEdit({}, server, 3, "trang mới"), server, 1, "");
    expect(withQueued(server, queued)).toEqual([
      { page: 2, text: "hỏi Sở Tài chính" },
      { page: 2, text: "vùng", rect: [1, 2, 3, 4] },
      { page: 3, text: "trang mới" },
    ]);
  });

  it("applies edits to pages the server did not change, and keeps notes written elsewhere", () => {
    const queued = queueEdit({}, server, 1, "đã sửa ngoại tuyến");
    const meanwhile: Note[] = [...server, { page: 5, text: "ghi trên máy khác" }];
    const merged = mergeNotes(meanwhile, queued);
    expect(merged.conflicts).toEqual([]);
    expect(merged.notes).toEqual([
      { page: 1, text: "đã sửa ngoại tuyến" },
      { page: 2, text: "hỏi Sở Tài chính" },
      { page: 2, text: "vùng", rect: [1, 2, 3, 4] },
      { page: 5, text: "ghi trên máy khác" },
    ]);
  });

  it("keeps both texts when the same page changed here and elsewhere", () => {
    const queued = queueEdit({}, server, 2, "hỏi Sở Kế hoạch");
    const meanwhile: Note[] = [{ page: 2, text: "hỏi Giám đốc Sở" }];
    const merged = mergeNotes(meanwhile, queued);
    expect(merged.conflicts).toEqual([2]);
    expect(merged.notes).toEqual([{ page: 2, text: `hỏi Giám đốc Sở${CONFLICT_SEPARATOR}hỏi Sở Kế hoạch` }]);
  });

  it("does not let a deletion here remove a note changed elsewhere", () => {
    const queued = queueEdit({}, server, 1, "");
    expect(mergeNotes([{ page: 1, text: "bổ sung trên máy khác" }], queued)).toEqual({
      notes: [{ page: 1, text: "bổ sung trên máy khác" }],
      conflicts: [1],
    });
    // Unchanged elsewhere: the deletion goes through.
    expect(mergeNotes(server, queued).notes.some((note) => note.page === 1)).toBe(false);
  });

  it("is not a conflict when both sides wrote the same text, or the page was empty on the server", () => {
    const queued = queueEdit({}, [], 4, "giống nhau");
    expect(mergeNotes([{ page: 4, text: "giống nhau" }], queued).conflicts).toEqual([]);
    expect(mergeNotes([], queueEdit({}, server, 1, "mới")).notes[0]).toEqual({ page: 1, text: "mới" });
  });

  it("keeps edits typed while a send was in flight, rebased on the saved text", () => {
    const sent = queueEdit(queueEdit({}, server, 1, "a"), server, 3, "b");
    const now = { ...sent, 3: { text: "b thêm", base: "" } };
    const saved: Note[] = [{ page: 1, text: "a" }, { page: 3, text: "b" }];
    expect(afterSend(now, sent, saved)).toEqual({ 3: { text: "b thêm", base: "b" } });
    expect(afterSend(sent, sent, saved)).toEqual({});
  });
});
