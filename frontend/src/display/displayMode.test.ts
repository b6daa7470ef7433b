import { describe, expect, it } from "vitest";
import { applySnapshot } from "../live/state";
import { agendaItem, meeting, poll, pollResult, snapshot } from "../test/fixtures";
import { speaker } from "../floor/fixtures";
import { displayContent } from "./displayMode";

const result = pollResult({ counts: [], passed: true });
const onItem = (current: number, overrides = {}) =>
  applySnapshot(snapshot(1, { meeting: meeting({ current_item_id: current }), agenda: [agendaItem(1), agendaItem(2)], ...overrides }));

describe("displayContent", () => {
  it("shows the current item when there is no poll", () => {
    expect(displayContent(onItem(2))).toEqual({ kind: "item", itemId: 2 });
  });

  it("shows an open poll whatever the item", () => {
    expect(displayContent(onItem(2, { poll: poll({ agenda_item_id: 1 }) })).kind).toBe("poll");
  });

  it("keeps a result on screen while the meeting stays on its item, then moves on", () => {
    const closed = poll({ agenda_item_id: 1, state: "closed", result });
    expect(displayContent(onItem(1, { poll: closed })).kind).toBe("poll");
    expect(displayContent(onItem(2, { poll: closed }))).toEqual({ kind: "item", itemId: 2 });
  });

  it("shows who holds the floor, but an open poll first", () => {
    const speaking = [speaker(1, { state: "speaking" }), speaker(2)];
    const closed = poll({ agenda_item_id: 1, state: "closed", result });
    expect(displayContent(onItem(1, { speakers: speaking, poll: closed }))).toEqual({ kind: "speaker", itemId: 1 });
    expect(displayContent(onItem(1, { speakers: [speaker(1, { state: "paused" })] })).kind).toBe("speaker");
    expect(displayContent(onItem(1, { speakers: speaking, poll: poll() })).kind).toBe("poll");
    expect(displayContent(onItem(1, { speakers: [speaker(1, { state: "done" }), speaker(2)] }))).toEqual({ kind: "item", itemId: 1 });
  });
});
