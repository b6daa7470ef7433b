// The notes a tablet keeps per document: the last notes read from the server (so they can be
// read offline) and the edits not yet sent. localStorage: small, synchronous, survives reloads.
import type { Note } from "../api/types";
import { hasQueued, type QueuedEdits } from "./noteQueue";

const PREFIX = "kyhop.notes.";

export interface NotesRecord {
  server: Note[];
  queued: QueuedEdits;
}

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export const EMPTY_RECORD: NotesRecord = { server: [], queued: {} };

export function defaultStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class NoteStore {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: KeyValueStorage | null) {}

  read(documentId: number): NotesRecord {
    try {
      const text = this.storage?.getItem(PREFIX + documentId);
      if (!text) return EMPTY_RECORD;
      const value = JSON.parse(text) as Partial<NotesRecord>;
      return { server: Array.isArray(value.server) ? value.server : [], queued: value.queued && typeof value.queued === "object" ? value.queued : {} };
    } catch {
      return EMPTY_RECORD;
    }
  }

  write(documentId: number, record: NotesRecord): void {
    try {
      if (record.server.length === 0 && !hasQueued(record.queued)) this.storage?.removeItem(PREFIX + documentId);
      else this.storage?.setItem(PREFIX + documentId, JSON.stringify(record));
    } catch {
      // storage full or unavailable: the notes stay in memory for this screen
    }
    for (const listener of this.listeners) listener();
  }

  /** Documents with edits waiting to be sent. */
  queuedDocuments(): number[] {
    const ids: number[] = [];
    for (let index = 0; index < (this.storage?.length ?? 0); index++) {
      const key = this.storage?.key(index);
      if (!key?.startsWith(PREFIX)) continue;
      const id = Number(key.slice(PREFIX.length));
      if (Number.isInteger(id) && hasQueued(this.read(id).queued)) ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  }

  forgetAll(): void {
    const keys: string[] = [];
    for (let index = 0; index < (this.storage?.length ?? 0); index++) {
      const key = this.storage?.key(index);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) this.storage?.removeItem(key);
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const noteStore = new NoteStore(defaultStorage());
