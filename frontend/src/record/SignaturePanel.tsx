// The signatures of a document's current version (GET /documents/{id}/signatures), checked by
// the server. Keyed by the version where it is shown: a new version (signing makes one) loads again.
import { messageOf } from "../api/errors";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { documentSignatures } from "./api";
import { SignatureDetails } from "./SignatureDetails";

export function SignaturePanel({ id, documentId }: { id: string; documentId: number }) {
  const { t } = useI18n();
  const signatures = useAsync(() => documentSignatures(documentId), [documentId]);
  return (
    <div id={id} className="signature-panel" role="region" aria-label={t("signature.title")}>
      {signatures.error != null && <ErrorNotice message={messageOf(signatures.error, t("common.error"))} onRetry={signatures.reload} retryLabel={t("common.retry")} />}
      {signatures.loading && !signatures.data && <p className="loading">{t("common.loading")}</p>}
      {signatures.data && signatures.data.length === 0 && <p className="empty">{t("signature.none")}</p>}
      {signatures.data && signatures.data.length > 0 && (
        <ul className="signature-list">
          {signatures.data.map((signature, index) => (
            <SignatureDetails key={`${index}:${signature.signer}`} signature={signature} />
          ))}
        </ul>
      )}
    </div>
  );
}
