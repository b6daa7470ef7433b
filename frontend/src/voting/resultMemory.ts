// Which closed polls' results the deputy has closed on this tablet: they stay closed after a reload.
import type { PollId } from "../api/voting";
import type { KeyValueStore } from "./ballotMemory";

const storageKey = (pollId: PollId) => `kyhop.resultDismissed.${String(pollId)}`;

export function resultDismissed(store: KeyValueStore, pollId: PollId): boolean {
  try {
    return store.getItem(storageKey(pollId)) === "1";
  } catch {
    return false;
  }
}

export function dismissResult(store: KeyValueStore, pollId: PollId): void {
  try {
    store.setItem(storageKey(pollId), "1");
  } catch {
    // Storage full or blocked: the result is closed for this visit only.
  }
}
