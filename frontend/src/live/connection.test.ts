import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { documentInfo, event, snapshot } from "../test/fixtures";
import { CLOSE_RESYNC } from "./closeCodes";
import { LiveConnection } from "./connection";
import type { LiveMessage } from "./messages";
import { applySnapshot, type LiveState } from "./state";
import type { LiveStateStore } from "./stateStore";

/** Stands in for the browser's WebSocket: the test plays the server. */
class FakeSocket {
  readyState = 0;
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {}

  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  send(message: LiveMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  serverCloses(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

let sockets: FakeSocket[];

function connection(store?: LiveStateStore): LiveConnection {
  return new LiveConnection({
    meetingId: 7,
    token: "tok",
    origin: "http://tablet.local",
    store,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
  });
}

function lastSocket(): FakeSocket {
  const socket = sockets.at(-1);
  if (!socket) throw new Error("no socket");
  return socket;
}

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveConnection", () => {
  it("connects without since, becomes live on the snapshot and applies events", () => {
    const live = connection();
    live.start();
    expect(lastSocket().url).toBe("ws://tablet.local/api/v1/meetings/7/live?token=tok");
    expect(live.getSnapshot().status).toBe("connecting");

    lastSocket().open();
    lastSocket().send(snapshot(10));
    lastSocket().send(event(11, "document.added", { document: documentInfo(11) }));

    expect(live.getSnapshot().status).toBe("live");
    expect(live.getSnapshot().state.seq).toBe(11);
    expect(live.getSnapshot().state.documents.map((document) => document.id)).toEqual([10, 11]);
    live.stop();
  });

  it("keeps the server's clock from the server_time of every message", () => {
    vi.setSystemTime(Date.parse("2026-12-08T01:01:30Z")); // this tablet's clock is 90 s fast
    const live = connection();
    live.start();
    lastSocket().open();
    expect(live.clock.known).toBe(false);
    lastSocket().send({ ...snapshot(10), server_time: "2026-12-08T01:00:00+00:00" });
    expect(live.clock.offsetMs).toBe(-90_000);
    vi.advanceTimersByTime(5_000);
    lastSocket().send({ ...event(11, "hidden"), server_time: "2026-12-08T01:00:05+00:00" });
    expect(live.clock.now()).toBe(Date.parse("2026-12-08T01:00:05Z"));
    live.stop();
  });

  it("after a drop, keeps the state, shows reconnecting, and resumes with since", () => {
    const live = connection();
    live.start();
    lastSocket().open();
    lastSocket().send(snapshot(10));
    lastSocket().serverCloses(1006);

    expect(live.getSnapshot().status).toBe("reconnecting");
    expect(live.getSnapshot().state.seq).toBe(10);
    expect(sockets).toHaveLength(1);

    vi.advanceTimersByTime(30_000);
    expect(sockets).toHaveLength(2);
    expect(lastSocket().url).toContain("since=10");

    lastSocket().open(); // nothing was missed: the server sends nothing, the tablet is live
    expect(live.getSnapshot().status).toBe("live");
    lastSocket().send(event(11, "agenda.current", { item_id: 2, previous_id: null, public: true }));
    expect(live.getSnapshot().state.meeting?.current_item_id).toBe(2);
    live.stop();
  });

  it("on a gap, drops the socket and reconnects at once from the last applied seq", () => {
    const live = connection();
    live.start();
    lastSocket().open();
    lastSocket().send(snapshot(10));
    const first = lastSocket();
    first.send(event(12, "document.removed", { document_id: 10 }));

    expect(first.closedWith).toBe(CLOSE_RESYNC);
    expect(sockets).toHaveLength(2);
    expect(lastSocket().url).toContain("since=10");
    expect(live.getSnapshot().state.documents).toHaveLength(1);

    // A late message on the abandoned socket is ignored.
    first.send(event(11, "document.removed", { document_id: 10 }));
    expect(live.getSnapshot().state.seq).toBe(10);
    live.stop();
  });

  it("stops for good when the token is refused (4401) or the meeting is not visible (4404)", () => {
    const refused = connection();
    refused.start();
    lastSocket().serverCloses(4401);
    vi.advanceTimersByTime(60_000);
    expect(refused.getSnapshot().status).toBe("unauthenticated");
    expect(sockets).toHaveLength(1);

    const hidden = connection();
    hidden.start();
    lastSocket().serverCloses(4404);
    vi.advanceTimersByTime(60_000);
    expect(hidden.getSnapshot().status).toBe("forbidden");
    expect(sockets).toHaveLength(2);
  });

  it("reconnects after 4409 (too slow) with since", () => {
    const live = connection();
    live.start();
    lastSocket().open();
    lastSocket().send(snapshot(3));
    lastSocket().serverCloses(4409);
    vi.advanceTimersByTime(1_000);
    expect(lastSocket().url).toContain("since=3");
    live.stop();
  });

  it("backs off longer after each failed attempt", () => {
    const live = connection();
    live.start();
    lastSocket().serverCloses(1006);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    lastSocket().serverCloses(1006);
    vi.advanceTimersByTime(400);
    expect(sockets).toHaveLength(2); // the second wait is at least 500 ms
    vi.advanceTimersByTime(600);
    expect(sockets).toHaveLength(3);
    live.stop();
  });

  it("stop() closes the socket and does not reconnect", () => {
    const live = connection();
    live.start();
    lastSocket().open();
    live.stop();
    expect(lastSocket().closedWith).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it("starts from the stored state (offline), resumes with its seq and stores what follows", () => {
    let stored: LiveState | null = applySnapshot(snapshot(20));
    const saves: number[] = [];
    const store: LiveStateStore = {
      load: () => stored,
      save: (state) => {
        stored = state;
        saves.push(state.seq ?? -1);
      },
    };
    const live = connection(store);
    expect(live.getSnapshot().state.agenda).toHaveLength(3); // shown before any network
    live.start();
    expect(lastSocket().url).toContain("since=20");

    lastSocket().serverCloses(1006); // no network
    expect(live.getSnapshot().status).toBe("reconnecting");
    expect(live.getSnapshot().state.seq).toBe(20);

    vi.advanceTimersByTime(1_000);
    lastSocket().open();
    lastSocket().send(event(21, "agenda.current", { item_id: 3, previous_id: null, public: true }));
    lastSocket().send(event(22, "poll.progress", { poll_id: 1, eligible: 1, voted: 1 }));
    lastSocket().send(event(23, "poll.progress", { poll_id: 1, eligible: 1, voted: 1 }));
    expect(saves).toEqual([21]); // at once, then at most once a second
    vi.advanceTimersByTime(1_000);
    expect(saves).toEqual([21, 23]);
    expect(stored?.meeting?.current_item_id).toBe(3);
    lastSocket().send(event(24, "poll.progress", { poll_id: 1, eligible: 1, voted: 1 }));
    live.stop(); // leaving the screen writes what is waiting
    expect(saves).toEqual([21, 23, 24]);
  });
});
