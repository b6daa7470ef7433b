// Upload several PDFs at once, each with its own progress bar; refused files show why. Each
// chosen file gets a title first (its PDF title or file name, editable), then "Tải lên" sends.
import { useEffect, useReducer, useRef, useState } from "react";
import { messageOf } from "../api/errors";
import { newUploadKey, uploadFormData, uploadWithProgress } from "../api/upload";
import type { AgendaItem } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { DocumentFields, type DocumentFieldValues } from "./DocumentEdit";
import { readPdfTitle } from "./pdfTitle";
import { nextToStart, uploadReducer } from "./uploadQueue";

const PARALLEL_UPLOADS = 2;

export function DocumentUploader({ meetingId, agenda }: { meetingId: number; agenda: AgendaItem[] }) {
  const { t } = useI18n();
  const [entries, dispatch] = useReducer(uploadReducer, []);
  const files = useRef(new Map<string, { file: File } & DocumentFieldValues>());
  const [fields, setFields] = useState<DocumentFieldValues>({ itemId: null, kind: "proposal", confidential: false });
  const input = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    for (const entry of nextToStart(entries, PARALLEL_UPLOADS)) {
      const job = files.current.get(entry.id);
      if (!job) continue;
      dispatch({ type: "start", id: entry.id });
      // An empty title lets the server take the PDF's own title, else the file name.
      const form = uploadFormData(job.file, job.file.name, {
        title: entry.title.trim(),
        kind: job.kind,
        agendaItemId: job.itemId,
        confidential: job.confidential,
      });
      // The entry id doubles as the Idempotency-Key: a retried upload is stored once.
      const upload = uploadWithProgress(`/api/v1/meetings/${meetingId}/documents`, form, entry.id, (fraction) =>
        dispatch({ type: "progress", id: entry.id, fraction }),
      );
      upload.done.then(
        () => dispatch({ type: "done", id: entry.id }),
        (failure: unknown) => dispatch({ type: "refused", id: entry.id, message: messageOf(failure, t("common.error")) }),
      );
    }
  }, [entries, meetingId, t]);

  function choose(list: FileList | null) {
    if (!list || list.length === 0) return;
    const added = Array.from(list).map((file) => {
      const id = newUploadKey();
      files.current.set(id, { file, ...fields });
      return { id, name: file.name, size: file.size };
    });
    dispatch({ type: "add", files: added, staged: true });
    for (const { id } of added) {
      const job = files.current.get(id);
      if (job) void readPdfTitle(job.file).then((title) => title && dispatch({ type: "title", id, title, typed: false }));
    }
    if (input.current) input.current.value = "";
  }

  return (
    <section className="panel uploader">
      <h2>{t("secretariat.upload")}</h2>
      <DocumentFields agenda={agenda} fields={fields} onChange={setFields} />
      <label className="button button--primary button--large file-picker">
        {t("secretariat.chooseFiles")}
        <input ref={input} type="file" accept="application/pdf,.pdf" multiple onChange={(event) => choose(event.target.files)} />
      </label>
      <ul className="uploads">
        {entries.map((entry) => (
          <li key={entry.id} className={`upload upload--${entry.status}`}>
            {entry.status === "staged" ? (
              <label className="field upload__title">
                <span>
                  {t("secretariat.documentTitle")} · {entry.name}
                </span>
                <input value={entry.title} onChange={(event) => dispatch({ type: "title", id: entry.id, title: event.target.value, typed: true })} />
              </label>
            ) : (
              <span className="upload__name">
                {entry.title ? `${entry.title} · ` : ""}
                {entry.name}
              </span>
            )}
            <span className="upload__track">
              <span style={{ width: `${entry.progress * 100}%` }} />
            </span>
            <span className="upload__status">
              {entry.status === "done" && `✓ ${t("secretariat.uploaded")}`}
              {entry.status === "uploading" && `${Math.round(entry.progress * 100)}%`}
              {entry.status === "refused" && t("secretariat.refused", { message: entry.message ?? "" })}
            </span>
          </li>
        ))}
      </ul>
      {entries.some((entry) => entry.status === "staged") && (
        <button type="button" className="button button--primary" onClick={() => dispatch({ type: "send" })}>
          {t("secretariat.upload")}
        </button>
      )}
    </section>
  );
}
