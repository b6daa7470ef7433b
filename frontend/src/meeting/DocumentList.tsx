import type { DocumentInfo } from "../api/types";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import { versionKey } from "../offline/documentStore";

interface DocumentListProps {
  meetingId: number;
  documents: DocumentInfo[];
  emptyText: string;
  /** "documentId:version" of the versions stored on this tablet, to mark them. */
  stored?: Set<string>;
}

export function DocumentList({ meetingId, documents, emptyText, stored }: DocumentListProps) {
  const { t } = useI18n();
  if (documents.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ul className="documents">
      {documents.map((document) => (
        <li key={document.id}>
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
        </li>
      ))}
    </ul>
  );
}
