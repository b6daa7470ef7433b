import { describe, expect, it } from "vitest";
import { ApiError, networkError } from "../api/errors";
import type { Note } from "../api/types";
import { CONFLICT_SEPARATOR, queueEdit } from "./noteQueue";
import { NoteStore, type KeyValueStorage } from "./noteStore";
import { NoteSync, type NotesTransport } from "./noteSync";

function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
    key: (index) => [...values.keys()][index] ?? null,
    get length() {
      return values.size;
    },
  };
}

/** The server's notes per document, and a switch for the network. */
class FakeServer implements NotesTransport {
  notes = new Map<number, Note[]>();
  online = true;
  puts = 0;

  fetch(documentId: number): Promise<Note[]> {
    if (!this.online) return Promise.reject(networkError("offline"));
    return Promise.resolve(this.notes.get(documentId) ?? []);
  }

  save(documentId: number, notes: Note[]): Promise<Note[]> {
    if (!this.online) return Promise.reject(networkError("offline"));
    this.puts += 1;
    this.notes.set(documentId, notes);
    return Promise.resolve(notes);
  }
}

function setUp() {
  const store = new NoteStore(memoryStorage());
  const server = new FakeServer();
  return { store, server, sync: new NoteSync(store, server) };
}

function writeOffline(store: NoteStore, documentId: number, page: number, text: string) {
  const record = store.read(documentId);
  store.write(documentId, { ...record, queued: queueEdit(record.queued, record.server, page, text) });
}

describe("NoteSync", () => {
  it("keeps notes written offline queued, and sends them merged when the network returns", async () => {
    const { store, server, sync } = setUp();
    server.notes.set(5, [{ page: 1, text: "cũ" }]);
    expect((await sync.refresh(5)).status).toBe("nothing");

    server.online = false;
    writeOffline(store, 5, 2, "viết khi mất mạng");
    expect((await sync.sync(5)).status).toBe("queued");
    expect(store.queuedDocuments()).toEqual([5]);

    // Meanwhile, from another device:
    server.notes.set(5, [{ page: 1, text: "cũ" }, { page: 9, text: "máy khác" }]);
    server.online = true;
    await sync.syncAll();

    expect(server.notes.get(5)).toEqual([
      { page: 1, text: "cũ" },
      { page: 2, text: "viết khi mất mạng" },
      { page: 9, text: "máy khác" },
    ]);
    expect(store.queuedDocuments()).toEqual([]);
    expect(store.read(5).server).toEqual(server.notes.get(5));
  });

  it("reports a page changed on both sides and keeps both texts", async () => {
    const { store, server, sync } = setUp();
    server.notes.set(5, [{ page: 1, text: "gốc" }]);
    await sync.refresh(5);
    writeOffline(store, 5, 1, "sửa ở đây");
    server.notes.set(5, [{ page: 1, text: "sửa ở máy khác" }]);
    const outcome = await sync.sync(5);
    expect(outcome).toMatchObject({ status: "sent", conflicts: [1] });
    expect(server.notes.get(5)).toEqual([{ page: 1, text: `sửa ở máy khác${CONFLICT_SEPARATOR}sửa ở đây` }]);
  });

  it("sends one document at a time, each send seeing the previous one's result", async () => {
    const { store, server, sync } = setUp();
    writeOffline(store, 5, 1, "một");
    const first = sync.sync(5);
    writeOffline(store, 5, 2, "hai");
    const second = sync.sync(5);
    await Promise.all([first, second]);
    expect(server.notes.get(5)).toEqual([
      { page: 1, text: "một" },
      { page: 2, text: "hai" },
    ]);
    expect(store.queuedDocuments()).toEqual([]);
  });

  it("drops the queue of a document that no longer exists", async () => {
    const { store, sync } = setUp();
    const gone: NotesTransport = {
      fetch: () => Promise.reject(new ApiError(404, "not_found", "Không tìm thấy")),
      save: () => Promise.reject(new Error("unreachable")),
    };
    writeOffline(store, 8, 1, "x");
    const outcome = await new NoteSync(store, gone).sync(8);
    expect(outcome.status).toBe("refused");
    expect(store.queuedDocuments()).toEqual([]);
    expect(await sync.sync(8)).toMatchObject({ status: "nothing" });
  });
});
