// One signature in words: the verdict, each check (Nguyên vẹn / Đã bị sửa đổi, Hợp lệ / Không hợp
// lệ, Tin cậy / Chưa xác định nguồn tin cậy), who signed and when (Vietnam time), the problems and
// the certificate.
import { useI18n } from "../i18n/I18nProvider";
import { problemTexts, signatureFacts, signatureVerdict } from "./signatures";
import type { Signature } from "./types";
import { formatVietnamTime } from "./vietnamTime";

export function SignatureDetails({ signature }: { signature: Signature }) {
  const { t, language } = useI18n();
  const verdict = signatureVerdict(signature);
  const problems = problemTexts(signature.problems, t);
  const certificate = signature.certificate;
  return (
    <li className={`signature signature--${verdict}`}>
      <p className="signature__verdict">{t(`signature.verdict.${verdict}`)}</p>
      <p className="signature__signer">{t("signature.signer", { name: signature.signer })}</p>
      <p className="muted">
        {signature.signed_at ? t("signature.signedAt", { time: formatVietnamTime(signature.signed_at, language) }) : t("signature.signedAtUnknown")}
        {signature.timestamped ? ` · ${t("signature.timestamped")}` : ""}
      </p>
      <ul className="signature__facts">
        {signatureFacts(signature).map((fact) => (
          <li key={fact.key} className={`signature__fact signature__fact--${fact.ok ? "ok" : "bad"}`}>
            <span aria-hidden="true">{fact.ok ? "✓" : "✗"}</span> {t(fact.key)}
          </li>
        ))}
      </ul>
      {problems.length > 0 && (
        <p className="signature__problems">
          {t("signature.problems")}: {problems.join("; ")}
        </p>
      )}
      {certificate && (
        <dl className="signature__certificate" aria-label={t("signature.certificate")}>
          <dt>{t("signature.subject")}</dt>
          <dd>{certificate.subject}</dd>
          <dt>{t("signature.issuer")}</dt>
          <dd>{certificate.issuer}</dd>
          <dt>{t("signature.serial")}</dt>
          <dd className="signature__serial">{certificate.serial}</dd>
          <dt>{t("signature.notAfter")}</dt>
          <dd>{formatVietnamTime(certificate.not_after, language)}</dd>
        </dl>
      )}
    </li>
  );
}
