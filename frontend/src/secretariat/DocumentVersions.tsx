// The meeting's documents for the secretariat, each with "replace with a new version": the file
// goes up with a progress bar (POST /api/v1/documents/{id}/versions); the old version stays
// readable and tablets are told (document.updated) and offered the new one. Each names its
// agenda item and can be edited or deleted (DocumentEdit); its digital signatures (and "Ký chứng
// thực" on resolutions and minutes): DocumentSignatures.
import { useState } from "react";
import { messageOf } from "../api/errors";
import type { AgendaItem, DocumentInfo } from "../api/types";
import { newUploadKey, uploadWithProgress } from "../api/upload";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import { findItem, itemLabel } from "../meeting/selectors";
import { DocumentSignatures } from "../record/DocumentSignatures";
import { DocumentEdit } from "./DocumentEdit";

/** "Thuộc nội dung: 2.1. Tờ trình …", or that it belongs to no item. */
function itemOf(agenda: AgendaItem[], document: DocumentInfo, none: string, named: (item: string) => string): string {
  const item = findItem(agenda, document.agenda_item_id ?? null);
  return item ? named(itemLabel(item)) : none;
}

type Replacement = { status: "uploading"; fileName: string; progress: number } | { status: "done"; version: number } | { status: "refused"; fileName: string; message: string };

export function DocumentVersions({ meetingId, councilId, documents, agenda }: { meetingId: number; councilId: number | null; documents: DocumentInfo[]; agenda: AgendaItem[] }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<number | null>(null);
  const [replacing, setReplacing] = useState<Record<number, Replacement>>({});
  const set = (documentId: number, replacement: Replacement) => setReplacing((current) => ({ ...current, [documentId]: replacement }));

  function replace(document: DocumentInfo, file: File | undefined) {
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    set(document.id, { status: "uploading", fileName: file.name, progress: 0 });
    const upload = uploadWithProgress<DocumentInfo>(`/api/v1/documents/${document.id}/versions`, form, newUploadKey(), (progress) =>
      setReplacing((current) => {
        const known = current[document.id];
        return known?.status === "uploading" ? { ...current, [document.id]: { ...known, progress } } : current;
      }),
    );
    upload.done.then(
      (answer) => set(document.id, { status: "done", version: answer.version }),
      (failure: unknown) => set(document.id, { status: "refused", fileName: file.name, message: messageOf(failure, t("common.error")) }),
    );
  }

  if (documents.length === 0) return <p className="empty">{t("common.none")}</p>;
  return (
    <ul className="managed-documents">
      {documents.map((document) => {
        const state = replacing[document.id];
        return (
          <li key={document.id} className={`managed-document${state ? ` upload--${state.status}` : ""}`}>
            <div className="managed-document__main">
              <Link className="managed-document__title" href={paths.reader(meetingId, document.id)}>
                {document.title}
              </Link>
              <span className="muted">
                {t(`document.kind.${document.kind}`)} · {t("document.version", { version: document.version })}
                {document.pages ? ` · ${t("document.pages", { count: document.pages })}` : ""}
                {document.confidential ? ` · ${t("document.confidential")}` : ""}
              </span>
              <span className="managed-document__item">{itemOf(agenda, document, t("secretariat.noItem"), (item) => t("secretariat.documentItem", { item }))}</span>
            </div>
            <button type="button" className="button" aria-label={`${t("edit.edit")}: ${document.title}`} onClick={() => setEditing(editing === document.id ? null : document.id)}>
              {t("edit.edit")}
            </button>
            <label className={`button file-picker${state?.status === "uploading" ? " button--disabled" : ""}`}>
              {t("secretariat.replace")}
              <input
                type="file"
                accept="application/pdf,.pdf"
                disabled={state?.status === "uploading"}
                aria-label={`${t("secretariat.replace")}: ${document.title}`}
                onChange={(event) => {
                  replace(document, event.target.files?.[0]);
                  event.target.value = "";
                }}
              />
            </label>
            <DocumentSignatures document={document} councilId={councilId} />
            {editing === document.id && <DocumentEdit document={document} agenda={agenda} onDone={() => setEditing(null)} />}
            {state?.status === "uploading" && (
              <div className="managed-document__progress">
                <span className="upload__track">
                  <span style={{ width: `${state.progress * 100}%` }} />
                </span>
                <span>
                  {state.fileName} · {Math.round(state.progress * 100)}%
                </span>
              </div>
            )}
            {state?.status === "done" && <p className="managed-document__result">✓ {t("secretariat.replaced", { version: state.version })}</p>}
            {state?.status === "refused" && <p className="notice notice--error">{t("secretariat.refused", { message: `${state.fileName}: ${state.message}` })}</p>}
          </li>
        );
      })}
    </ul>
  );
}
