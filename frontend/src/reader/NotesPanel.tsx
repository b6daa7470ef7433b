import { useEffect, useState } from "react";
import type { Note } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { noteFor, pagesWithNotes } from "./notes";
import type { SaveState } from "./useNotes";

interface NotesPanelProps {
  page: number;
  notes: Note[];
  saveState: SaveState;
  error: string | null;
  onSave: (page: number, text: string) => void;
  onOpenPage: (page: number) => void;
}

/** The private note of the page on screen, saved a moment after typing stops. */
export function NotesPanel({ page, notes, saveState, error, onSave, onOpenPage }: NotesPanelProps) {
  const { t } = useI18n();
  const saved = noteFor(notes, page);
  const [draft, setDraft] = useState(saved);

  // A new page starts from its saved note; saving must not reset what is being typed.
  useEffect(() => setDraft(noteFor(notes, page)), [page]);

  useEffect(() => {
    if (draft === saved) return;
    const timer = setTimeout(() => onSave(page, draft), 800);
    return () => clearTimeout(timer);
  }, [draft, saved, page, onSave]);

  const noted = pagesWithNotes(notes);
  return (
    <section className="side-panel notes">
      <label className="field">
        <span>{t("reader.notesForPage", { page })}</span>
        <textarea rows={8} value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={() => draft !== saved && onSave(page, draft)} />
      </label>
      <p className="muted">
        {t("reader.notesPrivate")}{" "}
        {saveState === "saving" && t("common.saving")}
        {saveState === "saved" && draft === saved && `✓ ${t("common.saved")}`}
      </p>
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
