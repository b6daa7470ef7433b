import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { mayFinalize, minutesIn, noteText, retryingOn, upsertNote } from "./minutes";
import { minutes, note } from "./fixtures";

describe("minutes", () => {
  it("reads a snapshot's minutes, notes by item; null for anything else", () => {
    expect(minutesIn(minutes({ notes: [note(2), note(1)] }))?.notes.map((n) => n.agenda_item_id)).toEqual([1, 2]);
    expect(minutesIn(null)).toBeNull();
    expect(minutesIn({})).toBeNull();
  });

  it("upserts a note by its agenda item", () => {
    expect(upsertNote([note(1, "a"), note(3)], note(1, "b")).map((n) => [n.agenda_item_id, n.text])).toEqual([
      [1, "b"],
      [3, "Thảo luận nội dung 3"],
    ]);
  });

  it("gives an item's note, empty when none was written", () => {
    const known = minutes({ notes: [note(1, "Đã thảo luận")] });
    expect(noteText(known, 1)).toBe("Đã thảo luận");
    expect(noteText(known, 2)).toBe("");
    expect(noteText(null, 1)).toBe("");
  });

  it("offers finalizing only for a closed meeting's draft", () => {
    expect(mayFinalize("closed", minutes())).toBe(true);
    expect(mayFinalize("in_progress", minutes())).toBe(false);
    expect(mayFinalize("closed", minutes({ state: "final" }))).toBe(false);
    expect(mayFinalize("closed", null)).toBe(false);
  });
});

describe("retryingOn", () => {
  const changed = new ApiError(409, "minutes_changed", "Biên bản vừa được sửa");

  it("tries again while refused with that code", async () => {
    let calls = 0;
    const answer = await retryingOn("minutes_changed", 3, () => (++calls < 3 ? Promise.reject(changed) : Promise.resolve("final")));
    expect(answer).toBe("final");
    expect(calls).toBe(3);
  });

  it("gives up after the attempts, and at once on another refusal", async () => {
    let calls = 0;
    await expect(retryingOn("minutes_changed", 2, () => (calls++, Promise.reject(changed)))).rejects.toBe(changed);
    expect(calls).toBe(2);
    const notClosed = new ApiError(409, "meeting_not_closed", "Kỳ họp chưa bế mạc");
    calls = 0;
    await expect(retryingOn("minutes_changed", 3, () => (calls++, Promise.reject(notClosed)))).rejects.toBe(notClosed);
    expect(calls).toBe(1);
  });
});
