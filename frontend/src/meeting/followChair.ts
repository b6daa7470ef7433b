// "Follow the chair" (theo chủ tọa): when the chair moves to another agenda item, the tablet
// moves with it — the meeting screen selects the new current item, and a reader open on a
// document of another item offers to go there. On by default, remembered per meeting.
//
// The API has no "the chair presents this document / page" event yet, so following is by
// agenda item; such an event would let the reader open the very document and page.
import { useCallback, useSyncExternalStore } from "react";

const PREFIX = "kyhop.followChair.";
const listeners = new Set<() => void>();

export function readFollowChair(meetingId: number): boolean {
  try {
    return globalThis.localStorage?.getItem(PREFIX + meetingId) !== "off";
  } catch {
    return true;
  }
}

export function saveFollowChair(meetingId: number, follow: boolean): void {
  try {
    if (follow) globalThis.localStorage?.removeItem(PREFIX + meetingId);
    else globalThis.localStorage?.setItem(PREFIX + meetingId, "off");
  } catch {
    // remembered for this screen only
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useFollowChair(meetingId: number): [boolean, (follow: boolean) => void] {
  const follow = useSyncExternalStore(subscribe, () => readFollowChair(meetingId));
  const set = useCallback((value: boolean) => saveFollowChair(meetingId, value), [meetingId]);
  return [follow, set];
}

/**
 * What a reader has seen of the current item: `seen` is the current item when the reader's
 * state first became known (or when the offer was answered); a later, different current item
 * is a move of the chair.
 */
export interface ChairWatch {
  known: boolean;
  seen: number | null;
}

export const UNKNOWN_WATCH: ChairWatch = { known: false, seen: null };

/** Records the current item the first time the meeting's state is known. */
export function watchCurrent(watch: ChairWatch, current: number | null, stateKnown: boolean): ChairWatch {
  return watch.known || !stateKnown ? watch : { known: true, seen: current };
}

/**
 * The item to offer a jump to: the chair moved to another item since the reader opened (or
 * since the last offer was answered), following is on, and the open document belongs to
 * another item. Null otherwise.
 */
export function jumpOffer(watch: ChairWatch, current: number | null, documentItemId: number | null, follow: boolean): number | null {
  if (!follow || !watch.known || current === null || current === watch.seen || current === documentItemId) return null;
  return current;
}
