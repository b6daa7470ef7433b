// Private notes written while the tablet cannot reach the server wait in a queue, one entry per
// page, and are merged into the server's notes when they are sent. Nothing is lost:
//
// - Each queued edit remembers the page's text on the server when the edit began (`base`).
// - On sending, the server's notes are read first. Pages this tablet did not touch keep the
//   server's text (a note written on another device meanwhile stays).
// - A page edited here: if the server still has `base` (or already has the same text), this
//   tablet's text wins. If the server's text changed in between too, both are kept, the other
//   device's first, separated by a line, and the page is reported as a conflict. A note deleted
//   here but changed elsewhere keeps the other device's text.
// - Area notes (with `rect`) are never touched: this client does not edit them.
import type { Note } from "../api/types";
import { noteFor, withNote } from "../reader/notes";

export interface QueuedEdit {
  /** The page's text as typed on this tablet. */
  text: string;
  /** The page's text on the server when the first unsent edit was made. */
  base: string;
}

/** Unsent edits by page number. */
export type QueuedEdits = Record<number, QueuedEdit>;

export const CONFLICT_SEPARATOR = "\n\n———\n\n";

/** Queues this page's text; the base stays that of the first unsent edit. */
export function queueEdit(queued: QueuedEdits, serverNotes: Note[], page: number, text: string): QueuedEdits {
  const base = queued[page]?.base ?? noteFor(serverNotes, page);
  return { ...queued, [page]: { text, base } };
}

/** What the reader shows: the last known server notes with the unsent edits applied. */
export function withQueued(serverNotes: Note[], queued: QueuedEdits): Note[] {
  return Object.entries(queued).reduce((notes, [page, edit]) => withNote(notes, Number(page), edit.text), serverNotes);
}

export interface Merge {
  notes: Note[];
  /** Pages changed both here and elsewhere since the edit began. */
  conflicts: number[];
}

function mergedText(server: string, edit: QueuedEdit): { text: string; conflict: boolean } {
  const same = (a: string, b: string) => a.trim() === b.trim();
  if (same(server, edit.base) || same(server, edit.text)) return { text: edit.text, conflict: false };
  if (!edit.text.trim()) return { text: server, conflict: true };
  if (!server.trim()) return { text: edit.text, conflict: false };
  return { text: `${server}${CONFLICT_SEPARATOR}${edit.text}`, conflict: true };
}

export function mergeNotes(serverNotes: Note[], queued: QueuedEdits): Merge {
  let notes = serverNotes;
  const conflicts: number[] = [];
  for (const [key, edit] of Object.entries(queued)) {
    const page = Number(key);
    const { text, conflict } = mergedText(noteFor(serverNotes, page), edit);
    notes = withNote(notes, page, text);
    if (conflict) conflicts.push(page);
  }
  return { notes, conflicts: conflicts.sort((a, b) => a - b) };
}

/**
 * After a send: edits that were sent are done; edits typed while the request was in flight stay
 * queued, rebased on what the server now holds for their page.
 */
export function afterSend(queuedNow: QueuedEdits, sent: QueuedEdits, savedNotes: Note[]): QueuedEdits {
  const remaining: QueuedEdits = {};
  for (const [key, edit] of Object.entries(queuedNow)) {
    const page = Number(key);
    const wasSent = sent[page];
    if (wasSent && wasSent.text === edit.text) continue;
    remaining[page] = { text: edit.text, base: wasSent ? noteFor(savedNotes, page) : edit.base };
  }
  return remaining;
}

export function hasQueued(queued: QueuedEdits): boolean {
  return Object.keys(queued).length > 0;
}
