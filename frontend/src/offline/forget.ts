// What a tablet keeps of a person's meetings (documents, notes, last known states) belongs to
// that person: it goes at logout, and when someone else logs in on the same tablet. Queued notes
// are sent first when possible.
import { forgetLiveStates } from "../live/stateStore";
import { forgetDocuments } from "./documentStore";
import { forgetPackageRecords } from "./download";
import { noteStore } from "./noteStore";
import { noteSync } from "./noteSync";
import { forgetRemembered } from "./remembered";

const OWNER_KEY = "kyhop.offline.owner";

/** Tries to send queued notes, waiting at most a few seconds (a server that does not answer). */
export async function sendQueuedNotes(waitMs = 5_000): Promise<void> {
  if (noteStore.queuedDocuments().length === 0) return;
  await Promise.race([noteSync.syncAll().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

export async function forgetOfflineData(): Promise<void> {
  noteStore.forgetAll();
  forgetLiveStates();
  forgetPackageRecords();
  forgetRemembered();
  try {
    localStorage.removeItem(OWNER_KEY);
  } catch {
    // nothing stored
  }
  await forgetDocuments().catch(() => undefined);
}

/** After a login: the data on the tablet is this user's, or it is cleared. */
export async function claimOfflineData(userId: number): Promise<void> {
  let owner: string | null;
  try {
    owner = localStorage.getItem(OWNER_KEY);
  } catch {
    return;
  }
  if (owner !== null && owner !== String(userId)) await forgetOfflineData();
  try {
    localStorage.setItem(OWNER_KEY, String(userId));
  } catch {
    // not remembered: cleared again at the next login of someone else
  }
}
