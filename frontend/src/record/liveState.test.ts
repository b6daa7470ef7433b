// The live state keeps the minutes and the resolutions: from the snapshot, then minutes.updated
// and resolution.updated (as tests/live/client_state.py, the server tests' twin of the reducer).
import { describe, expect, it } from "vitest";
import { APPLIED_EVENT_TYPES, applyEvent, applySnapshot } from "../live/state";
import { decodeLiveState, encodeLiveState } from "../live/stateStore";
import { event, snapshot } from "../test/fixtures";
import { minutes, note, resolution } from "./fixtures";

const head = (overrides: object = {}) => ({ meeting_id: 7, state: "draft", version: 1, document_id: null, finalized_at: null, ...overrides });

describe("minutes in the live state", () => {
  it("come with the snapshot, notes by agenda item; none from a server without them", () => {
    const state = applySnapshot(snapshot(5, { minutes: minutes({ notes: [note(3), note(1)] }) }));
    expect(state.minutes?.notes.map((n) => n.agenda_item_id)).toEqual([1, 3]);
    expect(applySnapshot(snapshot(5)).minutes).toBeNull();
  });

  it("minutes.updated merges the head and upserts the note, notes kept by agenda item", () => {
    let state = applySnapshot(snapshot(5, { minutes: minutes({ notes: [note(2, "cũ")] }) }));
    state = applyEvent(state, event(6, "minutes.updated", { minutes: head({ version: 1 }), note: note(1, "mới") }));
    state = applyEvent(state, event(7, "minutes.updated", { minutes: head({ version: 2 }), note: note(2, "sửa") }));
    expect(state.minutes?.version).toBe(2);
    expect(state.minutes?.notes.map((n) => [n.agenda_item_id, n.text])).toEqual([
      [1, "mới"],
      [2, "sửa"],
    ]);
    expect(state.seq).toBe(7);
  });

  it("a head without a note (finalized; a guest's view of a hidden item) keeps the notes", () => {
    let state = applySnapshot(snapshot(5, { minutes: minutes({ notes: [note(1)], version: 4 }) }));
    state = applyEvent(state, event(6, "minutes.updated", { minutes: head({ state: "final", version: 4, document_id: 30, finalized_at: "2026-12-09T03:00:00+00:00" }), note: null }));
    expect(state.minutes).toMatchObject({ state: "final", document_id: 30, notes: [note(1)] });
  });

  it("without known minutes an event makes none up, only advances seq", () => {
    const before = applySnapshot(snapshot(5));
    const after = applyEvent(before, event(6, "minutes.updated", { minutes: head(), note: note(1) }));
    expect(after.minutes).toBeNull();
    expect(after.seq).toBe(6);
  });
});

describe("resolutions in the live state", () => {
  it("come with the snapshot, by id", () => {
    expect(applySnapshot(snapshot(5, { resolutions: [resolution(2), resolution(1)] })).resolutions.map((r) => r.id)).toEqual([1, 2]);
    expect(applySnapshot(snapshot(5)).resolutions).toEqual([]);
  });

  it("resolution.updated adds a new one and replaces a known one, kept by id", () => {
    let state = applySnapshot(snapshot(5, { resolutions: [resolution(2)] }));
    state = applyEvent(state, event(6, "resolution.updated", { resolution: resolution(1) }));
    state = applyEvent(state, event(7, "resolution.updated", { resolution: resolution(2, { title: "Sửa" }) }));
    expect(state.resolutions.map((r) => [r.id, r.title])).toEqual([
      [1, "Nghị quyết 1"],
      [2, "Sửa"],
    ]);
    expect(APPLIED_EVENT_TYPES).toEqual(expect.arrayContaining(["minutes.updated", "resolution.updated"]));
  });

  it("a resolution.updated without a resolution only advances seq", () => {
    const before = applySnapshot(snapshot(5, { resolutions: [resolution(1)] }));
    const after = applyEvent(before, event(6, "resolution.updated", {}));
    expect(after.resolutions).toBe(before.resolutions);
    expect(after.seq).toBe(6);
  });

  it("a state stored before the record existed is read with none of it", () => {
    const stored = applySnapshot(snapshot(5));
    const { minutes: _m, resolutions: _r, ...older } = stored;
    const decoded = decodeLiveState(encodeLiveState(older as typeof stored));
    expect(decoded).toMatchObject({ minutes: null, resolutions: [] });
  });
});
