// The reader's private notes for one document: loaded once, saved as the whole list (PUT).
import { useCallback, useEffect, useRef, useState } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import type { Note } from "../api/types";
import { withNote } from "./notes";

export type SaveState = "idle" | "saving" | "saved" | "failed";

export function useNotes(documentId: number) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<Note[]>([]);

  useEffect(() => {
    let cancelled = false;
    call(api.GET("/api/v1/documents/{document_id}/annotations", { params: { path: { document_id: documentId } } }))
      .then((answer) => {
        if (cancelled) return;
        latest.current = answer.items;
        setNotes(answer.items);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [documentId]);

  const save = useCallback(
    async (page: number, text: string) => {
      const next = withNote(latest.current, page, text);
      latest.current = next;
      setNotes(next);
      setSaveState("saving");
      setError(null);
      try {
        await call(
          api.PUT("/api/v1/documents/{document_id}/annotations", {
            params: { path: { document_id: documentId } },
            body: { items: next },
          }),
        );
        if (latest.current === next) setSaveState("saved");
      } catch (failure) {
        setSaveState("failed");
        setError(messageOf(failure, ""));
      }
    },
    [documentId],
  );

  return { notes, save, saveState, error };
}
