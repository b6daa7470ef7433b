// One document's details for the secretariat: title, kind, the agenda item it belongs to,
// confidential (PATCH /api/v1/documents/{id}); delete it after a confirmation.
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import { DOCUMENT_KINDS, type AgendaItem, type DocumentInfo, type DocumentKind } from "../api/types";
import { useConfirm } from "../components/ConfirmDialog";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { AgendaItemSelect } from "./AgendaItemSelect";

export function DocumentEdit({ document, agenda, onDone }: { document: DocumentInfo; agenda: AgendaItem[]; onDone: () => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const { confirm, dialog } = useConfirm();
  const [title, setTitle] = useState(document.title);
  const [fields, setFields] = useState<DocumentFieldValues>({ itemId: document.agenda_item_id ?? null, kind: document.kind, confidential: document.confidential });
  const path = { params: { path: { document_id: document.id } } };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    const body = { title: title.trim(), kind: fields.kind, agenda_item_id: fields.itemId, confidential: fields.confidential };
    void run(() => call(api.PATCH("/api/v1/documents/{document_id}", { ...path, body }))).then((done) => done && onDone());
  };
  const remove = () =>
    confirm(
      { title: t("confirm.deleteDocument.title", { title: document.title }), message: t("confirm.deleteDocument.message"), confirmLabel: t("edit.delete"), danger: true },
      () => void run(() => call(api.DELETE("/api/v1/documents/{document_id}", path))).then((done) => done && onDone()),
    );

  return (
    <form className="document-edit" onSubmit={save}>
      <label className="field">
        <span>{t("secretariat.documentTitle")}</span>
        <input required value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <DocumentFields agenda={agenda} fields={fields} onChange={setFields} />
      {error && <ErrorNotice message={error} />}
      <div className="document-edit__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("common.cancel")}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={remove}>
          {t("edit.delete")}
        </button>
      </div>
      {dialog}
    </form>
  );
}

export interface DocumentFieldValues {
  itemId: number | null;
  kind: DocumentKind;
  confidential: boolean;
}

/** The agenda item, kind and confidential flag of a document: for an upload and for an edit. */
export function DocumentFields({ agenda, fields, onChange }: { agenda: AgendaItem[]; fields: DocumentFieldValues; onChange: (fields: DocumentFieldValues) => void }) {
  const { t } = useI18n();
  return (
    <>
      <div className="field-row">
        <AgendaItemSelect label={t("secretariat.forItem")} noneLabel={t("secretariat.noItem")} agenda={agenda} value={fields.itemId} onChange={(itemId) => onChange({ ...fields, itemId })} />
        <KindSelect value={fields.kind} onChange={(kind) => onChange({ ...fields, kind })} />
      </div>
      <label className="toggle">
        <input type="checkbox" checked={fields.confidential} onChange={(event) => onChange({ ...fields, confidential: event.target.checked })} />
        <span>{t("secretariat.confidential")}</span>
      </label>
    </>
  );
}

/** The kind of a document (tờ trình, dự thảo nghị quyết, …). */
export function KindSelect({ value, onChange }: { value: DocumentKind; onChange: (kind: DocumentKind) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t("secretariat.docKind")}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as DocumentKind)}>
        {DOCUMENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`document.kind.${kind}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
