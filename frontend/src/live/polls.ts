// Reading poll events tolerantly: the voting events carry the poll as {"poll": {...}} (like
// document events carry {"document"}), but a bare poll object or flat progress counts are
// accepted too, so the tablet keeps working whichever way the server words them.
import type { Poll, PollId, PollProgress, PollResult } from "../api/voting";

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
}

/** The poll object in an event's data, or null. */
export function pollIn(data: Record<string, unknown>): Poll | null {
  const candidate = asRecord(data.poll) ?? data;
  if (candidate.id === undefined || candidate.id === null) return null;
  return {
    ...(candidate as unknown as Poll),
    options: Array.isArray(candidate.options) ? (candidate.options as Poll["options"]) : [],
  };
}

export function pollIdIn(data: Record<string, unknown>): PollId | null {
  const id = data.poll_id ?? asRecord(data.poll)?.id ?? data.id;
  return typeof id === "number" || typeof id === "string" ? id : null;
}

export function progressIn(data: Record<string, unknown>): PollProgress | null {
  const source = asRecord(data.progress) ?? asRecord(asRecord(data.poll)?.progress) ?? data;
  const { eligible, voted } = source;
  return typeof eligible === "number" && typeof voted === "number" ? { eligible, voted } : null;
}

export function resultIn(data: Record<string, unknown>): PollResult | null {
  const result = asRecord(data.result) ?? asRecord(asRecord(data.poll)?.result);
  return result ? (result as unknown as PollResult) : null;
}

export function samePoll(a: PollId, b: PollId): boolean {
  return String(a) === String(b);
}
