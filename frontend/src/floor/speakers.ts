// Pure views of an agenda item's list of speakers (as the server orders it: waiting by
// position, then the one speaking or paused, then those done).
import type { Speaker } from "./types";

const byPosition = (a: Speaker, b: Speaker) => a.position - b.position || a.id - b.id;

/** Who holds the floor: the one speaking; else the one paused (the chair paused them). */
export function currentSpeaker(speakers: readonly Speaker[]): Speaker | null {
  return speakers.find((s) => s.state === "speaking") ?? speakers.find((s) => s.state === "paused") ?? null;
}

/** The speaker a point of order interrupted: paused while someone else speaks. */
export function interruptedSpeaker(speakers: readonly Speaker[]): Speaker | null {
  const current = currentSpeaker(speakers);
  if (!current || current.state !== "speaking") return null;
  return speakers.find((s) => s.state === "paused") ?? null;
}

/** Those waiting, in the order they will be called. */
export function waitingSpeakers(speakers: readonly Speaker[]): Speaker[] {
  return speakers.filter((s) => s.state === "waiting").sort(byPosition);
}

export function nextSpeakers(speakers: readonly Speaker[], count: number): Speaker[] {
  return waitingSpeakers(speakers).slice(0, count);
}

/** This person's entries still on the list (waiting, speaking or paused). */
export function myEntries(speakers: readonly Speaker[], userId: number | undefined): Speaker[] {
  if (userId === undefined) return [];
  return speakers.filter((s) => s.user_id === userId && (s.state === "waiting" || s.state === "speaking" || s.state === "paused"));
}

/** 1 for the next to be called; null when not waiting. */
export function placeInList(speakers: readonly Speaker[], speakerId: number): number | null {
  const index = waitingSpeakers(speakers).findIndex((s) => s.id === speakerId);
  return index === -1 ? null : index + 1;
}

/** The waiting ids with one moved `by` places (clamped to the list); the same order if it cannot move. */
export function moveInOrder(ids: readonly number[], id: number, by: number): number[] {
  const from = ids.indexOf(id);
  if (from === -1) return [...ids];
  const to = Math.min(ids.length - 1, Math.max(0, from + by));
  const next = ids.filter((known) => known !== id);
  next.splice(to, 0, id);
  return next;
}

/** The waiting ids with `id` put where `target` is (drag and drop). */
export function moveBefore(ids: readonly number[], id: number, target: number): number[] {
  const to = ids.indexOf(target);
  if (to === -1 || id === target) return [...ids];
  return moveInOrder(ids, id, to - ids.indexOf(id));
}

/** Whether an agenda item's list is closed to new speakers (`speakers_closed`, newer than the generated types). */
export function listClosed(item: object | null | undefined): boolean {
  return !!item && (item as { speakers_closed?: unknown }).speakers_closed === true;
}
