// Sending queued notes: read the server's notes, merge (noteQueue.ts), write the merged list
// with PUT, then drop what was sent. One send per document at a time; a network failure leaves
// the queue as it was, to be sent when the tablet is back online.
import { api, call } from "../api/client";
import { ApiError } from "../api/errors";
import type { Note } from "../api/types";
import { afterSend, hasQueued, mergeNotes } from "./noteQueue";
import { noteStore, type NoteStore } from "./noteStore";

export interface NotesTransport {
  fetch: (documentId: number) => Promise<Note[]>;
  save: (documentId: number, notes: Note[]) => Promise<Note[]>;
}

export type SyncOutcome =
  | { status: "nothing" | "sent"; notes: Note[]; conflicts: number[] }
  /** No connection: still queued. */
  | { status: "queued"; notes: Note[]; error: ApiError }
  /** Refused (the document is gone, or the note is invalid). */
  | { status: "refused"; notes: Note[]; error: ApiError };

const serverTransport: NotesTransport = {
  async fetch(documentId) {
    const answer = await call(api.GET("/api/v1/documents/{document_id}/annotations", { params: { path: { document_id: documentId } } }));
    return answer.items;
  },
  async save(documentId, notes) {
    const answer = await call(
      api.PUT("/api/v1/documents/{document_id}/annotations", { params: { path: { document_id: documentId } }, body: { items: notes } }),
    );
    return answer.items;
  },
};

export class NoteSync {
  private readonly running = new Map<number, Promise<SyncOutcome>>();

  constructor(
    private readonly store: NoteStore,
    private readonly transport: NotesTransport,
  ) {}

  /** Sends this document's queued notes (after any send already running for it). */
  sync(documentId: number): Promise<SyncOutcome> {
    const previous = this.running.get(documentId) ?? Promise.resolve(null);
    const next = previous.then(() => this.send(documentId));
    this.running.set(documentId, next);
    void next.finally(() => {
      if (this.running.get(documentId) === next) this.running.delete(documentId);
    });
    return next;
  }

  /** Re-reads the server's notes (when there is nothing to send) so the offline copy is fresh. */
  async refresh(documentId: number): Promise<SyncOutcome> {
    if (hasQueued(this.store.read(documentId).queued)) return this.sync(documentId);
    try {
      const server = await this.transport.fetch(documentId);
      this.store.write(documentId, { server, queued: this.store.read(documentId).queued });
      return hasQueued(this.store.read(documentId).queued) ? this.sync(documentId) : { status: "nothing", notes: server, conflicts: [] };
    } catch (error) {
      return this.failed(documentId, error);
    }
  }

  /** Sends every document's queued notes (at start, and when the network returns). */
  async syncAll(): Promise<void> {
    await Promise.all(this.store.queuedDocuments().map((documentId) => this.sync(documentId)));
  }

  private async send(documentId: number): Promise<SyncOutcome> {
    const sent = this.store.read(documentId).queued;
    if (!hasQueued(sent)) {
      const { server } = this.store.read(documentId);
      return { status: "nothing", notes: server, conflicts: [] };
    }
    try {
      const server = await this.transport.fetch(documentId);
      const { notes, conflicts } = mergeNotes(server, sent);
      const saved = await this.transport.save(documentId, notes);
      const remaining = afterSend(this.store.read(documentId).queued, sent, saved);
      this.store.write(documentId, { server: saved, queued: remaining });
      return { status: "sent", notes: saved, conflicts };
    } catch (error) {
      return this.failed(documentId, error);
    }
  }

  private failed(documentId: number, error: unknown): SyncOutcome {
    const record = this.store.read(documentId);
    const apiError = error instanceof ApiError ? error : new ApiError(0, "network", String(error));
    if (apiError.outcomeUnknown || apiError.status === 401 || apiError.status === 429) {
      return { status: "queued", notes: record.server, error: apiError };
    }
    if (apiError.status === 404 || apiError.status === 403) {
      // The document is gone or no longer readable: its notes went with it on the server.
      this.store.write(documentId, { server: [], queued: {} });
    }
    return { status: "refused", notes: record.server, error: apiError };
  }
}

export const noteSync = new NoteSync(noteStore, serverTransport);
