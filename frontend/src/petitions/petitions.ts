// Petitions' pure logic: the list's filters as a query string, what each state allows (the
// server's rules, app/petitions/rules.py), the report's numbers in the reader's language.
import type { Language } from "../i18n/language";
import type { Assignment, Level, PetitionState, ReportMonth, ResponseStatus, VoterMeetingCreate, VoterMeetingWhen } from "./types";

export interface Filters {
  state: PetitionState | "";
  agencyId: number | null;
  field: string;
  level: Level | "";
  /** "" any, "true" only overdue, "false" only in time */
  overdue: "" | "true" | "false";
  /** words, diacritics or not (the server folds them) */
  q: string;
}

export const NO_FILTERS: Filters = { state: "", agencyId: null, field: "", level: "", overdue: "", q: "" };

export const PAGE_SIZE = 50;

/** The list's query: only the filters set, trimmed, in a fixed order. */
export function filterQuery(filters: Filters, limit = PAGE_SIZE): string {
  const query = new URLSearchParams();
  if (filters.state) query.set("state", filters.state);
  if (filters.agencyId !== null) query.set("agency_id", String(filters.agencyId));
  if (filters.field.trim()) query.set("field", filters.field.trim());
  if (filters.level) query.set("level", filters.level);
  if (filters.overdue) query.set("overdue", filters.overdue);
  if (filters.q.trim()) query.set("q", filters.q.trim());
  query.set("limit", String(limit));
  return query.toString();
}

export function listPath(councilId: number, filters: Filters, limit = PAGE_SIZE): string {
  return `/api/v1/councils/${councilId}/petitions?${filterQuery(filters, limit)}`;
}

export type ReportFormat = "json" | "xlsx" | "pdf";

export function reportPath(councilId: number, from: string, to: string, format: ReportFormat): string {
  const query = new URLSearchParams();
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  query.set("format", format);
  return `/api/v1/councils/${councilId}/petitions/report?${query}`;
}

/** The secretariat classifies and assigns until the agency answered. */
export const mayAssign = (state: PetitionState) => state === "received" || state === "assigned";
/** The agency (or the secretariat for it) answers an assigned petition. */
export const mayAnswer = (state: PetitionState) => state === "assigned";
/** The Thường trực reviews an answer. */
export const mayReview = (state: PetitionState) => state === "answered";
/** Duplicates are merged before anyone answers them. */
export const mayMerge = (state: PetitionState) => state === "received" || state === "assigned";

/** The petition the others join: the oldest of those chosen. */
export function mergeTarget(ids: Iterable<number>): { target: number; others: number[] } | null {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return sorted.length < 2 ? null : { target: sorted[0]!, others: sorted.slice(1) };
}

/** A plan date goes with "in progress" only. */
export function responseBody(status: ResponseStatus, text: string, planDueOn: string): { status: ResponseStatus; text: string; plan_due_on?: string } {
  return status === "in_progress" ? { status, text: text.trim(), plan_due_on: planDueOn } : { status, text: text.trim() };
}

export interface AssignmentForm {
  agencyId: string;
  dueOn: string;
  level: Level | "";
  /** "" unchanged, "true", "false" */
  needsResources: "" | "true" | "false";
}

/** What the bulk form changes: only what was filled in (a field left out keeps its value). */
export function assignmentOf(form: AssignmentForm): Assignment {
  const changes: Assignment = {};
  if (form.agencyId) changes.agency_id = Number(form.agencyId);
  if (form.dueOn) changes.due_on = form.dueOn;
  if (form.level) changes.level = form.level;
  if (form.needsResources) changes.needs_resources = form.needsResources === "true";
  return changes;
}

const locale = (language: Language) => (language === "vi" ? "vi-VN" : "en-GB");

/** 1234 → "1.234" (vi) or "1,234" (en). */
export function formatCount(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** 78.4 → "78,4 %" (vi) or "78.4%" (en); at most one decimal, as the server rounds it. */
export function formatPercent(share: number, language: Language): string {
  const number = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(share);
  return language === "vi" ? `${number} %` : `${number}%`;
}

/** "109/139 (78,4 %)" */
export function formatShare(part: number, whole: number, share: number, language: Language): string {
  return `${formatCount(part, language)}/${formatCount(whole, language)} (${formatPercent(share, language)})`;
}

/** "2026-03" → "03/2026" */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[2]}/${match[1]}` : month;
}

/** A bar's length in per cent of the longest (0 when there is nothing). */
export function barPercent(value: number, max: number): number {
  return max > 0 ? Math.round((1000 * value) / max) / 10 : 0;
}

/** One month of the trend chart: its figures and its two bars' heights (same scale for all). */
export interface TrendBar extends ReportMonth {
  receivedHeight: number;
  closedHeight: number;
}

/** Bars up to `height` for the largest figure of any month; a figure above 0 stays visible
 * (at least 1), and every bar is 0 when there is nothing at all. */
export function trendBars(months: readonly ReportMonth[], height: number): TrendBar[] {
  const max = Math.max(0, ...months.flatMap((m) => [m.received, m.closed]));
  const scaled = (value: number) => (value > 0 ? Math.max(1, (barPercent(value, max) * height) / 100) : 0);
  return months.map((m) => ({ ...m, receivedHeight: scaled(m.received), closedHeight: scaled(m.closed) }));
}

export interface VoterMeetingForm {
  heldOn: string;
  place: string;
  unit: string;
  deputyIds: number[];
  /** as typed; "" when not counted */
  voters: string;
  when: VoterMeetingWhen;
}

export const newVoterMeetingForm = (today: string): VoterMeetingForm => ({ heldOn: today, place: "", unit: "", deputyIds: [], voters: "", when: "before" });

/** The form as the server takes it: text trimmed, the voters a number or null. */
export function voterMeetingBody(form: VoterMeetingForm): VoterMeetingCreate {
  const voters = form.voters.trim();
  return {
    held_on: form.heldOn,
    place: form.place.trim(),
    unit: form.unit.trim(),
    deputy_ids: [...new Set(form.deputyIds)].sort((a, b) => a - b),
    voters: voters ? Number(voters) : null,
    when: form.when,
  };
}

/** The report's default period: this year, from 1 January until today (YYYY-MM-DD). */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** Today in Vietnam as YYYY-MM-DD. */
export function vietnamToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A timestamp's day in Vietnam as YYYY-MM-DD ("2026-12-06T18:30:00Z" → "2026-12-07"). */
export function vietnamDay(timestamp: string): string {
  const when = new Date(timestamp);
  return Number.isNaN(when.getTime()) ? timestamp.slice(0, 10) : vietnamToday(when);
}
