// The minutes' state at a glance: Dự thảo (with its revision) or Đã hoàn thành, and, once final,
// the link to the final minutes' document.
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import type { Minutes } from "./types";

export function MinutesHead({ meetingId, minutes }: { meetingId: number; minutes: Minutes }) {
  const { t, formatDateTime } = useI18n();
  const final = minutes.state === "final";
  return (
    <div className="minutes-head">
      <span className={`badge badge--minutes-${minutes.state}`}>{t(`minutes.state.${minutes.state}`)}</span>
      <span className="muted">{t("minutes.version", { version: minutes.version })}</span>
      {final && minutes.finalized_at && <span className="muted">{t("minutes.finalizedAt", { time: formatDateTime(minutes.finalized_at) })}</span>}
      {final && minutes.document_id !== null && (
        <Link className="button button--primary" href={paths.reader(meetingId, minutes.document_id)}>
          {t("minutes.finalDocument")}
        </Link>
      )}
    </div>
  );
}
