import { describe, expect, it } from "vitest";
import { agendaItem, attendance, counts, documentInfo, event, meeting, poll, pollResult, snapshot } from "../test/fixtures";
import { speaker } from "../floor/fixtures";
import { applyEvent, applySnapshot, EMPTY_LIVE_STATE, type LiveState } from "./state";

function live(seq = 5, overrides = {}): LiveState {
  return applySnapshot(snapshot(seq, overrides));
}

describe("applySnapshot", () => {
  it("takes every part of the snapshot and its seq", () => {
    const state = live(42, { poll: poll() });
    expect(state.seq).toBe(42);
    expect(state.meeting?.title).toBe("Kỳ họp thứ mười hai");
    expect(state.agenda.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(state.documents.map((document) => document.id)).toEqual([10]);
    expect(state.attendance?.seated).toBe(60);
    expect(state.poll?.id).toBe(31);
  });

  it("replaces whatever was known before", () => {
    const before = applyEvent(live(5), event(6, "document.added", { document: documentInfo(11) }));
    const after = applySnapshot(snapshot(9, { documents: [] }));
    expect(before.documents).toHaveLength(2);
    expect(after.documents).toEqual([]);
    expect(after.seq).toBe(9);
  });

  it("starts from nothing", () => {
    expect(EMPTY_LIVE_STATE.seq).toBeNull();
    expect(EMPTY_LIVE_STATE.meeting).toBeNull();
  });
});

describe("applyEvent", () => {
  it("meeting.updated replaces the meeting", () => {
    const state = applyEvent(live(), event(6, "meeting.updated", { meeting: meeting({ state: "closed" }) }));
    expect(state.meeting?.state).toBe("closed");
    expect(state.seq).toBe(6);
  });

  it("agenda.updated replaces the whole agenda in the given order", () => {
    const items = [agendaItem(3, { position: 0 }), agendaItem(1, { position: 1 }), agendaItem(4, { parent_id: 1, depth: 1 })];
    const state = applyEvent(live(), event(6, "agenda.updated", { items }));
    expect(state.agenda.map((item) => item.id)).toEqual([3, 1, 4]);
    expect(state.agenda[2]?.depth).toBe(1);
  });

  it("agenda.current makes the item current, the previous one done, and moves the meeting's pointer", () => {
    let state = applyEvent(live(), event(6, "agenda.current", { item_id: 1, previous_id: null, public: true }));
    expect(state.agenda.map((item) => item.state)).toEqual(["current", "pending", "pending"]);
    expect(state.meeting?.current_item_id).toBe(1);

    state = applyEvent(state, event(7, "agenda.current", { item_id: 2, previous_id: 1, public: true }));
    expect(state.agenda.map((item) => item.state)).toEqual(["done", "current", "pending"]);
    expect(state.meeting?.current_item_id).toBe(2);
  });

  it("agenda.current with no item (the meeting closed) leaves none current", () => {
    const started = live(5, { agenda: [agendaItem(1, { state: "current" }), agendaItem(2)] });
    const state = applyEvent(started, event(6, "agenda.current", { item_id: null, previous_id: 1, public: true }));
    expect(state.agenda.map((item) => item.state)).toEqual(["done", "pending"]);
    expect(state.meeting?.current_item_id).toBeNull();
  });

  it("document.added inserts, document.updated replaces by id, document.removed drops", () => {
    let state = applyEvent(live(), event(6, "document.added", { document: documentInfo(11) }));
    expect(state.documents.map((document) => document.id)).toEqual([10, 11]);

    state = applyEvent(state, event(7, "document.updated", { document: documentInfo(10, { version: 2, title: "Bản sửa" }) }));
    expect(state.documents.map((document) => [document.id, document.version, document.title])).toEqual([
      [10, 2, "Bản sửa"],
      [11, 1, "Tờ trình 11"],
    ]);

    state = applyEvent(state, event(8, "document.removed", { document_id: 10 }));
    expect(state.documents.map((document) => document.id)).toEqual([11]);
    expect(state.seq).toBe(8);
  });

  it("document.added for a document already known replaces it rather than duplicating it", () => {
    const state = applyEvent(live(), event(6, "document.added", { document: documentInfo(10, { title: "Lại" }) }));
    expect(state.documents).toHaveLength(1);
    expect(state.documents[0]?.title).toBe("Lại");
  });

  it("attendance.updated replaces the numbers", () => {
    const state = applyEvent(live(), event(6, "attendance.updated", { ...attendance(41) }));
    expect(state.attendance).toMatchObject({ seated: 60, present: 41, quorum_required: 40, quorate: true });
  });

  it("poll.opened shows the poll, poll.progress counts it, poll.closed brings the result", () => {
    let state = applyEvent(live(), event(6, "poll.opened", { poll: poll({ state: "draft" }) }));
    expect(state.poll).toMatchObject({ id: 31, state: "open", progress: { eligible: 60, voted: 0 } });

    state = applyEvent(state, event(7, "poll.progress", { poll_id: 31, eligible: 60, voted: 17 }));
    expect(state.poll?.progress).toEqual({ eligible: 60, voted: 17 });

    const result = pollResult({ counts: counts(["Tán thành", 45], ["Không tán thành", 3], ["Không biểu quyết", 2]), passed: true });
    state = applyEvent(state, event(8, "poll.closed", { poll: { ...poll(), state: "closed", result } }));
    expect(state.poll?.state).toBe("closed");
    expect(state.poll?.result?.passed).toBe(true);
    expect(state.poll?.result?.required).toBe(31);
    expect(state.poll?.title).toBe("Thông qua Nghị quyết về dự toán ngân sách");
  });

  it("poll.progress in the {poll_id, progress} shape is understood too", () => {
    const state = applyEvent(live(5, { poll: poll() }), event(6, "poll.progress", { poll_id: 31, progress: { eligible: 58, voted: 9 } }));
    expect(state.poll?.progress).toEqual({ eligible: 58, voted: 9 });
  });

  it("poll.progress for another poll changes nothing but seq", () => {
    const before = live(5, { poll: poll() });
    const state = applyEvent(before, event(6, "poll.progress", { poll_id: 99, eligible: 60, voted: 40 }));
    expect(state.poll).toBe(before.poll);
    expect(state.seq).toBe(6);
  });

  it("poll.closed with only {poll_id, result} closes the poll on screen", () => {
    const result = pollResult({ counts: [], threshold: "two_thirds", required: 40 });
    const state = applyEvent(live(5, { poll: poll() }), event(6, "poll.closed", { poll_id: 31, result }));
    expect(state.poll).toMatchObject({ id: 31, state: "closed", result: { required: 40, passed: false } });
  });

  it("a hidden event only advances seq", () => {
    const before = live(5);
    const state = applyEvent(before, event(6, "hidden"));
    expect(state).toEqual({ ...before, seq: 6 });
  });

  it("event types this client does not know yet only advance seq", () => {
    const before = live(5);
    const state = applyEvent(before, event(6, "speaker.added", { user_id: 3 }));
    expect(state).toEqual({ ...before, seq: 6 });
  });

  it("never changes the state it was given", () => {
    const before = live(5);
    const frozen = structuredClone(before);
    applyEvent(before, event(6, "agenda.current", { item_id: 2, previous_id: null, public: true }));
    applyEvent(before, event(6, "document.removed", { document_id: 10 }));
    expect(before).toEqual(frozen);
  });

  it("snapshot(n) + the events after n equals snapshot(now)", () => {
    const start = snapshot(3);
    const events = [
      event(4, "agenda.current", { item_id: 1, previous_id: null, public: true }),
      event(5, "document.added", { document: documentInfo(12, { agenda_item_id: 1 }) }),
      event(6, "attendance.updated", { ...attendance(45) }),
      event(7, "hidden"),
      event(8, "agenda.current", { item_id: 2, previous_id: 1, public: true }),
    ];
    const now = snapshot(8, {
      meeting: meeting({ current_item_id: 2 }),
      agenda: [agendaItem(1, { state: "done" }), agendaItem(2, { state: "current" }), agendaItem(3)],
      documents: [documentInfo(10), documentInfo(12, { agenda_item_id: 1 })],
      attendance: attendance(45),
    });
    const followed = events.reduce(applyEvent, applySnapshot(start));
    expect(followed).toEqual(applySnapshot(now));
  });
});

describe("speakers", () => {
  const onItem = (current: number | null, speakers = [speaker(1, { agenda_item_id: 1 })]) =>
    applySnapshot(snapshot(5, { meeting: meeting({ current_item_id: current }), speakers }));

  it("the snapshot gives the current item's list; none without one", () => {
    expect(onItem(1).speakers.map((s) => s.id)).toEqual([1]);
    expect(applySnapshot(snapshot(5)).speakers).toEqual([]);
  });

  it("speaker.updated replaces the current item's list", () => {
    const list = [speaker(2, { agenda_item_id: 1, state: "speaking" }), speaker(1, { agenda_item_id: 1, state: "done" })];
    const state = applyEvent(onItem(1), event(6, "speaker.updated", { agenda_item_id: 1, speakers: list }));
    expect(state.speakers.map((s) => [s.id, s.state])).toEqual([
      [2, "speaking"],
      [1, "done"],
    ]);
    expect(state.seq).toBe(6);
  });

  it("another item's list is not the current one's", () => {
    const state = applyEvent(onItem(1), event(6, "speaker.updated", { agenda_item_id: 2, speakers: [speaker(9, { agenda_item_id: 2 })] }));
    expect(state.speakers.map((s) => s.id)).toEqual([1]);
    expect(state.seq).toBe(6);
  });

  it("agenda.current empties the list until the new item's follows", () => {
    let state = applyEvent(onItem(1), event(6, "agenda.current", { item_id: 2, previous_id: 1, public: true }));
    expect(state.speakers).toEqual([]);
    state = applyEvent(state, event(7, "speaker.updated", { agenda_item_id: 2, speakers: [speaker(9, { agenda_item_id: 2 })] }));
    expect(state.speakers.map((s) => s.id)).toEqual([9]);
    // the same item announced again keeps its list
    state = applyEvent(state, event(8, "agenda.current", { item_id: 2, previous_id: null, public: true }));
    expect(state.speakers.map((s) => s.id)).toEqual([9]);
  });

  it("snapshot(n) + speaker events equals snapshot(now)", () => {
    const list = [speaker(3, { agenda_item_id: 2, state: "speaking" })];
    const events = [
      event(6, "speaker.updated", { agenda_item_id: 1, speakers: [speaker(1, { agenda_item_id: 1, state: "done" })] }),
      event(7, "agenda.current", { item_id: 2, previous_id: 1, public: true }),
      event(8, "speaker.updated", { agenda_item_id: 2, speakers: list }),
    ];
    const followed = events.reduce(applyEvent, onItem(1));
    const now = applySnapshot(
      snapshot(8, {
        meeting: meeting({ current_item_id: 2 }),
        agenda: [agendaItem(1, { state: "done" }), agendaItem(2, { state: "current" }), agendaItem(3)],
        speakers: list,
      }),
    );
    expect(followed).toEqual(now);
  });
});
