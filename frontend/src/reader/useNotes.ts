// The reader's private notes for one document. Every edit is queued on the tablet first
// (offline/noteStore.ts) and then sent: the server's notes are read, merged with the queue page
// by page and written back (offline/noteSync.ts), so a note written on another device meanwhile
// is never overwritten. Without a network the edit stays queued and is sent when it returns.
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../api/errors";
import type { Note } from "../api/types";
import { queueEdit, withQueued } from "../offline/noteQueue";
import { noteStore } from "../offline/noteStore";
import { noteSync, type SyncOutcome } from "../offline/noteSync";

/** queued: kept on this tablet, to be sent when the network returns. */
export type SaveState = "idle" | "saving" | "saved" | "queued" | "failed";

function shown(documentId: number): Note[] {
  const record = noteStore.read(documentId);
  return withQueued(record.server, record.queued);
}

export function useNotes(documentId: number) {
  const [notes, setNotes] = useState<Note[]>(() => shown(documentId));
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [error, setError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<number[]>([]);
  // Another document: what the tablet knows of its notes at once (adjusted while rendering).
  const [shownFor, setShownFor] = useState(documentId);
  if (shownFor !== documentId) {
    setShownFor(documentId);
    setNotes(shown(documentId));
    setSaveState("idle");
    setError(null);
    setConflicts([]);
  }

  const settle = useCallback(
    (outcome: SyncOutcome, after: "send" | "load") => {
      setNotes(shown(documentId));
      if (outcome.status === "sent") {
        setSaveState("saved");
        setError(null);
        setConflicts(outcome.conflicts);
      } else if (outcome.status === "queued") {
        if (after === "send") setSaveState("queued");
      } else if (outcome.status === "refused") {
        setSaveState("failed");
        setError(messageOf(outcome.error, ""));
      }
    },
    [documentId],
  );

  // Then what the server has (sending any queued edits), and again when the network returns.
  // (noteSync never rejects: a failure is an outcome.)
  useEffect(() => {
    let cancelled = false;
    const refresh = () => {
      void noteSync.refresh(documentId).then((outcome) => !cancelled && settle(outcome, "load"));
    };
    refresh();
    window.addEventListener("online", refresh);
    return () => {
      cancelled = true;
      window.removeEventListener("online", refresh);
    };
  }, [documentId, settle]);

  const save = useCallback(
    async (page: number, text: string) => {
      const record = noteStore.read(documentId);
      noteStore.write(documentId, { ...record, queued: queueEdit(record.queued, record.server, page, text) });
      setNotes(shown(documentId));
      setSaveState("saving");
      setError(null);
      settle(await noteSync.sync(documentId), "send");
    },
    [documentId, settle],
  );

  return { notes, save, saveState, error, conflicts };
}
