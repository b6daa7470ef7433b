// Which document versions are on this tablet, shared by every component that shows it (the
// package button, the document lists); refreshed after a download.
import { useEffect, useSyncExternalStore } from "react";
import { storedVersions } from "./documentStore";

let known: Set<string> = new Set();
const listeners = new Set<() => void>();

export async function refreshStoredVersions(): Promise<void> {
  try {
    known = await storedVersions();
  } catch {
    known = new Set();
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** "documentId:version" keys of the stored files. */
export function useStoredVersions(): Set<string> {
  useEffect(() => {
    void refreshStoredVersions();
  }, []);
  return useSyncExternalStore(subscribe, () => known);
}
