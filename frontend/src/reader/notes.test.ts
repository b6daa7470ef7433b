import { describe, expect, it } from "vitest";
import { noteFor, pagesWithNotes, withNote } from "./notes";

describe("notes", () => {
  const notes = [
    { page: 3, text: "hỏi lại số liệu" },
    { page: 1, text: "xem kỹ", rect: [1, 2, 3, 4] },
  ];

  it("reads the page's note", () => {
    expect(noteFor(notes, 3)).toBe("hỏi lại số liệu");
    expect(noteFor(notes, 1)).toBe("");
  });

  it("replaces, adds and removes a page's note, keeping area notes", () => {
    expect(withNote(notes, 3, "mới")).toEqual([
      { page: 1, text: "xem kỹ", rect: [1, 2, 3, 4] },
      { page: 3, text: "mới" },
    ]);
    expect(withNote(notes, 2, "thêm").map((note) => note.page)).toEqual([1, 2, 3]);
    expect(withNote(notes, 3, "  ")).toEqual([{ page: 1, text: "xem kỹ", rect: [1, 2, 3, 4] }]);
  });

  it("lists the pages that have notes", () => {
    expect(pagesWithNotes(notes)).toEqual([1, 3]);
  });
});
