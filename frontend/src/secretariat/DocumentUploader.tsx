// Upload several PDFs at once, each with its own progress bar; refused files show why.
import { useEffect, useReducer, useRef, useState } from "react";
import { messageOf } from "../api/errors";
import { newUploadKey, uploadFormData, uploadWithProgress } from "../api/upload";
import { DOCUMENT_KINDS, type AgendaItem, type DocumentKind } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { AgendaItemSelect } from "./AgendaItemSelect";
import { nextToStart, titleFromFileName, uploadReducer } from "./uploadQueue";

const PARALLEL_UPLOADS = 2;

export function DocumentUploader({ meetingId, agenda }: { meetingId: number; agenda: AgendaItem[] }) {
  const { t } = useI18n();
  const [entries, dispatch] = useReducer(uploadReducer, []);
  const files = useRef(new Map<string, { file: File; itemId: number | null; kind: DocumentKind; confidential: boolean }>());
  const [itemId, setItemId] = useState<number | null>(null);
  const [kind, setKind] = useState<DocumentKind>("proposal");
  const [confidential, setConfidential] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    for (const entry of nextToStart(entries, PARALLEL_UPLOADS)) {
      const job = files.current.get(entry.id);
      if (!job) continue;
      dispatch({ type: "start", id: entry.id });
      const form = uploadFormData(job.file, job.file.name, {
        title: titleFromFileName(job.file.name),
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
      files.current.set(id, { file, itemId, kind, confidential });
      return { id, name: file.name, size: file.size };
    });
    dispatch({ type: "add", files: added });
    if (input.current) input.current.value = "";
  }

  return (
    <section className="panel uploader">
      <h2>{t("secretariat.upload")}</h2>
      <div className="field-row">
        <AgendaItemSelect label={t("secretariat.forItem")} noneLabel={t("secretariat.noItem")} agenda={agenda} value={itemId} onChange={setItemId} />
        <label className="field">
          <span>{t("secretariat.docKind")}</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as DocumentKind)}>
            {DOCUMENT_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`document.kind.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={confidential} onChange={(event) => setConfidential(event.target.checked)} />
        <span>{t("secretariat.confidential")}</span>
      </label>
      <label className="button button--primary button--large file-picker">
        {t("secretariat.chooseFiles")}
        <input ref={input} type="file" accept="application/pdf,.pdf" multiple onChange={(event) => choose(event.target.files)} />
      </label>
      <ul className="uploads">
        {entries.map((entry) => (
          <li key={entry.id} className={`upload upload--${entry.status}`}>
            <span className="upload__name">{entry.name}</span>
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
    </section>
  );
}
