// Beside a document in any list: "Đã ký số (n)" when its current version carries signatures,
// opening their details; "Ký chứng thực" for the chair and the secretariat on resolutions and
// minutes.
import { useId, useState } from "react";
import type { DocumentInfo } from "../api/types";
import { useSession } from "../auth/SessionProvider";
import { useI18n } from "../i18n/I18nProvider";
import { SignaturePanel } from "./SignaturePanel";
import { maySign, signatureCount } from "./signatures";
import { SignButton } from "./SignButton";
import "./record.css";

export function DocumentSignatures({ document, councilId }: { document: DocumentInfo; councilId: number | null }) {
  const { t } = useI18n();
  const { me } = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  const count = signatureCount(document);
  const signer = councilId !== null && maySign(me, councilId, document.kind);
  if (count === 0 && !signer) return null;
  return (
    <div className="document-signatures">
      <div className="document-signatures__bar">
        {count > 0 && (
          <button
            type="button"
            className="badge badge--signed"
            aria-expanded={open}
            aria-controls={open ? id : undefined}
            aria-label={t("signature.badgeLabel", { count, title: document.title })}
            onClick={() => setOpen(!open)}
          >
            ✓ {t("signature.badge", { count })}
          </button>
        )}
        {signer && <SignButton document={document} onSigned={() => setOpen(true)} />}
      </div>
      {open && count > 0 && <SignaturePanel key={document.version} id={id} documentId={document.id} />}
    </div>
  );
}
