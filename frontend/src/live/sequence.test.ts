import { describe, expect, it } from "vitest";
import { documentInfo, event, snapshot } from "../test/fixtures";
import { liveUrl, receive, resumeFrom } from "./sequence";
import { EMPTY_LIVE_STATE, applySnapshot } from "./state";

describe("receive", () => {
  it("applies the snapshot first, then each next event", () => {
    let received = receive(EMPTY_LIVE_STATE, snapshot(10));
    expect(received.outcome).toBe("applied");
    received = receive(received.state, event(11, "document.added", { document: documentInfo(11) }));
    expect(received.outcome).toBe("applied");
    expect(received.state.seq).toBe(11);
    expect(received.state.documents).toHaveLength(2);
  });

  it("asks for a resync when an event comes before any snapshot", () => {
    const received = receive(EMPTY_LIVE_STATE, event(3, "hidden"));
    expect(received.outcome).toBe("gap");
    expect(received.state).toBe(EMPTY_LIVE_STATE);
  });

  it("skips an event it already has (a replay after reconnecting)", () => {
    const state = applySnapshot(snapshot(10));
    const received = receive(state, event(10, "document.removed", { document_id: 10 }));
    expect(received.outcome).toBe("duplicate");
    expect(received.state).toBe(state);
    expect(received.state.documents).toHaveLength(1);
  });

  it("detects a gap and leaves the state as it was", () => {
    const state = applySnapshot(snapshot(10));
    const received = receive(state, event(12, "document.removed", { document_id: 10 }));
    expect(received.outcome).toBe("gap");
    expect(received.state).toBe(state);
    expect(resumeFrom(received.state)).toBe(10);
  });

  it("takes a fresh snapshot in the middle of the stream (events too old to replay)", () => {
    const state = applySnapshot(snapshot(10));
    const received = receive(state, snapshot(250, { documents: [] }));
    expect(received.outcome).toBe("applied");
    expect(received.state.seq).toBe(250);
    expect(received.state.documents).toEqual([]);
  });

  it("resumes: after a drop, the missed events arrive and are applied in order", () => {
    let state = applySnapshot(snapshot(10));
    const since = resumeFrom(state);
    expect(since).toBe(10);
    for (const message of [
      event(11, "agenda.current", { item_id: 1, previous_id: null, public: true }),
      event(12, "agenda.current", { item_id: 2, previous_id: 1, public: true }),
    ]) {
      const received = receive(state, message);
      expect(received.outcome).toBe("applied");
      state = received.state;
    }
    expect(state.meeting?.current_item_id).toBe(2);
    expect(state.agenda.find((item) => item.state === "current")?.id).toBe(2);
  });
});

describe("liveUrl", () => {
  it("uses ws: for http and carries the token", () => {
    expect(liveUrl("http://localhost:8000", 5, "abc", null)).toBe("ws://localhost:8000/api/v1/meetings/5/live?token=abc");
  });

  it("uses wss: for https and adds since when resuming", () => {
    expect(liveUrl("https://hdnd.example.vn", 5, "t+k/=", 42)).toBe(
      "wss://hdnd.example.vn/api/v1/meetings/5/live?token=t%2Bk%2F%3D&since=42",
    );
  });

  it("carries no token for the public live page", () => {
    expect(liveUrl("https://hdnd.example.vn", 5, null, 3)).toBe("wss://hdnd.example.vn/api/v1/meetings/5/live?since=3");
  });

  it("resumes from 0 too (a meeting with no events yet)", () => {
    expect(liveUrl("http://h", 1, "t", 0)).toContain("since=0");
  });
});
