// The register of resolutions (sổ nghị quyết): the live list, the form's checks and body, the
// polls a resolution may rest on, which field a refusal belongs to, and grouping by year.
import type { Poll } from "../api/voting";
import type { Resolution, ResolutionCreate, ResolutionPoll } from "./types";

const byId = (a: Resolution, b: Resolution) => a.id - b.id;

/** The resolution added or replaced by id, the list kept by id. */
export function upsertResolution(resolutions: readonly Resolution[], resolution: Resolution): Resolution[] {
  return [...resolutions.filter((known) => known.id !== resolution.id), resolution].sort(byId);
}

/** The resolutions of a snapshot or list answer, by id; [] for anything else. */
export function resolutionsIn(value: unknown): Resolution[] {
  return Array.isArray(value) ? (value as Resolution[]).slice().sort(byId) : [];
}

/** The resolution of a `resolution.updated` event's data, if it carries one. */
export function resolutionOf(data: Record<string, unknown>): Resolution | null {
  const resolution = data.resolution as Resolution | undefined;
  return resolution && typeof resolution.id === "number" ? resolution : null;
}

/** "12/NQ-HĐND" or "12/2026/NQ-HĐND" (the server's rule, app/record/wording.py). */
const NUMBER = /^\s*(\d{1,6})\s*\/\s*((?:\d{4}\s*\/\s*)?NQ-HĐND)\s*$/;

export function isResolutionNumber(text: string): boolean {
  const match = NUMBER.exec(text.normalize("NFC"));
  return !!match && Number(match[1]) > 0;
}

/** The form as typed: strings and choices, the number left empty for the server to assign. */
export interface ResolutionDraft {
  number: string;
  title: string;
  agendaItemId: number | null;
  pollId: number | null;
  documentId: number | null;
}

export const EMPTY_RESOLUTION_DRAFT: ResolutionDraft = { number: "", title: "", agendaItemId: null, pollId: null, documentId: null };

export type ResolutionField = "number" | "title" | "agendaItemId" | "pollId" | "documentId";
export type ResolutionProblem = "required" | "numberFormat";

/** What keeps the draft from being sent, by field (empty: it may be sent). */
export function resolutionProblems(draft: ResolutionDraft): Partial<Record<ResolutionField, ResolutionProblem>> {
  const problems: Partial<Record<ResolutionField, ResolutionProblem>> = {};
  if (!draft.title.trim()) problems.title = "required";
  if (draft.agendaItemId === null) problems.agendaItemId = "required";
  if (draft.number.trim() && !isResolutionNumber(draft.number)) problems.number = "numberFormat";
  return problems;
}

/** The request body: optional fields only when chosen. Call after resolutionProblems is empty. */
export function resolutionBody(draft: ResolutionDraft): ResolutionCreate {
  return {
    title: draft.title.trim(),
    agenda_item_id: draft.agendaItemId ?? 0,
    ...(draft.number.trim() ? { number: draft.number.trim() } : {}),
    ...(draft.pollId !== null ? { poll_id: draft.pollId } : {}),
    ...(draft.documentId !== null ? { document_id: draft.documentId } : {}),
  };
}

/** A new item forgets the poll chosen for the previous one (a poll belongs to its item). */
export function withItem(draft: ResolutionDraft, agendaItemId: number | null): ResolutionDraft {
  return agendaItemId === draft.agendaItemId ? draft : { ...draft, agendaItemId, pollId: null };
}

/** The item's closed polls that passed: those a resolution may rest on. */
export function adoptablePolls(polls: readonly Poll[], itemId: number | null): Poll[] {
  if (itemId === null) return [];
  return polls.filter((poll) => poll.agenda_item_id === itemId && poll.state === "closed" && poll.result?.passed === true);
}

const FIELD_OF_ERROR: Record<string, ResolutionField> = {
  number_taken: "number",
  resolution_number_invalid: "number",
  item_not_in_meeting: "agendaItemId",
  poll_not_adopted: "pollId",
  poll_not_in_item: "pollId",
  document_not_in_meeting: "documentId",
};

/** The field a refusal of the server is about (shown beside it), or null (shown under the form). */
export function fieldOfError(code: string): ResolutionField | null {
  return FIELD_OF_ERROR[code] ?? null;
}

/** The register by year, the latest year first; within a year by number (the order of adoption). */
export function byYear(resolutions: readonly Resolution[]): { year: number; items: Resolution[] }[] {
  const years = new Map<number, Resolution[]>();
  for (const resolution of resolutions) years.set(resolution.year, [...(years.get(resolution.year) ?? []), resolution]);
  const sequence = (resolution: Resolution) => Number(/^\d+/.exec(resolution.number)?.[0] ?? 0);
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, items]) => ({ year, items: items.sort((a, b) => sequence(a) - sequence(b) || a.id - b.id) }));
}

/** The years the register's filter offers: this year, those seen, the chosen one; latest first. */
export function yearChoices(thisYear: number, seen: readonly number[], chosen: number | null): number[] {
  const years = new Set([thisYear, ...seen, ...(chosen === null ? [] : [chosen])]);
  return [...years].sort((a, b) => b - a);
}

/** The adopting vote's counts in words: "Tán thành 45 · Không tán thành 3 · Không biểu quyết 2". */
export function pollSummary(poll: Pick<ResolutionPoll, "counts">): string {
  return poll.counts.map((count) => `${count.label} ${count.votes}`).join(" · ");
}
