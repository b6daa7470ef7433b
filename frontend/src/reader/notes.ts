// Private notes, one text per page (the API stores a list of {page, text, rect?}).
import type { Note } from "../api/types";

export function noteFor(notes: Note[], page: number): string {
  return notes.find((note) => note.page === page && !note.rect)?.text ?? "";
}

/** The list with this page's note replaced (or removed when empty), sorted by page. */
export function withNote(notes: Note[], page: number, text: string): Note[] {
  const others = notes.filter((note) => note.page !== page || note.rect);
  const next = text.trim() ? [...others, { page, text }] : others;
  return next.sort((a, b) => a.page - b.page);
}

export function pagesWithNotes(notes: Note[]): number[] {
  return [...new Set(notes.filter((note) => note.text.trim()).map((note) => note.page))].sort((a, b) => a - b);
}
