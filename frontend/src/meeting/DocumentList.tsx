import type { DocumentInfo } from "../api/types";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import { versionKey } from "../offline/documentStore";
import { DocumentSignatures } from "../record/DocumentSignatures";

interface DocumentListProps {
  meetingId: number;
  documents: DocumentInfo[];
  emptyText: string;
  /** The meeting's council (who may sign there); null while unknown. */
  councilId: number | null;
  /** "documentId:version" of the versions stored on this tablet, to mark them. */
  stored?: Set<string>;
}

export function DocumentList({ meetingId, documents, emptyText, councilId, stored }: DocumentListProps) {
  const { t } = useI18n();
  if (documents.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ul className="documents">
      {documents.map((document) => (
        <li key={document.id} className="documents__entry">
          <Link className="document-card" href={paths.reader(meetingId, document.id)}>
            <span className="document-card__icon" aria-hidden="true">
              PDF
            </span>
            <span className="document-card__body">
              <span className="document-card__title">{document.title}</span>
              <span className="document-card__meta">
                {t(`document.kind.${document.kind}`)}
                {document.pages ? ` · ${t("document.pages", { count: document.pages })}` : ""}
                {document.version > 1 ? ` · ${t("document.version", { version: document.version })}` : ""}
              </span>
              {stored?.has(versionKey(document.id, document.version)) && (
                <span className="document-card__offline" title={t("offline.onDeviceHint")}>
                  ✓ {t("offline.onDevice")}
                </span>
              )}
            </span>
            {document.confidential && <span className="badge badge--confidential">{t("document.confidential")}</span>}
          </Link>
          <DocumentSignatures document={document} councilId={councilId} />
        </li>
      ))}
    </ul>
  );
}
