import type { Attendance } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";

/** Present / seated, the quorum needed, and whether it is met: readable at a glance. */
export function AttendanceBar({ attendance }: { attendance: Attendance | null }) {
  const { t } = useI18n();
  if (!attendance) return null;
  return (
    <div className={`attendance ${attendance.quorate ? "attendance--quorate" : "attendance--short"}`}>
      <strong>{t("attendance.present", { present: attendance.present, seated: attendance.seated })}</strong>
      <span>{t("attendance.required", { required: attendance.quorum_required })}</span>
      <span className="attendance__verdict">{attendance.quorate ? t("attendance.quorate") : t("attendance.notQuorate")}</span>
    </div>
  );
}
