import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { Note } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { noteFor, pagesWithNotes } from "./notes";
import type { SaveState } from "./useNotes";

interface NotesPanelProps {
  page: number;
  notes: Note[];
  saveState: SaveState;
  error: string | null;
  /** Pages whose note was changed on another device too: both texts were kept. */
  conflicts: number[];
  /** Never rejects: how saving went comes back in saveState and error. */
  onSave: (page: number, text: string) => Promise<void>;
  onOpenPage: (page: number) => void;
}

interface Edit {
  page: number;
  text: string;
}

/** The private note of the page on screen, saved a moment after typing stops. */
export function NotesPanel({ page, notes, saveState, error, conflicts, onSave, onOpenPage }: NotesPanelProps) {
  const { t } = useI18n();
  const saved = noteFor(notes, page);
  // What is being typed; null shows the saved note (which follows the server and merges).
  const [edit, setEdit] = useState<Edit | null>(null);
  const sent = useRef<Edit | null>(null);
  const typing = edit?.page === page ? edit.text : null;

  function send(notePage: number, text: string) {
    sent.current = { page: notePage, text };
    void onSave(notePage, text);
  }
  // The timer below sends with the onSave of the moment it fires, without restarting for a new one.
  const sendTyped = useEffectEvent(send);

  // Once sent, the text on screen is the saved one again (possibly merged with another device's).
  useEffect(() => {
    setEdit((current) => (current && sent.current && current.page === sent.current.page && current.text === sent.current.text ? null : current));
  }, [saved]);

  useEffect(() => {
    if (typing === null || typing === saved) return;
    const timer = setTimeout(() => sendTyped(page, typing), 800);
    return () => clearTimeout(timer);
  }, [typing, saved, page]);

  const noted = pagesWithNotes(notes);
  return (
    <section className="side-panel notes">
      <label className="field">
        <span>{t("reader.notesForPage", { page })}</span>
        <textarea
          rows={8}
          value={typing ?? saved}
          onChange={(event) => setEdit({ page, text: event.target.value })}
          onBlur={() => typing !== null && typing !== saved && send(page, typing)}
        />
      </label>
      <p className="muted" role="status">
        {t("reader.notesPrivate")}{" "}
        {saveState === "saving" && t("common.saving")}
        {saveState === "saved" && typing === null && `✓ ${t("common.saved")}`}
      </p>
      {saveState === "queued" && <p className="notice notice--info">{t("reader.noteQueued")}</p>}
      {conflicts.includes(page) && <p className="notice notice--info">{t("reader.noteMerged")}</p>}
      {saveState === "failed" && error !== null && <p className="notice notice--error">{t("reader.noteSaveFailed", { message: error })}</p>}
      {noted.length > 0 && (
        <>
          <h3>{t("reader.notesOther")}</h3>
          <div className="noted-pages">
            {noted.map((notedPage) => (
              <button key={notedPage} type="button" className={`button${notedPage === page ? " button--primary" : ""}`} onClick={() => onOpenPage(notedPage)}>
                {notedPage}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
