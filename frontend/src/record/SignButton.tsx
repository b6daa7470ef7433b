// "Ký chứng thực": the document signed (PAdES, with a visible stamp) by the caller's registered
// key, after a confirmation; the signed file is a new version. 409 no_signing_key said plainly.
import { useState } from "react";
import type { DocumentInfo } from "../api/types";
import { useConfirm } from "../components/ConfirmDialog";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { signDocument } from "./api";
import { signingError } from "./signatures";

export function SignButton({ document, onSigned }: { document: DocumentInfo; onSigned: () => void }) {
  const { t } = useI18n();
  const { confirm, dialog } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signed, setSigned] = useState<number | null>(null);

  async function sign() {
    setBusy(true);
    setError(null);
    setSigned(null);
    try {
      const answer = await signDocument(document.id);
      setSigned(answer.version);
      onSigned();
    } catch (failure) {
      setError(signingError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-label={t("signature.signNamed", { title: document.title })}
        onClick={() => confirm({ title: t("signature.signTitle", { title: document.title }), message: t("signature.signMessage"), confirmLabel: t("signature.sign") }, () => void sign())}
      >
        {busy ? t("common.saving") : t("signature.sign")}
      </button>
      {signed !== null && (
        <span role="status" className="signature-signed">
          ✓ {t("signature.signed", { version: signed })}
        </span>
      )}
      {error && <ErrorNotice message={error} />}
      {dialog}
    </>
  );
}
