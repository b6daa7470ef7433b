import type { Attendance } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { presentSummary } from "./attendanceText";

/** Present / seated (how many of them online), the quorum needed, and whether it is met: readable at a glance. */
export function AttendanceBar({ attendance }: { attendance: Attendance | null }) {
  const { t } = useI18n();
  if (!attendance) return null;
  return (
    <div className={`attendance ${attendance.quorate ? "attendance--quorate" : "attendance--short"}`}>
      <strong>{presentSummary(t, attendance)}</strong>
      <span>{t("attendance.required", { required: attendance.quorum_required })}</span>
      <span className="attendance__verdict">{attendance.quorate ? t("attendance.quorate") : t("attendance.notQuorate")}</span>
    </div>
  );
}
