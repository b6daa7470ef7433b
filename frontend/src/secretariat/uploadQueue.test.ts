import { describe, expect, it } from "vitest";
import { nextToStart, titleFromFileName, uploadReducer, type UploadAction, type UploadEntry } from "./uploadQueue";

const run = (actions: UploadAction[], from: UploadEntry[] = []) => actions.reduce(uploadReducer, from);
const files = [
  { id: "a", name: "a.pdf", size: 10 },
  { id: "b", name: "b.pdf", size: 20 },
  { id: "c", name: "c.pdf", size: 30 },
];

describe("upload queue", () => {
  it("tracks each file's progress and outcome independently", () => {
    const entries = run([
      { type: "add", files },
      { type: "start", id: "a" },
      { type: "start", id: "b" },
      { type: "progress", id: "a", fraction: 0.5 },
      { type: "refused", id: "b", message: "Tệp không phải PDF" },
    ]);
    expect(entries.map((entry) => [entry.id, entry.status, entry.progress, entry.message])).toEqual([
      ["a", "uploading", 0.5, null],
      ["b", "refused", 0, "Tệp không phải PDF"],
      ["c", "waiting", 0, null],
    ]);
  });

  it("starts at most N at a time", () => {
    let entries = run([{ type: "add", files }]);
    expect(nextToStart(entries, 2).map((entry) => entry.id)).toEqual(["a", "b"]);
    entries = run([{ type: "start", id: "a" }, { type: "start", id: "b" }], entries);
    expect(nextToStart(entries, 2)).toEqual([]);
    entries = run([{ type: "done", id: "a" }], entries);
    expect(nextToStart(entries, 2).map((entry) => entry.id)).toEqual(["c"]);
  });

  it("clears finished files and keeps the rest", () => {
    const entries = run([{ type: "add", files }, { type: "start", id: "a" }, { type: "done", id: "a" }, { type: "refused", id: "b", message: "x" }, { type: "clearFinished" }]);
    expect(entries.map((entry) => entry.id)).toEqual(["c"]);
  });

  it("keeps progress within 0..1", () => {
    const entries = run([{ type: "add", files }, { type: "progress", id: "a", fraction: 1.7 }]);
    expect(entries[0]?.progress).toBe(1);
  });

  it("holds chosen files with an editable title until sent; the PDF's title does not replace a typed one", () => {
    let entries = run([{ type: "add", files: files.slice(0, 2), staged: true }]);
    expect(entries.map((entry) => [entry.status, entry.title])).toEqual([
      ["staged", "a"],
      ["staged", "b"],
    ]);
    expect(nextToStart(entries, 2)).toEqual([]);
    entries = run(
      [
        { type: "title", id: "a", title: "Tờ trình số 12", typed: false },
        { type: "title", id: "b", title: "Báo cáo thẩm tra", typed: true },
        { type: "title", id: "b", title: "Untitled", typed: false },
        { type: "send" },
      ],
      entries,
    );
    expect(entries.map((entry) => [entry.status, entry.title])).toEqual([
      ["waiting", "Tờ trình số 12"],
      ["waiting", "Báo cáo thẩm tra"],
    ]);
  });

  it("makes a title from the file name", () => {
    expect(titleFromFileName("To_trinh_so_12.PDF")).toBe("To trinh so 12");
  });
});
